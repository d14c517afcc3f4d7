// Each demo scene switched live onto a wall render node and the console in headless Chromium: the wall swaps on the
// announced frame, draws the set, and the screenshots are kept for the docs.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encode, Message } from 'node-osc';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SceneRefWire } from '../../engine/protocol/LiveMessages.ts';
import { launchBrowser } from '../support/browser.ts';
import { connectLive, type TestLiveClient } from '../support/liveClient.ts';
import { pixelStats } from '../support/pixels.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

// `VP_SCREENSHOTS=1` refreshes the committed docs images; a normal test run writes to test-output/.
const DOCS = path.resolve(import.meta.dirname, process.env.VP_SCREENSHOTS === '1' ? '../../docs/screenshots' : '../../test-output');
const SCENES = ['city-rooftop-dusk', 'desert-road', 'studio-talk-show'];
const f = (value: number) => ({ type: 'float', value });

let te: TestEngine;
let udp: UdpClient;
let browser: Browser;
let designer: TestLiveClient;
let keepAlive: NodeJS.Timeout;

beforeAll(async () => {
  await mkdir(DOCS, { recursive: true });
  te = await startTestEngine();
  udp = createUdpClient();
  keepAlive = setInterval(() => void udp.send(encode(new Message('/camera/sim-cam1/euler', ...[0.3, 1.6, 3.8, 4, 2, 0].map(f))), te.ports.osc).catch(() => {}), 20);
  designer = await connectLive(te.url('/live', 'designer'));
  browser = await launchBrowser();
});
afterAll(async () => {
  clearInterval(keepAlive);
  await browser?.close();
  await designer?.close();
  await udp?.close();
  await te?.close();
});

type WallStatus = { frame: number; scene: string };
const wallStatus = (page: Page) => page.evaluate(() => (window as unknown as { vantageWall: WallStatus }).vantageWall);

describe('demo scenes on a wall and in the console', () => {
  it.each(SCENES)('%s: the wall swaps to it no earlier than the announced frame and draws it', async (sceneId) => {
    const page = await browser.newPage({ viewport: { width: 1536, height: 352 } });
    // Textures come from the model through blob: URLs: the engine's Content-Security-Policy must let them in.
    const violations: string[] = [];
    page.on('console', (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()));
    await page.goto(te.url('/wall/main?scale=0.2&debug=0', 'render'));
    await waitFor(async () => (await wallStatus(page)).frame > 0, 15000, 'wall rendering');
    const ack = await designer.command('scene.load', { sceneId });
    expect(ack.ok).toBe(true);
    const ref = ack.result as SceneRefWire;
    // Loading a 1–2 MB set in software WebGL takes a few seconds; the swap waits for both the load and the frame.
    const swapped = await waitFor(async () => {
      const s = await wallStatus(page);
      return s.scene === sceneId ? s : undefined;
    }, 25000, `${sceneId} on the wall`);
    expect(swapped.frame).toBeGreaterThanOrEqual(ref.swapAtFrame!);
    await page.waitForTimeout(500);
    const shot = await page.screenshot();
    await writeFile(path.join(DOCS, `wall-${sceneId}.png`), shot);
    expect(pixelStats(shot).lumaStdDev).toBeGreaterThan(8);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('the console shows the current scene in its camera view', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(te.url('/', 'director'));
    await waitFor(async () => (await page.getByTestId('connection').getAttribute('data-state')) === 'open', 15000, 'console connected');
    await page.waitForTimeout(6000); // the scene loads in the console's views too
    const shot = await page.screenshot();
    await writeFile(path.join(DOCS, `console-scene-${te.engine.scene.id}-1920x1080.png`), shot);
    const camera = await page.getByTestId('camera-view').screenshot();
    expect(pixelStats(camera).lumaStdDev).toBeGreaterThan(8);
    await page.close();
  });
});
