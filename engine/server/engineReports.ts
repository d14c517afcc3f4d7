// What `GET /api/health` (EngineHealthWire) and `GET /api/state` report, gathered from the engine's parts.
import type { EngineClock } from '../../camera-bridge/EngineClock.ts';
import type { TrackingHub } from '../../camera-bridge/TrackingHub.ts';
import type { UdpReceiver } from '../../camera-bridge/UdpReceiver.ts';
import type { IngestEndpoint } from '../../camera-bridge/websocket/IngestEndpoint.ts';
import type { FrameClock } from '../clock/FrameClock.ts';
import type { RollingSummary } from '../clock/RollingSummary.ts';
import type { DirectorSession } from '../director/DirectorSession.ts';
import { WorkerSuggestionSource } from '../director/worker/WorkerSuggestionSource.ts';
import type { LiveServer } from '../live/LiveServer.ts';
import type { DelayStageWire, DirectorHealthWire, EngineHealthWire } from '../protocol/health.ts';

export const ENGINE_VERSION = '0.1.0';

export interface EnginePorts {
  http: number;
  osc: number;
  freed: number;
  opentrackio: number;
}

export interface EngineParts {
  clock: EngineClock;
  startedAtS: number;
  fps: number;
  staleTimeoutMs: number;
  hub: TrackingHub;
  receivers: readonly UdpReceiver[];
  ingest: IngestEndpoint;
  live: LiveServer;
  http: { tls: boolean; refusedOrigins: number };
  frameClock: FrameClock;
  /** Processing time of each tick, ms. */
  tickMs: RollingSummary;
  ports: EnginePorts | undefined;
  activeCameraId: string | null;
  director: DirectorSession | undefined;
  timing: { presentLeadS: number; displayDelayS: number };
  /** How far past its newest sample a pose may be extrapolated, s. */
  maxPredictionS: number;
}

/** process.memoryUsage() in MB, one decimal: a long session's growth shows here (and in `npm run soak`). */
function memoryMb(): EngineHealthWire['memory'] {
  const m = process.memoryUsage();
  const mb = (b: number) => Math.round(b / 1e5) / 10;
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers) };
}

export function engineHealth(p: EngineParts): EngineHealthWire {
  const nowS = p.clock.nowS();
  const sources = p.hub.health(nowS);
  const renderNodes = p.live.renderNodes(nowS);
  const tickMs = p.tickMs.summarize();
  const allStale = sources.length > 0 && sources.every((s) => s.stale);
  const source = p.director?.source;
  return {
    status: allStale || renderNodes.some((n) => !n.inSync) ? 'degraded' : 'ok',
    version: ENGINE_VERSION,
    uptimeS: Math.round((nowS - p.startedAtS) * 1000) / 1000,
    fps: p.fps,
    frame: p.live.frame,
    ports: p.ports,
    tfjsBackend: source?.backend ?? null,
    tfjsBackendUnavailable: source?.backendUnavailable ?? null,
    modelVersion: source?.modelVersion ?? null,
    director: p.director ? directorHealth(p.director) : null,
    staleTimeoutMs: p.staleTimeoutMs,
    activeCameraId: p.activeCameraId,
    sources,
    receivers: [...p.receivers.map((r) => r.stats()), { protocol: 'ws', port: p.ports?.http, ...p.ingest.stats() }],
    unattributedRejections: Object.fromEntries([...p.hub.unattributed].map(([protocol, counts]) => [protocol, counts.toJSON()])),
    frameClock: { ...p.frameClock.stats(), tickMs },
    live: { clients: p.live.clientCount, rejectedMessages: p.live.rejectedMessages, rateLimited: p.live.clientList().reduce((n, c) => n + c.rateLimited, 0) },
    http: { tls: p.http.tls, refusedOrigins: p.http.refusedOrigins },
    memory: memoryMb(),
    renderNodes,
    renderSync: p.live.sync.summary(),
    delayBudget: delayBudget(p, sources, renderNodes, tickMs.p50),
  };
}

/** The hero camera's delay from the tracker to the LEDs, measured where the engine can, configured where it cannot. */
function delayBudget(p: EngineParts, sources: EngineHealthWire['sources'], nodes: EngineHealthWire['renderNodes'], tickP50Ms: number): EngineHealthWire['delayBudget'] {
  const hero = sources.filter((s) => s.cameraId === p.activeCameraId && !s.stale);
  const measured = hero.find((s) => s.latencyMs !== null);
  const offsetMs = hero[0]?.latencyOffsetMs ?? 0;
  const tracker: DelayStageWire = measured
    ? { ms: round2(measured.latencyMs! + offsetMs), how: 'measured', what: `sender timestamp to engine (${measured.sourceId}) + offset` }
    : { ms: offsetMs, how: 'configured', what: 'latency offset (the source sends no timestamp)' };
  // A sample waits half a frame for the tick on average, then the tick's own processing.
  const engine: DelayStageWire = { ms: round2(500 / p.fps + tickP50Ms), how: 'measured', what: 'wait for the tick (half a frame) + tick processing p50' };
  const late = nodes.map((n) => n.presentLateMs).filter((v): v is number => v !== null);
  const leadMs = p.timing.presentLeadS * 1000;
  const node: DelayStageWire = late.length
    ? { ms: round2(leadMs + Math.max(...late)), how: 'measured', what: 'present lead + the latest node\'s lateness' }
    : { ms: leadMs, how: 'configured', what: 'present lead (no render node reports yet)' };
  const display: DelayStageWire = { ms: round2(p.timing.displayDelayS * 1000), how: 'configured', what: 'LED processor delay (stage displayDelayFrames)' };
  const totalMs = round2((tracker.ms ?? 0) + (engine.ms ?? 0) + (node.ms ?? 0) + (display.ms ?? 0));
  const predictedMs = round2(Math.min((p.timing.presentLeadS + p.timing.displayDelayS) * 1000, p.maxPredictionS * 1000));
  return { cameraId: p.activeCameraId, tracker, engine, node, display, totalMs, predictedMs };
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Refresh stats, and where the model runs: in its worker, also the inference time there and how often it restarted. */
function directorHealth(director: DirectorSession): DirectorHealthWire {
  const source = director.source;
  if (!(source instanceof WorkerSuggestionSource)) return { ...director.stats, thread: 'main' };
  return { ...director.stats, thread: 'worker', workerInferenceMs: source.lastInferenceMs, workerRestarts: source.restarts };
}

/** `GET /api/state`: every camera's latest filtered sample with its stale flag, and the tracked talent with theirs. */
export function engineState(p: Pick<EngineParts, 'clock' | 'hub' | 'live' | 'activeCameraId'>): object {
  const nowS = p.clock.nowS();
  return {
    t: nowS,
    frame: p.live.frame,
    activeCameraId: p.activeCameraId,
    cameras: p.hub.cameraIds().map((id) => {
      const { tS, ...s } = p.hub.latestSample(id)!;
      // The wire keeps its name for the sample time: `t`, engine seconds.
      return { ...s, t: tS, position: [...s.position], rotation: [...s.rotation], stale: p.hub.isCameraStale(id, nowS) };
    }),
    // Stale from the last arrival rather than the hub's flag, which only flips on the next tick.
    subjects: p.hub.subjectList().map((s) => ({
      subjectId: s.subjectId,
      position: [...s.position],
      velocity: [...s.velocity],
      t: s.tS,
      stale: p.hub.isSubjectStale(s.subjectId, nowS),
    })),
  };
}
