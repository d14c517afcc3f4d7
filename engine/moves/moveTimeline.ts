// Move time as a function of engine time: playback-rate ramps (start, pause, resume, speed, abort) and seeks (scrub), both continuous in time and rate.
//
// "Move time" is seconds along the planned move at speed 1 (progress = move time / duration). Engine time drives it
// through one phase at a time, evaluated in closed form so the result does not depend on the tick rate:
// - ramp: the rate goes from rate0 to rate1 along a smoothstep over durationS (rate and its slope continuous);
// - seek: the rate first ramps down to 0 (stopDurationS), then move time eases along a smoothstep to targetS
//   (durationS: the camera travels along the path to the scrubbed point and arrives at rest), then the rate ramps
//   from 0 to rate1 (followDurationS). Stopping first keeps the old motion from being carried on for the whole
//   length of a long seek.
// A new phase always starts from the move time and rate the old one had at that instant, so nothing jumps.
import { smoothstep, smoothstepIntegral, smoothstepSlope } from './transitionCurves.ts';

export interface MoveTimeline {
  mode: 'ramp' | 'seek';
  /** Engine time the phase began, s. */
  t0S: number;
  /** Move time at t0S, s. */
  moveS: number;
  /** Rate at t0S (move seconds per engine second). */
  rate0: number;
  /** Rate the phase ends at (seek: the rate it ramps to after arriving). */
  rate1: number;
  /** Ramp: length of the rate ramp; seek: time from standing still to arriving at targetS, s. */
  durationS: number;
  /** Seek: length of the ramp from rate0 to rest before travelling, s. */
  stopDurationS: number;
  /** Seek: move time to arrive at, s. */
  targetS: number;
  /** Seek: length of the ramp from rest to rate1 after arriving, s. */
  followDurationS: number;
}

/** At rest at move time 0. */
export function createMoveTimeline(): MoveTimeline {
  return { mode: 'ramp', t0S: 0, moveS: 0, rate0: 0, rate1: 0, durationS: 0, stopDurationS: 0, targetS: 0, followDurationS: 0 };
}

/** Rate goes from `rate0` (the rate at `tS`) to `rate1` over `durationS` (0: at once) from move time `moveS`. */
export function setRamp(tl: MoveTimeline, tS: number, moveS: number, rate0: number, rate1: number, durationS: number): void {
  tl.mode = 'ramp';
  tl.t0S = tS;
  tl.moveS = moveS;
  tl.rate0 = rate0;
  tl.rate1 = rate1;
  tl.durationS = durationS;
  tl.stopDurationS = 0;
  tl.targetS = 0;
  tl.followDurationS = 0;
}

/** Where a ramp from `rate0` to rest over `stopDurationS` leaves move time that is `moveS` now. */
export function stopMoveTime(moveS: number, rate0: number, stopDurationS: number): number {
  return moveS + (rate0 * stopDurationS) / 2;
}

/**
 * From (`moveS`, `rate0`) at `tS`: ramp to rest over `stopDurationS`, travel to `targetS` in `durationS`, then ramp
 * to `followRate` over `followDurationS`.
 */
export function setSeek(
  tl: MoveTimeline,
  tS: number,
  moveS: number,
  rate0: number,
  stopDurationS: number,
  targetS: number,
  durationS: number,
  followRate: number,
  followDurationS: number,
): void {
  tl.mode = 'seek';
  tl.t0S = tS;
  tl.moveS = moveS;
  tl.rate0 = rate0;
  tl.stopDurationS = stopDurationS;
  tl.rate1 = followRate;
  tl.durationS = durationS;
  tl.targetS = targetS;
  tl.followDurationS = followDurationS;
}

/** True while a seek is still stopping or travelling at `tS`. */
export function isSeeking(tl: Readonly<MoveTimeline>, tS: number): boolean {
  return tl.mode === 'seek' && tS - tl.t0S < tl.stopDurationS + tl.durationS;
}

/** Move time at engine time `tS` (also slightly before t0S: the polynomials extrapolate, which finite differences use). */
export function moveTimeAt(tl: Readonly<MoveTimeline>, tS: number): number {
  const tau = tS - tl.t0S;
  if (tl.mode === 'ramp') return rampMoveTime(tl.moveS, tl.rate0, tl.rate1, tl.durationS, tau);
  const Ts = tl.stopDurationS;
  if (tau < Ts) return rampMoveTime(tl.moveS, tl.rate0, 0, Ts, tau);
  const stopS = stopMoveTime(tl.moveS, tl.rate0, Ts);
  const T = tl.durationS;
  if (tau - Ts < T) return stopS + (tl.targetS - stopS) * smoothstep((tau - Ts) / T);
  return rampMoveTime(tl.targetS, 0, tl.rate1, tl.followDurationS, tau - Ts - T);
}

/** Progress 0..1 at engine time `tS` of a move planned over `durationS` (> 0) and played by `tl`; clamped at the ends. */
export function moveProgressAt(tl: Readonly<MoveTimeline>, tS: number, durationS: number): number {
  const progress = moveTimeAt(tl, tS) / durationS;
  return progress <= 0 ? 0 : progress >= 1 ? 1 : progress;
}

/** Rate (d move time / d engine time) at `tS`. */
export function moveRateAt(tl: Readonly<MoveTimeline>, tS: number): number {
  const tau = tS - tl.t0S;
  if (tl.mode === 'ramp') return rampRate(tl.rate0, tl.rate1, tl.durationS, tau);
  const Ts = tl.stopDurationS;
  if (tau < Ts) return rampRate(tl.rate0, 0, Ts, tau);
  const T = tl.durationS;
  if (tau - Ts < T) return ((tl.targetS - stopMoveTime(tl.moveS, tl.rate0, Ts)) * smoothstepSlope((tau - Ts) / T)) / T;
  return rampRate(0, tl.rate1, tl.followDurationS, tau - Ts - T);
}

/** True once nothing about the rate will change any more after `tS` (ramp finished, or seek arrived and followed). */
export function isTimelineSettled(tl: Readonly<MoveTimeline>, tS: number): boolean {
  const tau = tS - tl.t0S;
  return tl.mode === 'ramp' ? tau >= tl.durationS : tau >= tl.stopDurationS + tl.durationS + tl.followDurationS;
}

function rampMoveTime(moveS: number, r0: number, r1: number, T: number, tau: number): number {
  if (T <= 0) return moveS + r1 * tau;
  if (tau >= T) return moveS + ((r0 + r1) * T) / 2 + r1 * (tau - T);
  return moveS + r0 * tau + (r1 - r0) * T * smoothstepIntegral(tau / T);
}

function rampRate(r0: number, r1: number, T: number, tau: number): number {
  if (T <= 0 || tau >= T) return r1;
  return r0 + (r1 - r0) * smoothstep(tau / T);
}
