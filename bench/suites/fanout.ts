// Frame fan-out to 1/8/32 /live clients (engine) vs a bare `ws` server broadcasting the same bytes at the same rate;
// plus the engine's tick processing time and tick lateness (jitter) while 8 cameras × 240 Hz of OSC stream in.
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { WebSocketServer } from 'ws';
import { createSystemClock } from '../../camera-bridge/EngineClock.ts';
import { RoleTokens } from '../../engine/auth/RoleTokens.ts';
import { EngineConfigSchema } from '../../engine/config/EngineConfig.ts';
import { Engine } from '../../engine/Engine.ts';
import { createSilentLogger } from '../../engine/log/createLogger.ts';
import type { FramePayload } from '../../engine/frame/FrameEncoder.ts';
import { serialiseFrame } from '../../engine/live/LiveServer.ts';
import { demoStage } from '../../engine/stage/demoStage.ts';
import { RECORDS_FILE } from '../../engine/takes/TakeStore.ts';
import { BENCH_REPETITIONS, p99Ratio, summarize, type Summary } from '../stats.ts';
import { measureTickJitter } from '../../engine/clock/measureTickJitter.ts';
import { frameRateFromFps } from '../../engine/clock/FrameRate.ts';

const FPS = 50;
const RUN_S = 8;
const FRAMES = FPS * RUN_S;
const WARMUP_FRAMES = FPS; // the first second is discarded
/**
 * Engine and baseline runs alternate this many times per client count (never overlapping, the order swapped every
 * pair) and their samples are pooled. A p99 over one 8 s run rests on ~4 frames; on a small host those few are
 * whichever frames the OS scheduler happened to delay, so a single pair of runs can differ 2x either way (measured:
 * 0.78 to 2.64 for the same build). Pooling five pairs rests it on ~17 frames. `VP_BENCH_REPS` overrides.
 */
const REPS = BENCH_REPETITIONS;
/** `VP_BENCH_CLIENTS=1,32` measures only those rows. */
const CLIENT_COUNTS = (process.env.VP_BENCH_CLIENTS ?? '1,8,32').split(',').map(Number);

export interface FanoutRow {
  clients: number;
  frameBytes: number;
  /** publish → client receive over all repetitions, ms */
  baselineBareWs: Summary & { missing: number };
  engine: Summary & { missing: number };
  /** Pooled engine p99 / pooled baseline p99. */
  p99Ratio: number;
  /** The same ratio for each engine/baseline pair, in run order. */
  p99RatioPerPair: number[];
}

export interface FanoutResult {
  fps: number;
  repetitions: number;
  /** Where the engine ran its AI director (`VP_AI_THREAD`). */
  aiThread: string;
  rows: FanoutRow[];
  /** Engine tick processing (commands, sampling, projections, serialise, send) with 32 clients + ingest load, ms (last run). */
  tickProcessingMs: { p50: number; p99: number; max: number };
  /** Engine tick lateness vs its absolute deadline under that load, ms: the median of the runs with the most clients (32). */
  tickJitterMs: { p50: number; p99: number; max: number };
  /** Tick lateness p99 of every engine run (1, 8, 32 clients × repetitions, in run order), ms. */
  tickJitterP99PerRun: number[];
  /** The same FrameClock alone (no engine, no load), as the baseline for the jitter, ms. */
  bareClockJitterMs: { p50: number; p99: number; max: number };
  /** Frames the engine's clock skipped (fell > 5 frames behind), all runs. */
  skippedFrames: number;
}

async function startClients(url: string, clients: number, recvNs: SharedArrayBuffer): Promise<Worker> {
  const worker = new Worker(new URL('./fanoutClients.mjs', import.meta.url), { workerData: { url, clients, frames: FRAMES, recvNs } });
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (m) => m.type === 'ready' && resolve());
    worker.once('error', reject);
  });
  return worker;
}

async function firstFrameSeen(worker: Worker): Promise<number> {
  worker.postMessage('first');
  return new Promise((resolve) => worker.on('message', (m) => m.type === 'first' && resolve(m.firstFrame)));
}

export interface Latencies {
  ms: number[];
  missing: number;
}

export function pooled(runs: Latencies[]): Summary & { missing: number } {
  return { ...summarize(runs.flatMap((r) => r.ms)), missing: runs.reduce((n, r) => n + r.missing, 0) };
}

function latencies(publishNs: Float64Array, recv: Float64Array, clients: number, offset: number): Latencies {
  const ms: number[] = [];
  let missing = 0;
  for (let c = 0; c < clients; c++) {
    for (let i = WARMUP_FRAMES; i < FRAMES; i++) {
      const sent = publishNs[i + offset];
      const got = recv[c * FRAMES + i]!;
      if (!sent || !got) {
        missing++;
        continue;
      }
      ms.push((got - sent) / 1e6);
    }
  }
  return { ms, missing };
}

/**
 * 8 cameras × 240 Hz of OSC poses from a worker thread (a tracking system is another machine, not our event loop),
 * facing the main wall so their inner frusta are on it all the time.
 */
function startIngestLoad(port: number): () => void {
  const count = 8 * 240 * (RUN_S + 5);
  const worker = new Worker(new URL('./latencySender.mjs', import.meta.url), {
    workerData: { port, cameras: 8, rateHz: 240, count, sendTimesNs: new SharedArrayBuffer(count * 8), inView: true },
  });
  return () => void worker.terminate();
}

export interface EngineRun {
  /** What the take wrote, when the run recorded one. */
  recorded?: { frames: number; bytes: number; durationS: number; dropped: number };
  latencies: Latencies;
  frameBytes: number;
  sample: FramePayload;
  jitter: { p50: number; p99: number; max: number };
  tickMs: { p50: number; p99: number; max: number };
  skipped: number;
}

/** The ingest load's camera ids (bench/suites/latencySender.mjs). */
const LOAD_CAMERA_IDS = Array.from({ length: 8 }, (_, i) => `bench${i}`);

/**
 * One engine run under load with `clients` on /live, stopped (with its load) before it returns; `record`: a take
 * records the whole steady state; `innerFrusta`: how many of the 8 loaded cameras have their frustum on the walls
 * (1 keeps the figures comparable with runs from before several cameras had frusta).
 */
export async function engineRun(clients: number, dataDir: string, record = false, innerFrusta = 1): Promise<EngineRun> {
  const config = EngineConfigSchema.parse({
    httpPort: 0,
    oscPort: 0,
    freedPort: 0,
    otioPort: 0,
    simulate: false,
    dataDir,
    fps: FPS,
    clockSpinMs: process.env.VP_CLOCK_SPIN_MS ?? 2,
    aiThread: process.env.VP_AI_THREAD ?? 'worker',
  });
  const tokens = RoleTokens.parse('viewer=bench-viewer-token');
  const engine = new Engine({ config, stage: demoStage(), tokens, log: createSilentLogger(), clock: createSystemClock() });
  for (const id of LOAD_CAMERA_IDS.slice(innerFrusta)) engine.frames.frustumSettings.configure(id, { enabled: false });
  const ports = await engine.start();
  const stopLoad = startIngestLoad(ports.osc);
  // Stamp every publish: the fan-out starts there.
  const publishNs = new Float64Array(100_000);
  let sample: FramePayload | undefined;
  const publish = engine.live.publish.bind(engine.live);
  engine.live.publish = (payload) => {
    if (payload.frame < publishNs.length) publishNs[payload.frame] = Number(process.hrtime.bigint());
    sample = payload;
    publish(payload);
  };
  const recvNs = new SharedArrayBuffer(clients * FRAMES * 8);
  const worker = await startClients(`ws://127.0.0.1:${ports.http}/live?token=bench-viewer-token`, clients, recvNs);
  // Tick statistics cover the steady state, as the latencies do: the warm-up second (JIT, model load) is dropped.
  await new Promise((r) => setTimeout(r, (WARMUP_FRAMES / FPS) * 1000));
  engine.frameClock.resetStats();
  engine.tickMs.clear();
  if (record) await engine.takes.start({ slate: 'BENCH' }, { kind: 'human', role: 'director', clientId: 'bench' });
  await new Promise((r) => setTimeout(r, (RUN_S + 0.5 - WARMUP_FRAMES / FPS) * 1000));
  const take = record ? await engine.takes.stop({ kind: 'human', role: 'director', clientId: 'bench' }) : undefined;
  const first = await firstFrameSeen(worker);
  await worker.terminate();
  const { lateMs: jitter, skipped } = engine.frameClock.stats();
  const tickMs = engine.tickMs.summarize();
  // Nothing of this run may still be running during the next (the baseline gets the machine to itself too).
  stopLoad();
  await engine.stop();
  const text = serialiseFrame(sample!, '*');
  const recorded = take && { frames: take.frameCount, bytes: (await stat(path.join(dataDir, 'takes', take.id, RECORDS_FILE))).size, durationS: take.durationS, dropped: engine.takes.recorder.droppedFrames };
  return { latencies: latencies(publishNs, new Float64Array(recvNs), clients, first), frameBytes: Buffer.byteLength(text), sample: sample!, jitter, tickMs, skipped, ...(recorded && { recorded }) };
}

async function baselineRun(clients: number, text: string): Promise<Latencies> {
  // The same external load as the engine run (8 × 240 Hz of OSC, received and dropped), so only the server differs.
  const sink = dgram.createSocket('udp4');
  await new Promise<void>((r) => sink.bind(0, '127.0.0.1', () => r()));
  const stopLoad = startIngestLoad((sink.address() as AddressInfo).port);
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise((r) => wss.once('listening', r));
  const recvNs = new SharedArrayBuffer(clients * FRAMES * 8);
  const worker = await startClients(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, clients, recvNs);
  const publishNs = new Float64Array(FRAMES + 1000);
  // Same bytes at the same rate; only the frame number differs, as in the engine.
  let frame = 0;
  const [before, after] = [text.slice(0, text.indexOf('"frame":') + 8), text.slice(text.indexOf(',"timeS"'))];
  const start = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    const tick = () => {
      if (frame >= FRAMES + 10) return resolve();
      const msg = before + frame + after;
      publishNs[frame] = Number(process.hrtime.bigint());
      for (const ws of wss.clients) ws.send(msg);
      frame++;
      const due = Number(start) + (frame * 1e9) / FPS;
      setTimeout(tick, Math.max(0, (due - Number(process.hrtime.bigint())) / 1e6));
    };
    tick();
  });
  const first = await firstFrameSeen(worker);
  await worker.terminate();
  wss.close();
  stopLoad();
  sink.close();
  return latencies(publishNs, new Float64Array(recvNs), clients, first);
}

export async function runFanout(): Promise<FanoutResult> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-bench-fanout-'));
  const rows: FanoutRow[] = [];
  const jitterRuns: { clients: number; lateMs: EngineRun['jitter'] }[] = [];
  let skippedFrames = 0;
  // One discarded pair first: the first engine runs of a process run colder code (tsx, JIT tiers, heap growth) and
  // measured worse jitter than later ones, which would weigh on whichever row runs first.
  let last: EngineRun | undefined = await engineRun(8, dataDir);
  await baselineRun(8, serialiseFrame(last.sample, '*'));
  for (const clients of CLIENT_COUNTS) {
    const engineRuns: Latencies[] = [];
    const baselineRuns: Latencies[] = [];
    const perPair: number[] = [];
    let frameBytes = 0;
    for (let rep = 0; rep < REPS; rep++) {
      // A B, B A, A B...: neither server always runs first (a warmer process, a quieter minute).
      let baseline: Latencies | undefined;
      if (rep % 2 === 1 && last) baseline = await baselineRun(clients, serialiseFrame(last.sample, '*'));
      last = await engineRun(clients, dataDir);
      baseline ??= await baselineRun(clients, serialiseFrame(last.sample, '*'));
      jitterRuns.push({ clients, lateMs: last.jitter });
      skippedFrames += last.skipped;
      frameBytes = last.frameBytes;
      engineRuns.push(last.latencies);
      baselineRuns.push(baseline);
      perPair.push(p99Ratio(summarize(last.latencies.ms), summarize(baseline.ms)));
    }
    const engine = pooled(engineRuns);
    const baselineBareWs = pooled(baselineRuns);
    rows.push({ clients, frameBytes, baselineBareWs, engine, p99Ratio: p99Ratio(engine, baselineBareWs), p99RatioPerPair: perPair });
  }
  const tick = last!.tickMs;
  await rm(dataDir, { recursive: true, force: true });
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  const bare = await measureTickJitter(5, { rate: frameRateFromFps(FPS) });
  const most = Math.max(...CLIENT_COUNTS);
  const ofMost = jitterRuns.filter((j) => j.clients === most).map((j) => j.lateMs).sort((a, b) => a.p99 - b.p99);
  const median = ofMost[ofMost.length >> 1]!;
  return {
    bareClockJitterMs: { p50: r3(bare.p50), p99: r3(bare.p99), max: r3(bare.max) },
    fps: FPS,
    repetitions: REPS,
    aiThread: process.env.VP_AI_THREAD ?? 'worker',
    rows,
    tickProcessingMs: { p50: r3(tick.p50), p99: r3(tick.p99), max: r3(tick.max) },
    tickJitterMs: { p50: r3(median.p50), p99: r3(median.p99), max: r3(median.max) },
    tickJitterP99PerRun: jitterRuns.map((j) => r3(j.lateMs.p99)),
    skippedFrames,
  };
}
