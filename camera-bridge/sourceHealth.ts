// The health report of one tracking source, as GET /api/health and the console's tracking panel show it.
import type { TrackingProtocol } from './CameraSample.ts';
import type { PoseFilterParams } from './filter/PoseFilter.ts';
import type { TrackingSource } from './TrackingSource.ts';

export interface SourceHealth {
  sourceId: string;
  protocol: TrackingProtocol;
  cameraId: string;
  stale: boolean;
  rateHz: number;
  lastRejection: { reason: string; detail: string; ageMs: number } | null;
  accepted: number;
  rejected: Record<string, number>;
  lastSeenAgeMs: number | null;
  jitterMs: number;
  latencyMs: number | null;
  latencyOffsetMs: number;
  /** The source's jitter filter as tuned now. */
  filter: PoseFilterParams;
  status: string | null;
  /** The camera's lens uses an assumed sensor (the stage's or Super 35), not one the source reported. */
  sensorAssumed: boolean;
  /** Last raw encoder counts (FreeD zoom/focus), null when the source sends none. */
  encoders: { zoom: number | null; focus: number | null } | null;
}

/** The report at engine time `nowS`; `silent`: past the stale timeout now, even between hub checks. */
export function sourceHealth(s: TrackingSource, nowS: number, staleTimeoutS: number, silent: boolean, sensorAssumed: boolean): SourceHealth {
  return {
    sourceId: s.sourceId,
    protocol: s.protocol,
    cameraId: s.cameraId,
    stale: s.stale || silent,
    rateHz: round(s.stats.rateHz(nowS, staleTimeoutS), 2),
    accepted: s.stats.accepted,
    rejected: s.stats.rejected.toJSON(),
    lastRejection: s.stats.lastRejection.toJSON(nowS),
    lastSeenAgeMs: Number.isFinite(s.stats.lastSeenS) ? round((nowS - s.stats.lastSeenS) * 1000, 2) : null,
    jitterMs: round(s.stats.jitterS * 1000, 3),
    latencyMs: s.stats.latencyS === undefined ? null : round(s.stats.latencyS * 1000, 2),
    latencyOffsetMs: s.config.latencyOffsetMs,
    filter: s.config.filter,
    status: s.status ?? null,
    sensorAssumed,
    encoders: s.encoders ?? null,
  };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
