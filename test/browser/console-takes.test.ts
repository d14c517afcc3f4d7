// Takes from the director console in real headless Chromium against the real engine: record a take (REC tally),
// find it in the list, play it on the walls (the wall page and the console follow the recorded path, checked against
// the CSV export), jump to a decision from the timeline, and a viewer sees the list and exports but no buttons.
import { mkdir, readFile } from 'node:fs/promises';
import { encode, Message } from 'node-osc';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TakeManifestWire } from '../../engine/protocol/takes.ts';
import type { VantageConsoleStatus } from '../../stage-ui/console/state/exposeStatus.ts';
import { launchBrowser } from '../support/browser.ts';
import { connectLive, type TestLiveClient } from '../support/liveClient.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

const OUT = new URL('../../test-output/', import.meta.url).pathname;
const CAMERA = 'osc-cam';
const f = (value: number) => ({ type: 'float', value });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let te: TestEngine;
let udp: UdpClient;
let browser: Browser;
let sender: NodeJS.Timeout;
let director: TestLiveClient;
const pages: Page[] = [];

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  te = await startTestEngine();
  udp = createUdpClient();
  // A camera trucking and panning all the time, so every recorded frame has its own pose.
  const t0 = Date.now();
  sender = setInterval(() => {
    const t = (Date.now() - t0) / 1000;
    void udp.send(encode(new Message(`/camera/${CAMERA}/euler`, ...[-0.6 + 0.4 * Math.sin(t * 2), 1.6, 3.5, 8 + 10 * Math.sin(t * 3), 0, 0].map(f))), te.ports.osc).catch(() => {});
  }, 20);
  director = await connectLive(te.url('/live', 'director'));
  browser = await launchBrowser();
});
// Consoles render two WebGL views in software: close every page after its test so they don't starve the next.
afterEach(async () => {
  for (const p of pages.splice(0)) await p.close().catch(() => {});
});
afterAll(async () => {
  clearInterval(sender);
  await browser?.close();
  await director?.close();
  await udp?.close();
  await te?.close();
});

async function status(page: Page): Promise<VantageConsoleStatus> {
  return page.evaluate(() => (window as unknown as { vantageConsole: VantageConsoleStatus }).vantageConsole);
}

interface WallStatus {
  frame: number;
  take: { recording: boolean; playbackIndex: number | null };
}
async function wallStatus(page: Page): Promise<WallStatus> {
  return page.evaluate(() => (window as unknown as { vantageWall: WallStatus }).vantageWall);
}

async function openConsole(role: 'director' | 'viewer', errors: string[], viewport = { width: 1600, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  // A console still loading its scene answers clicks late (seconds, in software); a click that cannot happen fails
  // here rather than at the test timeout.
  page.setDefaultTimeout(15000);
  pages.push(page);
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(te.url('/', role));
  await waitFor(async () => {
    const s = await status(page).catch(() => undefined);
    return s?.connection.state === 'open' && s.frame > 0 && s.cameraIds.includes(CAMERA);
  }, 15000, 'console connected with the tracked camera');
  return page;
}

/** A small render node for the main wall, drawing frames. */
async function openWall(): Promise<Page> {
  const wall = await browser.newPage({ viewport: { width: 384, height: 88 } });
  pages.push(wall);
  await wall.goto(te.url('/wall/main?scale=0.05', 'render'));
  await waitFor(async () => (await wallStatus(wall)).frame > 0, 15000, 'wall rendering');
  return wall;
}

/** CSV export rows by take-relative frame: position, m. */
function csvPositions(csv: string): Map<number, [number, number, number]> {
  const rows = csv.trim().split('\n');
  expect(rows[0]).toMatch(/^frame,timecode,x_m,y_m,z_m/);
  const out = new Map<number, [number, number, number]>();
  for (const row of rows.slice(1)) {
    const c = row.split(',');
    out.set(Number(c[0]), [Number(c[2]), Number(c[3]), Number(c[4])]);
  }
  return out;
}

/** The console's active camera equals the recorded pose of the frame it says is on the walls. */
function expectRecordedPose(s: VantageConsoleStatus, recorded: Map<number, [number, number, number]>, firstFrame: number): void {
  expect(s.takePlayback).not.toBeNull();
  const want = recorded.get(s.takePlayback!.frame - firstFrame);
  expect(want).toBeDefined();
  for (let i = 0; i < 3; i++) expect(Math.abs(s.activeCameraPosition![i]! - want![i]!)).toBeLessThan(1e-4);
}

describe('takes in the director console', () => {
  let take: TakeManifestWire;

  it('records a take, plays it on the walls along the recorded path, and jumps to a decision from the timeline', async () => {
    const errors: string[] = [];
    // The wall first: it loads its scene faster while no console renders beside it.
    const wall = await openWall();
    const page = await openConsole('director', errors);
    await page.getByTestId('tab-takes').click();
    await page.getByTestId('takes-panel').waitFor();
    await page.getByTestId('take-slate').fill('A001');
    await page.getByTestId('take-description').fill('truck and pan, browser test');
    await page.getByTestId('take-record').click();

    const tally = page.getByTestId('rec-tally');
    await tally.waitFor({ timeout: 5000 });
    expect(await tally.textContent()).toMatch(/^● REC A001 T01 \d\d:\d\d:\d\d:\d\d$/);
    expect((await status(page)).takeRecording).toMatch(/A001/);
    // A human decision in the middle of the take (the timeline shows it as a marker).
    await sleep(600);
    expect((await director.command('move.start', { spec: { kind: 'pan', angleRad: 0.15, durationS: 0.4, easing: 'linear' } })).ok).toBe(true);
    await sleep(900);
    await page.getByTestId('take-stop').click();
    await tally.waitFor({ state: 'detached', timeout: 3000 });

    const row = page.getByTestId('take-row').filter({ hasText: 'A001 T01' });
    await row.waitFor({ timeout: 3000 });
    expect(await row.textContent()).toContain('truck and pan');
    const takeId = (await row.getAttribute('data-take-id'))!;
    take = (await te.getJson(`/api/takes/${encodeURIComponent(takeId)}`, 'viewer')).body.manifest;
    expect(take).toMatchObject({ slate: 'A001', takeNumber: 1, state: 'complete' });
    expect(take.frameCount).toBeGreaterThan(60);
    expect(await row.textContent()).toContain(`${take.timecodeIn} → ${take.timecodeOut}`);

    // The CSV the console downloads: the link and the address bar carry no token (it goes in a header).
    const href = (await row.getByTestId('take-export-csv').getAttribute('href'))!;
    expect(href).not.toContain('token');
    expect(page.url()).not.toContain('token');
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('take-export-csv').click()]);
    const recorded = csvPositions(await readFile((await download.path())!, 'utf8'));
    expect(recorded.size).toBe(take.frameCount);
    for (const format of ['json', 'gltf', 'usda', 'chan']) expect(await row.getByTestId(`take-export-${format}`).count()).toBe(1);

    await row.getByTestId('take-play').click();
    await waitFor(async () => (await wallStatus(wall)).take.playbackIndex !== null, 3000, 'the wall playing the take');
    await expect.poll(() => wall.getByTestId('wall-rec-tally').textContent()).toBe('▶ TAKE');
    await wall.screenshot({ path: `${OUT}wall-take-tally.png` });
    await page.getByTestId('playback-tally').waitFor({ timeout: 2000 });
    expect(await page.getByTestId('playback-tally').textContent()).toMatch(/^▶ PLAYBACK A001 T01 · frame\s+\d+\/\d+$/);

    // While it plays, the camera is where the take recorded it, frame for frame.
    const seen = new Set<number>();
    for (let i = 0; i < 6; i++) {
      const s = await status(page);
      if (!s.takePlayback) break;
      expectRecordedPose(s, recorded, take.firstFrame);
      seen.add(s.takePlayback.index);
      await sleep(60);
    }
    expect(seen.size).toBeGreaterThan(2); // it advanced

    await page.getByTestId('take-pause').click();
    await waitFor(async () => (await status(page)).takePlayback?.status === 'paused', 2000, 'paused');

    // A click on the bar puts the paused take there (take.seek): near the start, clear of the markers' heads.
    const timeline = page.getByTestId('take-timeline');
    const box = (await timeline.boundingBox())!;
    await timeline.click({ position: { x: box.width * 0.04, y: 3 } });
    const nearStart = take.firstFrame + Math.round(0.04 * (take.frameCount - 1));
    const atStart = await waitFor(async () => {
      const s = await status(page);
      return s.takePlayback && Math.abs(s.takePlayback.frame - nearStart) <= 1 ? s : undefined;
    }, 2000, 'playback near the start after a click on the bar');
    expect(atStart.takePlayback!.status).toBe('paused');

    // The move's marker (a human decision, tall): a click jumps to the frame it happened at.
    const marker = page.locator('[data-testid="take-marker"][data-type="move.started"]');
    expect(await marker.getAttribute('data-kind')).toBe('human');
    expect(await page.locator('[data-testid="take-marker"][data-type="take.started"]').count()).toBe(1);
    const markerFrame = Number(await marker.getAttribute('data-frame'));
    expect(markerFrame).toBeGreaterThan(nearStart + 1);
    // With the mouse near its left edge; decisions a frame or two apart overlap, so jump to the one on top there.
    const mb = (await marker.boundingBox())!;
    const [px, py] = [mb.x + 2, mb.y + mb.height / 2];
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('[data-testid="take-marker"]')?.getAttribute('data-frame') ?? null, [px, py]);
    expect(hit).not.toBeNull();
    const hitFrame = Number(hit);
    expect(Math.abs(hitFrame - markerFrame)).toBeLessThan(take.frameCount / 20);
    await page.mouse.click(px, py);
    const jumped = await waitFor(async () => {
      const s = await status(page);
      return s.takePlayback?.frame === hitFrame ? s : undefined;
    }, 2000, 'playback at the marker frame');
    expectRecordedPose(jumped, recorded, take.firstFrame);
    const targetIndex = jumped.takePlayback!.index;
    await waitFor(async () => (await wallStatus(wall)).take.playbackIndex === targetIndex, 2000, 'the wall at the marker frame');

    // A second take records while the first is paused on the walls: both tallies, two rows.
    await page.getByTestId('take-record').click();
    await page.getByTestId('rec-tally').waitFor({ timeout: 3000 });
    await expect.poll(() => page.getByTestId('take-row').count()).toBe(2);
    await page.getByTestId('takes-panel').evaluate((el) => (el.scrollTop = 0));
    await page.screenshot({ path: `${OUT}console-takes.png` });
    await page.getByTestId('take-stop').click();
    await page.getByTestId('rec-tally').waitFor({ state: 'detached', timeout: 3000 });
    expect(await page.getByTestId('take-row').first().textContent()).toContain('A001 T02');

    await page.getByTestId('take-stop-playback').click();
    await waitFor(async () => (await status(page)).takePlayback === null, 2000, 'live tracking again');
    await expect.poll(() => wall.getByTestId('wall-rec-tally').isHidden()).toBe(true);
    expect(errors).toEqual([]);
  }, 40_000);

  it('a viewer sees the takes and their exports, but no record or play buttons', async () => {
    const errors: string[] = [];
    // The tablet layout: less to draw in software, the same side panel.
    const page = await openConsole('viewer', errors, { width: 1280, height: 800 });
    await page.getByTestId('tab-takes').click();
    const row = page.getByTestId('take-row').filter({ hasText: 'A001 T01' });
    await row.waitFor({ timeout: 3000 });
    expect(await row.getByTestId('take-export-csv').count()).toBe(1);
    expect(await page.getByTestId('take-record').count()).toBe(0);
    expect(await page.getByTestId('take-play').count()).toBe(0);
    await page.screenshot({ path: `${OUT}console-takes-viewer.png` });
    expect(errors).toEqual([]);
  });
});
