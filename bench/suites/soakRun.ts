// The soak: a real engine process (engine/main.ts) under a shoot's load for minutes on end, sampled every 10 s: its
// memory, open files, tick lateness, the take it records and what its /live clients saw. npm run soak and test/soak.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Bundle, encode, Message } from 'node-osc';
import WebSocket from 'ws';
import type { EngineHealthWire } from '../../engine/protocol/health.ts';
import type { AckMessage, ServerMessage, TakeFrameWire } from '../../engine/protocol/LiveMessages.ts';
import { RECORDS_FILE } from '../../engine/takes/TakeStore.ts';
import { startEngineProcess, type EngineProcess } from '../../test/support/engineProcess.ts';
import { waitFor } from '../../test/support/startTestEngine.ts';
import { perMinute, round } from './soakFigures.ts';

const CAMERAS = 8;
const RATE_HZ = 240;
/** Poses sweep across the open side of the volume for this long, then back: the frusta stay on the main wall. */
const SWEEP_S = 10;
/** The talent's position rate (a subject keeps the AI director refreshing), Hz; a divisor of RATE_HZ. */
const SUBJECT_HZ = 30;
const RENDER_CLIENTS = 8;
const CONSOLE_CLIENTS = 8;
/** Every this often, CHURN_CLIENTS clients drop (one clean close, one abrupt) and connect again. */
const CHURN_EVERY_S = 3;
const CHURN_CLIENTS = 2;
/** A connected client with no frame for this long has stalled (an error: frames come 50 times a second). */
const STALL_MS = 2000;
/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
const CLOCK_TICKS_PER_S = 100;

export interface SoakOptions {
  minutes: number;
  /** Samples before this are warm-up (JIT, heap growth, model load): the goals compare against its end. */
  warmUpS: number;
  sampleEveryS?: number;
  /** Called with each sample as it is taken (the CLI prints a row). */
  onSample?: (sample: SoakSample) => void;
}

export interface SoakSample {
  atS: number;
  rssMb: number;
  /** From health: V8's heap in use and memory outside it (buffers), to tell which one grows with RSS. */
  heapUsedMb: number;
  externalMb: number;
  fds: number;
  threads: number;
  /** Engine process CPU since the previous sample, % of one core. */
  cpuPct: number;
  /** Health's tick lateness over its window (the last 1000 ticks, 20 s at 50 fps), ms. */
  lateP99Ms: number;
  lateMaxMs: number;
  tickP99Ms: number;
  /** Frames the engine's clock skipped so far (fell > 5 frames behind). */
  skippedFrames: number;
  liveClients: number;
  takeFrames: number;
  takeRecordsMb: number;
  /** Frames all our clients received so far, and the frame numbers they missed (back-pressure, skips). */
  clientFrames: number;
  clientFrameGaps: number;
  reconnects: number;
  clientErrors: number;
}

export interface SoakMinute {
  minute: number;
  /** The highest lateness p99 of the health windows read in this minute (every tick is in at least one), ms. */
  lateP99Ms: number;
  tickP99Ms: number;
}

export interface SoakResult {
  options: { minutes: number; warmUpS: number; sampleEveryS: number; cameras: number; rateHz: number; renderClients: number; consoleClients: number; churnEveryS: number; churnClients: number };
  aiThread: string | null;
  tfjsBackend: string | null;
  samples: SoakSample[];
  minutes: SoakMinute[];
  take: { takeId: string | null; recordingAtEnd: boolean; stoppedAs: { state: string; frameCount: number; note?: string } | null };
  clients: { reconnects: number; frames: number; frameGaps: number; errors: number; firstErrors: string[] };
  sender: { datagrams: number; skippedTicks: number; sendErrors: number };
  /** Samples the hub refused, by reason, over all sources (health at the last sample). */
  hubRefused: Record<string, number>;
  engine: { exit: number | string | null; diedDuringRun: boolean; logErrors: number; logWarnings: number; firstLogLines: string[] };
  failure?: string; // why the run ended early, if it did
}

/** Client errors, counted; the first few kept with their time. */
class ErrorLog {
  count = 0;
  readonly first: string[] = [];
  constructor(private readonly t0Ms: () => number) {}
  add(what: string): void {
    this.count++;
    if (this.first.length < 50) this.first.push(`${((performance.now() - this.t0Ms()) / 1000).toFixed(1)} s ${what}`);
  }
}

/** One /live client: a render node (reports each frame presented, pings) or a console; reads every frame. */
class SoakClient {
  private ws: WebSocket | undefined;
  private planned = false; // the close under way is ours (a planned reconnect), not the engine's
  private seq = 0;
  private readonly acks = new Map<string, (ack: AckMessage) => void>();
  frames = 0;
  frameGaps = 0;
  lastFrame = -1;
  lastFrameAtMs = 0;
  recording: TakeFrameWire['recording'] = null;

  constructor(readonly name: string, private readonly url: string, private readonly renderNode: boolean, private readonly errors: ErrorLog) {}

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  async connect(): Promise<void> {
    const ws = new WebSocket(this.url, { perMessageDeflate: false });
    this.ws = ws;
    this.planned = false;
    this.lastFrame = -1;
    this.lastFrameAtMs = performance.now();
    ws.on('message', (data: Buffer) => this.onMessage(ws, data));
    ws.on('error', (err) => this.errors.add(`${this.name}: ${err.message}`));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('close', () => reject(new Error(`${this.name}: closed before it opened`)));
    });
    // Only once open: a connection that failed has had its 'error' already.
    ws.on('close', (code) => !this.planned && this.errors.add(`${this.name}: closed by the engine (${code})`));
  }

  /** A planned drop: a clean close, or `abrupt` (the TCP connection just ends, as a node losing its network). */
  async disconnect(abrupt: boolean): Promise<void> {
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    this.planned = true;
    const closed = new Promise<void>((r) => ws.once('close', () => r()));
    void (abrupt ? ws.terminate() : ws.close());
    await closed;
  }

  async command(name: string, args?: unknown): Promise<AckMessage> {
    const id = `${this.name}-${++this.seq}`;
    const ack = new Promise<AckMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no ack for ${name}`)), 5000);
      this.acks.set(id, (m) => (clearTimeout(timer), this.acks.delete(id), resolve(m)));
    });
    this.ws!.send(JSON.stringify({ type: 'command', id, name, args }));
    return ack;
  }

  private onMessage(ws: WebSocket, data: Buffer): void {
    const m = JSON.parse(data.toString()) as ServerMessage;
    if (m.type === 'frame') {
      if (this.lastFrame >= 0 && m.frame <= this.lastFrame) this.errors.add(`${this.name}: frame ${m.frame} after ${this.lastFrame}`);
      else if (this.lastFrame >= 0) this.frameGaps += m.frame - this.lastFrame - 1;
      this.lastFrame = m.frame;
      this.lastFrameAtMs = performance.now();
      this.frames++;
      this.recording = m.take?.recording ?? null;
      if (this.renderNode) {
        ws.send(`{"type":"presented","frame":${m.frame}}`);
        if (m.frame % 50 === 0) ws.send(JSON.stringify({ type: 'ping', id: m.frame, clientSendMs: performance.now() })); // once a second, as a synced wall
      }
    } else if (m.type === 'error') this.errors.add(`${this.name}: ${m.code} ${m.reason}`);
    else if (m.type === 'ack') this.acks.get(m.id)?.(m);
  }
}

/** Runs the soak and returns every sample; nothing is thrown for a goal missed (bench/soak.ts judges them). */
export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  const sampleEveryS = opts.sampleEveryS ?? 10;
  const token = (role: string) => `soak-${role}-${randomBytes(6).toString('hex')}`;
  const tokens = { director: token('director'), viewer: token('viewer'), render: token('render') };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-soak-'));
  const run = new SoakState();
  let engine: EngineProcess | undefined;
  let sender: ReturnType<typeof startOscLoad> | undefined;
  let senderStats: SoakResult['sender'] = { datagrams: 0, skippedTicks: 0, sendErrors: 0 };
  let diedDuringRun = false;
  try {
    engine = await startEngineProcess({ VP_TOKENS: Object.entries(tokens).map(([r, t]) => `${r}=${t}`).join(','), VP_DATA_DIR: dataDir });
    sender = startOscLoad(engine.ports.osc);
    // Past the start, a failure (the engine gone, a sample that could not be read) ends the run with what it has.
    await soakEngine(engine, tokens, dataDir, { ...opts, sampleEveryS }, run).catch((err: Error) => (run.failure = err.message));
  } finally {
    await Promise.all(run.clients.map((c) => c.disconnect(false)));
    if (sender) senderStats = await sender.stop();
    diedDuringRun = run.died;
    await engine?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const last = run.samples.at(-1);
  return {
    options: { minutes: opts.minutes, warmUpS: opts.warmUpS, sampleEveryS, cameras: CAMERAS, rateHz: RATE_HZ, renderClients: RENDER_CLIENTS, consoleClients: CONSOLE_CLIENTS, churnEveryS: CHURN_EVERY_S, churnClients: CHURN_CLIENTS },
    aiThread: run.health?.director?.thread ?? null,
    tfjsBackend: run.health?.tfjsBackend ?? null,
    samples: run.samples,
    minutes: perMinute(run.samples),
    take: { takeId: run.takeId, recordingAtEnd: run.recordingAtEnd, stoppedAs: run.stoppedAs },
    clients: { reconnects: run.reconnects, frames: last?.clientFrames ?? 0, frameGaps: last?.clientFrameGaps ?? 0, errors: run.errors.count, firstErrors: run.errors.first },
    sender: senderStats,
    hubRefused: sumRefusals(run.health?.sources ?? []),
    engine: { exit: await engine.exited, diedDuringRun, ...engineLog(engine.output()) },
    ...(run.failure !== undefined && { failure: run.failure }),
  };
}

/** What a run gathers as it goes (kept outside soakEngine so a failed run still reports it). */
class SoakState {
  readonly startedAtMs = performance.now(); // the engine process's start
  t0Ms = performance.now(); // then the soak's: the take started
  readonly errors = new ErrorLog(() => this.t0Ms);
  clients: SoakClient[] = [];
  samples: SoakSample[] = [];
  reconnects = 0;
  died = false;
  takeId: string | null = null;
  recordingAtEnd = false;
  stoppedAs: SoakResult['take']['stoppedAs'] = null;
  health: EngineHealthWire | undefined;
  failure: string | undefined;
}

async function soakEngine(engine: EngineProcess, tokens: Record<'director' | 'viewer' | 'render', string>, dataDir: string, opts: SoakOptions & { sampleEveryS: number }, run: SoakState): Promise<void> {
  void engine.exited.then(() => (run.died = true));
  const live = (t: string, q = '') => engine.url(`/live${q}`, t).replace(/^http/, 'ws');
  const render = Array.from({ length: RENDER_CLIENTS }, (_, i) => new SoakClient(`wall${i}`, live(tokens.render, '?wall=main'), true, run.errors));
  const consoles = Array.from({ length: CONSOLE_CLIENTS }, (_, i) => new SoakClient(`console${i}`, live(i < CONSOLE_CLIENTS / 2 ? tokens.director : tokens.viewer), false, run.errors));
  run.clients = [...render, ...consoles];
  // console0 records the take and is never dropped: the take's tally is read from its frames.
  const control = consoles[0]!;
  const churnable = [...render, ...consoles.slice(1)];
  await waitFor(async () => (await getHealth(engine)).sources.length >= CAMERAS, 20_000, 'the OSC cameras in health');
  await Promise.all(run.clients.map((c) => c.connect()));
  const ack = await control.command('take.start', { slate: 'SOAK', description: `soak, ${opts.minutes} min` });
  if (!ack.ok) throw new Error(`take.start refused: ${ack.error}`);
  const takeId = (run.takeId = (await waitFor(() => control.recording, 5000, 'the take tally')).takeId);
  run.t0Ms = performance.now();
  const pending = new Set<Promise<unknown>>();
  let next = 0;
  const churn = setInterval(() => {
    for (let k = 0; k < CHURN_CLIENTS; k++) {
      const c = churnable[next++ % churnable.length]!;
      run.reconnects++;
      const p: Promise<unknown> = c.disconnect(k % 2 === 1).then(() => c.connect()).catch(() => undefined) /* its 'error' handler logged it */.finally(() => pending.delete(p));
      pending.add(p);
    }
  }, CHURN_EVERY_S * 1000);
  try {
    // The first sample's CPU covers the start: vite check, model load, first connections.
    let [cpuTicks, cpuAtMs] = [0, run.startedAtMs];
    for (let k = 0; k * opts.sampleEveryS <= opts.minutes * 60 && !run.died; k++) {
      const waitMs = run.t0Ms + k * opts.sampleEveryS * 1000 - performance.now();
      if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
      if (run.died) break;
      const nowMs = performance.now();
      for (const c of run.clients) if (c.open && nowMs - c.lastFrameAtMs > STALL_MS) run.errors.add(`${c.name}: no frame for ${Math.round(nowMs - c.lastFrameAtMs)} ms`);
      const pid = engine.child.pid!;
      const [proc, fds, ticks, h, records] = await Promise.all([readFile(`/proc/${pid}/status`, 'utf8'), readdir(`/proc/${pid}/fd`), cpuTicksOf(engine), getHealth(engine), stat(path.join(dataDir, 'takes', takeId, RECORDS_FILE))]);
      run.health = h;
      const s: SoakSample = {
        atS: k * opts.sampleEveryS,
        rssMb: round(Number(/VmRSS:\s+(\d+)/.exec(proc)?.[1]) / 1024, 1),
        ...{ heapUsedMb: h.memory.heapUsedMb, externalMb: h.memory.externalMb },
        fds: fds.length,
        threads: Number(/Threads:\s+(\d+)/.exec(proc)?.[1]),
        cpuPct: Math.round(((ticks - cpuTicks) / CLOCK_TICKS_PER_S / ((nowMs - cpuAtMs) / 1000)) * 100),
        lateP99Ms: round(h.frameClock.lateMs.p99, 2),
        lateMaxMs: round(h.frameClock.lateMs.max, 2),
        tickP99Ms: round(h.frameClock.tickMs.p99, 2),
        skippedFrames: h.frameClock.skipped,
        liveClients: h.live.clients,
        takeFrames: control.recording?.takeId === takeId ? control.recording.frames : 0,
        takeRecordsMb: round(records.size / 2 ** 20, 1),
        clientFrames: run.clients.reduce((n, c) => n + c.frames, 0),
        clientFrameGaps: run.clients.reduce((n, c) => n + c.frameGaps, 0),
        reconnects: run.reconnects,
        clientErrors: run.errors.count,
      };
      [cpuTicks, cpuAtMs] = [ticks, nowMs];
      run.samples.push(s);
      opts.onSample?.(s);
    }
  } finally {
    clearInterval(churn);
    // Reconnects under way finish first: closing a socket still connecting would read as a client error.
    await Promise.all(pending);
  }
  run.recordingAtEnd = control.recording?.takeId === takeId;
  if (run.died) return;
  const stop = await control.command('take.stop');
  const m = stop.result as { state: string; frameCount: number; note?: string } | undefined;
  run.stoppedAs = stop.ok && m ? { state: m.state, frameCount: m.frameCount, ...(m.note && { note: m.note }) } : { state: `refused: ${stop.error}`, frameCount: 0 };
}

/** 8 cameras × 240 Hz of OSC pose + lens bundles and a walking subject, from a worker: the load never waits on us. */
function startOscLoad(port: number): { stop(): Promise<SoakResult['sender']> } {
  const ticks = SWEEP_S * RATE_HZ;
  const f = (value: number) => ({ type: 'float', value });
  const poses: Buffer[] = [];
  for (let t = 0; t < ticks; t++) for (let c = 0; c < CAMERAS; c++) {
    // Across the open side of the demo volume, facing the main wall, 5 cm apart; a slow zoom.
    const x = -1.5 + (3 * t) / ticks + c * 0.05;
    const focalMm = 30 + 10 * Math.sin((2 * Math.PI * t) / ticks);
    // Timetag 0 here; the worker stamps the send time into bytes 8-15 (a timestamped tracker).
    poses.push(encode(new Bundle(0, new Message(`/camera/soak${c}/pose`, f(x), f(1.5), f(3), f(0), f(0), f(0), f(1)), new Message(`/camera/soak${c}/lens`, f(focalMm), f(24.89), f(3.2), f(2.8)))));
  }
  const subjects: Buffer[] = [];
  for (let t = 0; t < ticks; t += RATE_HZ / SUBJECT_HZ) {
    const a = (Math.PI * t) / ticks; // half a circle of 1.5 m radius out, then back
    subjects.push(encode(new Message('/subject/talent1/position', f(1.5 * Math.cos(a)), f(0), f(-1 - 1.5 * Math.sin(a)))));
  }
  const stats = new SharedArrayBuffer(4 * 8);
  const workerData = { port, rateHz: RATE_HZ, cameras: CAMERAS, ticks, subjectEvery: RATE_HZ / SUBJECT_HZ, poses: shared(poses), subjects: shared(subjects), stats };
  const worker = new Worker(SENDER_SOURCE, { eval: true, workerData });
  return {
    async stop() {
      await worker.terminate();
      const [, skippedTicks = 0, datagrams = 0, sendErrors = 0] = new Float64Array(stats);
      return { datagrams, skippedTicks, sendErrors };
    },
  };
}

/** Equal-length packets, back to back in shared memory: the worker gets them without a copy. */
function shared(packets: Buffer[]): { bytes: SharedArrayBuffer; size: number } {
  const size = packets[0]!.length;
  if (packets.some((p) => p.length !== size)) throw new Error('soak packets must have equal lengths');
  const bytes = new SharedArrayBuffer(size * packets.length);
  packets.forEach((p, i) => p.copy(Buffer.from(bytes, i * size, size)));
  return { bytes, size };
}

// Plain JavaScript: Node 20 workers do not take tsx's loader. Absolute deadlines; more than 100 ms behind, it skips
// ahead (counted) instead of bursting. Sweeps forward then back, so poses never jump.
const SENDER_SOURCE = `
const dgram = require('node:dgram');
const { workerData } = require('node:worker_threads');
const { port, rateHz, cameras, ticks, subjectEvery, poses, subjects, stats } = workerData;
const counters = new Float64Array(stats); // ticks sent, ticks skipped, datagrams, send errors
const pose = Buffer.from(poses.bytes), subject = Buffer.from(subjects.bytes);
const socket = dgram.createSocket('udp4');
const periodMs = 1000 / rateHz;
const onSent = (err) => { if (err) counters[3]++; };
let tick = 0, startMs = 0;
function loop() {
  const nowMs = performance.now();
  const behind = Math.floor((nowMs - startMs) / periodMs) - tick;
  if (behind > rateHz / 10) { tick += behind; counters[1] += behind; }
  const aheadMs = startMs + tick * periodMs - nowMs;
  if (aheadMs > 0) return void setTimeout(loop, aheadMs);
  const i = tick % (2 * ticks), k = i < ticks ? i : 2 * ticks - 1 - i;
  const unixS = (performance.timeOrigin + performance.now()) / 1000;
  for (let c = 0; c < cameras; c++) {
    const off = (k * cameras + c) * poses.size;
    pose.writeUInt32BE(Math.floor(unixS) + 2208988800, off + 8);
    pose.writeUInt32BE(Math.floor((unixS % 1) * 4294967296), off + 12);
    socket.send(pose, off, poses.size, port, '127.0.0.1', onSent);
  }
  counters[2] += cameras;
  if (tick % subjectEvery === 0) socket.send(subject, Math.floor(k / subjectEvery) * subjects.size, subjects.size, port, '127.0.0.1', onSent), counters[2]++;
  counters[0]++, tick++;
  setImmediate(loop);
}
socket.bind(0, '127.0.0.1', () => { startMs = performance.now(); loop(); });
`;

function sumRefusals(sources: readonly { rejected: Record<string, number> }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of sources) for (const [reason, n] of Object.entries(s.rejected)) out[reason] = (out[reason] ?? 0) + n;
  return out;
}

const getHealth = async (engine: EngineProcess) => (await (await fetch(engine.url('/api/health'))).json()) as EngineHealthWire;

/** utime + stime of the engine process, clock ticks (fields 14 and 15, counted after the parenthesised name). */
const cpuTicksOf = async (engine: EngineProcess) =>
  (await readFile(`/proc/${engine.child.pid}/stat`, 'utf8')).split(') ')[1]!.split(' ').slice(11, 13).reduce((a, v) => a + Number(v), 0);

/** pino lines at warn (40) and above, and the first few of them. */
function engineLog(output: string): Pick<SoakResult['engine'], 'logErrors' | 'logWarnings' | 'firstLogLines'> {
  const lines = output.split('\n').filter((l) => l.startsWith('{'));
  const levels = lines.map((l) => (JSON.parse(l) as { level?: number }).level ?? 0);
  const firstLogLines = lines.filter((_, i) => levels[i]! >= 40).slice(0, 20).map((l) => l.slice(0, 400));
  return { logErrors: levels.filter((l) => l >= 50).length, logWarnings: levels.filter((l) => l >= 40 && l < 50).length, firstLogLines };
}
