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
import type { DirectorHealthWire, EngineHealthWire } from '../protocol/health.ts';

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
  frameClock: FrameClock;
  /** Processing time of each tick, ms. */
  tickMs: RollingSummary;
  ports: EnginePorts | undefined;
  activeCameraId: string | null;
  director: DirectorSession | undefined;
}

export function engineHealth(p: EngineParts): EngineHealthWire {
  const nowS = p.clock.nowS();
  const sources = p.hub.health(nowS);
  const renderNodes = p.live.renderNodes(nowS);
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
    modelVersion: source?.modelVersion ?? null,
    director: p.director ? directorHealth(p.director) : null,
    staleTimeoutMs: p.staleTimeoutMs,
    activeCameraId: p.activeCameraId,
    sources,
    receivers: [...p.receivers.map((r) => r.stats()), { protocol: 'ws', port: p.ports?.http, ...p.ingest.stats() }],
    unattributedRejections: Object.fromEntries([...p.hub.unattributed].map(([protocol, counts]) => [protocol, counts.toJSON()])),
    frameClock: { ...p.frameClock.stats(), tickMs: p.tickMs.summarize() },
    live: { clients: p.live.clientCount, rejectedMessages: p.live.rejectedMessages },
    renderNodes,
  };
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
