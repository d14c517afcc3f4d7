// `GET /api/health` as the console reads it (public, no token): tracking sources, receivers, render nodes.
// Mirrors what engine/Engine.ts#health returns; fields the console does not show are left out.

// Source health and filter shapes are the engine's own (engine/protocol); the rest are console-side views.
export type { OneEuroWire, PoseFilterWire, SourceHealthWire } from '../../../engine/protocol/LiveMessages.ts';
import type { PoseFilterWire, SourceHealthWire } from '../../../engine/protocol/LiveMessages.ts';

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
