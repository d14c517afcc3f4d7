// Ingest latency at 8 cameras × 240 Hz: datagram sent → hub updated (engine path) vs sent → 'message' callback (bare dgram).
import dgram from 'node:dgram';
import { Worker } from 'node:worker_threads';
import { createSystemClock } from '../../camera-bridge/EngineClock.ts';
import { decodeOscPacket } from '../../camera-bridge/osc/decodeOscPacket.ts';
import { TrackingHub } from '../../camera-bridge/TrackingHub.ts';
import { UdpReceiver } from '../../camera-bridge/UdpReceiver.ts';
import { BENCH_REPETITIONS, p99Ratio, summarize, type Summary } from '../stats.ts';

export interface LatencyResult {
  cameras: number;
  rateHz: number;
  /** Datagrams per run. */
  samples: number;
  /** Alternating baseline/engine runs, samples pooled. */
  repetitions: number;
  /** ms */
  baselineBareDgram: Summary & { lost: number };
  /** ms */
  engine: Summary & { lost: number };
  /** Pooled engine p99 / pooled baseline p99. */
  p99Ratio: number;
  /** The same ratio for each baseline/engine pair, in run order. */
  p99RatioPerPair: number[];
}

const CAMERAS = 8;
/** One 5 s p99 rests on ~100 datagrams, i.e. one burst of OS noise: pool alternating runs. */
const REPS = BENCH_REPETITIONS;
const RATE_HZ = 240;

/** x of an OSC pose message (its last 28 bytes are the 7 float args) = sequence / 1000: stays inside the hub's sane range. */
const seqOf = (buf: Buffer) => Math.round(buf.readFloatBE(buf.length - 28) * 1000);

async function runSender(port: number, count: number, sendTimesNs: SharedArrayBuffer): Promise<void> {
  const worker = new Worker(new URL('./latencySender.mjs', import.meta.url), {
    workerData: { port, cameras: CAMERAS, rateHz: RATE_HZ, count, sendTimesNs },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  await worker.terminate();
}

interface Latencies {
  ms: number[];
  lost: number;
}

function latencies(send: Float64Array, recv: Float64Array): Latencies {
  const ms: number[] = [];
  let lost = 0;
  // Skip the first second: socket and JIT warm-up.
  for (let i = CAMERAS * RATE_HZ; i < send.length; i++) {
    if (recv[i]! > 0) ms.push((recv[i]! - send[i]!) / 1e6);
    else lost++;
  }
  return { ms, lost };
}

/** A bare dgram socket that only timestamps. */
async function baselineRun(count: number): Promise<Latencies> {
  const send = new SharedArrayBuffer(count * 8);
  const recv = new Float64Array(count);
  const bare = dgram.createSocket('udp4');
  bare.on('message', (msg) => {
    recv[seqOf(msg)] = Number(process.hrtime.bigint());
  });
  await new Promise<void>((r) => bare.bind(0, '127.0.0.1', () => r()));
  await runSender((bare.address() as { port: number }).port, count, send);
  await new Promise<void>((r) => bare.close(() => r()));
  return latencies(new Float64Array(send), recv);
}

/** The engine path: real UdpReceiver → OSC decode → hub (map, filter, history); stamped when the hub publishes the sample. */
async function engineRun(count: number): Promise<Latencies> {
  const send = new SharedArrayBuffer(count * 8);
  const recv = new Float64Array(count);
  const hub = new TrackingHub({ clock: createSystemClock() });
  let currentSeq = -1;
  hub.on('sample', () => {
    recv[currentSeq] = Number(process.hrtime.bigint());
  });
  const receiver = new UdpReceiver({
    protocol: 'osc',
    host: '127.0.0.1',
    port: 0,
    hub,
    decode: (buf) => {
      currentSeq = seqOf(buf);
      return decodeOscPacket(buf);
    },
  });
  await receiver.listen();
  await runSender(receiver.port, count, send);
  await receiver.close();
  return latencies(new Float64Array(send), recv);
}

export async function runIngestLatency(durationS = 5): Promise<LatencyResult> {
  const count = Math.round(CAMERAS * RATE_HZ * (durationS + 1));
  const base: Latencies[] = [];
  const eng: Latencies[] = [];
  const perPair: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    // A B, B A, ...: neither path always runs first.
    const b = rep % 2 === 0 ? await baselineRun(count) : undefined;
    const e = await engineRun(count);
    const b2 = b ?? (await baselineRun(count));
    base.push(b2);
    eng.push(e);
    perPair.push(p99Ratio(summarize(e.ms), summarize(b2.ms)));
  }
  const pool = (runs: Latencies[]) => ({ ...summarize(runs.flatMap((r) => r.ms)), lost: runs.reduce((n, r) => n + r.lost, 0) });
  const baselineBareDgram = pool(base);
  const engine = pool(eng);
  return {
    cameras: CAMERAS,
    rateHz: RATE_HZ,
    samples: count,
    repetitions: REPS,
    baselineBareDgram,
    engine,
    p99Ratio: p99Ratio(engine, baselineBareDgram),
    p99RatioPerPair: perPair,
  };
}
