// Two tracked cameras' inner frusta on one wall page in real headless Chromium: where they overlap, the camera with
// the higher priority (lower number) is on top; `camera.frustum` reorders and disables them live. The page runs in
// identify mode (each frustum filled with its camera's flat colour) so the pixels say whose image is where.
import { mkdir, writeFile } from 'node:fs/promises';
import { encode, Message } from 'node-osc';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameMessage } from '../../engine/protocol/LiveMessages.ts';
import { parseStageConfig } from '../../engine/stage/parseStageConfig.ts';
import { launchBrowser } from '../support/browser.ts';
import { connectLive, type TestLiveClient } from '../support/liveClient.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

const OUT = new URL('../../test-output/', import.meta.url).pathname;
const f = (value: number) => ({ type: 'float', value });
const RED = '#ff0000';
const BLUE = '#0000ff';
const WALL_PX: [number, number] = [320, 180];

/** One flat 8 m × 4.5 m wall at z = -3; cam-a (red) before cam-b (blue). */
const stage = parseStageConfig(
  {
    name: 'two-camera test stage',
    walls: [{ id: 'main', type: 'flat', corners: { bottomLeft: [-4, 0, -3], bottomRight: [4, 0, -3], topLeft: [-4, 4.5, -3] }, resolutionPx: WALL_PX }],
    cameras: [
      { id: 'cam-a', sensorWidthMm: 24.89, sensorHeightMm: 14, color: RED, innerFrustum: { priority: 1 } },
      { id: 'cam-b', sensorWidthMm: 24.89, sensorHeightMm: 14, color: BLUE, innerFrustum: { priority: 2 } },
    ],
  },
  'test stage',
);

let te: TestEngine;
let udp: UdpClient;
let browser: Browser;
let live: TestLiveClient;
let keepAlive: NodeJS.Timeout;

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  te = await startTestEngine({}, stage);
  udp = createUdpClient();
  // Both look straight at the wall from 6 m, 1.6 m apart: their 35 mm frusta (~4.9 m wide with overscan) overlap in the middle.
  const send = () => {
    void udp.send(encode(new Message('/camera/cam-a/euler', ...[-0.8, 2, 3, 0, 0, 0].map(f))), te.ports.osc).catch(() => {});
    void udp.send(encode(new Message('/camera/cam-b/euler', ...[0.8, 2, 3, 0, 0, 0].map(f))), te.ports.osc).catch(() => {});
  };
  send();
  keepAlive = setInterval(send, 20);
  browser = await launchBrowser();
  live = await connectLive(te.url('/live', 'operator'));
});
afterAll(async () => {
  clearInterval(keepAlive);
  await live?.close();
  await browser?.close();
  await udp?.close();
  await te?.close();
});

type Quad = number[];

/** Signed distance-like test: is uv inside the convex quad (either winding) by at least `marginUv`? */
function insideBy(uv: [number, number], quad: Quad, marginUv: number): boolean {
  let sign = 0;
  for (let k = 0; k < 4; k++) {
    const ax = quad[2 * k]!, ay = quad[2 * k + 1]!;
    const bx = quad[(2 * k + 2) % 8]!, by = quad[(2 * k + 3) % 8]!;
    const ex = bx - ax, ey = by - ay;
    const d = (ex * (uv[1] - ay) - ey * (uv[0] - ax)) / Math.hypot(ex, ey);
    if (Math.abs(d) < marginUv) return false;
    const s = Math.sign(d);
    if (sign !== 0 && s !== sign) return false;
    sign = s;
  }
  return true;
}

interface Regions {
  both: [number, number][];
  aOnly: [number, number][];
  bOnly: [number, number][];
}

/** Section uv points well inside both footprints, only A's, only B's (a 0.15 m feather stays clear of them). */
function regions(frame: FrameMessage): Regions {
  const frusta = frame.walls.main!.sections[0]!.frusta;
  const a = frusta.find((x) => x.cameraId === 'cam-a')!.footprint;
  const b = frusta.find((x) => x.cameraId === 'cam-b')!.footprint;
  const margin = 0.3 / 8; // 0.3 m on an 8 m wide section
  const out: Regions = { both: [], aOnly: [], bOnly: [] };
  for (let i = 1; i < 40; i++)
    for (let j = 1; j < 20; j++) {
      const uv: [number, number] = [i / 40, j / 20];
      const inA = insideBy(uv, a, margin);
      const inB = insideBy(uv, b, margin);
      const outA = !insideBy(uv, a, -margin) && !inA;
      const outB = !insideBy(uv, b, -margin) && !inB;
      if (inA && inB) out.both.push(uv);
      else if (inA && outB) out.aOnly.push(uv);
      else if (inB && outA) out.bOnly.push(uv);
    }
  return out;
}

/** Which camera colour each uv shows: 'red', 'blue' or 'other' (the scene), by the dominant channel. */
function colorsAt(png: Buffer, uvs: [number, number][]): string[] {
  const img = PNG.sync.read(png);
  return uvs.map(([u, v]) => {
    const x = Math.min(img.width - 1, Math.floor(u * img.width));
    const y = Math.min(img.height - 1, Math.floor((1 - v) * img.height));
    const o = (y * img.width + x) * 4;
    const [r, g, b] = [img.data[o]!, img.data[o + 1]!, img.data[o + 2]!];
    if (r > 150 && g < 80 && b < 80) return 'red';
    if (b > 150 && r < 80 && g < 80) return 'blue';
    return 'other';
  });
}

async function wallFrame(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { vantageWall: { frame: number } }).vantageWall.frame);
}

/** A screenshot taken after the page has drawn a frame at least as new as `sinceFrame`. */
async function shotAfter(page: Page, sinceFrame: number): Promise<Buffer> {
  await waitFor(async () => (await wallFrame(page)) > sinceFrame + 2, 10000, 'the wall to draw a newer frame');
  return page.locator('#wall').screenshot();
}

const count = (xs: string[], c: string) => xs.filter((x) => x === c).length;

describe('several cameras on one wall', () => {
  it('draws both frusta, the higher priority on top, and follows camera.frustum live', async () => {
    const page = await browser.newPage({ viewport: { width: WALL_PX[0], height: WALL_PX[1] } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(te.url('/wall/main?scale=1&debug=0&identify=1', 'render'));
    const frame = await live.nextFrame((x) => (x.walls.main?.sections[0]?.frusta.length ?? 0) === 2, 5000);
    // Top first: cam-a has priority 1.
    expect(frame.walls.main!.sections[0]!.frusta.map((x) => x.cameraId)).toEqual(['cam-a', 'cam-b']);
    const r = regions(frame);
    expect(r.both.length).toBeGreaterThan(10);
    expect(r.aOnly.length).toBeGreaterThan(5);
    expect(r.bOnly.length).toBeGreaterThan(5);

    await waitFor(async () => (await wallFrame(page)) > 0, 15000, 'first rendered frame');
    const first = await shotAfter(page, frame.frame);
    await writeFile(`${OUT}wall-two-cameras-a-on-top.png`, first);
    expect(colorsAt(first, r.both)).toEqual(r.both.map(() => 'red'));
    expect(colorsAt(first, r.aOnly)).toEqual(r.aOnly.map(() => 'red'));
    expect(colorsAt(first, r.bOnly)).toEqual(r.bOnly.map(() => 'blue'));

    // B goes on top: the overlap turns blue, each camera's own part stays its colour.
    const ack = await live.command('camera.frustum', { cameraId: 'cam-b', priority: 0 });
    expect(ack).toMatchObject({ ok: true, result: { cameraId: 'cam-b', priority: 0, enabled: true } });
    const reordered = await live.nextFrame((x) => x.walls.main!.sections[0]!.frusta[0]?.cameraId === 'cam-b');
    const second = await shotAfter(page, reordered.frame);
    await writeFile(`${OUT}wall-two-cameras-b-on-top.png`, second);
    expect(colorsAt(second, r.both)).toEqual(r.both.map(() => 'blue'));
    expect(colorsAt(second, r.aOnly)).toEqual(r.aOnly.map(() => 'red'));

    // A disabled: no red anywhere it used to be; B's frustum is unchanged.
    expect((await live.command('camera.frustum', { cameraId: 'cam-a', enabled: false })).ok).toBe(true);
    const disabled = await live.nextFrame((x) => x.walls.main!.sections[0]!.frusta.length === 1);
    const third = await shotAfter(page, disabled.frame);
    expect(count(colorsAt(third, r.aOnly), 'red')).toBe(0);
    expect(colorsAt(third, r.both)).toEqual(r.both.map(() => 'blue'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the pan-stop grid in the inner frusta while walls.calibration is on, and the scene again after', async () => {
    expect((await live.command('camera.frustum', { cameraId: 'cam-a', enabled: true })).ok).toBe(true);
    const page = await browser.newPage({ viewport: { width: WALL_PX[0], height: WALL_PX[1] } });
    await page.goto(te.url('/wall/main?scale=1&debug=0', 'render'));
    await waitFor(async () => (await wallFrame(page)) > 0, 15000, 'first rendered frame');
    const frame = await live.nextFrame((x) => x.walls.main!.sections[0]!.frusta.length === 2);
    const inside = [...regions(frame).both, ...regions(frame).aOnly];
    const before = await shotAfter(page, frame.frame);
    const ack = await live.command('walls.calibration', { grid: true });
    expect(ack).toMatchObject({ ok: true, result: { grid: true } });
    const on = await live.nextFrame((x) => x.calibration === 'grid');
    const grid = await shotAfter(page, on.frame);
    await writeFile(`${OUT}wall-calibration-grid.png`, grid);
    // The grid is black and white (with red marks): inside the frusta nearly every pixel is one of those now.
    const stark = (png: Buffer) => starkFraction(png, inside);
    expect(stark(grid)).toBeGreaterThan(0.8);
    expect(stark(before)).toBeLessThan(0.5);
    expect((await live.command('walls.calibration', { grid: false })).ok).toBe(true);
    const off = await live.nextFrame((x) => x.calibration === undefined);
    expect(stark(await shotAfter(page, off.frame))).toBeLessThan(0.5);
    await page.close();
  });
});

/** Share of the uv points whose pixel is near black, near white or saturated red (the calibration grid's colours). */
function starkFraction(png: Buffer, uvs: [number, number][]): number {
  const img = PNG.sync.read(png);
  let n = 0;
  for (const [u, v] of uvs) {
    const x = Math.min(img.width - 1, Math.floor(u * img.width));
    const y = Math.min(img.height - 1, Math.floor((1 - v) * img.height));
    const o = (y * img.width + x) * 4;
    const [r, g, b] = [img.data[o]!, img.data[o + 1]!, img.data[o + 2]!];
    if ((r < 40 && g < 40 && b < 40) || (r > 200 && g > 200 && b > 200) || (r > 180 && g < 90 && b < 90)) n++;
  }
  return n / uvs.length;
}
