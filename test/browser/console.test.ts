// The director console (`GET /?token=`) in real headless Chromium (software WebGL2) against the real engine: it
// connects, draws the stage, lists the tracked camera, shows only what the role may do, reports tracking health and
// applies a latency offset, and comes back by itself after the engine restarts; the suggestion UI with suggestions
// injected into the page's /live stream, then against the engine's own AI director.
import { mkdir, writeFile } from 'node:fs/promises';
import { encode, Message } from 'node-osc';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SuggestionWire } from '../../engine/protocol/LiveMessages.ts';
import type { VantageConsoleStatus } from '../../stage-ui/console/state/exposeStatus.ts';
import { launchBrowser } from '../support/browser.ts';
import { routeLive } from '../support/injectSuggestions.ts';
import { connectLive } from '../support/liveClient.ts';
import { pixelStats } from '../support/pixels.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

const OUT = new URL('../../test-output/', import.meta.url).pathname;
const CAMERA = 'osc-cam';
const SOURCE = `osc:${CAMERA}`;
const f = (value: number) => ({ type: 'float', value });

let te: TestEngine;
let udp: UdpClient;
let browser: Browser;
let sender: NodeJS.Timeout;
/** The pose the background sender keeps fresh: x (m) and pan (deg). */
const pose = { x: -0.6, panDeg: 8 };
const pages: Page[] = [];

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  te = await startTestEngine();
  udp = createUdpClient();
  // A tracked camera (and a talent) that stays fresh for the whole file: the hub marks a source stale after 100 ms.
  sender = setInterval(() => {
    void udp.send(encode(new Message(`/camera/${CAMERA}/euler`, ...[pose.x, 1.6, 3.5, pose.panDeg, 0, 0].map(f))), te.ports.osc).catch(() => {});
    void udp.send(encode(new Message('/subject/talent1/position', ...[0.3, 0, -1].map(f))), te.ports.osc).catch(() => {});
  }, 20);
  browser = await launchBrowser();
});
// Each open console renders two WebGL views in software: close them after every test so they don't pile up.
afterEach(async () => {
  for (const p of pages.splice(0)) await p.close().catch(() => {});
});
afterAll(async () => {
  clearInterval(sender);
  await browser?.close();
  await udp?.close();
  await te?.close();
});

type Role = 'director' | 'operator' | 'designer' | 'viewer';

async function status(page: Page): Promise<VantageConsoleStatus> {
  return page.evaluate(() => (window as unknown as { vantageConsole: VantageConsoleStatus }).vantageConsole);
}

interface OpenOptions {
  width?: number;
  height?: number;
  /** Suggestions to inject into the /live stream after the first frame (the engine sends none yet). */
  inject?: boolean;
  /** Add these to hello.allowedCommands (what the engine's director will register). */
  allow?: string[];
  errors?: string[];
}

/** Opens the console for a role and waits until it is connected and receiving frames. */
async function openConsole(role: Role, options: OpenOptions = {}): Promise<Page> {
  // 1600×900 is the smallest wide layout: cheaper to render in software than 1920×1080.
  const page = await browser.newPage({ viewport: { width: options.width ?? 1600, height: options.height ?? 900 } });
  pages.push(page);
  page.on('pageerror', (e) => options.errors?.push(e.message));
  if (options.inject || options.allow) await routeLive(page, options);
  await page.goto(te.url('/', role));
  await waitFor(async () => {
    const s = await status(page).catch(() => undefined);
    return s?.connection.state === 'open' && s.frame > 0;
  }, 15000, 'console connected with frames');
  return page;
}

const DIRECTOR_COMMANDS = ['suggestion.accept', 'suggestion.reject', 'suggestion.adjust', 'move.pause', 'move.resume', 'move.abort', 'move.reset', 'move.scrub', 'move.speed', 'move.adjust', 'move.start'];

describe('director console /', () => {
  it('loads for a director: connected, the stage drawn, the tracked camera in the stage view and the camera list', async () => {
    const errors: string[] = [];
    const page = await openConsole('director', { errors, width: 1920, height: 1080 });
    await expect.poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('open');
    expect(await page.getByTestId('connection').textContent()).toMatch(/live/i);
    expect(await page.getByTestId('role').textContent()).toBe('director');

    await waitFor(async () => (await status(page)).cameraIds.includes(CAMERA), 5000, 'tracked camera in frames');
    await expect.poll(() => page.locator(`[data-testid="camera-select"] option[value="${CAMERA}"]`).count()).toBe(1);
    await expect.poll(() => page.getByTestId(`rig-${CAMERA}`).isVisible(), { timeout: 10000 }).toBe(true);
    expect(await page.locator('[data-testid="stage-view"] canvas').count()).toBe(1);

    // Both views actually draw: they rendered frames and are not a flat colour.
    await waitFor(async () => (await status(page)).stageRenders > 3 && (await status(page)).cameraRenders > 3, 15000, '3D views rendering');
    const stage = await page.getByTestId('stage-view').screenshot();
    const camera = await page.getByTestId('camera-view').screenshot();
    await writeFile(`${OUT}console-stage.png`, stage);
    await writeFile(`${OUT}console-camera.png`, camera);
    expect(pixelStats(stage).lumaStdDev).toBeGreaterThan(8);
    expect(pixelStats(camera).lumaStdDev).toBeGreaterThan(8);
    // Polled: decoding the screenshots above can block this process (and its 20 ms pose sender) past the 100 ms stale timeout.
    await expect.poll(() => page.getByTestId('tracking-state').getAttribute('data-state'), { timeout: 5000 }).toBe('ok');
    expect(errors).toEqual([]);
  });

  it('a viewer sees the suggestions but no Accept, Reject or Adjust, and no move, camera or tracking controls', async () => {
    const viewer = await openConsole('viewer', { inject: true });
    await expect.poll(() => viewer.getByTestId('suggestion').count(), { timeout: 10000 }).toBe(2);
    expect(await viewer.getByTestId('accept').count()).toBe(0);
    expect(await viewer.getByTestId('reject').count()).toBe(0);
    expect(await viewer.getByTestId('adjust').count()).toBe(0);
    expect(await viewer.getByTestId('pause-resume').count()).toBe(0);
    expect(await viewer.getByTestId('camera-select').isDisabled()).toBe(true);
    await viewer.getByTestId('tab-tracking').click();
    await expect.poll(() => viewer.getByTestId(`source-${SOURCE}`).count(), { timeout: 10000 }).toBe(1);
    expect(await viewer.getByTestId('latency-offset-input').count()).toBe(0);

    // The same suggestions on a director console whose role may decide: the buttons are there. (One console at a
    // time: two software-rendered consoles starve each other on a small CI machine.)
    await viewer.close();
    const director = await openConsole('director', { inject: true, allow: DIRECTOR_COMMANDS });
    await expect.poll(() => director.getByTestId('accept').count(), { timeout: 10000 }).toBe(2);
    expect(await director.getByTestId('reject').count()).toBe(2);
    expect(await director.getByTestId('pause-resume').count()).toBe(1);
  });

  it('on a 1280×800 tablet the suggestions fold into the side tabs and stay usable', async () => {
    const page = await openConsole('viewer', { width: 1280, height: 800, inject: true });
    expect(await page.locator('.console').getAttribute('data-layout')).toBe('compact');
    await expect.poll(() => page.getByTestId('suggestion').count(), { timeout: 10000 }).toBe(2);
    // Nothing spills out of the viewport.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth || document.documentElement.scrollHeight > innerHeight);
    expect(overflow).toBe(false);
  });

  it('hovering a suggestion draws its ghost path in the stage view and previews its end pose in the camera view', async () => {
    const page = await openConsole('director', { inject: true });
    const card = page.getByTestId('suggestion').first();
    await expect.poll(() => card.count(), { timeout: 10000 }).toBe(1);
    await waitFor(async () => (await status(page)).stageRenders > 2, 15000, 'stage rendering');
    await page.mouse.move(5, 5);
    const before = await page.getByTestId('stage-view').screenshot();
    await card.hover();
    await waitFor(async () => (await status(page)).hoveredSuggestionId === 'inj-1', 2000, 'hovered suggestion');
    expect((await status(page)).ghostVisible).toBe(true);
    await expect.poll(() => page.getByTestId('camera-preview').isVisible()).toBe(true);
    const rendersAtHover = (await status(page)).stageRenders;
    await waitFor(async () => (await status(page)).stageRenders > rendersAtHover + 2, 15000, 'stage redrawn with the ghost');
    const after = await page.getByTestId('stage-view').screenshot();
    await writeFile(`${OUT}console-ghost.png`, after);
    expect(before.equals(after)).toBe(false);
    // Keyboard focus previews too; leaving clears it.
    await page.mouse.move(5, 5);
    await waitFor(async () => (await status(page)).hoveredSuggestionId === null, 2000, 'hover cleared');
    await page.getByTestId('suggestion').nth(1).focus();
    await waitFor(async () => (await status(page)).hoveredSuggestionId === 'inj-2', 2000, 'focused suggestion previewed');
  });

  it('sends commands and shows the engine refusing one as a toast (Accept on a suggestion the engine does not know)', async () => {
    const page = await openConsole('director', { inject: true, allow: DIRECTOR_COMMANDS });
    await expect.poll(() => page.getByTestId('accept').count(), { timeout: 10000 }).toBe(2);
    await page.getByTestId('accept').first().click();
    const toast = page.getByTestId('toasts').locator('.toast.error');
    await expect.poll(() => toast.count(), { timeout: 10000 }).toBeGreaterThan(0);
    expect(await toast.first().textContent()).toMatch(/suggestion\.accept: VP_ERR_/);
  });

  it('keyboard: ? opens the shortcut list, Esc closes it, 2 switches the stage view to fly', async () => {
    const page = await openConsole('director');
    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('shortcut-help').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('shortcut-help').count()).toBe(0);
    await page.keyboard.press('2');
    await waitFor(async () => (await status(page)).navMode === 'fly', 2000, 'fly mode');
    await page.keyboard.press('1');
    await waitFor(async () => (await status(page)).navMode === 'orbit', 2000, 'orbit mode');
  });

  it("? lists only the keys the role may use: a viewer's help has no Accept, Reject, pause or camera keys", async () => {
    const helpOf = async (page: Page) => { // ? toggles: each try closes (Esc) then opens, so a retry never closes it
      const help = page.getByTestId('shortcut-help');
      for (let tries = 0; tries < 5 && !(await help.isVisible()); tries++) {
        await page.keyboard.press('Escape');
        await page.keyboard.press('?');
        await help.waitFor({ state: 'visible', timeout: 3000 }).catch(() => {});
      }
      return (await help.textContent())!;
    };
    const director = await openConsole('director');
    expect(await helpOf(director)).toContain('accept the top suggestion');
    const viewer = await openConsole('viewer');
    const viewerHelp = await helpOf(viewer);
    for (const does of ['accept the top suggestion', 'reject the top suggestion', 'pause / resume the move', 'next camera on the walls', 'abort the move']) expect(viewerHelp).not.toContain(does);
    for (const does of ['this help', 'stage view: orbit / fly / follow', 'close an open editor, prompt or help']) expect(viewerHelp).toContain(does);
  });

  it('tracking health lists the OSC source with its rate, for an operator', async () => {
    const page = await openConsole('operator');
    const card = page.getByTestId(`source-${SOURCE}`);
    await expect.poll(() => card.count(), { timeout: 10000 }).toBe(1);
    expect(await card.locator('.proto').textContent()).toBe('osc');
    // The sender runs at 50 Hz: the card shows a rate in that region (the first polls may still be settling).
    await expect.poll(async () => Number.parseFloat((await card.getByTestId('rate').textContent()) ?? '0'), { timeout: 10000 }).toBeGreaterThan(20);
    expect(await card.getAttribute('data-stale')).toBe('false');
  });

  it('a refused OSC message shows its reason in words on the tracking panel, not only a counter', async () => {
    const page = await openConsole('operator');
    await udp.send(encode(new Message(`/camera/${CAMERA}/pose`, f(1), f(2), f(3))), te.ports.osc);
    const last = page.getByTestId('receiver-last-reject-osc');
    await expect.poll(async () => (await last.count()) > 0 && (await last.textContent()), { timeout: 10000 }).toContain(`/camera/${CAMERA}/pose expects x y z qx qy qz qw, got 3 arguments`);
    expect(await last.textContent()).toMatch(/from 127\.0\.0\.1:\d+/);
    expect(((await te.getJson('/api/health')).body.receivers as { protocol: string; lastRejection: { reason: string } | null }[]).find((r) => r.protocol === 'osc')!.lastRejection!.reason).toBe('VP_ERR_BAD_ARGS');
  });

  it('a latency offset applied in the UI reaches the engine (/api/health latencyOffsetMs)', async () => {
    const page = await openConsole('operator');
    const card = page.getByTestId(`source-${SOURCE}`);
    await expect.poll(() => card.count(), { timeout: 10000 }).toBe(1);
    const input = card.getByTestId('latency-offset-input');
    await input.fill('25');
    await card.getByTestId('latency-offset-apply').click();
    await waitFor(async () => (await te.getJson('/api/health')).body.sources.find((s: { sourceId: string }) => s.sourceId === SOURCE)?.latencyOffsetMs === 25, 3000, 'offset applied');
    // Enter applies too; back to zero for the other tests.
    await input.fill('0');
    await input.press('Enter');
    await waitFor(async () => (await te.getJson('/api/health')).body.sources.find((s: { sourceId: string }) => s.sourceId === SOURCE)?.latencyOffsetMs === 0, 3000, 'offset back to 0');
  });

  it('scenes and audit panels stay calm while their endpoints are missing (404) or empty', async () => {
    const page = await openConsole('designer');
    // A designer starts on the scenes tab: the current scene is listed with a preview button.
    await expect.poll(() => page.getByTestId('scenes-panel').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('scene-demo').count(), { timeout: 10000 }).toBe(1);
    await page.getByTestId('scene-demo').getByTestId('scene-preview').click();
    await waitFor(async () => (await status(page)).stageMode === 'scene-preview', 2000, 'scene preview');
    await expect.poll(() => page.getByTestId('preview-banner').isVisible()).toBe(true);
    await page.getByTestId('tab-audit').click();
    await expect.poll(() => page.getByTestId('audit-panel').isVisible()).toBe(true);
    expect(await page.getByTestId('audit-panel').textContent()).not.toMatch(/could not read/);
  });

  it('shows the lost connection, reconnects by itself after an engine restart and resyncs from the new hello', async () => {
    const page = await openConsole('director');
    const ports = te.ports;
    await te.close();
    await waitFor(async () => (await status(page)).connection.state !== 'open', 3000, 'console to notice the engine is gone');
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 3000 }).toMatch(/reconnecting/i);
    te = await startTestEngine({ httpPort: ports.http, oscPort: ports.osc, freedPort: ports.freed, otioPort: ports.opentrackio });
    const frameBefore = (await status(page)).frame;
    await waitFor(async () => {
      const s = await status(page);
      return s.connection.state === 'open' && s.connection.reconnects >= 1 && s.frame !== frameBefore && s.frame > 0;
    }, 5000, 'reconnected with fresh frames');
    await expect.poll(() => page.getByTestId('connection').textContent()).toMatch(/live/i);
    await waitFor(async () => (await status(page)).cameraIds.includes(CAMERA), 5000, 'tracked camera back');
  });
});

// ── Against the engine's AI director ─────────────────────────────────────────────────────────────────────────────
describe('director console with the engine director', () => {
  /** Waits for the engine's first suggestion on a director console. */
  async function firstSuggestion(page: Page): Promise<string> {
    await waitFor(async () => (await status(page)).suggestionsShown.length > 0, 15000, 'a suggestion from the engine');
    return (await status(page)).suggestionsShown[0]!;
  }
  async function acceptTop(page: Page): Promise<void> {
    await firstSuggestion(page);
    await page.getByTestId('accept').first().click();
    await waitFor(async () => (await status(page)).move?.status === 'running', 5000, 'move running');
  }
  it('a suggestion from the engine appears, ranked, with confidence and rationale', async () => {
    const page = await openConsole('director');
    await firstSuggestion(page);
    // The engine refreshes its suggestions (new ids) at any moment: read whichever card is first, in one go.
    const card = await waitFor(
      () =>
        page.evaluate(() => {
          const el = document.querySelector('[data-testid="suggestion"]');
          return el ? { rank: el.querySelector('.rank')?.textContent ?? '', pct: el.querySelector('.pct')?.textContent ?? '', rationale: el.querySelector('.rationale')?.textContent ?? '' } : null;
        }),
      10000,
      'a suggestion card',
    );
    expect(card.rank).toBe('#1');
    expect(card.pct).toMatch(/^[1-9]\d*%$/);
    expect(card.rationale.length).toBeGreaterThan(5);
  });
  it('hovering an engine suggestion shows its ghost path', async () => {
    const page = await openConsole('director');
    await firstSuggestion(page);
    // The engine may refresh its suggestions (new ids) at any moment: hover whatever card is first now, until the
    // hovered one shows both its ghost path in the stage view and its end pose in the camera view.
    await waitFor(async () => {
      const id = (await status(page)).suggestionsShown[0];
      if (!id) return false;
      await page.locator(`[data-suggestion-id="${id}"]`).hover({ timeout: 1000 }).catch(() => {});
      const s = await status(page);
      return s.hoveredSuggestionId === id && s.ghostVisible && (await page.getByTestId('camera-preview').isVisible());
    }, 10000, 'ghost path and camera preview for a hovered suggestion');
  });
  it('Accept starts the move and the camera pose in frames leaves the tracked pose', async () => {
    const page = await openConsole('director');
    const tracked = (await status(page)).activeCameraPosition!;
    const trackedRotation = (await status(page)).activeCameraRotation!;
    await acceptTop(page);
    expect(await page.getByTestId('provenance').first().textContent()).toMatch(/AI/i);
    // The top suggestion may be a pan or tilt (rotation only) or a hold: any pose change counts, and a hold has none.
    const kind = (await status(page)).move?.kind;
    if (kind !== 'hold') {
      await waitFor(async () => {
        const p = (await status(page)).activeCameraPosition!;
        const q = (await status(page)).activeCameraRotation!;
        const dq = 1 - Math.abs(q[0] * trackedRotation[0] + q[1] * trackedRotation[1] + q[2] * trackedRotation[2] + q[3] * trackedRotation[3]);
        return Math.hypot(p[0] - tracked[0], p[1] - tracked[1], p[2] - tracked[2]) > 0.01 || dq > 1e-5;
      }, 10000, 'camera moved by the move');
    }
    await page.keyboard.press('Escape');
  });
  it('pause / resume (button and Space) and abort (Esc)', async () => {
    const page = await openConsole('director');
    await acceptTop(page);
    await page.getByTestId('pause-resume').click();
    await waitFor(async () => (await status(page)).move?.status === 'paused', 3000, 'paused');
    await page.keyboard.press('Space');
    await waitFor(async () => (await status(page)).move?.status === 'running', 3000, 'resumed');
    await page.keyboard.press('Escape');
    await waitFor(async () => {
      const m = (await status(page)).move;
      return m === null || m.status === 'aborting' || m.status === 'idle';
    }, 3000, 'aborted');
  });
  it('Adjust during the move changes the running move (duration)', async () => {
    const page = await openConsole('director');
    await acceptTop(page);
    await page.getByTestId('pause-resume').click();
    await waitFor(async () => (await status(page)).move?.status === 'paused', 3000, 'paused');
    const before = (await status(page)).move!.durationS;
    await page.getByTestId('adjust-move').click();
    await page.getByTestId('edit-duration').fill(String(before + 3));
    await page.getByTestId('edit-apply').click();
    await waitFor(async () => Math.abs((await status(page)).move!.durationS - (before + 3)) < 0.05, 3000, 'duration adjusted');
    await page.keyboard.press('Escape');
  });
  it('a forged suggestion.accept from a viewer is refused by the engine', async () => {
    const page = await openConsole('director');
    const id = await firstSuggestion(page);
    const viewer = await connectLive(te.url('/live', 'viewer'));
    try {
      const ack = await viewer.command('suggestion.accept', { suggestionId: id });
      expect(ack.ok).toBe(false);
      expect(ack.error).toMatch(/^VP_ERR_FORBIDDEN/);
    } finally {
      await viewer.close();
    }
  });
  it('the card under the cursor stays as the director sees it while the engine refreshes', async () => {
    const page = await openConsole('director');
    const other = await connectLive(te.url('/live', 'director')); // a second director console asks for the refreshes
    const saved = { ...pose };
    try {
      const suggestionsSeen = () => other.messages.filter((m) => m.type === 'suggestions') as { suggestions: SuggestionWire[] }[];
      const refreshed = async (): Promise<SuggestionWire[]> => {
        const before = suggestionsSeen().length;
        await other.command('suggestion.refresh', {});
        return (await waitFor(() => suggestionsSeen()[before], 5000, 'a refresh')).suggestions;
      };
      // Turned 60° left, the set is out of frame to the right: the AI offers a turn to something, sized from this pose.
      pose.panDeg = 60;
      await new Promise((r) => setTimeout(r, 300));
      const turn = await waitFor(async () => (await refreshed()).find((s) => ['pan', 'tilt', 'aim'].includes(s.kind) && s.target !== null), 10000, 'a turn to a target');
      const card = page.locator(`[data-suggestion-id="${turn.id}"]`);
      await card.hover();
      await waitFor(async () => (await status(page)).hoveredSuggestionId === turn.id, 2000, 'hovered');
      const text = await card.textContent();
      await new Promise((r) => setTimeout(r, 300)); // the hold reaches the engine
      // The operator turns back 20°: a fresh turn would be 20° shorter, but the card under the cursor stays.
      pose.panDeg = 40;
      await new Promise((r) => setTimeout(r, 300));
      expect((await refreshed()).find((s) => s.id === turn.id)?.params).toEqual(turn.params);
      expect(await card.textContent()).toBe(text);
      // Let go: the next refresh sizes it from where the camera is now, so the hold was what kept it.
      await page.mouse.move(5, 5);
      await waitFor(async () => (await status(page)).hoveredSuggestionId === null, 2000, 'unhovered');
      await new Promise((r) => setTimeout(r, 300));
      const after = (await refreshed()).find((s) => s.id === turn.id);
      expect(after?.params).not.toEqual(turn.params);
    } finally {
      Object.assign(pose, saved);
      await other.close();
    }
  });
});
