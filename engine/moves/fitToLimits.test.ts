import { describe, expect, it } from 'vitest';
import type { MoveSpec } from '../protocol/MoveSpec.ts';
import { fitDuration, LIMIT_SAFETY, limitExcess, MAX_TRANSITION_S, rampDuration, rateCap, seekDuration } from './fitToLimits.ts';
import type { MoveStart } from './moveOffsetAt.ts';
import { MovePlan, type PathPeaks } from './MovePlan.ts';
import { createMoveTimeline, setRamp } from './moveTimeline.ts';
import type { MoveLimits } from './moveTypes.ts';
import { createPoseOffset } from './PoseOffset.ts';

const LIMITS: MoveLimits = { maxSpeedMps: 2, maxAngularSpeedRadPerS: 1.5, maxAccelMps2: 2 };
const START: MoveStart = { position: [0, 1.5, 4], rotation: [0, 0, 0, 1], focalLengthMm: 35, sensorHeightMm: 18.66 };
const BLEND_S = 0.3;

const peaks = (speedM: number, angularRad: number, accelM: number): PathPeaks => ({ speedM, angularRad, accelM });

/** A linear move planned over `planDurationS`: at rate 1 it moves at a constant `distanceM / planDurationS`. */
function linearPlan(spec: Partial<MoveSpec> & Pick<MoveSpec, 'kind'>): MovePlan {
  const plan = new MovePlan();
  plan.setMove({ durationS: 10, easing: 'linear', ...spec }, START, createPoseOffset(), [0, 0, 0, 1]);
  return plan;
}

describe('rateCap', () => {
  it('a path peaking at 2 m per unit progress planned over 1 s runs at 2 m/s: at the 2 m/s limit, capped to LIMIT_SAFETY', () => {
    expect(rateCap(peaks(2, 0, 0), 1, LIMITS)).toBeCloseTo(1 * LIMIT_SAFETY, 12); // 2 m/s × 1 s / 2 m = 1
    expect(LIMIT_SAFETY).toBe(0.97);
  });

  it('takes the tightest limit: angular speed and acceleration bind like speed does', () => {
    // Speed allows 2 m/s × 2 s / 1 m = 4; angular 1.5 rad/s × 2 s / 3 rad = 1.
    expect(rateCap(peaks(1, 3, 0), 2, LIMITS)).toBeCloseTo(1 * LIMIT_SAFETY, 12);
    // Acceleration is 8 m × r² / (2 s)² = 2r² m/s², at most 2 m/s²: r = 2 s × √(2 / 8) = 1.
    expect(rateCap(peaks(1, 0, 8), 2, LIMITS)).toBeCloseTo(1 * LIMIT_SAFETY, 12);
    // Twice the duration: speed and angular caps double, the acceleration cap doubles too (r ∝ D).
    expect(rateCap(peaks(1, 0, 8), 4, LIMITS)).toBeCloseTo(2 * LIMIT_SAFETY, 12);
  });

  it('a path that does not move has no cap', () => {
    expect(rateCap(peaks(0, 0, 0), 1, LIMITS)).toBe(Infinity);
  });
});

describe('fitDuration', () => {
  it('stretches a 10 m smoothstep dolly asked for in 2 s to 15 m / (2 m/s × 0.97) = 7.732 s', () => {
    // Smoothstep peaks at slope 1.5: 15 m per unit progress. The cap over 2 s is 2 × 2 / 15 × 0.97 = 0.2587.
    expect(fitDuration(peaks(15, 0, 0), 2, 1, LIMITS)).toBeCloseTo(15 / (2 * 0.97), 12);
    // Played at speed 2 it needs twice as long.
    expect(fitDuration(peaks(15, 0, 0), 2, 2, LIMITS)).toBeCloseTo((2 * 15) / (2 * 0.97), 12);
  });

  it('leaves a plan alone that is within the limits at its speed', () => {
    // 1 m per unit progress over 4 s: 0.25 m/s at speed 1, cap 7.76.
    expect(fitDuration(peaks(1, 0, 0), 4, 1, LIMITS)).toBe(4);
  });

  it('a stretched plan is capped exactly at the speed asked for (the cap is linear in the duration)', () => {
    const pk = peaks(6, 2, 30);
    const fitted = fitDuration(pk, 1.5, 3, LIMITS);
    expect(fitted).toBeGreaterThan(1.5);
    expect(rateCap(pk, fitted, LIMITS)).toBeCloseTo(3, 12);
  });
});

describe('limitExcess', () => {
  it('a 10 m linear dolly over 10 s at rate 1 moves at 1 m/s: half the 2 m/s limit, over LIMIT_SAFETY', () => {
    const probe = createMoveTimeline();
    setRamp(probe, 0, 0, 1, 1, 0); // rate 1 from move time 0
    expect(limitExcess(linearPlan({ kind: 'dolly', distanceM: 10 }), 10, probe, 1, LIMITS)).toBeCloseTo(0.5 / 0.97, 9);
  });

  it('motion exactly at a limit does not fit: plans are timed to LIMIT_SAFETY of it', () => {
    const probe = createMoveTimeline();
    setRamp(probe, 0, 0, 2, 2, 0); // rate 2: 2 m/s, the limit itself
    expect(limitExcess(linearPlan({ kind: 'dolly', distanceM: 10 }), 10, probe, 1, LIMITS)).toBeCloseTo(1 / 0.97, 9);
  });

  it('measures the angular speed of the camera: a 1 rad linear pan over 1 s is 1 rad/s of the 1.5 rad/s limit', () => {
    const probe = createMoveTimeline();
    setRamp(probe, 0, 0, 1, 1, 0);
    expect(limitExcess(linearPlan({ kind: 'pan', angleRad: 1 }), 1, probe, 0.5, LIMITS)).toBeCloseTo(1 / 1.5 / 0.97, 5);
  });
});

describe('rampDuration', () => {
  // 10 m over 10 s, linear: 1 m per move-second, so the camera's acceleration is the rate's slope.
  const plan = linearPlan({ kind: 'dolly', distanceM: 10 });

  it('ramps 0 → 1 in the first candidate (0.3 s × 1.2ᵏ) whose acceleration 1.5 / T fits under 2 × 0.97 m/s²', () => {
    // 1.5 / T ≤ 1.94 needs T ≥ 0.773 s: 0.3 × 1.2⁵ = 0.746 s is short of it, 0.3 × 1.2⁶ = 0.896 s fits.
    expect(rampDuration(plan, 10, 0, 1, 0, LIMITS, BLEND_S)).toBeCloseTo(0.3 * 1.2 ** 6, 9);
  });

  it('takes no time when the rate does not change', () => {
    expect(rampDuration(plan, 10, 1, 1, 2, LIMITS, BLEND_S)).toBe(0);
  });

  it('gives up at the longest candidate under MAX_TRANSITION_S when nothing fits', () => {
    const crawl: MoveLimits = { ...LIMITS, maxAccelMps2: 1e-6 };
    const longestS = 0.3 * 1.2 ** 19; // 9.58 s; 0.3 × 1.2²⁰ = 11.5 s is past MAX_TRANSITION_S
    expect(longestS).toBeLessThan(MAX_TRANSITION_S);
    expect(rampDuration(plan, 10, 0, 1, 0, crawl, BLEND_S)).toBeCloseTo(longestS, 9);
  });
});

describe('seekDuration', () => {
  const plan = linearPlan({ kind: 'dolly', distanceM: 10 });

  it('travels 4 m rest to rest in the first candidate (0.3 s × 1.1ᵏ) whose sampled acceleration fits', () => {
    // Smoothstep travel of 4 m over T: peak speed 6 / T, acceleration 24 / T² at the ends (23.5 / T² as sampled,
    // one step in). 23.5 / T² ≤ 1.94 needs T ≥ 3.48 s: 0.3 × 1.1²⁵ = 3.25 s is short, 0.3 × 1.1²⁶ = 3.58 s fits.
    expect(seekDuration(plan, 10, 0, 4, LIMITS, BLEND_S)).toBeCloseTo(0.3 * 1.1 ** 26, 9);
  });

  it('a scrub to where it already is still takes blendS', () => {
    expect(seekDuration(plan, 10, 2, 2, LIMITS, BLEND_S)).toBe(BLEND_S);
  });
});
