import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../camera-bridge/CameraSample.ts';
import type { MoveSpec } from '../protocol/MoveSpec.ts';
import { easingFunction } from './easing.ts';
import { MovePlan, MAX_PLAN_LAYERS, type PathPeaks } from './MovePlan.ts';
import type { MoveStart } from './moveOffsetAt.ts';
import { createPoseOffset, type PoseOffset } from './PoseOffset.ts';

const START: MoveStart = { position: [0, 1.5, 4], rotation: [0, 0, 0, 1], focalLengthMm: 35, sensorHeightMm: 18.66 };
const dolly = (distanceM: number, more: Partial<MoveSpec> = {}): MoveSpec => ({ kind: 'dolly', distanceM, durationS: 4, easing: 'ease-in-out', ...more });

function planFor(spec: MoveSpec, start: MoveStart = START, base: PoseOffset = createPoseOffset()): MovePlan {
  const plan = new MovePlan();
  plan.setMove(spec, start, base, [0, 0, 0, 1]);
  return plan;
}

const z = (plan: MovePlan, p: number): number => plan.offsetAt(p, createPoseOffset()).translationM[2];

describe('MovePlan', () => {
  it('plays the spec composed onto its base', () => {
    const base = createPoseOffset();
    base.translationM[0] = 1;
    const plan = planFor(dolly(2), START, base);
    expect(plan.offsetAt(1, createPoseOffset()).translationM).toEqual([1, 0, -2]);
    expect(z(plan, 0.5)).toBeCloseTo(-1, 12);
  });

  it('an adjustment keeps pose and slope at its progress and reaches the new end exactly', () => {
    const plan = planFor(dolly(2));
    const h = 1e-6;
    const before = [z(plan, 0.3), z(plan, 0.4), z(plan, 0.4 + h)];
    plan.adjust(0.4, dolly(3));
    const after = [z(plan, 0.3), z(plan, 0.4), z(plan, 0.4 + h)];
    expect(after[1]).toBe(before[1]);
    expect(after[0]).toBe(before[0]); // the path before 0.4 is untouched
    expect((after[2]! - after[1]!) / h).toBeCloseTo((before[2]! - before[1]!) / h, 4); // same slope
    expect(z(plan, 1)).toBeCloseTo(-3, 12);
  });

  it('an aim adjusted mid-move blends its tilt as well as its pan and ends on the new angles', () => {
    const aim = (angleRad: number, tiltRad: number): MoveSpec => ({ kind: 'aim', angleRad, tiltRad, durationS: 3, easing: 'ease-in-out' });
    const plan = planFor(aim(0.4, 0.2));
    const before = plan.offsetAt(0.5, createPoseOffset());
    plan.adjust(0.5, aim(0.4, -0.3));
    const at = plan.offsetAt(0.5, createPoseOffset());
    expect(at.rotationLocal).toEqual(before.rotationLocal);
    const end = plan.offsetAt(1, createPoseOffset());
    expect(2 * Math.atan2(end.rotationLocal[0], end.rotationLocal[3])).toBeCloseTo(-0.3, 12); // tilt about camera +X
    expect(2 * Math.atan2(end.rotationWorld[1], end.rotationWorld[3])).toBeCloseTo(0.4, 12); // pan about world +Y
  });

  it('repeated adjustments at one progress replace each other; at progress 0 the spec is replaced outright', () => {
    const plan = planFor(dolly(2));
    for (let i = 0; i < MAX_PLAN_LAYERS + 4; i++) expect(plan.adjust(0.5, dolly(2 + i))).toBe(true);
    expect(z(plan, 1)).toBeCloseTo(-(2 + MAX_PLAN_LAYERS + 3), 12);
    const fresh = planFor(dolly(2));
    fresh.adjust(0, dolly(4, { easing: 'linear' }));
    expect(z(fresh, 0.25)).toBeCloseTo(-1, 12);
  });

  it('runs out of layers after MAX_PLAN_LAYERS distinct adjustments', () => {
    const plan = planFor(dolly(2));
    for (let i = 1; i < MAX_PLAN_LAYERS; i++) expect(plan.adjust(i / (MAX_PLAN_LAYERS + 1), dolly(2 + i))).toBe(true);
    expect(plan.canAdjust(0.99)).toBe(false);
    expect(plan.adjust(0.99, dolly(9))).toBe(false);
  });

  it('moving the target blends the aim point: a push-in retargeted ends at the new target framing', () => {
    const target: Vec3 = [0, 1.5, -6]; // 10 m ahead
    const spec: MoveSpec = { kind: 'push-in', durationS: 4, easing: 'cubic', framing: { subjectHeightFraction: 0.5 } };
    const plan = planFor(spec, { ...START, targetPosition: target });
    expect(z(plan, 1)).toBeCloseTo(-(10 - 6.752411576), 8);
    plan.adjust(0.3, spec, [0, 1.5, -8]); // 12 m ahead now
    expect(z(plan, 1)).toBeCloseTo(-(12 - 6.752411576), 8);
  });

  it('measures peak speed and acceleration per unit progress (smoothstep: 1.5·d and 6·d)', () => {
    const peaks: PathPeaks = { speedM: 0, angularRad: 0, accelM: 0 };
    planFor(dolly(2)).peaks(peaks);
    expect(peaks.speedM).toBeCloseTo(3, 3);
    expect(peaks.accelM).toBeCloseTo(12, 0);
    expect(peaks.angularRad).toBe(0);
    planFor({ kind: 'pan', angleRad: 1, durationS: 4, easing: 'linear' }).peaks(peaks);
    expect(peaks.angularRad).toBeCloseTo(1, 6);
    planFor(dolly(2)).peaks(peaks, 0, 0.1, 64);
    expect(peaks.speedM).toBeCloseTo(1.08, 1); // only the gentle start: 6·0.1·0.9·2 at progress 0.1 (sampled chords)
  });

  it('a reset path eases its base back to no offset', () => {
    const base = createPoseOffset();
    base.translationM[1] = 2;
    const plan = new MovePlan();
    plan.setReset(base, [0, 0, 0, 1], easingFunction('linear'));
    expect(plan.offsetAt(0.25, createPoseOffset()).translationM[1]).toBeCloseTo(1.5, 12);
    expect(plan.offsetAt(1, createPoseOffset()).translationM).toEqual([0, 0, 0]);
    expect(plan.canAdjust(0.5)).toBe(false);
  });
});
