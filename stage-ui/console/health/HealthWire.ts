// `GET /api/health` as the console reads it (public, no token): tracking sources, receivers, render nodes.
// Mirrors what engine/Engine.ts#health returns; fields the console does not show are left out.

export interface OneEuroWire {
  minCutoffHz: number;
  beta: number;
  dCutoffHz: number;
}

export interface PoseFilterWire {
  enabled: boolean;
  position: OneEuroWire;
  rotation: OneEuroWire;
}

export interface SourceHealthWire {
  sourceId: string;
  protocol: string;
  cameraId: string;
  stale: boolean;
  rateHz: number;
  accepted: number;
  /** Rejected samples by reason code. */
  rejected: Record<string, number>;
  lastSeenAgeMs: number | null;
  jitterMs: number;
  /** Sender-to-receive latency; null when the sender does not timestamp its samples. */
  latencyMs: number | null;
  latencyOffsetMs: number;
  /** The source's jitter filter, when the engine reports it (else the console assumes the engine defaults). */
  filter?: PoseFilterWire;
}

export interface ReceiverHealthWire {
  protocol: string;
  port?: number;
  /** UDP receivers count datagrams… */
  datagrams?: number;
  /** …the WebSocket ingest counts messages. */
  messages?: number;
  decoded?: number;
  rejected?: number;
  rejectedByReason?: Record<string, number>;
}

export interface RenderNodeHealthWire {
  clientId: string;
  wallId?: string;
  presentedFrame: number;
  lagFrames: number | null;
  presentedFps: number;
  inSync: boolean;
  framesDropped: number;
}

export interface HealthWire {
  status: 'ok' | 'degraded' | string;
  version?: string;
  fps: number;
  frame: number;
  tfjsBackend?: string | null;
  staleTimeoutMs?: number;
  sources: SourceHealthWire[];
  receivers: ReceiverHealthWire[];
  renderNodes: RenderNodeHealthWire[];
}

/** The engine's default pose filter (camera-bridge/filter/PoseFilter.ts), used until health reports per-source values. */
export const DEFAULT_POSE_FILTER_WIRE: PoseFilterWire = {
  enabled: true,
  position: { minCutoffHz: 1.5, beta: 0.5, dCutoffHz: 1 },
  rotation: { minCutoffHz: 1.5, beta: 1.0, dCutoffHz: 1 },
};
