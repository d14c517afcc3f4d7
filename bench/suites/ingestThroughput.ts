// Throughput of decode → validate → hub (axis map, latency, One Euro filter, history) per protocol, on one core, no sockets.
import type dgram from 'node:dgram';
import { AxisMapping, IDENTITY_MAPPING } from '../../camera-bridge/AxisMapping.ts';
import { createSystemClock } from '../../camera-bridge/EngineClock.ts';
import { decodeFreeDPacket, DEFAULT_FREED_LENS_TABLE } from '../../camera-bridge/freed/index.ts';
import { decodeOscPacket } from '../../camera-bridge/osc/decodeOscPacket.ts';
import { createOpenTrackIoDecoder } from '../../camera-bridge/opentrackio/createOpenTrackIoDecoder.ts';
import { encodeFrame } from '../../camera-bridge/simulator/SimSender.ts';
import { Simulator, type SimFrame } from '../../camera-bridge/simulator/Simulator.ts';
import { TrackingHub } from '../../camera-bridge/TrackingHub.ts';
import { UdpReceiver, type DatagramDecoder } from '../../camera-bridge/UdpReceiver.ts';
import { decodeIngestMessage } from '../../camera-bridge/websocket/decodeIngestMessage.ts';
import { encode, Message } from 'node-osc';

const CAMERAS = 8;
const CORPUS_FRAMES = 512;
const RUN_S = 1.0;
const RINFO = { address: '127.0.0.1', family: 'IPv4', port: 1, size: 0 } as dgram.RemoteInfo;

export interface ThroughputResult {
  protocol: string;
  /** Pure decoder, samples/s. */
  decodeOnlyPerS: number;
  /** Decoder + hub (validate, map, filter, history), samples/s. */
  fullPathPerS: number;
  bytesPerPacket: number;
}

function corpus(): SimFrame[] {
  const frames: SimFrame[] = [];
  const sim = new Simulator({ cameras: CAMERAS, rateHz: 240, style: 'handheld', send: (f) => frames.push(structuredClone(f)) });
  for (let i = 0; i < CORPUS_FRAMES; i++) sim.step(i / 240, 1_750_000_000 + i / 240);
  return frames;
}

/**
 * The corpus replays the same OpenTrackIO sequence numbers every pass, which the receiver rightly drops as
 * duplicates; a real stream never repeats, so each pass gets a fresh decoder (its gate and static cache start over).
 */
function freshEachPass(make: () => DatagramDecoder, passLength: number): DatagramDecoder {
  let decoder = make();
  let calls = 0;
  return (b, r, t) => {
    if (calls++ % passLength === 0 && calls > 1) decoder = make();
    return decoder(b, r, t);
  };
}

/** Runs `fn` over the corpus repeatedly for ~RUN_S seconds; returns calls per second. */
function rate<T>(items: T[], fn: (item: T) => void): number {
  for (let i = 0; i < items.length * 4; i++) fn(items[i % items.length]!); // warm up the JIT
  let n = 0;
  const start = process.hrtime.bigint();
  const budgetNs = BigInt(Math.round(RUN_S * 1e9));
  let elapsed = 0n;
  while (elapsed < budgetNs) {
    for (let i = 0; i < items.length; i++) fn(items[i]!);
    n += items.length;
    elapsed = process.hrtime.bigint() - start;
  }
  return Math.round(n / (Number(elapsed) / 1e9));
}

export function runIngestThroughput(): { cameras: number; results: ThroughputResult[]; baselineNoopPerS: number } {
  const frames = corpus();
  const native = new AxisMapping(IDENTITY_MAPPING);
  const results: ThroughputResult[] = [];

  // The OSC target in the issue is plain pose messages; the simulator sends pose+lens bundles, measured too.
  const oscPose = frames.map((f) => encode(new Message(`/camera/${f.cameraId}/pose`, ...[...f.pose.position, 0, 0, 0, 1].map((value) => ({ type: 'float', value })))));
  const otio = frames.map((f) => Buffer.from(encodeFrame('opentrackio', f)));
  const udp: [string, Buffer[], () => DatagramDecoder, 'osc' | 'freed' | 'opentrackio'][] = [
    ['osc-pose', oscPose, () => (b) => decodeOscPacket(b), 'osc'],
    ['osc-bundle-pose+lens', frames.map((f) => Buffer.from(encodeFrame('osc', f))), () => (b) => decodeOscPacket(b), 'osc'],
    ['freed', frames.map((f) => Buffer.from(encodeFrame('freed', f))), () => (b) => decodeFreeDPacket(b, native, DEFAULT_FREED_LENS_TABLE), 'freed'],
    ['opentrackio-json', otio, () => freshEachPass(() => createOpenTrackIoDecoder(native), otio.length), 'opentrackio'],
  ];
  for (const [name, packets, makeDecoder, protocol] of udp) {
    const decodeOnly = makeDecoder();
    const decodeOnlyPerS = rate(packets, (p) => decodeOnly(p, RINFO, 0));
    const hub = new TrackingHub({ clock: createSystemClock() });
    const receiver = new UdpReceiver({ protocol, host: '127.0.0.1', port: 0, hub, decode: makeDecoder() });
    const fullPathPerS = rate(packets, (p) => receiver.onMessage(p, RINFO));
    if (receiver.rejected.total > 0) throw new Error(`${name}: corpus rejected ${JSON.stringify(receiver.rejected.toJSON())}`);
    results.push({ protocol: name, decodeOnlyPerS, fullPathPerS, bytesPerPacket: Math.round(packets.reduce((a, p) => a + p.length, 0) / packets.length) });
  }

  const json = frames.map((f) => JSON.stringify({ type: 'camera', id: f.cameraId, position: f.pose.position, rotation: [0, 0, 0, 1] }));
  const hub = new TrackingHub({ clock: createSystemClock() });
  const clock = hub.clock;
  results.push({
    protocol: 'ws-json',
    decodeOnlyPerS: rate(json, (t) => decodeIngestMessage(t)),
    fullPathPerS: rate(json, (t) => {
      const r = decodeIngestMessage(t);
      if (r.ok === true) hub.ingest('ws', r.updates[0]!, clock.nowS());
    }),
    bytesPerPacket: Math.round(json.reduce((a, s) => a + s.length, 0) / json.length),
  });

  let sink = 0;
  const baselineNoopPerS = rate(oscPose, (p) => {
    sink += p.length;
  });
  if (sink < 0) throw new Error('unreachable');
  return { cameras: CAMERAS, results, baselineNoopPerS };
}
