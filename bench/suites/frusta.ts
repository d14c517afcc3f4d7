// The cost of several cameras' inner frusta on the demo stage (13 sections), side by side in one run: frame build
// (compose + encode, no sockets) and, on a real engine under the usual load, tick processing and /live fan-out p99.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../camera-bridge/EngineClock.ts';
import { quatFromPanTiltRollYUp } from '../../camera-bridge/math/quaternion.ts';
import { TrackingHub } from '../../camera-bridge/TrackingHub.ts';
import { FrameComposer } from '../../engine/frame/FrameComposer.ts';
import { FrameEncoder } from '../../engine/frame/FrameEncoder.ts';
import { serialiseFrame } from '../../engine/live/LiveServer.ts';
import { CameraMoves } from '../../engine/moves/CameraMoves.ts';
import { demoStage } from '../../engine/stage/demoStage.ts';
import { BENCH_REPETITIONS, summarize, type Summary } from '../stats.ts';
import { engineRun, pooled, type EngineRun } from './fanout.ts';

const COUNTS = [1, 2, 4] as const;
const BUILD_FRAMES = 5000;
const CLIENTS = 8;

export interface FrustaRow {
  innerFrusta: number;
  /** compose + encode of one frame, µs */
  buildUs: Summary;
  /** The whole frame as a client subscribed to every wall receives it, bytes. */
  frameBytes: number;
  /** Real engine, 8 clients, 8 × 240 Hz OSC: tick processing p50/p99 averaged over the runs, ms. */
  tickMs: { p50: number; p99: number };
  /** publish → client receive, pooled over the runs, ms. */
  fanoutMs: Summary & { missing: number };
}

/** `count` cameras spread across the open side of the horseshoe, all looking at the main wall. */
function composerWith(count: number): { compose: (frame: number) => void; bytes: () => number } {
  const clock = new ManualClock();
  const stage = demoStage();
  const hub = new TrackingHub({ clock, staleTimeoutS: 1e9 });
  for (let i = 0; i < count; i++) {
    const x = -1.5 + (3 * i) / Math.max(1, count - 1);
    const rotation = quatFromPanTiltRollYUp(-x * 4, -2, 0, [0, 0, 0, 1]);
    hub.ingest('osc', { kind: 'camera', cameraId: `cam${i}`, position: [x, 1.6, 3.5], rotation, lens: { focalLengthMm: 35, sensorWidthMm: 24.89 } }, 0);
  }
  const composer = new FrameComposer({ stage, hub, offsets: new CameraMoves() });
  const encoder = new FrameEncoder();
  let last = encoder.encode(composer.compose(0, 0, '', 0));
  return {
    compose: (frame) => {
      last = encoder.encode(composer.compose(frame, frame / 50, '00:00:00:00', 0));
    },
    bytes: () => Buffer.byteLength(serialiseFrame(last, '*')),
  };
}

function buildTimes(count: number): { us: Summary; bytes: number } {
  const c = composerWith(count);
  for (let i = 0; i < 1000; i++) c.compose(i); // warm up the JIT
  const us: number[] = [];
  for (let i = 0; i < BUILD_FRAMES; i++) {
    const t0 = process.hrtime.bigint();
    c.compose(i);
    us.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return { us: summarize(us, 2), bytes: c.bytes() };
}

export async function runFrusta(): Promise<{ clients: number; repetitions: number; rows: FrustaRow[] }> {
  // Frame build: interleaved so drift in the machine's speed falls on every count alike.
  const builds = new Map<number, { us: Summary; bytes: number }[]>(COUNTS.map((n) => [n, []]));
  for (let rep = 0; rep < 3; rep++) for (const n of COUNTS) builds.get(n)!.push(buildTimes(n));
  // Engine runs: the counts in a rotated order each repetition (1 2 4, 2 4 1, 4 1 2, …).
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-bench-frusta-'));
  const runs = new Map<number, EngineRun[]>(COUNTS.map((n) => [n, []]));
  await engineRun(CLIENTS, dataDir); // warm-up, discarded
  for (let rep = 0; rep < BENCH_REPETITIONS; rep++) {
    for (let k = 0; k < COUNTS.length; k++) {
      const n = COUNTS[(k + rep) % COUNTS.length]!;
      runs.get(n)!.push(await engineRun(CLIENTS, dataDir, false, n));
    }
  }
  await rm(dataDir, { recursive: true, force: true });
  const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000;
  const rows = COUNTS.map((n) => {
    const b = builds.get(n)!;
    const r = runs.get(n)!;
    const median = [...b].sort((x, y) => x.us.p99 - y.us.p99)[b.length >> 1]!;
    return {
      innerFrusta: n,
      buildUs: median.us,
      frameBytes: r[r.length - 1]!.frameBytes,
      tickMs: { p50: mean(r.map((x) => x.tickMs.p50)), p99: mean(r.map((x) => x.tickMs.p99)) },
      fanoutMs: pooled(r.map((x) => x.latencies)),
    };
  });
  return { clients: CLIENTS, repetitions: BENCH_REPETITIONS, rows };
}
