// One camera's lens as partial updates build it up (OSC sends lens apart from pose, OpenTrackIO its sensor only in
// static blocks): usable once focal length and sensor width are known; until a source reports a sensor, the one the
// stage gives (else Super 35) is assumed, and that is said.
import type { LensSample } from './CameraSample.ts';

/**
 * Below this a focal length or sensor side is garbage, not a lens (a 1/10" sensor is 1.4 mm wide), mm: a "positive"
 * 5e-324 underflows the field of view to 0, and the frame's aspect to Infinity or its vertical FOV to 0/0 = NaN, which
 * no client can parse. Such a field counts as not reported.
 */
export const MIN_LENS_DIMENSION_MM = 0.1;

/** Sensor assumed when neither the source nor the stage says: Super 35 (4-perf), mm. */
export const DEFAULT_SENSOR_MM = { widthMm: 24.89, heightMm: 18.66 } as const;

export interface SensorMm {
  widthMm: number;
  heightMm: number;
}

export class CameraLens {
  /** The complete lens, undefined before focal length and sensor width are both known; replaced (not mutated) by updates. */
  current: LensSample | undefined;
  /** Fields seen before the lens was complete. */
  private pending: Partial<LensSample> = {};
  /** A source has reported the sensor width. */
  private sensorReported = false;

  /** The lens uses an assumed sensor, not one a source reported. */
  get sensorAssumed(): boolean {
    return this.current !== undefined && !this.sensorReported;
  }

  /** Folds in an update; `assumed` is the sensor to use while no source has reported one. */
  merge(update: Partial<LensSample>, assumed: SensorMm): void {
    const incoming = stripUndefined(update);
    for (const k of ['focalLengthMm', 'sensorWidthMm', 'sensorHeightMm'] as const) if (k in incoming && !isLensDimension(incoming[k])) delete incoming[k];
    const firstReported = !this.sensorReported && isLensDimension(incoming.sensorWidthMm);
    if (firstReported) this.sensorReported = true;
    const merged = { ...this.current, ...this.pending, ...incoming };
    // A reported width replaces an assumed sensor entirely: an assumed height would give the wrong aspect.
    if (firstReported && incoming.sensorHeightMm === undefined) delete merged.sensorHeightMm;
    if (!this.sensorReported) {
      merged.sensorWidthMm = assumed.widthMm;
      merged.sensorHeightMm = assumed.heightMm;
    }
    if (isLensDimension(merged.focalLengthMm) && isLensDimension(merged.sensorWidthMm)) {
      this.current = merged as LensSample;
      this.pending = {};
    } else {
      this.pending = merged;
    }
  }
}

function isLensDimension(v: number | undefined): v is number {
  return v !== undefined && Number.isFinite(v) && v >= MIN_LENS_DIMENSION_MM;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
