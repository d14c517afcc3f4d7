// Ingest latency at 8 cameras × 240 Hz: datagram sent → hub updated (engine path) vs sent → 'message' callback (bare dgram).
import dgram from 'node:dgram';
import { Worker } from 'node:worker_threads';
import { createSystemClock } from '../../camera-bridge/EngineClock.ts';
import { decodeOscPacket } from '../../camera-bridge/osc/decodeOscPacket.ts';
import { TrackingHub } from '../../camera-bridge/TrackingHub.ts';
import { UdpReceiver } from '../../camera-bridge/UdpReceiver.ts';
import { summarize, type Summary } from '../stats.ts';

export interface LatencyResult {
  cameras: number;
  rateHz: number;
  samples: number;
  /** ms */
  baselineBareDgram: Summary & { lost: number };
  /** ms */
  engine: Summary & { lost: number };
  p99Ratio: number;
}

const CAMERAS = 8;
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

function latencies(send: Float64Array, recv: Float64Array): Summary & { lost: number } {
  const ms: number[] = [];
  let lost = 0;
  // Skip the first second: socket and JIT warm-up.
  for (let i = CAMERAS * RATE_HZ; i < send.length; i++) {
    if (recv[i]! > 0) ms.push((recv[i]! - send[i]!) / 1e6);
    else lost++;
  }
  return { ...summarize(ms), lost };
}

export async function runIngestLatency(durationS = 5): Promise<LatencyResult> {
  const count = Math.round(CAMERAS * RATE_HZ * (durationS + 1));

  // Baseline: a bare dgram socket that only timestamps.
  const baseSend = new SharedArrayBuffer(count * 8);
  const baseRecv = new Float64Array(count);
  const bare = dgram.createSocket('udp4');
  bare.on('message', (msg) => {
    baseRecv[seqOf(msg)] = Number(process.hrtime.bigint());
  });
  await new Promise<void>((r) => bare.bind(0, '127.0.0.1', () => r()));
  await runSender((bare.address() as { port: number }).port, count, baseSend);
  await new Promise<void>((r) => bare.close(() => r()));

  // Engine path: real UdpReceiver → OSC decode → hub (map, filter, history); stamped when the hub publishes the sample.
  const engSend = new SharedArrayBuffer(count * 8);
  const engRecv = new Float64Array(count);
  const hub = new TrackingHub({ clock: createSystemClock() });
  let currentSeq = -1;
  hub.on('sample', () => {
    engRecv[currentSeq] = Number(process.hrtime.bigint());
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
  await runSender(receiver.port, count, engSend);
  await receiver.close();

  const baselineBareDgram = latencies(new Float64Array(baseSend), baseRecv);
  const engine = latencies(new Float64Array(engSend), engRecv);
  return { cameras: CAMERAS, rateHz: RATE_HZ, samples: count, baselineBareDgram, engine, p99Ratio: Math.round((engine.p99 / baselineBareDgram.p99) * 100) / 100 };
}
