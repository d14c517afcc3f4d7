// Jitter filter for a camera pose: One Euro on position, and on the quaternion kept sign-consistent and unit length.
import type { Quat, Vec3 } from '../CameraSample.ts';
import { alignQuatSign, normalizeQuat } from '../math/quaternion.ts';
import { DEFAULT_ONE_EURO, OneEuroFilter, type OneEuroParams } from './OneEuroFilter.ts';

export interface PoseFilterParams {
  position: OneEuroParams;
  rotation: OneEuroParams;
  /** false = pass-through (the operator wants raw tracking). */
  enabled: boolean;
}

export const DEFAULT_POSE_FILTER: PoseFilterParams = {
  position: DEFAULT_ONE_EURO,
  // Quaternion components move ~0.5 per radian, so beta is larger for the same feel.
  rotation: { minCutoffHz: 1.5, beta: 1.0, dCutoffHz: 1 },
  enabled: true,
};

export class PoseFilter {
  private readonly positionFilter: OneEuroFilter;
  private readonly rotationFilter: OneEuroFilter;
  private readonly _q: Quat = [0, 0, 0, 1]; // incoming rotation, sign-aligned to the filter state
  private readonly _prev: Quat = [0, 0, 0, 1]; // last filtered rotation
  enabled: boolean;

  /** @param maxGapS a silence longer than this is bridged, not smoothed over (OneEuroFilter.maxGapS), s. */
  constructor(params: PoseFilterParams = DEFAULT_POSE_FILTER, maxGapS = Infinity) {
    this.positionFilter = new OneEuroFilter(3, params.position, maxGapS);
    this.rotationFilter = new OneEuroFilter(4, params.rotation, maxGapS);
    this.enabled = params.enabled;
  }

  setParams(params: PoseFilterParams): void {
    this.positionFilter.params = { ...params.position };
    this.rotationFilter.params = { ...params.rotation };
    this.enabled = params.enabled;
  }

  reset(): void {
    this.positionFilter.reset();
    this.rotationFilter.reset();
  }

  /** Filters in place: `position` and `rotation` are overwritten with the filtered pose. */
  apply(timeS: number, position: Vec3, rotation: Quat): void {
    if (!this.enabled) return;
    const p = this.positionFilter.filter(position, timeS);
    position[0] = p[0]!;
    position[1] = p[1]!;
    position[2] = p[2]!;

    const q = this._q;
    q[0] = rotation[0];
    q[1] = rotation[1];
    q[2] = rotation[2];
    q[3] = rotation[3];
    if (this.rotationFilter.initialized) alignQuatSign(q, this._prev);
    const f = this.rotationFilter.filter(q, timeS);
    rotation[0] = f[0]!;
    rotation[1] = f[1]!;
    rotation[2] = f[2]!;
    rotation[3] = f[3]!;
    normalizeQuat(rotation, rotation);
    this._prev[0] = rotation[0];
    this._prev[1] = rotation[1];
    this._prev[2] = rotation[2];
    this._prev[3] = rotation[3];
  }
}
