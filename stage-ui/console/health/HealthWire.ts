// `GET /api/health` as the console reads it: the protocol's EngineHealthWire, re-exported for the health views.
import type { EngineHealthWire, PoseFilterWire } from '../../../engine/protocol/health.ts';

export type { OneEuroWire, PoseFilterWire, ReceiverHealthWire, RenderNodeHealthWire, SourceHealthWire } from '../../../engine/protocol/health.ts';
export type HealthWire = EngineHealthWire;

/** The engine's default pose filter (camera-bridge/filter/PoseFilter.ts), used until health reports per-source values. */
export const DEFAULT_POSE_FILTER_WIRE: PoseFilterWire = {
  enabled: true,
  position: { minCutoffHz: 1.5, beta: 0.5, dCutoffHz: 1 },
  rotation: { minCutoffHz: 1.5, beta: 1.0, dCutoffHz: 1 },
};
