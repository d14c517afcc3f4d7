// Fuzzes a running engine through its real sockets (OSC, FreeD, OpenTrackIO over UDP; /live and /ingest over WebSocket)
// from one seed, then checks it survived: counters that add up, frames of finite numbers, a good sample that still applies.
import dgram from 'node:dgram';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import WebSocket, { type RawData } from 'ws';
import type { UdpReceiver } from '../../camera-bridge/UdpReceiver.ts';
import { MAX_INGEST_MESSAGE_BYTES } from '../../camera-bridge/websocket/decodeIngestMessage.ts';
import type { Role } from '../../engine/auth/RoleTokens.ts';
import { MAX_LIVE_MESSAGE_BYTES } from '../../engine/live/ClientMessageSchema.ts';
import type { ReceiverHealthWire } from '../../engine/protocol/health.ts';
import { startTestEngine, type TestEngine } from '../../test/support/startTestEngine.ts';
import { countersAddUp, FrameWatch, GoodSamples, health, orphanedTakes, receiverOf, round, settled, sum, wsUrl, type GoodSampleResult } from './fuzzChecks.ts';
import { datagram, freedSource, ingestMessage, liveMessage, noisePool, oscSource, otioSource, Rand, type Outgoing, type UdpProtocol } from './fuzzInputs.ts';

export interface FuzzOptions {
  /** Datagrams sent to each UDP port. */
  packetsPerPort: number;
  /** Messages sent to /live, and to /ingest. */
  liveMessages: number;
  ingestMessages: number;
  seed: number;
  /** Real WebSocket connections per endpoint (default 5: one per role on /live). */
  connections?: number;
  log?: (line: string) => void;
}

export interface UdpPortResult {
  protocol: UdpProtocol;
  sent: number;
  sentBytes: number;
  received: number;
  receivedPct: number;
  /** Datagrams decoded (accepted), waiting for more segments, refused by the decoder; updates the hub took and refused. */
  decoded: number;
  pending: number;
  rejected: number;
  updates: number;
  refused: number;
  rejectedByReason: Record<string, number>;
}

export interface WsResult {
  sent: number;
  /** Frames the server must close the connection on (over maxPayload, not UTF-8): each connection is reopened. */
  closingSent: number;
  reopened: number;
  unexpectedCloses: number;
  keptOpen: number;
  /** What the server answered, by message type and code. */
  replies: Record<string, number>;
}

export interface FuzzResult {
  seed: number;
  fuzzS: number;
  udp: UdpPortResult[];
  live: WsResult & { rejectedMessages: number; presentedSent: number; unanswered: number };
  ingest: WsResult & { messages: number; updates: number; rejected: number; rejectedByReason: Record<string, number> };
  /** `warnings`: what Node warned about meanwhile (a FileHandle closed by the GC is a leaked file). */
  engine: { uncaughtErrors: string[]; warnings: string[]; frames: number; skippedFrames: number; tickErrors: number; tickMsP99: number; workerRestarts: number | null };
  frames: { checked: number; unparseable: string[]; nonFinite: string[]; nullWhereNumber: string[] };
  goodSamples: GoodSampleResult[];
  /** Every invariant that did not hold, in words; empty = the engine survived. */
  problems: string[];
}

const HOST = '127.0.0.1';
const REPO = path.resolve(import.meta.dirname, '../..');
/** Kernel memory a queued datagram costs beyond its payload (sk_buff), bytes: sizes a burst to the receive buffer. */
const DATAGRAM_OVERHEAD_BYTES = 768;
const MAX_BURST_BYTES = 512 * 1024;
const MIN_BURST_BYTES = 16 * 1024;
const MAX_BURST_DATAGRAMS = 512;
/** No new datagram at the receiver for this long after a burst: the kernel dropped the rest, ms. */
const DRAIN_QUIET_MS = 50;
/** WebSocket messages between two barriers (when one passes, the server has handled everything sent before it). */
const WS_BATCH = 100;
/** Ping ids from here up are barriers, never fuzz (the schema caps ids at 2^53 − 1). */
const BARRIER_ID_BASE = 9e15;
/** A barrier not passed by then counts as the server having dropped the connection's messages, ms. */
const BARRIER_TIMEOUT_MS = 5000;
const LIVE_ROLES: Role[] = ['director', 'operator', 'designer', 'viewer', 'render'];

/** A real engine on free loopback ports, on a scratch copy of the scenes, since fuzzed `scene.savePoints` writes them. */
export async function startFuzzEngine(): Promise<TestEngine> {
  const scenesDir = await mkdtemp(path.join(tmpdir(), 'vantage-fuzz-scenes-'));
  await cp(path.join(REPO, 'scenes'), scenesDir, { recursive: true });
  const te = await startTestEngine({}, undefined, { scenesDir, sceneAssetsDir: path.join(REPO, 'assets', 'scenes') });
  return { ...te, close: async () => (await te.close(), await rm(scenesDir, { recursive: true, force: true })) };
}

export async function runFuzz(te: TestEngine, options: FuzzOptions): Promise<FuzzResult> {
  const { seed, log = () => undefined } = options;
  const problems: string[] = [];
  const uncaughtErrors: string[] = [];
  const onUncaught = (err: unknown) => uncaughtErrors.push(String((err as Error)?.stack ?? err));
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('uncaughtException', onUncaught).on('unhandledRejection', onUncaught).on('warning', onWarning);
  const stream = (k: number) => new Rand((seed + k * 0x9e3779b9) >>> 0); // one PRNG per door: each is reproducible alone
  const watch = new FrameWatch();
  await watch.open(wsUrl(te, '/live?projections=1', 'viewer'));
  const fuzzUdp = dgram.createSocket('udp4');
  const goodUdp = dgram.createSocket('udp4');
  const good = new GoodSamples(te, goodUdp);
  try {
    await good.register(watch, problems);
    const before = await health(te);
    const t0 = performance.now();
    log(`fuzzing: ${options.packetsPerPort} datagrams per UDP port, ${options.liveMessages} /live and ${options.ingestMessages} /ingest messages, seed ${seed}`);
    const pool = noisePool(seed);
    const sources = [oscSource(), freedSource(), otioSource()];
    const elapsedS = () => round((performance.now() - t0) / 1000, 1);
    const progress = setInterval(() => log(`  ${elapsedS()} s: received ${sources.map((s) => `${s.protocol} ${te.engine.receivers[s.protocol].datagrams}`).join(', ')}; /ingest ${te.engine.ingest.messages}`), 10_000);
    const [sent, live, ingest] = await Promise.all([
      Promise.all(sources.map((src, i) => {
        const r = stream(i + 1);
        const receiver = te.engine.receivers[src.protocol];
        return blast(fuzzUdp, receiver.port, receiver, options.packetsPerPort, () => datagram(src, r, pool)).finally(() => log(`${src.protocol}: done at ${elapsedS()} s`));
      })),
      fuzzLive(te, options, stream(4)).finally(() => log(`/live: done at ${elapsedS()} s`)),
      fuzzIngest(te, options, stream(5)).finally(() => log(`/ingest: done at ${elapsedS()} s`)),
    ]);
    clearInterval(progress);
    const fuzzS = round((performance.now() - t0) / 1000, 2);
    const after = await health(te);
    problems.push(...countersAddUp(after), ...live.problems, ...ingest.problems);
    const udp = sources.map((src, i) => udpResult(src.protocol, sent[i]!, receiverOf(before, src.protocol), receiverOf(after, src.protocol), problems));
    const liveResult = { ...live.result, rejectedMessages: after.live.rejectedMessages - before.live.rejectedMessages, presentedSent: live.presentedSent, unanswered: live.processed - answered(live.result.replies) };
    if (liveResult.rejectedMessages !== (live.result.replies['error VP_ERR_BAD_MESSAGE'] ?? 0)) problems.push(`/live: health counts ${liveResult.rejectedMessages} rejected messages, the clients got ${live.result.replies['error VP_ERR_BAD_MESSAGE'] ?? 0} errors`);
    if (liveResult.unanswered < 0 || liveResult.unanswered > live.presentedSent) problems.push(`/live: ${liveResult.unanswered} messages unanswered, only ${live.presentedSent} were presented reports`);
    const [wsBefore, wsAfter] = [receiverOf(before, 'ws'), receiverOf(after, 'ws')];
    const d = (k: 'messages' | 'updates' | 'rejected') => (wsAfter[k] ?? 0) - (wsBefore[k] ?? 0);
    const rejectedByReason = Object.fromEntries(Object.entries(wsAfter.rejectedByReason).map(([k, n]) => [k, n - (wsBefore.rejectedByReason[k] ?? 0)]));
    const ingestResult = { ...ingest.result, messages: d('messages'), updates: d('updates'), rejected: d('rejected'), rejectedByReason };
    if (ingestResult.messages !== ingest.processed) problems.push(`/ingest: ${ingest.processed} messages sent within maxPayload, the engine counted ${ingestResult.messages}`);
    if (answered(ingest.result.replies) !== ingestResult.rejected) problems.push(`/ingest: ${ingestResult.rejected} rejected, ${answered(ingest.result.replies)} errors came back`);
    const engine = {
      uncaughtErrors,
      warnings,
      frames: after.frame - before.frame,
      skippedFrames: after.frameClock.skipped - before.frameClock.skipped,
      tickErrors: after.frameClock.errors,
      tickMsP99: after.frameClock.tickMs.p99,
      workerRestarts: after.director?.workerRestarts ?? null,
    };
    if (uncaughtErrors.length) problems.push(`${uncaughtErrors.length} uncaught errors, first: ${uncaughtErrors[0]}`);
    const leaks = warnings.filter((w) => /file descriptor|FileHandle|MaxListeners/.test(w));
    if (leaks.length) problems.push(`${leaks.length} leak warnings, first: ${leaks[0]}`);
    if (engine.tickErrors) problems.push(`${engine.tickErrors} frame ticks threw`);
    if (engine.workerRestarts) problems.push(`the AI director's worker restarted ${engine.workerRestarts} times`);
    const goodSamples = await good.check(watch, problems);
    const orphans = await orphanedTakes(te);
    if (orphans.length) problems.push(`takes still recording after take.stop: ${orphans.join(', ')}`);
    const frames = { checked: watch.checked, unparseable: watch.unparseable, nonFinite: [...watch.nonFinite], nullWhereNumber: watch.nullWhereNumber() };
    if (frames.unparseable.length) problems.push(`${frames.unparseable.length} frames were not JSON, first: ${frames.unparseable[0]}`);
    if (frames.nonFinite.length) problems.push(`non-finite numbers in frames at ${frames.nonFinite.join(', ')}`);
    if (frames.nullWhereNumber.length) problems.push(`null where other frames have numbers, at ${frames.nullWhereNumber.join(', ')}`);
    return { seed, fuzzS, udp, live: liveResult, ingest: ingestResult, engine, frames, goodSamples, problems };
  } finally {
    process.off('uncaughtException', onUncaught).off('unhandledRejection', onUncaught).off('warning', onWarning);
    watch.close();
    good.close();
    await Promise.all([fuzzUdp, goodUdp].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

// ── UDP ─────────────────────────────────────────────────────────────────────
/** Sends `count` datagrams in bursts sized to the receive buffer, waiting for the engine to drain each; halves after a loss. */
async function blast(socket: dgram.Socket, port: number, receiver: UdpReceiver, count: number, next: () => Buffer): Promise<{ sent: number; sentBytes: number }> {
  const start = receiver.datagrams;
  let sent = 0;
  let sentBytes = 0;
  let budgetBytes = MAX_BURST_BYTES;
  while (sent < count) {
    const burst: Buffer[] = [];
    for (let bytes = 0; sent < count && bytes < budgetBytes && burst.length < MAX_BURST_DATAGRAMS; sent++) {
      const d = next();
      burst.push(d);
      bytes += d.length + DATAGRAM_OVERHEAD_BYTES;
      sentBytes += d.length;
    }
    const lostBefore = sent - burst.length - (receiver.datagrams - start);
    await new Promise<void>((resolve) => {
      let left = burst.length;
      for (const d of burst) socket.send(d, port, HOST, () => --left === 0 && resolve());
    });
    let seen = -1;
    let quietSince = performance.now();
    while (receiver.datagrams - start < sent - lostBefore && performance.now() - quietSince < DRAIN_QUIET_MS) {
      if (receiver.datagrams !== seen) [seen, quietSince] = [receiver.datagrams, performance.now()];
      await yieldToLoop();
    }
    const lost = sent - (receiver.datagrams - start) > lostBefore;
    budgetBytes = lost ? Math.max(budgetBytes / 2, MIN_BURST_BYTES) : Math.min(budgetBytes * 1.25, MAX_BURST_BYTES);
  }
  return { sent, sentBytes };
}

function udpResult(protocol: UdpProtocol, s: { sent: number; sentBytes: number }, a: ReceiverHealthWire, b: ReceiverHealthWire, problems: string[]): UdpPortResult {
  const d = (k: 'datagrams' | 'decoded' | 'pending' | 'rejected' | 'updates') => (b[k] ?? 0) - (a[k] ?? 0);
  const refused = sum(b.refusedByReason) - sum(a.refusedByReason);
  if (d('datagrams') > s.sent) problems.push(`${protocol}: ${d('datagrams')} datagrams received, only ${s.sent} sent`);
  const received = d('datagrams');
  const rejectedByReason = Object.fromEntries(Object.entries(b.rejectedByReason).map(([k, n]) => [k, n - (a.rejectedByReason[k] ?? 0)]));
  return { protocol, ...s, received, receivedPct: round((100 * received) / s.sent, 2), decoded: d('decoded'), pending: d('pending'), rejected: d('rejected'), updates: d('updates'), refused, rejectedByReason };
}

// ── WebSockets ──────────────────────────────────────────────────────────────
/** One fuzzing connection: counts what the server answers, by type and code; reopened when the server closes it. */
class FuzzSocket {
  private ws: WebSocket | undefined;
  private closed: Promise<void> = Promise.resolve();
  private barrierId = 0;
  private expectedPong = -1;
  private barrierDone: (() => void) | undefined;
  private framesSeen = 0;
  constructor(
    private readonly url: string,
    readonly replies: Record<string, number>,
  ) {}

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  async open(): Promise<void> {
    const ws = new WebSocket(this.url, { perMessageDeflate: false });
    ws.on('message', (data) => this.onReply(data));
    ws.on('error', () => undefined); // a refused frame ends in 'close', which is what counts
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('unexpected-response', (req, res) => (req.destroy(), reject(new Error(`${this.url}: HTTP ${res.statusCode}`))));
      ws.once('close', () => reject(new Error(`${this.url}: closed while opening`)));
    });
    this.ws = ws;
  }

  send(m: Outgoing): void {
    this.ws?.send(m.data, { binary: m.binary });
  }

  /** True once the server has closed it, false if it is still open after `timeoutMs`. */
  waitClosed(timeoutMs: number): Promise<boolean> {
    return Promise.race([this.closed.then(() => true), sleep(timeoutMs, false, { ref: false })]);
  }

  /** /live: the server answers a ping at once, so its pong comes after the answers to everything sent before it. */
  async ping(): Promise<boolean> {
    const id = BARRIER_ID_BASE + ++this.barrierId;
    const done = new Promise<boolean>((resolve) => (this.barrierDone = () => resolve(true)));
    this.ws?.send(`{"type":"ping","id":${id},"clientSendMs":0}`);
    this.expectedPong = id;
    return Promise.race([done, this.closed.then(() => false), sleep(BARRIER_TIMEOUT_MS, false, { ref: false })]);
  }

  close(): void {
    this.ws?.terminate();
  }

  /** True after `n` more frames: a tick runs the commands queued before it and acks them before its frame goes out. */
  async ticks(n: number): Promise<boolean> {
    const until = this.framesSeen + n;
    for (const deadline = performance.now() + BARRIER_TIMEOUT_MS; this.framesSeen < until; await sleep(2)) if (!this.isOpen || performance.now() > deadline) return false;
    return true;
  }

  private onReply(data: RawData): void {
    const buf = data as Buffer;
    if (buf.length > 200 && buf.toString('latin1', 0, 16) === '{"type":"frame",') return void this.framesSeen++; // every tick: not an answer
    let m: { type?: string; ok?: boolean; error?: string; code?: string; id?: unknown };
    try {
      m = JSON.parse(buf.toString());
    } catch {
      return this.count('unparseable');
    }
    if (m.type === 'pong' && typeof m.id === 'number' && m.id >= BARRIER_ID_BASE) return void (m.id === this.expectedPong && this.barrierDone?.());
    this.count(m.type === 'ack' ? (m.ok ? 'ack ok' : `ack ${codeOf(m.error)}`) : m.type === 'error' ? `error ${m.code}` : String(m.type));
  }

  private count(key: string): void {
    this.replies[key] = (this.replies[key] ?? 0) + 1;
  }
}

interface EndpointRun {
  result: WsResult;
  /** Messages within maxPayload (the ones the server handles), and how many of them were `presented` reports. */
  processed: number;
  presentedSent: number;
  problems: string[];
}

/** Sends `count` messages over several connections in batches, each ended by `barrier`; reopens what the server closes. */
async function fuzzEndpoint(urls: string[], count: number, r: Rand, next: (r: Rand) => Outgoing, limitBytes: number, barrier: (s: FuzzSocket, processed: number, beforeClose: boolean) => Promise<boolean>): Promise<EndpointRun> {
  const result: WsResult = { sent: 0, closingSent: 0, reopened: 0, unexpectedCloses: 0, keptOpen: 0, replies: {} };
  const sockets = urls.map((u) => new FuzzSocket(u, result.replies));
  await Promise.all(sockets.map((s) => s.open()));
  const run: EndpointRun = { result, processed: 0, presentedSent: 0, problems: [] };
  while (result.sent < count) {
    const s = r.pick(sockets);
    for (let i = 0; i < WS_BATCH && result.sent < count; i++, result.sent++) {
      const m = next(r);
      const closing = m.badUtf8 || Buffer.byteLength(m.data) > limitBytes;
      // Drained first: the server drops the connection with whatever it has not sent yet (answers, acks due next tick).
      if (closing && !(await barrier(s, run.processed, true))) result.unexpectedCloses++;
      s.send(m);
      if (closing) {
        result.closingSent++;
        if (!(await s.waitClosed(5000))) (result.keptOpen++, s.close());
        await s.open();
        result.reopened++;
      } else {
        run.processed++;
        if (m.presented) run.presentedSent++;
      }
    }
    if (!(await barrier(s, run.processed, false))) {
      result.unexpectedCloses++;
      s.close();
      await s.open();
      result.reopened++;
    }
  }
  for (const s of sockets) await barrier(s, run.processed, true);
  await settled(result.replies); // acks come at the next tick, file-writing commands later still
  for (const s of sockets) s.close();
  if (result.unexpectedCloses) run.problems.push(`${urls[0]!.split('?')[0]}: the server closed ${result.unexpectedCloses} connections on frames within its limits`);
  if (result.keptOpen) run.problems.push(`${urls[0]!.split('?')[0]}: ${result.keptOpen} connections stayed open after a frame over maxPayload or not UTF-8`);
  if (result.replies.unparseable) run.problems.push(`${urls[0]!.split('?')[0]}: ${result.replies.unparseable} replies were not JSON`);
  const uncoded = Object.keys(result.replies).filter((k) => k.includes('uncoded'));
  if (uncoded.length) run.problems.push(`${urls[0]!.split('?')[0]}: errors without a VP_ERR_ code: ${uncoded.join(' | ')}`);
  return run;
}

function fuzzLive(te: TestEngine, o: FuzzOptions, r: Rand): Promise<EndpointRun> {
  const urls = Array.from({ length: o.connections ?? 5 }, (_, i) => LIVE_ROLES[i % LIVE_ROLES.length]!).map((role) => wsUrl(te, role === 'render' ? '/live?wall=main' : '/live', role));
  return fuzzEndpoint(urls, o.liveMessages, r, liveMessage, MAX_LIVE_MESSAGE_BYTES, async (s, _n, beforeClose) => (await s.ping()) && (!beforeClose || (await s.ticks(2))));
}

function fuzzIngest(te: TestEngine, o: FuzzOptions, r: Rand): Promise<EndpointRun> {
  const start = te.engine.ingest.messages;
  const urls = Array.from({ length: o.connections ?? 5 }, (_, i) => wsUrl(te, '/ingest', i % 2 ? 'director' : 'operator'));
  // /ingest answers only what it rejects, so its own counter is the barrier.
  const barrier = async (s: FuzzSocket, processed: number) => {
    for (const deadline = performance.now() + BARRIER_TIMEOUT_MS; te.engine.ingest.messages - start < processed; await yieldToLoop()) if (!s.isOpen || performance.now() > deadline) return false;
    return true;
  };
  return fuzzEndpoint(urls, o.ingestMessages, r, ingestMessage, MAX_INGEST_MESSAGE_BYTES, barrier);
}

const answered = (replies: Record<string, number>) => Object.entries(replies).reduce((a, [k, n]) => a + (/^(ack|error|pong)\b/.test(k) ? n : 0), 0);
const codeOf = (error: string | undefined) => /^VP_ERR_[A-Z_]+/.exec(error ?? '')?.[0] ?? `uncoded: ${String(error).slice(0, 80)}`;
