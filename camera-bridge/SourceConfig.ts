// Per-source settings an operator tunes live: latency offset, axis mapping, jitter filter, lens table.
import { z } from 'zod';
import { AxisMappingSpecSchema, IDENTITY_MAPPING, Z_UP_TO_Y_UP, type AxisMappingSpec } from './AxisMapping.ts';
import type { TrackingProtocol } from './CameraSample.ts';
import { DEFAULT_POSE_FILTER, type PoseFilterParams } from './filter/PoseFilter.ts';

const OneEuroSchema = z.object({
  minCutoffHz: z.number().positive().max(1000),
  beta: z.number().min(0).max(1000),
  dCutoffHz: z.number().positive().max(1000),
});

export const SourceConfigSchema = z.object({
  /** Added to the sample's age: positive = the pose describes an earlier moment than its arrival. ms. */
  latencyOffsetMs: z.number().min(-1000).max(1000),
  /** Source frame → engine frame; decoders emit the protocol's native frame. */
  axisMapping: AxisMappingSpecSchema,
  filter: z.object({ enabled: z.boolean(), position: OneEuroSchema, rotation: OneEuroSchema }),
});

export interface SourceConfig {
  latencyOffsetMs: number;
  axisMapping: AxisMappingSpec;
  filter: PoseFilterParams;
}

/** Partial update an operator sends (`camera.offset`, filter tuning). */
export const SourceConfigPatchSchema = SourceConfigSchema.partial().strict();
export type SourceConfigPatch = z.infer<typeof SourceConfigPatchSchema>;

/** FreeD and OpenTrackIO are Z-up; everything else already speaks the engine frame. */
export function defaultSourceConfig(protocol: TrackingProtocol): SourceConfig {
  return {
    latencyOffsetMs: 0,
    axisMapping: protocol === 'freed' || protocol === 'opentrackio' ? [...Z_UP_TO_Y_UP] : [...IDENTITY_MAPPING],
    filter: structuredClone(DEFAULT_POSE_FILTER),
  };
}

export function sourceIdOf(protocol: TrackingProtocol, cameraId: string): string {
  return `${protocol}:${cameraId}`;
}
