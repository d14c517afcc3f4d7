// One camera stream from one protocol, as the hub keeps it: its settings (axis mapping, latency offset, jitter
// filter), its health statistics and what it last reported besides a pose.
import { AxisMapping } from './AxisMapping.ts';
import type { TrackingProtocol } from './CameraSample.ts';
import { PoseFilter } from './filter/PoseFilter.ts';
import { defaultSourceConfig, SourceConfigPatchSchema, sourceIdOf, type SourceConfig, type SourceConfigPatch } from './SourceConfig.ts';
import { SourceStats } from './SourceStats.ts';

export interface TrackingSource {
  readonly sourceId: string;
  readonly protocol: TrackingProtocol;
  readonly cameraId: string;
  config: SourceConfig;
  mapping: AxisMapping;
  readonly filter: PoseFilter;
  readonly stats: SourceStats;
  stale: boolean;
  status: string | undefined;
  /** Last raw zoom/focus encoder counts the source sent (FreeD), for an operator's lens calibration. */
  encoders: { zoom: number | null; focus: number | null } | undefined;
}

/**
 * A new source with its protocol's defaults, then the initial settings that apply to it: protocol-wide first
 * (`freed`), then its camera's (`camera:freed-1`), then its own (`osc:cam1`). Throws a ZodError on a bad patch.
 */
export function createTrackingSource(protocol: TrackingProtocol, cameraId: string, staleTimeoutS: number, initial: Readonly<Record<string, SourceConfigPatch>>): TrackingSource {
  const sourceId = sourceIdOf(protocol, cameraId);
  const config = defaultSourceConfig(protocol);
  const source: TrackingSource = {
    sourceId,
    protocol,
    cameraId,
    config,
    mapping: new AxisMapping(config.axisMapping),
    // A source silent past the stale timeout resumes from where it held, not with a catch-up jump.
    filter: new PoseFilter(config.filter, staleTimeoutS),
    stats: new SourceStats(),
    stale: false,
    status: undefined,
    encoders: undefined,
  };
  for (const key of [protocol, `camera:${cameraId}`, sourceId]) {
    const patch = initial[key];
    if (patch) applySourcePatch(source, SourceConfigPatchSchema.parse(patch));
  }
  return source;
}

/** An operator's (or the stage file's) change, applied from the next sample on. */
export function applySourcePatch(source: TrackingSource, patch: SourceConfigPatch): void {
  if (patch.latencyOffsetMs !== undefined) source.config.latencyOffsetMs = patch.latencyOffsetMs;
  if (patch.axisMapping) {
    source.config.axisMapping = patch.axisMapping;
    source.mapping = new AxisMapping(patch.axisMapping);
  }
  if (patch.filter) {
    source.config.filter = patch.filter;
    source.filter.setParams(patch.filter);
  }
}
