// `GET /api/health` (public, no token): what an operator checks first. The engine's health report is typed as this,
// so the hub's, the receivers' and the clock's own stats must stay assignable to it (a compile error otherwise).

export type TrackingProtocolWire = 'osc' | 'ws' | 'freed' | 'opentrackio' | 'sim';

/** One Euro filter parameters. */
export interface OneEuroWire {
  /** Cutoff at rest: lower = less jitter, more lag when slow, Hz. */
  minCutoffHz: number;
  /** Speed coefficient: higher = less lag when fast (cutoff Hz per unit/s). */
  beta: number;
  /** Cutoff for the derivative estimate, Hz. */
  dCutoffHz: number;
}

export interface PoseFilterWire {
  position: OneEuroWire;
  rotation: OneEuroWire;
  /** false = pass-through (raw tracking). */
  enabled: boolean;
}

/** One tracking source (`<protocol>:<cameraId>`). */
export interface SourceHealthWire {
  sourceId: string;
  protocol: TrackingProtocolWire;
  cameraId: string;
  stale: boolean;
  /** Samples per second. */
  rateHz: number;
  accepted: number;
  /** Rejected samples by `VP_ERR_…` reason. */
  rejected: Record<string, number>;
  /** The newest rejection with its reason in words (`… expects x y z qx qy qz qw, got 3 arguments`), or null. */
  lastRejection: { reason: string; detail: string; ageMs: number } | null;
  lastSeenAgeMs: number | null;
  /** RFC 3550-style interarrival jitter, ms. */
  jitterMs: number;
  latencyMs: number | null;
  latencyOffsetMs: number;
  /** The source's jitter filter as tuned now. */
  filter: PoseFilterWire;
  status: string | null;
  /** The lens uses an assumed sensor (the stage's, else Super 35) because the source has not reported one yet. */
  sensorAssumed: boolean;
  /** Last raw zoom/focus encoder counts (FreeD), for lens calibration; null when the source sends none. */
  encoders: { zoom: number | null; focus: number | null } | null;
}

/** A UDP receiver (datagrams) or the WebSocket ingest (messages). */
export interface ReceiverHealthWire {
  protocol: TrackingProtocolWire;
  port?: number | undefined;
  datagrams?: number;
  messages?: number;
  connections?: number;
  bytes?: number;
  decoded?: number;
  pending?: number;
  updates: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  refusedByReason?: Record<string, number>;
  /** The newest refusal at this receiver (decoder or hub), its reason in words and the sender, or null. */
  lastRejection?: { reason: string; detail: string; ageMs: number } | null;
}

export interface RenderNodeHealthWire {
  clientId: string;
  wallId: string | undefined;
  presentedFrame: number;
  lagFrames: number | null;
  presentedFps: number;
  inSync: boolean;
  framesSent: number;
  framesDropped: number;
  /** The node's clock-offset error bound, ms (null before its first ping/pong). */
  clockErrorMs: number | null;
  /** How late its frames reach its screen after their `presentAtS`, ms (running mean; null before it synced). */
  presentLateMs: number | null;
}

/** One stage of the camera-to-wall delay: how long, and whether it is measured, configured or a fixed estimate. */
export interface DelayStageWire {
  ms: number | null;
  how: 'measured' | 'configured' | 'estimated';
  /** What it is, for the console. */
  what: string;
}

/** Tracker → engine → node → display for the hero camera, ms; what prediction covers of it. */
export interface DelayBudgetWire {
  cameraId: string | null;
  tracker: DelayStageWire;
  engine: DelayStageWire;
  node: DelayStageWire;
  display: DelayStageWire;
  totalMs: number;
  /** How far ahead the walls predict the camera (present lead + display delay, bounded by the pose history), ms. */
  predictedMs: number;
}

export interface DirectorHealthWire {
  refreshes: number;
  /** Request → answer time of the last and the slowest refresh (a worker's message hops included), ms. */
  lastInferenceMs: number;
  maxInferenceMs: number;
  /** Where the model runs. */
  thread: 'worker' | 'main';
  /** Worker only: inference time inside the worker, ms, and how often it was restarted. */
  workerInferenceMs?: number;
  workerRestarts?: number;
}

export interface PercentilesWire {
  p50: number;
  p99: number;
  max: number;
}

export interface EngineHealthWire {
  status: 'ok' | 'degraded';
  version: string;
  uptimeS: number;
  fps: number;
  frame: number;
  ports: { http: number; osc: number; freed: number; opentrackio: number } | undefined;
  tfjsBackend: string | null;
  modelVersion: string | null;
  director: DirectorHealthWire | null;
  /** The tf.js backend VP_TF_BACKEND asked for when it could not load, and why; the model runs on `tfjsBackend`. */
  tfjsBackendUnavailable: { requested: string; reason: string } | null;
  staleTimeoutMs: number;
  activeCameraId: string | null;
  sources: SourceHealthWire[];
  receivers: ReceiverHealthWire[];
  /** Hub refusals not attributable to a source (unknown ids, bad subjects), by protocol then reason. */
  unattributedRejections: Record<string, Record<string, number>>;
  frameClock: { frames: number; skipped: number; errors: number; lateMs: PercentilesWire; tickMs: PercentilesWire & { n: number } };
  /** `rateLimited`: commands refused for coming faster than VP_COMMAND_RATE_HZ, all clients, current connections. */
  live: { clients: number; rejectedMessages: number; rateLimited: number };
  /** The engine process's memory, MB: resident, V8 heap in use, and memory outside it (buffers, WebAssembly). */
  memory: { rssMb: number; heapUsedMb: number; externalMb: number; arrayBuffersMb: number };
  /** `tls`: https/wss; `refusedOrigins`: WebSocket upgrades refused for a foreign Origin since start. */
  http: { tls: boolean; refusedOrigins: number };
  renderNodes: RenderNodeHealthWire[];
  /** Spread of the times the render nodes say each recent frame reached their screens, ms. */
  renderSync: { frames: number; skewMsP50: number | null; skewMsP99: number | null };
  delayBudget: DelayBudgetWire;
}
