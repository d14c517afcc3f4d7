// Two wall render nodes in two separate Chromium instances on one engine: each syncs its clock to the engine over
// /live (ping/pong) and shows every frame at the refresh that reaches the screen at the frame's presentation time,
// so both show each engine frame at the same instant, give or take one display refresh and their clock errors.
import { encode, Message } from 'node-osc';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';
import { parseStageConfig } from '../../engine/stage/parseStageConfig.ts';

const stage = parseStageConfig(
  {
    name: 'sync test stage',
    walls: [{ id: 'main', type: 'flat', corners: { bottomLeft: [-4, 0, -3], bottomRight: [4, 0, -3], topLeft: [-4, 4.5, -3] }, resolutionPx: [320, 180] }],
    cameras: [{ id: 'sim-cam1', sensorWidthMm: 24.89, sensorHeightMm: 14 }],
  },
  'sync test stage',
);

const f = (value: number) => ({ type: 'float', value });

let te: TestEngine;
let udp: UdpClient;
let browsers: Browser[] = [];
let keepAlive: NodeJS.Timeout;

interface Log {
  frames: number[];
  atUnixMs: number[];
}
interface Status {
  frame: number;
  clock: { offsetMs: number | null; errorMs: number | null };
  refreshMs: number;
}

beforeAll(async () => {
  // One flat wall and 24 fps: two software-GL browsers on a two-core box must keep up, so that most frames reach both
  // screens and the comparison rests on enough of them.
  te = await startTestEngine({ fps: 24 }, stage);
  udp = createUdpClient();
  keepAlive = setInterval(() => void udp.send(encode(new Message('/camera/sim-cam1/euler', ...[0, 1.6, 3, 0, 0, 0].map(f))), te.ports.osc).catch(() => {}), 20);
  browsers = await Promise.all([launchBrowser(), launchBrowser()]);
});
afterAll(async () => {
  clearInterval(keepAlive);
  await Promise.all(browsers.map((b) => b.close()));
  await udp?.close();
  await te?.close();
});

const status = (p: Page) => p.evaluate(() => (window as unknown as { vantageWall: Status }).vantageWall) as Promise<Status>;
const log = (p: Page) => p.evaluate(() => (window as unknown as { vantageWall: { presentLog: () => Log } }).vantageWall.presentLog()) as Promise<Log>;

describe('render nodes in frame sync', () => {
  it('two nodes in two browsers agree on the engine frame they show, within one display frame', async () => {
    const pages = await Promise.all(browsers.map((b) => b.newPage({ viewport: { width: 160, height: 90 } })));
    await Promise.all(pages.map((p) => p.goto(te.url('/wall/main?scale=0.5&debug=0', 'render'))));
    // Both synced and drawing.
    // Both drawing, their clocks synced to within 5 ms (the first exchanges, while a page loads its scene, are slow).
    await waitFor(async () => (await Promise.all(pages.map(status))).every((s) => s.clock.errorMs !== null && s.clock.errorMs < 5 && s.frame > 50), 20000, 'both nodes synced and drawing');
    await new Promise((r) => setTimeout(r, 5000));
    const [la, lb] = await Promise.all(pages.map(log));
    // Every frame both showed: how far apart they showed it. Two displays with their own refresh phase can show one
    // frame up to one refresh apart (a loaded software-GL box refreshes at 20-60 Hz), plus both clocks' error.
    const [sa, sb] = await Promise.all(pages.map(status));
    const boundMs = Math.max(sa!.refreshMs, sb!.refreshMs) + sa!.clock.errorMs! + sb!.clock.errorMs! + 2;
    const shownByA = new Map<number, number>();
    la!.frames.forEach((fr, i) => shownByA.set(fr, la!.atUnixMs[i]!));
    const apartMs: number[] = [];
    lb!.frames.forEach((fr, i) => {
      const t = shownByA.get(fr);
      if (t !== undefined && t > la!.atUnixMs[0]! + 500) apartMs.push(Math.abs(lb!.atUnixMs[i]! - t));
    });
    expect(apartMs.length).toBeGreaterThan(20);
    const withinOneRefresh = apartMs.filter((d) => d <= boundMs).length / apartMs.length;
    // A frame that reaches a node after its time (the box is busy) is shown late: most, not all, are within it.
    expect(withinOneRefresh).toBeGreaterThan(0.8);
    // The engine sees the same from the nodes' own reports.
    const health = (await te.getJson('/api/health')).body;
    expect(health.renderSync.frames).toBeGreaterThan(20);
    expect(health.renderNodes.every((n: { clockErrorMs: number | null }) => n.clockErrorMs !== null)).toBe(true);
    await Promise.all(pages.map((p) => p.close()));
  });
});
