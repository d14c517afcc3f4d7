// Frame fan-out to 1/8/32 /live clients (engine) vs a bare `ws` server broadcasting the same bytes at the same rate;
// plus the engine's tick processing time and tick lateness (jitter) while 8 cameras × 240 Hz of OSC stream in.
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { WebSocketServer } from 'ws';
import { createSystemClock } from '../../camera-bridge/EngineClock.ts';
import { RoleTokens } from '../../engine/auth/RoleTokens.ts';
import { EngineConfigSchema } from '../../engine/config/EngineConfig.ts';
import { Engine } from '../../engine/Engine.ts';
import { createSilentLogger } from '../../engine/log/createLogger.ts';
import { serialiseFrame, type FramePayload } from '../../engine/live/LiveServer.ts';
import { demoStage } from '../../engine/stage/demoStage.ts';
import { summarize, type Summary } from '../stats.ts';
import { measureTickJitter } from '../../engine/clock/measureTickJitter.ts';
import { frameRateFromFps } from '../../engine/clock/FrameRate.ts';

const FPS = 50;
const RUN_S = 8;
const FRAMES = FPS * RUN_S;
const WARMUP_FRAMES = FPS; // the first second is discarded

export interface FanoutRow {
  clients: number;
  frameBytes: number;
  /** publish → client receive, ms */
  baselineBareWs: Summary & { missing: number };
  engine: Summary & { missing: number };
  p99Ratio: number;
}

export interface FanoutResult {
  fps: number;
  rows: FanoutRow[];
  /** Engine tick processing (commands, sampling, projections, serialise, send) with 32 clients + ingest load, ms. */
  tickProcessingMs: { p50: number; p99: number; max: number };
  /** Engine tick lateness vs its absolute deadline under that load, ms. */
  tickJitterMs: { p50: number; p99: number; max: number };
  /** The same FrameClock alone (no engine, no load), as the baseline for the jitter, ms. */
  bareClockJitterMs: { p50: number; p99: number; max: number };
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

function latencies(publishNs: Float64Array, recv: Float64Array, clients: number, offset: number): Summary & { missing: number } {
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
  return { ...summarize(ms), missing };
}

/** 8 cameras × 240 Hz of OSC poses from a worker thread (a tracking system is another machine, not our event loop). */
function startIngestLoad(port: number): () => void {
  const count = 8 * 240 * (RUN_S + 5);
  const worker = new Worker(new URL('./latencySender.mjs', import.meta.url), {
    workerData: { port, cameras: 8, rateHz: 240, count, sendTimesNs: new SharedArrayBuffer(count * 8) },
  });
  return () => void worker.terminate();
}

async function engineRun(clients: number): Promise<{ row: Omit<FanoutRow, 'baselineBareWs' | 'p99Ratio'>; sample: FramePayload; engine: Engine; stopLoad: () => void }> {
  const config = EngineConfigSchema.parse({ httpPort: 0, oscPort: 0, freedPort: 0, otioPort: 0, simulate: false, fps: FPS, clockSpinMs: process.env.VP_CLOCK_SPIN_MS ?? 2 });
  const tokens = RoleTokens.parse('viewer=bench-viewer-token');
  const engine = new Engine({ config, stage: demoStage(), tokens, log: createSilentLogger(), clock: createSystemClock() });
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
  await new Promise((r) => setTimeout(r, (RUN_S + 0.5 - WARMUP_FRAMES / FPS) * 1000));
  const first = await firstFrameSeen(worker);
  await worker.terminate();
  const text = serialiseFrame(sample!, '*');
  return { row: { clients, frameBytes: Buffer.byteLength(text), engine: latencies(publishNs, new Float64Array(recvNs), clients, first) }, sample: sample!, engine, stopLoad };
}

async function baselineRun(clients: number, text: string): Promise<Summary & { missing: number }> {
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
  const rows: FanoutRow[] = [];
  let last: Awaited<ReturnType<typeof engineRun>> | undefined;
  for (const clients of [1, 8, 32]) {
    if (last) {
      last.stopLoad();
      await last.engine.stop();
    }
    last = await engineRun(clients);
    const baselineBareWs = await baselineRun(clients, serialiseFrame(last.sample, '*'));
    rows.push({ ...last.row, baselineBareWs, p99Ratio: Math.round((last.row.engine.p99 / baselineBareWs.p99) * 100) / 100 });
  }
  const clock = last!.engine.frameClock.stats();
  const tick = last!.engine.tickMs.summarize();
  last!.stopLoad();
  await last!.engine.stop();
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  const bare = await measureTickJitter(5, { rate: frameRateFromFps(FPS) });
  return {
    bareClockJitterMs: { p50: r3(bare.p50), p99: r3(bare.p99), max: r3(bare.max) },
    fps: FPS,
    rows,
    tickProcessingMs: { p50: r3(tick.p50), p99: r3(tick.p99), max: r3(tick.max) },
    tickJitterMs: { p50: r3(clock.lateMs.p50), p99: r3(clock.lateMs.p99), max: r3(clock.lateMs.max) },
    skippedFrames: clock.skipped,
  };
}
