import { describe, expect, it } from 'vitest';
import type { MoveSpec } from '../protocol/MoveSpec.ts';
import type { MoveStart } from './moveOffsetAt.ts';
import { MovePlayback } from './MovePlayback.ts';
import { createMoveState, type MoveLimits } from './moveTypes.ts';
import { createPoseOffset } from './PoseOffset.ts';

const LIMITS: MoveLimits = { maxSpeedMps: 2, maxAngularSpeedRadPerS: 1.5, maxAccelMps2: 2 };
const TRACKED: MoveStart = { position: [0, 1.5, 4], rotation: [0, 0, 0, 1], focalLengthMm: 35, sensorHeightMm: 18.66 };

function playing(spec: MoveSpec, nowS = 0): MovePlayback {
  const pb = new MovePlayback(LIMITS, 0.3);
  pb.planMove(spec, TRACKED, createPoseOffset(), undefined);
  pb.begin(nowS, spec.durationS, spec.speed ?? 1);
  return pb;
}

describe('MovePlayback', () => {
  it('begin stretches a path the limits cannot take: a 10 m smoothstep dolly asked for in 2 s takes 15 m / 1.94 m/s', () => {
    const pb = playing({ kind: 'dolly', distanceM: 10, durationS: 2, easing: 'ease-in-out' });
    // Peak 1.5 × 10 m per unit progress, timed to 0.97 × 2 m/s: 7.732 s (the path's peak is sampled, hence 3 digits).
    expect(pb.durationS).toBeCloseTo(15 / (2 * 0.97), 3);
    expect(pb).toMatchObject({ active: true, requestedDurationS: 2, stretched: true, speed: 1 });
    const state = pb.writeTiming(0.25, createMoveState());
    expect(state).toMatchObject({ progress: 0.25, durationS: pb.durationS, requestedDurationS: 2, stretched: true, speed: 1 });
    expect(state.remainingS).toBeCloseTo(0.75 * pb.durationS, 12);
  });

  it('endAt: completed once past the end, aborted when stopping, and a stop at rest short of it is aborted', () => {
    const pb = playing({ kind: 'dolly', distanceM: 1, durationS: 2, easing: 'linear' }); // 0.5 m/s: within the limits
    expect(pb.durationS).toBe(2);
    expect(pb.endAt(1, false)).toBeNull();
    expect(pb.endAt(2, false)).toBe('completed');
    expect(pb.endAt(2, true)).toBe('aborted');
    pb.rampTo(1, 0); // stop from 1 s
    expect(pb.endAt(1.1, true)).toBeNull(); // still decelerating
    expect(pb.endAt(5, true)).toBe('aborted');
    expect(pb.endAt(5, false)).toBeNull(); // at rest short of the end: paused, not over
  });

  it('supersede mid-motion stops the path at a pose further along and hands over once it is at rest', () => {
    const pb = playing({ kind: 'dolly', distanceM: 2, durationS: 4, easing: 'ease-in-out' });
    const rest = createPoseOffset();
    pb.supersede(2, rest); // halfway, 1 m in and moving at its peak speed
    expect(pb.active).toBe(false);
    expect(rest.translationM[2]).toBeLessThan(-1);
    expect(rest.translationM[2]).toBeGreaterThan(-2);
    const handoverS = pb.anchorS(2);
    expect(handoverS).toBeGreaterThan(2);
    expect(pb.isHandingOver(handoverS - 1e-6)).toBe(true);
    expect(pb.isHandingOver(handoverS)).toBe(false);
    expect(pb.outgoingOffsetAt(handoverS - 1e-9, createPoseOffset()).translationM[2]).toBeCloseTo(rest.translationM[2], 6);
    // The next path starts its clock at the hand-over.
    pb.planMove({ kind: 'truck', distanceM: 1, durationS: 2, easing: 'linear' }, TRACKED, rest, undefined);
    pb.begin(2, 2, 1);
    expect(pb.progressAt(handoverS)).toBe(0);
    expect(pb.progressAt(handoverS + 1)).toBeCloseTo(0.5, 12);
  });

  it('supersede of a path already at rest hands over at once, from where it stands', () => {
    const pb = playing({ kind: 'dolly', distanceM: 1, durationS: 2, easing: 'linear' });
    pb.rampTo(1, 0);
    const rest = createPoseOffset();
    pb.supersede(5, rest);
    expect(pb.isHandingOver(5)).toBe(false);
    expect(pb.anchorS(5)).toBe(5);
    expect(rest.translationM[2]).toBeCloseTo(pb.pathOffsetAt(pb.progressAt(5), createPoseOffset()).translationM[2], 12);
  });
});
