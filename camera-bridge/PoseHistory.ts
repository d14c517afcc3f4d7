// Short ring buffer of filtered poses per camera, sampled at any time by interpolation (slerp) or bounded extrapolation.
import type { Quat, Vec3 } from './CameraSample.ts';
import { normalizeQuat, slerpQuat } from './math/quaternion.ts';

/** Stride of one record in the flat buffer: t, px, py, pz, qx, qy, qz, qw. */
const STRIDE = 8;

export interface PoseAt {
  position: Vec3;
  rotation: Quat;
  /** Seconds past the newest sample the request was (0 when interpolated). */
  extrapolatedS: number;
}

const _qa: Quat = [0, 0, 0, 1]; // older bracketing rotation
const _qb: Quat = [0, 0, 0, 1]; // newer bracketing rotation

/** The default bound on prediction past the newest sample, s: 2.5 frames at 50 fps; beyond it a dropout would fling the camera. */
export const MAX_EXTRAPOLATION_S = 0.05;

export class PoseHistory {
  private readonly data: Float64Array;
  private readonly capacity: number;
  private head = 0; // index of the next write
  size = 0;

  /**
   * @param capacity samples kept (at 240 Hz, 64 is ~0.27 s: enough to interpolate a frame behind).
   * @param maxExtrapolationS never predict further than this past the newest sample.
   */
  constructor(capacity = 64, readonly maxExtrapolationS = MAX_EXTRAPOLATION_S) {
    this.capacity = capacity;
    this.data = new Float64Array(capacity * STRIDE);
  }

  clear(): void {
    this.size = 0;
    this.head = 0;
  }

  /** Newest sample time, or -Infinity when empty. */
  get latestTimeS(): number {
    if (this.size === 0) return -Infinity;
    return this.data[this.slot(this.size - 1) * STRIDE]!;
  }

  /**
   * Append a sample. Samples must arrive in time order; an older one than the newest is dropped
   * (returns false) because UDP can reorder and the newest pose wins.
   */
  push(tS: number, position: Readonly<Vec3>, rotation: Readonly<Quat>): boolean {
    if (this.size > 0 && tS <= this.latestTimeS) return false;
    const o = this.head * STRIDE;
    const d = this.data;
    d[o] = tS;
    d[o + 1] = position[0];
    d[o + 2] = position[1];
    d[o + 3] = position[2];
    d[o + 4] = rotation[0];
    d[o + 5] = rotation[1];
    d[o + 6] = rotation[2];
    d[o + 7] = rotation[3];
    this.head = (this.head + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
    return true;
  }

  /** Pose at `tS`: interpolated between bracketing samples, held before the oldest, extrapolated (bounded) after the newest. */
  sampleAt(tS: number, out: PoseAt): PoseAt | undefined {
    if (this.size === 0) return undefined;
    const newest = this.size - 1;
    if (this.size === 1 || tS <= this.timeAt(0)) {
      this.read(tS <= this.timeAt(0) ? 0 : newest, out);
      out.extrapolatedS = 0;
      return out;
    }
    if (tS >= this.timeAt(newest)) {
      // Extrapolate from the last two samples, clamped so a dropout can't fling the camera.
      const t1 = this.timeAt(newest - 1);
      const t2 = this.timeAt(newest);
      const ahead = Math.min(tS - t2, this.maxExtrapolationS);
      this.lerpBetween(newest - 1, newest, (t2 - t1 + ahead) / (t2 - t1), out);
      out.extrapolatedS = tS - t2;
      return out;
    }
    // Binary search for the last sample at or before tS.
    let lo = 0;
    let hi = newest;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (this.timeAt(mid) <= tS) lo = mid;
      else hi = mid;
    }
    const ta = this.timeAt(lo);
    const tb = this.timeAt(hi);
    this.lerpBetween(lo, hi, (tS - ta) / (tb - ta), out);
    out.extrapolatedS = 0;
    return out;
  }

  /** Logical index 0 = oldest → physical slot. */
  private slot(i: number): number {
    return (this.head - this.size + i + this.capacity) % this.capacity;
  }

  private timeAt(i: number): number {
    return this.data[this.slot(i) * STRIDE]!;
  }

  private read(i: number, out: PoseAt): void {
    const o = this.slot(i) * STRIDE;
    const d = this.data;
    out.position[0] = d[o + 1]!;
    out.position[1] = d[o + 2]!;
    out.position[2] = d[o + 3]!;
    out.rotation[0] = d[o + 4]!;
    out.rotation[1] = d[o + 5]!;
    out.rotation[2] = d[o + 6]!;
    out.rotation[3] = d[o + 7]!;
  }

  private lerpBetween(i: number, j: number, alpha: number, out: PoseAt): void {
    const a = this.slot(i) * STRIDE;
    const b = this.slot(j) * STRIDE;
    const d = this.data;
    for (let k = 0; k < 3; k++) out.position[k] = d[a + 1 + k]! + alpha * (d[b + 1 + k]! - d[a + 1 + k]!);
    for (let k = 0; k < 4; k++) {
      _qa[k] = d[a + 4 + k]!;
      _qb[k] = d[b + 4 + k]!;
    }
    slerpQuat(_qa, _qb, alpha, out.rotation);
    normalizeQuat(out.rotation, out.rotation);
  }
}

export function createPoseAt(): PoseAt {
  return { position: [0, 0, 0], rotation: [0, 0, 0, 1], extrapolatedS: 0 };
}
