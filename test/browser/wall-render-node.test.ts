// A wall render node in real headless Chromium (software WebGL2) against the real engine: it draws, follows the
// tracked camera, reports its frames, and comes back in sync after the engine restarts.
import { mkdir, writeFile } from 'node:fs/promises';
import { encode, Message } from 'node-osc';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { changedFraction, pixelStats } from '../support/pixels.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

const OUT = new URL('../../test-output/', import.meta.url).pathname;
const f = (value: number) => ({ type: 'float', value });

let te: TestEngine;
let udp: UdpClient;
let browser: Browser;

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  te = await startTestEngine();
  udp = createUdpClient();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await udp?.close();
  await te?.close();
});

/** The demo stage's camera, looking from (x, 1.6, 3.5) towards the main wall with a slight pan. */
async function sendCamera(x: number, panDeg: number): Promise<void> {
  await udp.send(encode(new Message('/camera/sim-cam1/euler', ...[x, 1.6, 3.5, panDeg, 0, 0].map(f))), te.ports.osc);
}

async function wallStatus(page: Page): Promise<{ frame: number; connection: string; widthPx: number }> {
  return page.evaluate(() => (window as unknown as { vantageWall: { frame: number; connection: string; widthPx: number } }).vantageWall);
}

/** Keep the pose fresh (the hub marks a silent source stale after 100 ms) while the page renders. */
async function holdCamera(x: number, panDeg: number, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await sendCamera(x, panDeg);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('wall render node /wall/{id}', () => {
  it('draws the wall, follows the tracked camera and reports advancing frames', async () => {
    const page = await browser.newPage({ viewport: { width: 768, height: 176 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await sendCamera(-0.8, 10);
    await page.goto(te.url('/wall/main?scale=0.1', 'render'));
    await waitFor(async () => (await wallStatus(page)).frame > 0, 15000, 'first rendered frame');
    await holdCamera(-0.8, 10, 600);
    const a = await page.screenshot();
    const frameA = (await wallStatus(page)).frame;
    await writeFile(`${OUT}wall-main-a.png`, a);

    const statsA = pixelStats(a);
    expect(statsA.lumaStdDev).toBeGreaterThan(10); // not a flat colour

    await holdCamera(0.9, -15, 600);
    const b = await page.screenshot();
    await writeFile(`${OUT}wall-main-b.png`, b);
    const status = await wallStatus(page);
    expect(status.frame).toBeGreaterThan(frameA);
    expect(status.widthPx).toBe(768);
    // The inner frustum moved across the wall: a good part of the picture changed.
    expect(changedFraction(a, b)).toBeGreaterThan(0.05);
    expect(errors).toEqual([]);

    // The engine sees this node presenting frames, in sync.
    const node = await waitFor(async () => (await te.getJson('/api/health')).body.renderNodes.find((n: { wallId: string; inSync: boolean }) => n.wallId === 'main' && n.inSync), 5000, 'node in sync');
    expect(node.presentedFrame).toBeGreaterThan(0);
    // One definition of fps: frames on screen per second, as the overlay and the health row each measure them.
    const fps = await waitFor(async () => {
      const pageFps = (await page.evaluate(() => (window as unknown as { vantageWall: { fps: number } }).vantageWall.fps)) as number;
      const healthFps = ((await te.getJson('/api/health')).body.renderNodes as { wallId: string; presentedFps: number }[]).find((n) => n.wallId === 'main')!.presentedFps;
      return pageFps > 0 && healthFps > 0 && Math.abs(pageFps - healthFps) <= 0.35 * pageFps + 2 ? { pageFps, healthFps } : undefined;
    }, 10000, 'the overlay fps and the health fps agreeing');
    expect(fps.healthFps).toBeLessThan(100); // frames shown, not engine frames advanced between two reports
    await page.close();
  });

  it('the ceiling renders too', async () => {
    const page = await browser.newPage({ viewport: { width: 384, height: 288 } });
    await page.goto(te.url('/wall/ceiling?scale=0.25', 'render'));
    await waitFor(async () => (await wallStatus(page)).frame > 0, 15000, 'ceiling frame');
    const shot = await page.screenshot();
    await writeFile(`${OUT}wall-ceiling.png`, shot);
    expect(pixelStats(shot).lumaStdDev).toBeGreaterThan(3);
    await page.close();
  });

  it('comes back in sync within 1 s of the engine restarting', async () => {
    const page = await browser.newPage({ viewport: { width: 384, height: 88 } });
    await page.goto(te.url('/wall/main?scale=0.05', 'render'));
    await waitFor(async () => (await wallStatus(page)).frame > 0, 15000, 'first frame');
    const ports = te.ports;
    await te.close();
    await waitFor(async () => (await wallStatus(page)).connection !== 'open', 3000, 'node to notice the engine is gone');
    te = await startTestEngine({ httpPort: ports.http, oscPort: ports.osc, freedPort: ports.freed, otioPort: ports.opentrackio });
    const restartedAt = Date.now();
    const presented = await waitFor(async () => {
      const h = (await te.getJson('/api/health')).body;
      return h.renderNodes.find((n: { inSync: boolean }) => n.inSync);
    }, 3000, 'node back in sync');
    expect(Date.now() - restartedAt).toBeLessThan(1000);
    expect(presented.lagFrames).toBeLessThanOrEqual(2);
    await page.close();
  });
});
