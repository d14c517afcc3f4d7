import { describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { quatFromAxisAngle, rotateVec3 } from '../../camera-bridge/math/quaternion.ts';
import { MOVE_KINDS, type MoveSpec } from '../protocol/MoveSpec.ts';
import { framingDistanceM, moveOffsetAt, MIN_STANDOFF_M, type MoveStart } from './moveOffsetAt.ts';
import { applyPoseOffset, createPoseOffset } from './PoseOffset.ts';

const IDENTITY: Quat = [0, 0, 0, 1];
const TARGET: Vec3 = [0, 1.5, 0];
/** Camera 4 m in front of the stage centre at eye height, looking along −Z at TARGET; 35 mm on a 18.66 mm high sensor. */
const START: MoveStart = { position: [0, 1.5, 4], rotation: IDENTITY, targetPosition: TARGET, focalLengthMm: 35, sensorHeightMm: 18.66 };

function spec(kind: MoveSpec['kind'], more: Partial<MoveSpec> = {}): MoveSpec {
  return { kind, durationS: 4, easing: 'linear', ...more };
}

/** Final camera pose for `s` at eased progress `e` from `start`. */
function poseAt(s: MoveSpec, e: number, start: MoveStart = START): { position: Vec3; rotation: Quat; view: Vec3; up: Vec3 } {
  const position: Vec3 = [...start.position];
  const rotation: Quat = [...start.rotation];
  applyPoseOffset(moveOffsetAt(s, start, e, createPoseOffset()), position, rotation);
  return { position, rotation, view: rotateVec3(rotation, [0, 0, -1], [0, 0, 0]), up: rotateVec3(rotation, [0, 1, 0], [0, 0, 0]) };
}

function expectVec(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 9): void {
  for (let i = 0; i < expected.length; i++) expect(actual[i], `component ${i}`).toBeCloseTo(expected[i]!, digits);
}

/** Unit vector from a to b. */
function dir(a: Vec3, b: Vec3): Vec3 {
  const d: Vec3 = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const l = Math.hypot(...d);
  return [d[0] / l, d[1] / l, d[2] / l];
}

describe('moveOffsetAt', () => {
  it('every kind is the start pose at progress 0', () => {
    for (const kind of MOVE_KINDS) {
      const p = poseAt(spec(kind, { distanceM: 2, angleRad: 1, tiltRad: 0.5 }), 0);
      expectVec(p.position, START.position, 12);
      expectVec(p.rotation, IDENTITY, 12);
    }
  });

  it('dolly +2 m moves forward: (0, 1.5, 4) → (0, 1.5, 2), halfway (0, 1.5, 3)', () => {
    expectVec(poseAt(spec('dolly', { distanceM: 2 }), 1).position, [0, 1.5, 2]);
    expectVec(poseAt(spec('dolly', { distanceM: 2 }), 0.5).position, [0, 1.5, 3]);
    // Along the start camera's own forward: panned 90° left it faces −X.
    const panned: MoveStart = { ...START, rotation: quatFromAxisAngle([0, 1, 0], Math.PI / 2, [0, 0, 0, 1]) };
    expectVec(poseAt(spec('dolly', { distanceM: 2 }), 1, panned).position, [-2, 1.5, 4]);
  });

  it('truck +1 m moves to camera right; pedestal +0.5 m moves along world up even when tilted', () => {
    expectVec(poseAt(spec('truck', { distanceM: 1 }), 1).position, [1, 1.5, 4]);
    const panned: MoveStart = { ...START, rotation: quatFromAxisAngle([0, 1, 0], Math.PI / 2, [0, 0, 0, 1]) };
    expectVec(poseAt(spec('truck', { distanceM: 1 }), 1, panned).position, [0, 1.5, 3]); // right of a −X view is −Z
    const tilted: MoveStart = { ...START, rotation: quatFromAxisAngle([1, 0, 0], -0.5, [0, 0, 0, 1]) };
    expectVec(poseAt(spec('pedestal', { distanceM: 0.5 }), 1, tilted).position, [0, 2, 4]);
    expectVec(poseAt(spec('pedestal', { distanceM: 0.5 }), 0.5, tilted).position, [0, 1.75, 4]);
  });

  it('pan +90° turns left (view −Z → −X), halfway 45°, position kept', () => {
    const end = poseAt(spec('pan', { angleRad: Math.PI / 2 }), 1);
    expectVec(end.view, [-1, 0, 0]);
    expectVec(end.position, START.position);
    expectVec(poseAt(spec('pan', { angleRad: Math.PI / 2 }), 0.5).view, [-Math.SQRT1_2, 0, -Math.SQRT1_2]);
  });

  it('tilt +0.3 looks up; roll +90° leans the camera up vector to camera-left (counter-clockwise from behind)', () => {
    expectVec(poseAt(spec('tilt', { angleRad: 0.3 }), 1).view, [0, Math.sin(0.3), -Math.cos(0.3)]);
    expectVec(poseAt(spec('tilt', { angleRad: 0.3 }), 0.5).view, [0, Math.sin(0.15), -Math.cos(0.15)]);
    const roll = poseAt(spec('roll', { angleRad: Math.PI / 2 }), 1);
    expectVec(roll.up, [-1, 0, 0]);
    expectVec(roll.view, [0, 0, -1]);
  });

  it('aim pans and tilts at once: from (0, 1.6, 0) looking down −Z, pan 45° and tilt 35.26° look straight at (−3, 4.6, −3)', () => {
    const start: MoveStart = { position: [0, 1.6, 0], rotation: IDENTITY, focalLengthMm: 35, sensorHeightMm: 18.66 };
    const aim = spec('aim', { angleRad: Math.PI / 4, tiltRad: Math.atan(3 / Math.sqrt(18)) });
    const end = poseAt(aim, 1, start);
    expectVec(end.view, dir([0, 1.6, 0], [-3, 4.6, -3]));
    expect(Math.abs(end.up[0] * Math.SQRT1_2 - end.up[2] * Math.SQRT1_2)).toBeLessThan(1e-9); // no roll: up stays in the vertical plane of the view
    // Halfway (linear): half of each angle, heading 22.5° left and elevation 17.63°.
    const half = poseAt(aim, 0.5, start);
    expect(Math.atan2(-half.view[0], -half.view[2])).toBeCloseTo(Math.PI / 8, 12);
    expect(Math.asin(half.view[1])).toBeCloseTo(Math.atan(3 / Math.sqrt(18)) / 2, 12);
  });

  it('orbit +90° about (0, 1.5, 0) is counter-clockwise from above: (0, 1.5, 4) → (4, 1.5, 0), still looking at the target', () => {
    const s = spec('orbit', { angleRad: Math.PI / 2 });
    const end = poseAt(s, 1);
    expectVec(end.position, [4, 1.5, 0]);
    expectVec(end.view, [-1, 0, 0]);
    const mid = poseAt(s, 0.5);
    expectVec(mid.position, [4 * Math.SQRT1_2, 1.5, 4 * Math.SQRT1_2]);
    expectVec(mid.view, dir(mid.position, TARGET));
    expectVec(poseAt(spec('orbit', { angleRad: -Math.PI / 2 }), 1).position, [-4, 1.5, 0]);
  });

  it('orbit without a target circles the point 3 m ahead', () => {
    const { targetPosition: _, ...noTarget } = START;
    const end = poseAt(spec('orbit', { angleRad: Math.PI }), 1, noTarget);
    expectVec(end.position, [0, 1.5, -2]); // around (0, 1.5, 1)
    expectVec(end.view, [0, 0, 1]);
  });

  it('crane +2 m rises and tilts down to keep the target framed; with a 90° swing it circles the target too', () => {
    const rise = poseAt(spec('crane', { distanceM: 2 }), 1);
    expectVec(rise.position, [0, 3.5, 4]);
    expectVec(rise.view, dir(rise.position, TARGET)); // (0, −2, −4)/√20
    expectVec(rise.up.slice(0, 1), [0]); // no roll introduced
    const s = spec('crane', { distanceM: 2, angleRad: Math.PI / 2 });
    const end = poseAt(s, 1);
    expectVec(end.position, [4, 3.5, 0]);
    expectVec(end.view, dir(end.position, TARGET));
    const mid = poseAt(s, 0.5);
    expectVec(mid.position, [4 * Math.SQRT1_2, 2.5, 4 * Math.SQRT1_2]);
    expectVec(mid.view, dir(mid.position, TARGET));
  });

  it('crane without a target pivots on the camera and keeps the point 3 m ahead framed', () => {
    const { targetPosition: _, ...noTarget } = START;
    const up = poseAt(spec('crane', { distanceM: 1 }), 1, noTarget);
    expectVec(up.position, [0, 2.5, 4]);
    expectVec(up.view, dir(up.position, [0, 1.5, 1]));
    const swing = poseAt(spec('crane', { distanceM: 1, angleRad: Math.PI / 2 }), 1, noTarget);
    expectVec(swing.position, [0, 2.5, 4]);
    expectVec(swing.view, dir(swing.position, [-3, 1.5, 4]));
  });

  it('push-in to framing 0.5 with 35 mm on 18.66 mm ends 1.8·35/(0.5·18.66) = 6.752 m from the target', () => {
    expect(framingDistanceM(0.5, 35, 18.66)).toBeCloseTo(6.752411576, 8);
    const far: MoveStart = { ...START, position: [0, 1.5, 10] };
    const s = spec('push-in', { framing: { subjectHeightFraction: 0.5 } });
    expectVec(poseAt(s, 1, far).position, [0, 1.5, 6.752411576]);
    expectVec(poseAt(s, 0.5, far).position, [0, 1.5, (10 + 6.752411576) / 2]);
    // Already closer than that: a push-in never backs off.
    expectVec(poseAt(s, 1).position, [0, 1.5, 4]);
    // A pull-out to the same framing from 4 m goes back to 6.752 m.
    expectVec(poseAt(spec('pull-out', { framing: { subjectHeightFraction: 0.5 } }), 1).position, [0, 1.5, 6.752411576]);
  });

  it('push-in / pull-out by distance move along the camera→target line; push-ins stop at the stand-off', () => {
    const oblique: MoveStart = { ...START, position: [3, 1.5, 4] }; // 5 m from the target
    expectVec(poseAt(spec('push-in', { distanceM: 2 }), 1, oblique).position, [3 - 1.2, 1.5, 4 - 1.6]);
    expectVec(poseAt(spec('pull-out', { distanceM: 2 }), 1).position, [0, 1.5, 6]);
    expectVec(poseAt(spec('push-in', { distanceM: 5 }), 1).position, [0, 1.5, MIN_STANDOFF_M]);
    // No target: along the view, no stand-off (the fallback point is not a subject).
    const { targetPosition: _, ...noTarget } = START;
    expectVec(poseAt(spec('push-in', { distanceM: 5 }), 1, noTarget).position, [0, 1.5, -1]);
  });

  it('hold moves nothing; missing magnitudes count as 0', () => {
    expectVec(poseAt(spec('hold', { distanceM: 3, angleRad: 1 }), 1).position, START.position);
    expectVec(poseAt(spec('dolly'), 1).position, START.position);
    expectVec(poseAt(spec('pan'), 1).rotation, IDENTITY);
  });
});
