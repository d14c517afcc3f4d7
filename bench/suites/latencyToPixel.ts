// Tracking packet in → pixel on the wall page, in headless Chromium: an OSC bundle sent at t0 (worker thread) → the
// first refresh that put a frame drawn from that sample (or a newer one) on screen, as the page reports it; side
// by side with a bare baseline page that draws a quad where a bare `ws` message puts it. Pixels are read back once
// per run to prove each page's report matches its screen.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import dgram from 'node:dgram';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { decode } from 'node-osc';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { WebSocketServer } from 'ws';
import { createSystemClock } from '../../camera-bridge/EngineClock.ts';
import { RoleTokens } from '../../engine/auth/RoleTokens.ts';
import { EngineConfigSchema } from '../../engine/config/EngineConfig.ts';
import { Engine } from '../../engine/Engine.ts';
import { createSilentLogger } from '../../engine/log/createLogger.ts';
import { parseStageConfig } from '../../engine/stage/parseStageConfig.ts';
import { launchBrowser } from '../../test/support/browser.ts';
import { connectLive } from '../../test/support/liveClient.ts';
import { summarize, type Summary } from '../stats.ts';
import { BASELINE_PAGE } from './baselinePage.ts';

const FPS = 50;
const RATE_HZ = 100;
const RUN_S = 8;
const WARMUP_S = 2;
const PAIRS = Number(process.env.VP_BENCH_PIXEL_PAIRS ?? 2);
const WALL_PX: [number, number] = [640, 360];
const CAMERA = 'lat-cam';
/** Preview scale of the wall page: software GL on a small box must not be what the figure measures. */
const WALL_SCALE = Number(process.env.VP_BENCH_PIXEL_SCALE ?? 0.25);

const stage = parseStageConfig(
  {
    name: 'latency-to-pixel',
    walls: [{ id: 'main', type: 'flat', corners: { bottomLeft: [-4, 0, -3], bottomRight: [4, 0, -3], topLeft: [-4, 4.5, -3] }, resolutionPx: WALL_PX }],
    cameras: [{ id: CAMERA, sensorWidthMm: 24.89, sensorHeightMm: 14, color: '#ff0000' }],
  },
  'latency-to-pixel bench stage',
);

export interface PixelLatency {
  ms: Summary;
  /** The same in display refreshes of that page. */
  frames: { p50: number; p99: number };
  refreshMs: number;
  /** Samples never seen on screen (superseded before a refresh). */
  unseen: number;
  /** The last reported frame matched the screenshot's pixels. */
  pixelsMatch: boolean;
}

export interface LatencyToPixelResult {
  fps: number;
  rateHz: number;
  presentLeadMs: number;
  engine: PixelLatency;
  baseline: PixelLatency;
  /** engine p99 − baseline p99, ms, against the goal: one engine tick + one display refresh. */
  p99ExtraMs: number;
  goalMs: number;
}

function startSender(ports: number[], count: number): { sendUnixMs: Float64Array; done: Promise<void> } {
  const shared = new SharedArrayBuffer(count * 8);
  const worker = new Worker(new URL('./pixelSender.mjs', import.meta.url), { workerData: { ports, cameraId: CAMERA, rateHz: RATE_HZ, count, sendUnixMs: shared } });
  const done = new Promise<void>((resolve) => worker.on('message', (m) => m === 'done' && resolve()));
  return { sendUnixMs: new Float64Array(shared), done: done.then(() => void worker.terminate()) };
}

/** For every sample sent after the warm-up: the first report at or after it showing it or a newer one. */
function latencies(sendUnixMs: Float64Array, shownSeq: number[], shownAtMs: number[]): { ms: number[]; unseen: number } {
  const ms: number[] = [];
  let unseen = 0;
  const first = Math.round(WARMUP_S * RATE_HZ);
  let j = 0;
  for (let s = first; s < sendUnixMs.length; s++) {
    const t0 = sendUnixMs[s]!;
    if (!t0) continue;
    while (j < shownSeq.length && (shownSeq[j]! < s || shownAtMs[j]! < t0)) j++;
    if (j >= shownSeq.length) break;
    if (shownSeq[j] !== s) unseen++;
    ms.push(shownAtMs[j]! - t0);
  }
  return { ms, unseen };
}

function summary(all: { ms: number[]; unseen: number }[], refreshMs: number, pixelsMatch: boolean): PixelLatency {
  const ms = summarize(all.flatMap((a) => a.ms), 3);
  const r2 = (v: number) => Math.round(v * 100) / 100;
  return { ms, frames: { p50: r2(ms.p50 / refreshMs), p99: r2(ms.p99 / refreshMs) }, refreshMs: r2(refreshMs), unseen: all.reduce((n, a) => n + a.unseen, 0), pixelsMatch };
}

/** Horizontal centre of the red pixels, as a fraction of the width; NaN when there are none. */
function redCentreU(png: Buffer): number {
  const img = PNG.sync.read(png);
  let sum = 0;
  let n = 0;
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const o = (y * img.width + x) * 4;
      if (img.data[o]! > 150 && img.data[o + 1]! < 90 && img.data[o + 2]! < 90) {
        sum += x;
        n++;
      }
    }
  return n ? sum / n / img.width : Number.NaN;
}

async function engineRun(browser: Browser, dataDir: string): Promise<{ lat: { ms: number[]; unseen: number }; refreshMs: number; pixelsMatch: boolean }> {
  const config = EngineConfigSchema.parse({ httpPort: 0, oscPort: 0, freedPort: 0, otioPort: 0, simulate: false, dataDir, fps: FPS, presentLeadMs: process.env.VP_PRESENT_LEAD_MS });
  const engine = new Engine({ config, stage, tokens: RoleTokens.parse('render=px-render,viewer=px-viewer'), log: createSilentLogger(), clock: createSystemClock() });
  const ports = await engine.start();
  const page = await browser.newPage({ viewport: { width: WALL_PX[0], height: WALL_PX[1] } });
  try {
    await page.goto(`http://127.0.0.1:${ports.http}/wall/main?token=px-render&scale=${WALL_SCALE}&debug=0&identify=1&feather=0.01`);
    const count = RUN_S * RATE_HZ;
    const sender = startSender([ports.osc], count);
    await sender.done;
    const refreshMs = await page.evaluate(() => (window as unknown as { vantageWall: { refreshMs: number } }).vantageWall.refreshMs);
    const shown = await page.evaluate(() => (window as unknown as { vantageWall: { presentLog: () => { atUnixMs: number[]; focalLengthMm: number[] } } }).vantageWall.presentLog());
    const seq = shown.focalLengthMm.map((f) => Math.round((f - 20) * 1000));
    // Pixels: the camera holds its last pose (stale); the frustum's red fill must sit where the last frame put it.
    const viewer = await connectLive(`http://127.0.0.1:${ports.http}/live?token=px-viewer`);
    const fp = (await viewer.nextFrame((f) => (f.walls.main?.sections[0]?.frusta.length ?? 0) > 0)).walls.main!.sections[0]!.frusta[0]!.footprint;
    await viewer.close();
    await new Promise((r) => setTimeout(r, 300));
    const u = redCentreU(await page.locator('#wall').screenshot());
    const expectedU = (fp[0]! + fp[2]! + fp[4]! + fp[6]!) / 4;
    return { lat: latencies(sender.sendUnixMs, seq, shown.atUnixMs), refreshMs, pixelsMatch: Math.abs(u - expectedU) < 0.03 };
  } finally {
    await page.close();
    await engine.stop();
  }
}

async function baselineRun(browser: Browser): Promise<{ lat: { ms: number[]; unseen: number }; refreshMs: number; pixelsMatch: boolean }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(BASELINE_PAGE));
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const udp = dgram.createSocket('udp4');
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
  // The bare path: datagram → its numbers → one ws message to every page. No validation, no tick.
  udp.on('message', (buf) => {
    const bundle = decode(buf) as { elements: { args: { value: number }[] }[] };
    const x = bundle.elements[0]!.args[0]!.value;
    const seq = Math.round((bundle.elements[1]!.args[0]!.value - 20) * 1000);
    const text = `{"seq":${seq},"x":${x}}`;
    for (const ws of wss.clients) ws.send(text);
  });
  const page = await browser.newPage({ viewport: { width: WALL_PX[0], height: WALL_PX[1] } });
  try {
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => (window as unknown as { baseline?: { open: boolean } }).baseline?.open === true);
    const sender = startSender([(udp.address() as AddressInfo).port], RUN_S * RATE_HZ);
    await sender.done;
    await new Promise((r) => setTimeout(r, 300));
    const log = await page.evaluate(() => (window as unknown as { baseline: { log: () => { seq: number[]; atUnixMs: number[]; lastX: number } } }).baseline.log());
    const refreshMs = await page.evaluate(() => (window as unknown as { baseline: { refreshMs: () => number } }).baseline.refreshMs());
    const u = redCentreU(await page.locator('canvas').screenshot());
    return { lat: latencies(sender.sendUnixMs, log.seq, log.atUnixMs), refreshMs, pixelsMatch: Math.abs(u - (log.lastX + 1) / 2) < 0.03 };
  } finally {
    await page.close();
    udp.close();
    wss.close();
    server.close();
  }
}

export async function runLatencyToPixel(): Promise<LatencyToPixelResult> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-bench-pixel-'));
  const browser = await launchBrowser();
  const engine: { ms: number[]; unseen: number }[] = [];
  const baseline: { ms: number[]; unseen: number }[] = [];
  let engineRefresh = 0;
  let baseRefresh = 0;
  let enginePixels = true;
  let basePixels = true;
  try {
    for (let pair = 0; pair < PAIRS; pair++) {
      // A B, B A: neither always runs first.
      const order = pair % 2 === 0 ? ['engine', 'baseline'] : ['baseline', 'engine'];
      for (const which of order) {
        if (which === 'engine') {
          const r = await engineRun(browser, dataDir);
          engine.push(r.lat);
          engineRefresh = r.refreshMs;
          enginePixels &&= r.pixelsMatch;
        } else {
          const r = await baselineRun(browser);
          baseline.push(r.lat);
          baseRefresh = r.refreshMs;
          basePixels &&= r.pixelsMatch;
        }
      }
    }
  } finally {
    await browser.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  const e = summary(engine, engineRefresh, enginePixels);
  const b = summary(baseline, baseRefresh, basePixels);
  const presentLeadMs = EngineConfigSchema.parse({ presentLeadMs: process.env.VP_PRESENT_LEAD_MS }).presentLeadMs;
  return { fps: FPS, rateHz: RATE_HZ, presentLeadMs, engine: e, baseline: b, p99ExtraMs: Math.round((e.ms.p99 - b.ms.p99) * 100) / 100, goalMs: Math.round((1000 / FPS + b.refreshMs) * 100) / 100 };
}
