// Times a move's path so the offset stays within its speed, angular-speed and acceleration limits (pure, allocation-free).
//
// Limits (`maxSpeedMps`, `maxAngularSpeedRadPerS`, `maxAccelMps2`) bound the offset's motion, not what the tracked
// camera does. Two kinds of question:
// - whole plans (rateCap, fitDuration): a path with peaks P per unit progress (MovePlan.peaks), planned over D
//   seconds and played at rate r, peaks at P·r/D (speed, angular speed) and P·r²/D² (acceleration). Closed form.
//   The controller stretches a move that would exceed them before it starts and caps setSpeed with them.
// - transitions (rampDuration, seekDuration): a rate ramp or scrub adds its own acceleration to the path's, which
//   depends on where along the path it happens, so candidates are sampled (limitExcess) and the shortest that fits
//   is taken, from `blendS` up.
// Peaks are found by sampling, which can miss the true peak between samples, so everything is timed to LIMIT_SAFETY
// of each limit. Easings that start or end at speed (linear, ease-in, ease-out, overshooting beziers) start or stop
// at speed: that is what the spec asks for, and not something fitting can change.
//
// Trap: the sampling functions share the module scratch below, so they must not be re-entered (nothing they call
// calls back into them).
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { multiplyQuat, quatAngle } from '../../camera-bridge/math/quaternion.ts';
import type { MovePlan, PathPeaks } from './MovePlan.ts';
import { createMoveTimeline, moveProgressAt, setRamp, setSeek, type MoveTimeline } from './moveTimeline.ts';
import type { MoveLimits } from './moveTypes.ts';
import { createPoseOffset } from './PoseOffset.ts';

/** Fraction of each limit that plans are timed to: margin for sampling the path's peaks. */
export const LIMIT_SAFETY = 0.97;
/** Longest rate ramp or scrub travel, s: beyond it a limit is given up rather than wait forever. */
export const MAX_TRANSITION_S = 10;
/** Samples of a candidate ramp or scrub when checking it against the limits. */
export const PROBE_SAMPLES = 96;
/** Each longer ramp candidate is this much longer than the last. */
const RAMP_SEARCH_GROWTH = 1.2;
/** Each longer scrub-travel candidate is this much longer than the last (finer: travel times are longer). */
const SEEK_SEARCH_GROWTH = 1.1;

const _probe = createMoveTimeline(); // the candidate ramp or scrub, starting at engine time 0
const _offset = createPoseOffset(); // the plan's offset at one sample
const _position: Vec3 = [0, 0, 0]; // offset translation at this sample, metres
const _prev: Vec3 = [0, 0, 0]; // ... one sample earlier
const _prevPrev: Vec3 = [0, 0, 0]; // ... two samples earlier
const _rotation: Quat = [0, 0, 0, 1]; // camera orientation at this sample (tracked rotation with the offset)
const _prevRotation: Quat = [0, 0, 0, 1]; // ... one sample earlier

/**
 * Highest playback rate at which a path with `peaks` (per unit progress), planned over `durationS`, stays within
 * `limits` (times LIMIT_SAFETY). Infinity when the path does not move.
 */
export function rateCap(peaks: Readonly<PathPeaks>, durationS: number, limits: Readonly<MoveLimits>): number {
  const { maxSpeedMps, maxAngularSpeedRadPerS, maxAccelMps2 } = limits;
  let cap = Infinity;
  if (peaks.speedM > 0) cap = Math.min(cap, (maxSpeedMps * durationS) / peaks.speedM); // speed P·r/D ≤ max
  if (peaks.angularRad > 0) cap = Math.min(cap, (maxAngularSpeedRadPerS * durationS) / peaks.angularRad);
  if (peaks.accelM > 0) cap = Math.min(cap, durationS * Math.sqrt(maxAccelMps2 / peaks.accelM)); // accel P·r²/D² ≤ max
  return cap * LIMIT_SAFETY;
}

/**
 * `durationS`, stretched so the path played at `speed` stays within the limits. The cap is linear in the duration,
 * so the stretched plan's cap is exactly `speed`.
 */
export function fitDuration(peaks: Readonly<PathPeaks>, durationS: number, speed: number, limits: Readonly<MoveLimits>): number {
  const cap = rateCap(peaks, durationS, limits);
  return speed > cap ? (durationS * speed) / cap : durationS;
}

/**
 * Shortest smoothstep rate ramp `rate0` → `rate1` from move time `moveS` (from `blendS` up) along which the camera
 * stays within the limits on `plan` (planned over `planDurationS`), checked by sampling the motion it produces. A
 * ramp adds the path speed times the rate change to the path's own acceleration, so long ramps are gentler; but a
 * ramp down after an adjustment must also end before the path speeds up, so the search starts short. Falls back to
 * the least bad duration tried. 0 when the rate does not change.
 */
export function rampDuration(
  plan: MovePlan,
  planDurationS: number,
  rate0: number,
  rate1: number,
  moveS: number,
  limits: Readonly<MoveLimits>,
  blendS: number,
): number {
  if (Math.abs(rate1 - rate0) < 1e-12) return 0;
  return shortestFitting(plan, planDurationS, limits, blendS, RAMP_SEARCH_GROWTH, (T) => setRamp(_probe, 0, moveS, rate0, rate1, T));
}

/**
 * Shortest rest-to-rest smoothstep travel of a scrub from move time `fromS` to `toS` on `plan` within the limits
 * (from `blendS` up; the least bad duration tried if none fits).
 */
export function seekDuration(plan: MovePlan, planDurationS: number, fromS: number, toS: number, limits: Readonly<MoveLimits>, blendS: number): number {
  if (Math.abs(toS - fromS) < 1e-12) return blendS;
  return shortestFitting(plan, planDurationS, limits, blendS, SEEK_SEARCH_GROWTH, (T) => setSeek(_probe, 0, fromS, 0, 0, toS, T, 0, 0));
}

/**
 * The search both share: durations from `blendS` up by `growth` until `shape(T)` (which sets `_probe` to the
 * transition lasting T) fits the limits; the least bad one tried if none does. Runs on commands, not per frame.
 */
function shortestFitting(plan: MovePlan, planDurationS: number, limits: Readonly<MoveLimits>, blendS: number, growth: number, shape: (T: number) => void): number {
  let best = MAX_TRANSITION_S;
  let bestExcess = Infinity;
  for (let T = blendS; T < MAX_TRANSITION_S; T *= growth) {
    shape(T);
    const excess = limitExcess(plan, planDurationS, _probe, T, limits);
    if (excess <= 1) return T;
    if (excess < bestExcess) {
      bestExcess = excess;
      best = T;
    }
  }
  return best;
}

/**
 * Worst ratio of speed, angular speed and acceleration to their limits while `probe` runs from engine time 0 to
 * `spanS` on `plan` (planned over `planDurationS`): finite differences over PROBE_SAMPLES steps, divided by
 * LIMIT_SAFETY, so ≤ 1 means "fits with the margin".
 */
export function limitExcess(plan: MovePlan, planDurationS: number, probe: Readonly<MoveTimeline>, spanS: number, limits: Readonly<MoveLimits>): number {
  const { maxSpeedMps, maxAngularSpeedRadPerS, maxAccelMps2 } = limits;
  const dt = spanS / PROBE_SAMPLES;
  let speed = 0, angular = 0, accel = 0;
  const p = _position, prev = _prev, prevPrev = _prevPrev;
  for (let i = 0; i <= PROBE_SAMPLES; i++) {
    const o = plan.offsetAt(moveProgressAt(probe, i * dt, planDurationS), _offset);
    p[0] = o.translationM[0]; p[1] = o.translationM[1]; p[2] = o.translationM[2];
    multiplyQuat(o.rotationWorld, plan.trackedRotation, _rotation);
    multiplyQuat(_rotation, o.rotationLocal, _rotation);
    if (i > 0) {
      speed = Math.max(speed, Math.hypot(p[0] - prev[0], p[1] - prev[1], p[2] - prev[2]) / dt);
      angular = Math.max(angular, quatAngle(_rotation, _prevRotation) / dt);
    }
    if (i > 1) {
      accel = Math.max(accel, Math.hypot(p[0] - 2 * prev[0] + prevPrev[0], p[1] - 2 * prev[1] + prevPrev[1], p[2] - 2 * prev[2] + prevPrev[2]) / (dt * dt));
    }
    prevPrev[0] = prev[0]; prevPrev[1] = prev[1]; prevPrev[2] = prev[2];
    prev[0] = p[0]; prev[1] = p[1]; prev[2] = p[2];
    _prevRotation[0] = _rotation[0]; _prevRotation[1] = _rotation[1]; _prevRotation[2] = _rotation[2]; _prevRotation[3] = _rotation[3];
  }
  return Math.max(speed / maxSpeedMps, angular / maxAngularSpeedRadPerS, accel / maxAccelMps2) / LIMIT_SAFETY;
}
