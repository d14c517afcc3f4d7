// Screenshots of the director console for people to look at (docs/screenshots/console-*.png), at 1920×1080 and on a
// 1280×800 tablet, against the real engine with a simulated camera and talent. Until the engine's AI director lands,
// suggestions, an active move and audit records are injected into the page's /live stream and /api/audit, so the
// pictures show every panel populated. Runs only with VP_SCREENSHOTS=1 (it writes into docs/).
import { mkdir, writeFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { feedHub } from '../../camera-bridge/simulator/feedHub.ts';
import { Simulator } from '../../camera-bridge/simulator/Simulator.ts';
import type { CameraFrameWire, FrameMessage, HelloMessage, MoveStateWire, SuggestionWire } from '../../engine/protocol/LiveMessages.ts';
import { launchBrowser } from '../support/browser.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';

const OUT = new URL('../../docs/screenshots/', import.meta.url).pathname;
const enabled = process.env.VP_SCREENSHOTS === '1';

let te: TestEngine;
let sim: Simulator;
let browser: Browser;
let talentTimer: NodeJS.Timeout;

beforeAll(async () => {
  if (!enabled) return;
  await mkdir(OUT, { recursive: true });
  te = await startTestEngine();
  sim = new Simulator({ cameras: 2, rateHz: 100, style: 'handheld', cameraIdPrefix: 'sim-cam', send: feedHub(te.engine.hub) });
  sim.start();
  // A talent walking slowly across the front of the main wall.
  const t0 = Date.now();
  talentTimer = setInterval(() => {
    const t = (Date.now() - t0) / 1000;
    te.engine.hub.ingest('osc', { kind: 'subject', subjectId: 'talent1', position: [1.2 * Math.sin(t / 4), 0, -1.2] }, te.engine.hub.clock.nowS());
  }, 40);
  browser = await launchBrowser();
});
afterAll(async () => {
  clearInterval(talentTimer);
  sim?.stop();
  await browser?.close();
  await te?.close();
});

/** A straight or circular sampled path from the camera's pose, as the engine's planner would send it. */
function pathFrom(cam: CameraFrameWire, kind: 'forward' | 'orbit' | 'up', amount: number): SuggestionWire['path'] {
  const [qx, qy, qz, qw] = cam.rotation;
  // Camera forward (-Z) in world space.
  const fx = -(2 * (qx * qz + qw * qy));
  const fz = -(1 - 2 * (qx * qx + qy * qy));
  const positions: number[] = [];
  const rotations: number[] = [];
  const n = 24;
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1);
    const e = t * t * (3 - 2 * t);
    let [x, y, z] = cam.position;
    let rot = [qx, qy, qz, qw];
    if (kind === 'forward') {
      x += fx * amount * e;
      z += fz * amount * e;
    } else if (kind === 'up') {
      y += amount * e;
    } else {
      // Orbit about the talent at (0, 1.2, -1.2), turning to keep it framed.
      const cx = 0;
      const cz = -1.2;
      const a = amount * e;
      const dx = x - cx;
      const dz = z - cz;
      x = cx + dx * Math.cos(a) + dz * Math.sin(a);
      z = cz - dx * Math.sin(a) + dz * Math.cos(a);
      const s = Math.sin(-a / 2);
      const c = Math.cos(-a / 2);
      // yaw by -a about +Y composed with the camera rotation
      rot = [c * qx + s * qz, c * qy + s * qw, c * qz - s * qx, c * qw - s * qy];
    }
    positions.push(x, y, z);
    rotations.push(...rot);
  }
  return { positions, rotations };
}

function fakeSuggestions(cam: CameraFrameWire): SuggestionWire[] {
  const base = { modelVersion: 'director-0.1.0', inputsHash: 'f00d', createdAtS: 0 };
  return [
    {
      ...base,
      id: 'sg-1',
      kind: 'push-in',
      params: { kind: 'push-in', distanceM: 1.2, durationS: 5, easing: 'ease-in-out', target: { type: 'subject', id: 'talent1' }, framing: { subjectHeightFraction: 0.6 } },
      durationS: 5,
      easing: 'ease-in-out',
      target: { type: 'subject', id: 'talent1' },
      confidence: 0.86,
      rationale: 'Talent has settled centre stage: a slow push-in tightens to a medium shot as the line lands.',
      path: pathFrom(cam, 'forward', 1.2),
    },
    {
      ...base,
      id: 'sg-2',
      kind: 'orbit',
      params: { kind: 'orbit', angleRad: 0.5, durationS: 8, easing: 'ease-in-out', target: { type: 'subject', id: 'talent1' } },
      durationS: 8,
      easing: 'ease-in-out',
      target: { type: 'subject', id: 'talent1' },
      confidence: 0.64,
      rationale: 'An orbit to the left reveals the column avenue behind the talent.',
      path: pathFrom(cam, 'orbit', 0.5),
    },
    {
      ...base,
      id: 'sg-3',
      kind: 'pedestal',
      params: { kind: 'pedestal', distanceM: 0.6, durationS: 4, easing: 'ease-out' },
      durationS: 4,
      easing: 'ease-out',
      target: { type: 'poi', id: 'first-arch' },
      confidence: 0.41,
      rationale: 'Rise 0.6 m to clear the crates for the arch reveal.',
      path: pathFrom(cam, 'up', 0.6),
    },
  ];
}

const DIRECTOR_COMMANDS = ['suggestion.accept', 'suggestion.reject', 'suggestion.adjust', 'move.start', 'move.pause', 'move.resume', 'move.abort', 'move.reset', 'move.scrub', 'move.speed', 'move.adjust', 'scene.load'];

const AUDIT = {
  records: [
    { seq: 1, at: '2026-11-26T10:02:11.000Z', tS: 12.1, type: 'suggestion.shown', actor: { kind: 'ai', modelVersion: 'director-0.1.0' }, suggestionId: 'sg-0', data: { kind: 'dolly', confidence: 0.72 } },
    { seq: 2, at: '2026-11-26T10:02:14.000Z', tS: 15.2, type: 'suggestion.rejected', actor: { kind: 'human', role: 'director', clientId: '7f3a9c21-aaaa' }, suggestionId: 'sg-0', provenance: 'ai-rejected', data: { reason: 'wrong timing' } },
    { seq: 3, at: '2026-11-26T10:03:01.000Z', tS: 62.0, type: 'move.started', actor: { kind: 'human', role: 'director', clientId: '7f3a9c21-aaaa' }, moveId: 'mv-1', provenance: 'human-only', data: { kind: 'truck' } },
    { seq: 4, at: '2026-11-26T10:03:05.000Z', tS: 66.0, type: 'move.finished', actor: { kind: 'human', role: 'director', clientId: '7f3a9c21-aaaa' }, moveId: 'mv-1', provenance: 'human-only' },
    { seq: 5, at: '2026-11-26T10:04:40.000Z', tS: 161.0, type: 'suggestion.shown', actor: { kind: 'ai', modelVersion: 'director-0.1.0' }, suggestionId: 'sg-1', data: { kind: 'push-in', confidence: 0.86 } },
    { seq: 6, at: '2026-11-26T10:04:52.000Z', tS: 173.0, type: 'suggestion.adjusted', actor: { kind: 'human', role: 'director', clientId: '7f3a9c21-aaaa' }, suggestionId: 'sg-1', provenance: 'ai-modified', data: { changes: { durationS: 6 } } },
    { seq: 7, at: '2026-11-26T10:04:52.500Z', tS: 173.5, type: 'move.started', actor: { kind: 'human', role: 'director', clientId: '7f3a9c21-aaaa' }, moveId: 'mv-2', suggestionId: 'sg-1', provenance: 'ai-modified', data: { kind: 'push-in' } },
  ],
};

/**
 * Opens the console with the real /live stream, plus (if `populate`) injected suggestions, a running move in every
 * frame and audit records.
 */
async function openConsole(role: 'director' | 'operator' | 'designer' | 'viewer', width: number, height: number, populate: boolean): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  if (populate) {
    let suggestions: SuggestionWire[] | undefined;
    const t0 = Date.now();
    await page.route('**/api/audit**', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(AUDIT) }));
    await page.routeWebSocket(/\/live/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => server.send(m));
      server.onMessage((m) => {
        const text = typeof m === 'string' ? m : m.toString();
        if (text.includes('"type":"hello"')) {
          // Make sure a director may decide (whatever the engine registers), and show only the injected suggestions.
          const hello = JSON.parse(text) as HelloMessage;
          if (role === 'director') hello.allowedCommands = [...new Set([...hello.allowedCommands, ...DIRECTOR_COMMANDS])];
          hello.suggestions = null;
          return ws.send(JSON.stringify(hello));
        }
        if (text.startsWith('{"type":"suggestions"')) return;
        if (!text.startsWith('{"type":"frame"')) return ws.send(text);
        const frame = JSON.parse(text) as FrameMessage;
        const cam = frame.cameras.find((c) => c.id === frame.activeCameraId);
        if (cam && !suggestions) {
          suggestions = fakeSuggestions(cam);
          ws.send(JSON.stringify({ type: 'suggestions', suggestions: suggestions.slice(0), modelVersion: 'director-0.1.0', backend: 'wasm' }));
        }
        if (suggestions) {
          const s = suggestions[0]!;
          const elapsedS = ((Date.now() - t0) / 1000) % 6;
          const move: MoveStateWire = {
            moveId: 'mv-2',
            kind: 'push-in',
            status: 'running',
            progress: elapsedS / 6,
            elapsedS,
            durationS: 6,
            speed: 1,
            spec: { ...s.params, durationS: 6 },
            provenance: 'ai-modified',
            suggestionId: 'sg-1',
            path: s.path,
          };
          frame.move = move;
        }
        ws.send(JSON.stringify(frame));
      });
    });
  }
  await page.goto(te.url('/', role));
  await waitFor(async () => page.evaluate(() => (window as any).vantageConsole?.frame > 0), 30000, 'console frames');
  return page;
}

describe.skipIf(!enabled)('console screenshots (VP_SCREENSHOTS=1)', () => {
  it('director, 1920×1080 and 1280×800, with a hovered suggestion', async () => {
    for (const [w, h] of [
      [1920, 1080],
      [1280, 800],
    ] as const) {
      const page = await openConsole('director', w, h, true);
      await page.waitForTimeout(2500);
      await page.locator('[data-testid="suggestion"]').nth(1).hover();
      await page.waitForTimeout(800);
      await writeFile(`${OUT}console-director-${w}x${h}.png`, await page.screenshot());
      if (w === 1920) {
        // The reject prompt on the second suggestion.
        await page.getByTestId('reject').nth(1).click();
        await page.waitForTimeout(300);
        await writeFile(`${OUT}console-director-reject-${w}x${h}.png`, await page.screenshot());
      } else {
        // The editor on the top suggestion, with a custom easing curve.
        await page.getByTestId('adjust').first().click();
        await page.getByTestId('edit-easing').selectOption('custom');
        await page.getByTestId('edit-duration').fill('7.5');
        await page.waitForTimeout(400);
        await writeFile(`${OUT}console-director-adjust-${w}x${h}.png`, await page.screenshot());
      }
      await page.close();
    }
  }, 60_000);

  it('operator (tracking health) and viewer, 1920×1080 and 1280×800', async () => {
    for (const [role, w, h] of [
      ['operator', 1920, 1080],
      ['operator', 1280, 800],
      ['viewer', 1280, 800],
    ] as const) {
      const page = await openConsole(role, w, h, role === 'viewer');
      await page.waitForTimeout(3000);
      await writeFile(`${OUT}console-${role}-${w}x${h}.png`, await page.screenshot());
      await page.close();
    }
  }, 60_000);

  it('director against the engine as it is (its own suggestions, a real move, the audit log, the move editor)', async () => {
    const page = await openConsole('director', 1920, 1080, false);
    const status = () => page.evaluate(() => (window as any).vantageConsole);
    await page.waitForTimeout(2500);
    const hasSuggestions = await waitFor(async () => (await status()).suggestionsShown.length > 0, 8000, 'engine suggestions').then(() => true, () => false);
    if (hasSuggestions) await page.locator('[data-testid="suggestion"]').first().hover();
    await page.waitForTimeout(600);
    await writeFile(`${OUT}console-director-live-1920x1080.png`, await page.screenshot());
    if (hasSuggestions && (await page.getByTestId('accept').count()) > 0) {
      // Accept the top suggestion and pause it at once, so the move is still there for the editor.
      await page.keyboard.press('a');
      await waitFor(async () => (await status()).move?.status === 'running', 5000, 'move running');
      await page.keyboard.press('Space');
      await page.mouse.move(400, 400);
      await page.getByTestId('tab-audit').click();
      await page.waitForTimeout(1500);
      await writeFile(`${OUT}console-director-live-move-1920x1080.png`, await page.screenshot());
      if (await page.getByTestId('adjust-move').isEnabled()) {
        await page.getByTestId('adjust-move').click();
        await page.waitForTimeout(600);
        await writeFile(`${OUT}console-director-live-adjust-1920x1080.png`, await page.screenshot());
        await page.keyboard.press('Escape');
      }
      await page.keyboard.press('Escape');
    }
    await page.close();
  }, 60_000);

  it('designer: scene preview (free-fly, walls untouched), 1280×800', async () => {
    const page = await openConsole('designer', 1280, 800, false);
    await page.getByTestId('scene-preview').first().click();
    await page.waitForTimeout(2000);
    await writeFile(`${OUT}console-designer-preview-1280x800.png`, await page.screenshot());
    await page.close();
  }, 60_000);
});
