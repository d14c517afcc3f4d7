// Inter-node skew: 8 wall render nodes in two headless Chromium instances on one engine (the demo stage's main wall
// at the preview scale); for each engine frame, the spread of the times the nodes put it on screen (each node's own
// report on this machine's clock), and how many frames each node dropped.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createSystemClock } from '../../camera-bridge/EngineClock.ts';
import { feedHub } from '../../camera-bridge/simulator/feedHub.ts';
import { Simulator } from '../../camera-bridge/simulator/Simulator.ts';
import { RoleTokens } from '../../engine/auth/RoleTokens.ts';
import { EngineConfigSchema } from '../../engine/config/EngineConfig.ts';
import { Engine } from '../../engine/Engine.ts';
import { createSilentLogger } from '../../engine/log/createLogger.ts';
import { demoStage } from '../../engine/stage/demoStage.ts';
import { launchBrowser } from '../../test/support/browser.ts';
import { waitFor } from '../../test/support/startTestEngine.ts';
import { summarize, type Summary } from '../stats.ts';

const NODES = Number(process.env.VP_BENCH_NODES ?? 8);
const FPS = Number(process.env.VP_BENCH_SYNC_FPS ?? 50);
const RUN_S = 10;
/** Simulated cameras (inner frusta on the wall). */
const CAMERAS = Number(process.env.VP_BENCH_SYNC_CAMERAS ?? 2);
const SCALE = Number(process.env.VP_BENCH_SYNC_SCALE ?? 0.05);

interface Log {
  frames: number[];
  atUnixMs: number[];
}

export interface RenderSyncResult {
  nodes: number;
  browsers: number;
  fps: number;
  scale: number;
  presentLeadMs: number;
  /** Spread of the nodes' screen times per frame shown by two or more nodes (those that showed it), ms. */
  skewMs: Summary;
  /** Nodes that showed such a frame, on average. */
  nodesPerFrame: number;
  /** …the same in display refreshes (the slowest node's). */
  skewRefreshes: { p50: number; p99: number };
  /** Frames shown by every node / by two or more, of the frames in the window. */
  framesShownByAll: number;
  framesShownByTwoOrMore: number;
  framesInWindow: number;
  perNode: { refreshMs: number; clockErrorMs: number | null; shown: number; dropped: number }[];
}

export async function runRenderSync(): Promise<RenderSyncResult> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-bench-sync-'));
  const config = EngineConfigSchema.parse({ httpPort: 0, oscPort: 0, freedPort: 0, otioPort: 0, simulate: false, dataDir, fps: FPS, presentLeadMs: process.env.VP_PRESENT_LEAD_MS });
  const engine = new Engine({ config, stage: demoStage(), tokens: RoleTokens.parse('render=sync-render'), log: createSilentLogger(), clock: createSystemClock() });
  const ports = await engine.start();
  const sim = new Simulator({ cameras: CAMERAS, rateHz: 120, style: 'handheld', styles: ['dolly', 'handheld'], cameraIdPrefix: 'sim-cam', send: feedHub(engine.hub) });
  sim.start();
  const browsers: Browser[] = await Promise.all([launchBrowser(), launchBrowser()]);
  try {
    const pages: Page[] = [];
    for (let i = 0; i < NODES; i++) {
      const page = await browsers[i % 2]!.newPage({ viewport: { width: Math.round(7680 * SCALE), height: Math.round(1760 * SCALE) } });
      await page.goto(`http://127.0.0.1:${ports.http}/wall/main?token=sync-render&scale=${SCALE}&debug=0`);
      pages.push(page);
    }
    type St = { frame: number; refreshMs: number; clock: { errorMs: number | null } };
    const status = (p: Page) => p.evaluate(() => (window as unknown as { vantageWall: St }).vantageWall) as Promise<St>;
    await waitFor(async () => (await Promise.all(pages.map(status))).every((s) => s.frame > 0 && s.clock.errorMs !== null && s.clock.errorMs < 5), 60_000, 'every node drawing with a synced clock');
    const startUnixMs = Date.now();
    await new Promise((r) => setTimeout(r, RUN_S * 1000));
    const endUnixMs = Date.now();
    const logs = await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as { vantageWall: { presentLog: () => Log } }).vantageWall.presentLog()) as Promise<Log>));
    const statuses = await Promise.all(pages.map(status));
    // Per frame: every node's screen time.
    const at = new Map<number, number[]>();
    logs.forEach((log) =>
      log.frames.forEach((frame, k) => {
        const t = log.atUnixMs[k]!;
        if (t < startUnixMs || t > endUnixMs) return;
        let ts = at.get(frame);
        if (!ts) at.set(frame, (ts = []));
        ts.push(t);
      }),
    );
    const frames = [...at.keys()].sort((a, b) => a - b);
    const all = frames.filter((f) => at.get(f)!.length === NODES);
    const shared = frames.filter((f) => at.get(f)!.length >= 2);
    const skews = shared.map((f) => Math.max(...at.get(f)!) - Math.min(...at.get(f)!));
    const skewMs = summarize(skews, 3);
    const slowestRefresh = Math.max(...statuses.map((s) => s.refreshMs));
    const windowFrames = frames.length ? frames[frames.length - 1]! - frames[0]! + 1 : 0;
    const r2 = (v: number) => Math.round(v * 100) / 100;
    return {
      nodes: NODES,
      browsers: 2,
      fps: FPS,
      scale: SCALE,
      presentLeadMs: config.presentLeadMs,
      skewMs,
      skewRefreshes: { p50: r2(skewMs.p50 / slowestRefresh), p99: r2(skewMs.p99 / slowestRefresh) },
      framesShownByAll: all.length,
      framesShownByTwoOrMore: shared.length,
      nodesPerFrame: r2(shared.reduce((n, f) => n + at.get(f)!.length, 0) / Math.max(1, shared.length)),
      framesInWindow: windowFrames,
      perNode: logs.map((log, i) => {
        const shown = log.atUnixMs.filter((t) => t >= startUnixMs && t <= endUnixMs).length;
        return { refreshMs: r2(statuses[i]!.refreshMs), clockErrorMs: statuses[i]!.clock.errorMs === null ? null : r2(statuses[i]!.clock.errorMs!), shown, dropped: windowFrames - shown };
      }),
    };
  } finally {
    await Promise.all(browsers.map((b) => b.close()));
    sim.stop();
    await engine.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
