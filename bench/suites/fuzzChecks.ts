// What a fuzz run checks once the garbage has gone in: every number of the /live frames, a good sample per protocol
// that must show up exactly in the frames, and the engine's own counters (GET /api/health) against each other.
import type dgram from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import { encode as encodeOsc } from 'node-osc';
import WebSocket from 'ws';
import { DEFAULT_POSE_FILTER } from '../../camera-bridge/filter/PoseFilter.ts';
import { encodeFreeD } from '../../camera-bridge/freed/index.ts';
import { encodeOpenTrackIoPackets } from '../../camera-bridge/opentrackio/index.ts';
import type { Role } from '../../engine/auth/RoleTokens.ts';
import type { EngineHealthWire, ReceiverHealthWire } from '../../engine/protocol/health.ts';
import type { TestEngine } from '../../test/support/startTestEngine.ts';
import { CHECK } from './fuzzInputs.ts';

const HOST = '127.0.0.1';
/** How close a frame's camera position must be to the one sent, m (frames carry 5 decimals). */
const POSITION_TOLERANCE_M = 1e-4;
const FRAME_PREFIX = '{"type":"frame",';

export interface GoodSampleResult {
  protocol: string;
  cameraId: string;
  sentM: number[];
  frameM: number[] | null;
  ok: boolean;
}

interface FrameJson {
  frame: number;
  activeCameraId: string | null;
  cameras: { id: string; position: number[] }[];
}

/** A /live viewer (with projections) that walks every number of every frame (~30 kB; ~2.5 ms to parse and walk). */
export class FrameWatch {
  checked = 0;
  latest: FrameJson | undefined;
  /** Paths (array indices folded to `[]`) that held a number, null, or a non-finite number in some frame. */
  readonly numeric = new Set<string>();
  readonly nulls = new Set<string>();
  readonly nonFinite = new Set<string>();
  readonly unparseable: string[] = [];
  /** Why the server closed the watch, if it did (`auth.rotate` of its role would, with 4401). */
  closedByServer: string | undefined;
  private ws: WebSocket | undefined;

  async open(url: string): Promise<void> {
    const ws = (this.ws = await connect(url));
    ws.on('close', (code, reason) => (this.closedByServer ??= `${code} ${reason.toString()}`));
    ws.on('message', (data) => {
      const buf = data as Buffer;
      if (buf.toString('latin1', 0, FRAME_PREFIX.length) !== FRAME_PREFIX) return;
      const text = buf.toString();
      try {
        this.latest = JSON.parse(text) as FrameJson;
      } catch {
        // The encoder builds JSON by hand, so a NaN shows up as a bare `NaN`.
        const at = /NaN|Infinity|undefined/.exec(text)?.index ?? 0;
        if (this.unparseable.length < 10) this.unparseable.push(text.slice(Math.max(0, at - 120), at + 20));
        return;
      }
      this.checked++;
      this.walk(this.latest, '');
    });
  }

  /** The next frame that `matches`, or undefined after `timeoutMs`. */
  async frame(matches: (f: FrameJson) => boolean, timeoutMs: number): Promise<FrameJson | undefined> {
    const after = this.latest?.frame ?? -1;
    for (const deadline = performance.now() + timeoutMs; performance.now() < deadline; await sleep(5)) {
      const f = this.latest;
      if (f && f.frame > after && matches(f)) return f;
    }
    return undefined;
  }

  /** Paths that are null in one frame and a number in another: a NaN the encoder turned into null. */
  nullWhereNumber(): string[] {
    return [...this.nulls].filter((p) => this.numeric.has(p));
  }

  close(): void {
    this.ws?.removeAllListeners('close').terminate();
  }

  private walk(v: unknown, at: string): void {
    if (typeof v === 'number') {
      this.numeric.add(at);
      if (!Number.isFinite(v)) this.nonFinite.add(at); // `1e309` parses to Infinity
    } else if (v === null) this.nulls.add(at);
    else if (Array.isArray(v)) {
      // Most numbers sit in arrays of numbers (poses, footprints, matrices): one path each, not one Set entry per number.
      const item = `${at}[]`;
      let numbers = 0;
      for (const x of v) {
        if (typeof x !== 'number') this.walk(x, item);
        else if (++numbers && !Number.isFinite(x)) this.nonFinite.add(item);
      }
      if (numbers) this.numeric.add(item);
    } else if (typeof v === 'object') for (const k in v) this.walk((v as Record<string, unknown>)[k], `${at}.${k}`);
  }
}

/** One camera per protocol that the fuzz never configures: registered before, checked after, in the engine frame. */
export class GoodSamples {
  readonly ids = [CHECK.osc, `freed-${CHECK.freedNumber}`, `otio-${CHECK.otioNumber}`, CHECK.ws];
  private ingest: WebSocket | undefined;
  private otioSeq = 1;
  constructor(
    private readonly te: TestEngine,
    /** Its own sender: OpenTrackIO reassembles segments per sender, apart from the fuzzer's half messages. */
    private readonly udp: dgram.Socket,
  ) {}

  /** Engine-frame position per check camera for `p`, a little apart so a mix-up shows. */
  expected(p: readonly number[]): [string, string, number[]][] {
    const [x, y, z] = p as [number, number, number];
    return [['osc', this.ids[0]!, [x, y, z]], ['freed', this.ids[1]!, [x + 0.25, y, z]], ['opentrackio', this.ids[2]!, [x - 0.25, y, z]], ['ws', this.ids[3]!, [x, y + 0.5, z]]];
  }

  /**
   * The hero first, alone: until a posed camera is the hero the composer falls back to the first one posed, and a
   * fuzzed `move.start` on a check camera would offset it. Then one sample per check camera, in the frames.
   */
  async register(watch: FrameWatch, problems: string[]): Promise<void> {
    const hero = encodeOsc({ oscType: 'message', address: `/camera/${CHECK.hero}/pose`, args: [0, 1.6, 4, 0, 0, 0, 1].map((value) => ({ type: 'float', value })) });
    this.udp.send(hero, this.te.ports.osc, HOST);
    if (!(await watch.frame((f) => f.activeCameraId === CHECK.hero && f.cameras.some((c) => c.id === CHECK.hero), 5000))) problems.push(`${CHECK.hero} did not become the hero`);
    await this.send([0, 1, 0]);
    if (!(await watch.frame((f) => this.ids.every((id) => f.cameras.some((c) => c.id === id)), 5000))) problems.push(`the check cameras ${this.ids} did not show up in the frames`);
  }

  /** One sample per camera; FreeD and OpenTrackIO are Z up, so their (X, Y, Z) = engine (x, −z, y). */
  async send(p: readonly number[]): Promise<void> {
    const [o, f, t, w] = this.expected(p).map(([, , q]) => q as [number, number, number]) as [number, number, number][];
    const ports = this.te.ports;
    this.udp.send(encodeOsc({ oscType: 'message', address: `/camera/${CHECK.osc}/pose`, args: [...o!, 0, 0, 0, 1].map((value) => ({ type: 'float', value })) }), ports.osc, HOST);
    this.udp.send(encodeFreeD({ cameraNumber: CHECK.freedNumber, panDeg: 0, tiltDeg: 0, rollDeg: 0, xMm: f![0] * 1000, yMm: -f![2] * 1000, zMm: f![1] * 1000, zoomRaw: 1000, focusRaw: 0 }), ports.freed, HOST);
    const sample = { sourceNumber: CHECK.otioNumber, protocol: { name: 'OpenTrackIO', version: [1, 0, 1] }, transforms: [{ translation: { x: t![0], y: -t![2], z: t![1] }, rotation: { pan: 0, tilt: 0, roll: 0 } }] };
    for (const packet of encodeOpenTrackIoPackets(sample, { sequenceNumber: this.otioSeq++ & 0xffff })) this.udp.send(packet, ports.opentrackio, HOST);
    this.ingest ??= await connect(wsUrl(this.te, '/ingest', 'operator'));
    this.ingest.send(JSON.stringify({ type: 'camera', id: CHECK.ws, position: w, rotation: [0, 0, 0, 1] }));
  }

  /** Filters off (commands on a fresh operator connection), then a stream of one pose: the frames must show exactly it. */
  async check(watch: FrameWatch, problems: string[]): Promise<GoodSampleResult[]> {
    const operator = await connect(wsUrl(this.te, '/live', 'operator'));
    const acks: { ok: boolean; error?: string }[] = [];
    operator.on('message', (data) => {
      const m = JSON.parse(data.toString()) as { type: string; ok: boolean; error?: string };
      if (m.type === 'ack') acks.push(m);
    });
    const filter = { ...DEFAULT_POSE_FILTER, enabled: false };
    for (const [protocol, id] of this.expected([0, 0, 0])) operator.send(JSON.stringify({ type: 'command', id: `chk-${id}`, name: 'source.configure', args: { sourceId: `${protocol}:${id}`, patch: { filter } } }));
    for (const deadline = performance.now() + 3000; acks.length < 4 && performance.now() < deadline; ) await sleep(10);
    if (acks.length !== 4 || acks.some((a) => !a.ok)) problems.push(`after the fuzz, source.configure was answered ${JSON.stringify(acks)}`);
    operator.terminate();
    if (watch.closedByServer) problems.push(`the server closed the frame watch: ${watch.closedByServer}`);
    this.ingest?.terminate(); // a fresh /ingest connection: new ones must still be taken after the fuzz
    this.ingest = undefined;
    const p = [1.25, 1.5, -2.5];
    const want = this.expected(p);
    await this.send(p); // opens the new /ingest connection before the stream reuses it
    const streaming = setInterval(() => void this.send(p), 10);
    const matches = (f: FrameJson) => want.every(([, id, q]) => !!f.cameras.find((c) => c.id === id)?.position.every((v, i) => Math.abs(v - q[i]!) < POSITION_TOLERANCE_M));
    let last: FrameJson | undefined;
    try {
      last = await watch.frame(matches, 5000);
      for (let i = 0; i < 3 && last; i++) last = await watch.frame(() => true, 2000); // and the frames after it
    } finally {
      clearInterval(streaming);
    }
    last ??= watch.latest; // none matched: report what the walls were shown instead
    const out = want.map(([protocol, cameraId, sentM]) => {
      const frameM = last?.cameras.find((c) => c.id === cameraId)?.position ?? null;
      return { protocol, cameraId, sentM, frameM, ok: !!frameM && frameM.every((v, i) => Math.abs(v - sentM[i]!) < POSITION_TOLERANCE_M) };
    });
    for (const s of out) if (!s.ok) problems.push(`a good ${s.protocol} sample after the fuzz: sent ${s.sentM}, the frame shows ${s.frameM}`);
    return out;
  }

  close(): void {
    this.ingest?.terminate();
  }
}

/**
 * After `take.stop`, no take may still say it records: two starts racing (same tick) once left one open for good, its
 * file and flush timer with it.
 */
export async function orphanedTakes(te: TestEngine): Promise<string[]> {
  const director = await connect(wsUrl(te, '/live', 'director'));
  const acked = new Promise((resolve) => director.on('message', (data) => data.toString().includes('"id":"chk-take-stop"') && resolve(undefined)));
  director.send(JSON.stringify({ type: 'command', id: 'chk-take-stop', name: 'take.stop' }));
  await Promise.race([acked, sleep(3000)]);
  director.terminate();
  return (await te.engine.takes.store.list()).filter((m) => m.state === 'recording').map((m) => m.id);
}

/** An open WebSocket, or an error saying why the server would not take it (refused, closed, silent for 5 s). */
export function connect(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (ws.terminate(), reject(new Error(`${url}: no answer in 5 s`))), 5000);
    ws.once('open', () => (clearTimeout(timer), resolve(ws)));
    ws.on('error', () => undefined); // a refusal or reset ends in 'close', which says it
    ws.once('unexpected-response', (req, res) => (clearTimeout(timer), req.destroy(), reject(new Error(`${url}: HTTP ${res.statusCode}`))));
    ws.once('close', (code) => (clearTimeout(timer), reject(new Error(`${url}: closed (${code}) while opening`))));
  });
}

export async function health(te: TestEngine): Promise<EngineHealthWire> {
  const res = await te.getJson('/api/health');
  if (res.status !== 200) throw new Error(`GET /api/health answered ${res.status}`);
  return res.body as EngineHealthWire;
}

export function receiverOf(h: EngineHealthWire, protocol: string): ReceiverHealthWire {
  return h.receivers.find((r) => r.protocol === protocol) ?? { protocol: protocol as 'ws', updates: 0, rejected: 0, rejectedByReason: {} };
}

/** Each receiver's counters against each other and against the hub's per-source counts, since the engine started. */
export function countersAddUp(h: EngineHealthWire): string[] {
  const out: string[] = [];
  for (const rc of h.receivers) {
    const p = rc.protocol;
    const sources = h.sources.filter((s) => s.protocol === p);
    const hubRefused = sources.reduce((a, s) => a + sum(s.rejected), 0) + sum(h.unattributedRejections[p]);
    const hubAccepted = sources.reduce((a, s) => a + s.accepted, 0);
    if (sum(rc.rejectedByReason) !== rc.rejected) out.push(`${p}: ${rc.rejected} rejected, but ${sum(rc.rejectedByReason)} by reason`);
    // Subject updates count at the receiver but belong to no source, hence ≤.
    if (hubAccepted > rc.updates) out.push(`${p}: its sources accepted ${hubAccepted} samples, the receiver counts ${rc.updates} updates`);
    if (p === 'ws') {
      if (rc.messages !== rc.updates + rc.rejected) out.push(`ws: ${rc.messages} messages ≠ ${rc.updates} updates + ${rc.rejected} rejected`);
      if (hubRefused > rc.rejected) out.push(`ws: the hub refused ${hubRefused}, more than the ${rc.rejected} the endpoint rejected`);
    } else {
      if (rc.datagrams !== (rc.decoded ?? 0) + (rc.pending ?? 0) + rc.rejected) out.push(`${p}: ${rc.datagrams} datagrams ≠ ${rc.decoded} decoded + ${rc.pending} pending + ${rc.rejected} rejected`);
      if (hubRefused !== sum(rc.refusedByReason)) out.push(`${p}: the hub refused ${hubRefused} updates, the receiver counts ${sum(rc.refusedByReason)}`);
    }
  }
  return out;
}

/** Resolves once `replies` has stopped changing for 300 ms (acks come at the next tick, file writes later). */
export async function settled(replies: Record<string, number>): Promise<void> {
  for (let last = '', same = 0; same < 6; await sleep(50)) {
    const now = JSON.stringify(replies);
    same = now === last ? same + 1 : 0;
    last = now;
  }
}

export const sum = (counts: Record<string, number> | undefined) => Object.values(counts ?? {}).reduce((a, b) => a + b, 0);
export const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
export const wsUrl = (te: TestEngine, pathname: string, role: Role) => te.url(pathname, role).replace(/^http/, 'ws');
