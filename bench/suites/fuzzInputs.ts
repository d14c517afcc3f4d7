// Seeded fuzz inputs for the engine's doors: datagrams per UDP protocol (valid packets mutated, well framed packets with
// evil fields, noise, empty, near 64 KB) and /live and /ingest WebSocket messages. Pure: the same seed, the same inputs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encode as encodeCbor } from 'cbor2';
import { encode as encodeOsc } from 'node-osc';
import { encodeFreeD, freedChecksum, FreeDOffset, type FreeDRaw } from '../../camera-bridge/freed/index.ts';
import { encodeOpenTrackIoPackets, otrkChecksum, OtrkEncoding, OtrkOffset, packetizeOpenTrackIoPayload } from '../../camera-bridge/opentrackio/index.ts';
import { MAX_INGEST_MESSAGE_BYTES } from '../../camera-bridge/websocket/decodeIngestMessage.ts';
import { MAX_LIVE_MESSAGE_BYTES } from '../../engine/live/ClientMessageSchema.ts';
import { COMMAND_NAMES } from '../../engine/protocol/commands.ts';
import { mulberry32 } from '../../test/support/mulberry32.ts';

export type UdpProtocol = 'osc' | 'freed' | 'opentrackio';
const REPO = path.resolve(import.meta.dirname, '../..');
/** Largest UDP payload over IPv4: 65535 − 20 (IP) − 8 (UDP). */
export const MAX_UDP_PAYLOAD_BYTES = 65_507;
/**
 * One camera per protocol that the fuzzer never names, so their settings and poses after the fuzz are the checker's;
 * and the hero (the stage's first camera, which moves apply to), which it does name.
 */
export const CHECK = { osc: 'chk-osc', freedNumber: 201, otioNumber: 199, ws: 'chk-ws', hero: 'sim-cam1' } as const;

/** The seeded generator and the draws built on it. */
export class Rand {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  f = (): number => this.next();
  int = (n: number): number => Math.floor(this.next() * n);
  chance = (p: number): boolean => this.next() < p;
  pick = <T>(items: readonly T[]): T => items[this.int(items.length)]!;
}

// ── Evil values and JSON mutation ───────────────────────────────────────────
const EVIL_NUMBERS = [0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, 1e308, -1e308, 5e-324, 3.4e38, 1e39, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e21, 10_001, 65_536, 2000.1, 1e-7];
const CHARS = ['a', 'Z', '0', '.', '-', '_', '/', 'é', '\u0000', '\u202e', '\u200b', '😀', '\ud800', '"', '\\', '\n', '𝕏', '日'];
const num = (r: Rand): number => (r.chance(0.5) ? r.pick(EVIL_NUMBERS) : (r.f() - 0.5) * 10 ** r.int(7));
/** Up to `max` characters: a random 8-character motif repeated, so a long string costs 9 draws, not thousands. */
const text = (r: Rand, max = r.pick([1, 8, 64, 65, 500, 5000])): string => {
  const n = r.int(max + 1);
  return Array.from({ length: Math.min(n, 8) }, () => r.pick(CHARS)).join('').repeat(Math.ceil(n / 8)).slice(0, n);
};
const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);
const POLLUTION = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}';

function evil(r: Rand): unknown {
  switch (r.int(14)) {
    case 4: return null;
    case 5: return r.chance(0.5);
    case 6: return r.pick(['NaN', 'Infinity', '-Infinity', '1e309', '', '0x1F', ' 1 ', '__proto__', 'toString']);
    case 7: return text(r);
    case 8: return r.chance(0.5) ? [] : {};
    case 9: return nested(r.int(600));
    case 10: return Array.from({ length: r.pick([2, 3, 4, 7, 1000]) }, () => num(r));
    case 11: return JSON.parse(POLLUTION);
    case 12: return { [text(r, 8)]: num(r) };
    default: return num(r);
  }
}

type Slot = [Record<string | number, unknown>, string | number];
function slots(v: unknown, out: Slot[], depth = 0): Slot[] {
  if (depth > 12 || out.length > 2000 || v === null || typeof v !== 'object') return out;
  for (const k of Object.keys(v)) {
    out.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]);
    slots((v as Record<string, unknown>)[k], out, depth + 1);
  }
  return out;
}

/** A copy of `value` with a few fields replaced by evil values, deleted, added or given another type. */
function mutate(value: unknown, r: Rand, rounds = 1 + r.int(3)): unknown {
  const root = { v: structuredClone(value) };
  for (let i = 0; i < rounds; i++) {
    const [parent, key] = r.pick(slots(root.v, [[root, 'v']]));
    const x = parent[key];
    const op = r.int(6);
    if (op === 3 && !Array.isArray(parent) && parent !== root) delete parent[key];
    else if (op === 4 && x !== null && typeof x === 'object') (x as Record<string, unknown>)[Array.isArray(x) ? x.length : text(r, 12)] = evil(r);
    else if (op === 5) parent[key] = typeof x === 'number' ? String(x) : typeof x === 'string' ? Number(x) || x.length : [x];
    else parent[key] = evil(r);
  }
  return root.v;
}

/** JSON text where non-finite numbers become `1e309` (parses to Infinity) or a bare `NaN` (not JSON at all). */
function toJson(v: unknown, r: Rand): string {
  const marked = JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? `\u0001${x}` : x)) ?? 'undefined';
  return marked.replace(/"\\u0001(NaN|Infinity|-Infinity)"/g, (_m, t: string) => (t === 'Infinity' ? '1e309' : t === '-Infinity' ? '-1e309' : r.pick(['NaN', '1e309', '-1e400'])));
}

// ── Datagrams ───────────────────────────────────────────────────────────────
/** One protocol's fuzz material: valid packets to mutate, and a generator of well-framed packets with evil fields. */
export interface DatagramSource {
  protocol: UdpProtocol;
  templates: Buffer[];
  structured(r: Rand): Buffer;
}

const OSC_IDS = ['fz', 'fz2', 'fz-3', CHECK.hero, 'talent1'];
const OSC_ARGS: Record<string, number> = { pose: 7, euler: 6, lens: 4, position: 3 };
const f32 = (value: number) => ({ type: 'float', value });

function oscElement(r: Rand, depth: number): object {
  if (depth < 6 && r.chance(0.2)) {
    // Fixed times (immediately, 1970, 2023, the last representable second): the inputs must not depend on the clock.
    const timetag = r.pick([0, 1, 1.7e9, 4e9 - 2208988800]);
    return { oscType: 'bundle', timetag, elements: Array.from({ length: r.int(5) }, () => oscElement(r, depth + 1)) };
  }
  const root = r.chance(0.9) ? r.pick(['camera', 'camera', 'subject']) : text(r, 20);
  const verb = r.chance(0.95) ? r.pick(Object.keys(OSC_ARGS)) : text(r, 10);
  const n = r.chance(0.8) ? (OSC_ARGS[verb] ?? 3) : r.int(16);
  const args: object[] = Array.from({ length: n }, () => {
    if (r.chance(0.75)) return f32(r.chance(0.6) ? (r.f() - 0.5) * 8 : num(r));
    return r.pick([{ type: 'integer', value: r.pick([0, -1, 2 ** 31 - 1, -(2 ** 31)]) }, { type: 'string', value: text(r, 200) }, { type: 'blob', value: Buffer.alloc(r.int(64), 0xab) }, { type: r.pick(['T', 'F', 'N']), value: 0 }]);
  });
  if (n === 7 && r.chance(0.6)) {
    const q = [r.f() - 0.5, r.f() - 0.5, r.f() - 0.5, r.f() - 0.5];
    for (let i = 0; i < 4; i++) args[3 + i] = f32(q[i]! / Math.hypot(...q));
  }
  return { oscType: 'message', address: `/${root}/${r.chance(0.9) ? r.pick(OSC_IDS) : text(r, 80)}/${verb}`, args };
}

export function oscSource(): DatagramSource {
  const templates = [
    encodeOsc({ oscType: 'message', address: '/camera/fz/pose', args: [0.5, 1.6, 4, 0, 0, 0, 1].map(f32) }),
    encodeOsc({ oscType: 'message', address: '/camera/fz2/euler', args: [1, 1.5, 3, 10, -5, 2].map(f32) }),
    encodeOsc({ oscType: 'message', address: '/camera/fz/lens', args: [35, 24.89, 3, 2.8].map(f32) }),
    encodeOsc({ oscType: 'message', address: '/subject/talent1/position', args: [0, 0, -2].map(f32) }),
    encodeOsc({ oscType: 'bundle', timetag: 0, elements: [{ oscType: 'message', address: '/camera/fz-3/pose', args: [1, 2, 3, 0, 0, 0, 1].map(f32) }] }),
  ];
  return {
    protocol: 'osc',
    templates,
    structured(r) {
      const b = encodeOsc(oscElement(r, 0));
      if (b.length >= 16 && b[0] === 0x23 && r.chance(0.2)) b.writeUInt32BE(r.int(2 ** 32), 8 + 4 * r.int(2)); // a bundle's timetag, raw
      return b;
    },
  };
}

const FREED_FIELDS = [FreeDOffset.pan, FreeDOffset.tilt, FreeDOffset.roll, FreeDOffset.x, FreeDOffset.y, FreeDOffset.z, FreeDOffset.zoom, FreeDOffset.focus];
const freedRaw = (cameraNumber: number, xMm = 100, yMm = 2000, zMm = 1500): FreeDRaw => ({ cameraNumber, panDeg: 10, tiltDeg: -5, rollDeg: 1, xMm, yMm, zMm, zoomRaw: 1000, focusRaw: 2000 });

export function freedSource(): DatagramSource {
  return {
    protocol: 'freed',
    templates: [Buffer.from(encodeFreeD(freedRaw(9))), Buffer.from(encodeFreeD({ ...freedRaw(10), panDeg: 255, zoomRaw: 65535 }))],
    structured(r) {
      const raw = { ...freedRaw(r.chance(0.9) ? r.pick([9, 10, 11]) : r.int(256)), panDeg: (r.f() - 0.5) * 510, tiltDeg: (r.f() - 0.5) * 360, xMm: (r.f() - 0.5) * 2e5, zoomRaw: r.int(2 ** 24) };
      const b = Buffer.from(encodeFreeD(raw));
      // Field extremes the encoder would refuse to produce, behind a valid checksum so the decoder sees them.
      for (let i = r.int(4); i > 0; i--) b.writeUIntBE(r.pick([0x7fffff, 0x800000, 0xffffff, 0, r.int(2 ** 24)]), r.pick(FREED_FIELDS), 3);
      if (r.chance(0.05)) b[0] = r.int(256);
      b[FreeDOffset.checksum] = r.chance(0.95) ? freedChecksum(b) : r.int(256);
      return b;
    },
  };
}

export function otioSource(): DatagramSource {
  const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(REPO, 'camera-bridge/opentrackio/fixtures', `${name}.json`), 'utf8'));
  const simple = { protocol: { name: 'OpenTrackIO', version: [1, 0, 1] }, sourceNumber: 7, transforms: [{ translation: { x: 1, y: 1, z: 1.5 }, rotation: { pan: 0, tilt: 0, roll: 0 } }], static: { camera: { activeSensorPhysicalDimensions: { width: 36, height: 24 } } } };
  const samples = [simple, ...['recommended_dynamic_example', 'recommended_static_example', 'complete_dynamic_example', 'complete_static_example'].map(fixture)];
  const templates = samples.flatMap((s, i) => [...encodeOpenTrackIoPackets(s, { sequenceNumber: 2 * i }), ...encodeOpenTrackIoPackets(s, { sequenceNumber: 2 * i + 1, encoding: OtrkEncoding.Cbor, maxSegmentPayloadBytes: 512 })]).map((p) => Buffer.from(p));
  const cborPayloads = samples.map((sample) => encodeCbor(sample));
  const queue: Buffer[] = []; // the rest of a segmented message, sent next
  let seq = 100;
  return {
    protocol: 'opentrackio',
    templates,
    structured(r) {
      if (queue.length) return queue.shift()!;
      const cbor = r.chance(0.3);
      let payload: Uint8Array;
      if (cbor && r.chance(0.8)) {
        // cbor2 takes ~15 ms to encode a full fixture: byte-mutate the ones encoded up front instead.
        payload = Buffer.from(r.pick(cborPayloads));
        for (let i = 1 + r.int(4); i > 0; i--) payload[r.int(payload.length)] = r.int(256);
      } else if (cbor) {
        try {
          payload = encodeCbor(mutate(simple, r));
        } catch {
          payload = Buffer.from(toJson(mutate(simple, r), r));
        }
      } else payload = Buffer.from(toJson(r.chance(0.85) ? mutate(r.pick(samples), r) : r.pick(samples), r));
      seq = (seq + 1) & 0xffff;
      const maxSegment = r.chance(0.7) ? 1452 : Math.max(Math.ceil(payload.length / 32), 1 + r.int(r.chance(0.5) ? 64 : 32_767));
      const sequencing = r.chance(0.5) ? 'perPacket' : 'perMessage';
      const packets = packetizeOpenTrackIoPayload(payload, { sequenceNumber: r.chance(0.9) ? seq : r.int(65_536), encoding: cbor ? OtrkEncoding.Cbor : OtrkEncoding.Json, maxSegmentPayloadBytes: maxSegment, sequencing }).map((p) => Buffer.from(p));
      if (packets.length > 1 && r.chance(0.3)) packets.splice(r.int(packets.length), 1); // a lost segment
      if (packets.length > 1 && r.chance(0.2)) packets.reverse();
      if (r.chance(0.1)) {
        // A tampered header field behind a valid checksum: offsets, lengths, flags the encoder never writes.
        const p = r.pick(packets);
        p[r.int(OtrkOffset.checksum)] = r.int(256);
        p.writeUInt16BE(otrkChecksum(p), OtrkOffset.checksum);
      }
      queue.push(...packets);
      return queue.shift()!;
    },
  };
}

/** n random bytes: a slice of the seeded pool (twice the largest datagram) at a random offset. */
function noise(pool: Buffer, r: Rand, n: number): Buffer {
  const at = r.int(pool.length - n);
  return Buffer.from(pool.subarray(at, at + n));
}

/** A valid packet with bits flipped, cut short, extended with noise, spliced onto another, or a run overwritten. */
function mutateBytes(base: Buffer, r: Rand, pool: Buffer, others: readonly Buffer[]): Buffer {
  const b = Buffer.from(base);
  switch (r.int(5)) {
    case 0:
      for (let i = 1 + r.int(8); i > 0; i--) b[r.int(b.length)]! ^= 1 << r.int(8);
      return b;
    case 1: return b.subarray(0, r.int(b.length));
    case 2: return Buffer.concat([b, noise(pool, r, 1 + r.int(r.chance(0.9) ? 64 : 4000))]);
    case 3: {
      const o = r.pick(others);
      return Buffer.concat([b.subarray(0, r.int(b.length + 1)), o.subarray(r.int(o.length + 1))]);
    }
    default: {
      const at = r.int(b.length);
      return b.fill(r.pick([0, 0xff, 0x7f, 0x80, r.int(256)]), at, Math.min(b.length, at + 1 + r.int(16)));
    }
  }
}

/** The mix: 5% pristine, 45% well framed with evil fields, 28% mutated valid, 15% noise, 6.5% empty or tiny, 0.5% near 64 KB. */
export function datagram(src: DatagramSource, r: Rand, pool: Buffer): Buffer {
  const k = r.f();
  if (k < 0.05) return r.pick(src.templates);
  if (k < 0.5) return src.structured(r);
  if (k < 0.78) return mutateBytes(r.pick(src.templates), r, pool, src.templates);
  if (k < 0.93) return noise(pool, r, r.chance(0.7) ? r.int(64) : r.chance(0.8) ? r.int(1500) : r.int(9000));
  if (k < 0.995) return noise(pool, r, r.int(4));
  const big = noise(pool, r, MAX_UDP_PAYLOAD_BYTES - r.int(2048));
  if (r.chance(0.5)) r.pick(src.templates).copy(big);
  return big;
}

/** The random bytes datagrams are cut from: twice the largest datagram, so any slice fits at a random offset. */
export function noisePool(seed: number): Buffer {
  const next = mulberry32(seed);
  const pool = Buffer.allocUnsafe((2 * MAX_UDP_PAYLOAD_BYTES + 3) & ~3); // whole 32-bit words
  for (let i = 0; i < pool.length; i += 4) pool.writeUInt32LE((next() * 2 ** 32) >>> 0, i);
  return pool;
}

// ── WebSocket messages ──────────────────────────────────────────────────────
/** One frame a fuzzing client sends: text (a string, or raw bytes that are not UTF-8) or binary. */
export interface Outgoing {
  data: string | Buffer;
  binary: boolean;
  /** Raw bytes in a text frame that are not valid UTF-8: the server must close the connection (1007). */
  badUtf8?: boolean;
  /** A `presented` report: the one /live message the server may leave unanswered. */
  presented?: boolean;
}

const FUZZ_CAMERAS = ['fz', 'fz2', 'freed-9', 'otio-7', 'ws-a', CHECK.hero, 'sim-cam2', 'nope'];
const FUZZ_SOURCES = ['osc:fz', 'freed:freed-9', 'opentrackio:otio-7', 'ws:ws-a', `osc:${CHECK.hero}`, 'osc:nope'];
const SCENES = ['desert-road', 'city-rooftop-dusk', 'studio-talk-show', 'nope'];
const ONE_EURO = { minCutoffHz: 1, beta: 0.1, dCutoffHz: 1 };
const SPEC = { kind: 'dolly', distanceM: 1, durationS: 2, easing: 'linear', target: { type: 'point', position: [0, 1, -3] } };
/**
 * A valid argument object per command (commands without arguments take `{}`): where the mutations start. None for
 * `auth.rotate`: its `{}` and mutations of it never name a role, so it is fuzzed without ever locking the fuzzer out.
 */
const COMMAND_ARGS: Record<string, Record<string, unknown>> = {
  'live.subscribe': { walls: '*', director: true, projections: false },
  'camera.select': { cameraId: 'fz' },
  'camera.frustum': { cameraId: 'fz', enabled: true, priority: 1, overscanPct: 10 },
  'walls.calibration': { grid: true },
  'camera.offset': { sourceId: 'osc:fz', latencyOffsetMs: 10 },
  'source.configure': { sourceId: 'osc:fz', patch: { latencyOffsetMs: 5, axisMapping: ['x', 'z', '-y'], filter: { enabled: true, position: ONE_EURO, rotation: ONE_EURO } } },
  'suggestion.accept': { suggestionId: 's1' },
  'suggestion.reject': { suggestionId: 's1', reason: 'no' },
  'suggestion.adjust': { suggestionId: 's1', changes: { durationS: 3 }, start: true },
  'suggestion.hold': { suggestionId: 's1' },
  'move.start': { spec: SPEC },
  'move.scrub': { progress: 0.5 },
  'move.speed': { speed: 2 },
  'move.adjust': { changes: { distanceM: 2, durationS: 1 } },
  'take.start': { slate: 'FZ', takeNumber: 1, description: 'fuzz' },
  'take.play': { takeId: 'FZ-1', fromFrame: 0, speed: 1, loop: true },
  'take.seek': { frame: 10 },
  'scene.load': { sceneId: 'desert-road' },
  'scene.savePoints': { sceneId: 'desert-road', pointsOfInterest: [{ id: 'p', name: 'P', position: [0, 1, -2] }], cameraMarks: [{ id: 'm', name: 'M', position: [0, 1.6, 3], lookAt: [0, 1, 0], focalLengthMm: 35 }] },
};

function commandArgs(name: string, r: Rand): Record<string, unknown> {
  const args = structuredClone(COMMAND_ARGS[name] ?? {});
  if ('cameraId' in args) args.cameraId = r.pick(FUZZ_CAMERAS);
  if ('sourceId' in args) args.sourceId = r.pick(FUZZ_SOURCES);
  if ('sceneId' in args && name === 'scene.load') args.sceneId = r.pick(SCENES);
  if ('spec' in args) args.spec = { ...SPEC, kind: r.pick(['dolly', 'pan', 'orbit', 'crane', 'push-in', 'hold', 'aim']), durationS: 0.1 + r.f() * 5 };
  return args;
}

const text1 = (data: string): Outgoing => ({ data, binary: false });

/** Not a message at all: non-JSON, truncated JSON, deep nesting, binary; rarely a frame the server must close on. */
function rawMessage(r: Rand, limitBytes: number, valid: unknown): Outgoing {
  const k = r.f();
  if (k < 0.2) return text1(toJson(evil(r), r));
  if (k < 0.4) return text1(toJson(valid, r).slice(0, r.int(200)));
  if (k < 0.5) {
    const depth = 1 + r.int(limitBytes / 2 - 1);
    return text1('['.repeat(depth) + ']'.repeat(depth));
  }
  if (k < 0.7) return text1(text(r));
  if (k < 0.97) return { data: Buffer.from(Array.from({ length: r.int(256) }, () => r.int(256))), binary: true };
  if (k < 0.985) return text1(toJson({ ...(valid as object), pad: 'x'.repeat(limitBytes + r.int(limitBytes)) }, r));
  return { data: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), binary: false, badUtf8: true };
}

/** A /live client message: commands (known names, bad args, unknown names), pings, presented reports, junk. */
export function liveMessage(r: Rand): Outgoing {
  const k = r.f();
  let msg: Record<string, unknown>;
  if (k < 0.6) {
    const name = r.chance(0.8) ? r.pick(COMMAND_NAMES) : r.chance(0.5) ? `fuzz.${text(r, 10)}` : text(r, 80);
    const valid = commandArgs(name, r);
    msg = { type: 'command', id: r.chance(0.95) ? `fz${r.int(1e9)}` : evil(r), name, args: r.chance(0.25) ? valid : r.chance(0.8) ? mutate(valid, r) : evil(r) };
  } else if (k < 0.68) msg = { type: 'ping', id: r.chance(0.7) ? r.int(1e9) : num(r), clientSendMs: num(r) };
  else if (k < 0.76) msg = { type: 'presented', frame: r.chance(0.7) ? r.int(1e6) : num(r), presentedAtS: num(r), clockErrorMs: r.chance(0.5) ? r.f() * 5 : num(r) };
  else return rawMessage(r, MAX_LIVE_MESSAGE_BYTES, { type: 'command', id: 'raw', name: 'move.pause', args: {} });
  const out = r.chance(0.15) ? mutate(msg, r) : msg;
  return { ...text1(toJson(out, r)), presented: (out as { type?: unknown } | null)?.type === 'presented' };
}

const INGEST_IDS = ['ws-a', 'ws-b', 'ws-c'];
const INGEST_LENS = { focalLengthMm: 35, sensorWidthMm: 24.89, focusM: 3.2, iris: 2.8, zoom: 0.5 };

/** An /ingest message: valid camera and subject samples, mutated ones, junk; rarely one over maxPayload. */
export function ingestMessage(r: Rand): Outgoing {
  const q = [r.f() - 0.5, r.f() - 0.5, r.f() - 0.5, r.f() - 0.5].map((v, _i, a) => v / Math.hypot(...a));
  const position = [(r.f() - 0.5) * 10, r.f() * 3, (r.f() - 0.5) * 10];
  const valid = r.chance(0.75)
    ? { type: 'camera', id: r.pick(INGEST_IDS), position, rotation: q, ...(r.chance(0.5) && { lens: INGEST_LENS }), ...(r.chance(0.3) && { timecode: '01:02:03:04' }) }
    : { type: 'subject', id: r.pick(['talent-ws', 'talent-ws2']), position };
  const k = r.f();
  if (k < 0.1) return text1(JSON.stringify(valid));
  if (k < 0.8) return text1(toJson(mutate(valid, r), r));
  return rawMessage(r, MAX_INGEST_MESSAGE_BYTES, valid);
}
