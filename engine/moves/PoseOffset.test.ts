import { describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { quatFromAxisAngle, rotateVec3 } from '../../camera-bridge/math/quaternion.ts';
import { applyPoseOffset, composePoseOffset, createPoseOffset, isIdentityPoseOffset, lerpPoseOffset, type PoseOffset } from './PoseOffset.ts';

const Y: Vec3 = [0, 1, 0];
const X: Vec3 = [1, 0, 0];
const view = (q: Quat): Vec3 => rotateVec3(q, [0, 0, -1], [0, 0, 0]);

function offset(t: Vec3, world: Quat, local: Quat): PoseOffset {
  return { translationM: t, rotationWorld: world, rotationLocal: local };
}

describe('PoseOffset', () => {
  it('identity leaves a pose alone', () => {
    const p: Vec3 = [1, 2, 3];
    const q = quatFromAxisAngle(Y, 0.4, [0, 0, 0, 1]);
    const before = [...q];
    applyPoseOffset(createPoseOffset(), p, q);
    expect(p).toEqual([1, 2, 3]);
    q.forEach((v, i) => expect(v).toBeCloseTo(before[i]!, 12));
    expect(isIdentityPoseOffset(createPoseOffset())).toBe(true);
  });

  it('world rotation turns about stage +Y even for a tilted camera; local rotation about the camera axis', () => {
    const tilted = quatFromAxisAngle(X, Math.PI / 6, [0, 0, 0, 1]); // looking 30° up
    const pan = offset([0, 0, 0], quatFromAxisAngle(Y, Math.PI / 2, [0, 0, 0, 1]), [0, 0, 0, 1]);
    const q: Quat = [...tilted];
    applyPoseOffset(pan, [0, 0, 0], q);
    const v = view(q); // still 30° up, now facing −X
    expect(v[0]).toBeCloseTo(-Math.cos(Math.PI / 6), 12);
    expect(v[1]).toBeCloseTo(0.5, 12);
    const tilt = offset([0, 0, 0], [0, 0, 0, 1], quatFromAxisAngle(X, Math.PI / 6, [0, 0, 0, 1]));
    const q2 = quatFromAxisAngle(Y, Math.PI / 2, [0, 0, 0, 1]); // facing −X
    applyPoseOffset(tilt, [0, 0, 0], q2);
    const v2 = view(q2);
    expect(v2[0]).toBeCloseTo(-Math.cos(Math.PI / 6), 12);
    expect(v2[1]).toBeCloseTo(0.5, 12);
  });

  it('compose(outer, inner) equals applying inner then outer', () => {
    const inner = offset([1, 0, 0], quatFromAxisAngle(Y, 0.3, [0, 0, 0, 1]), quatFromAxisAngle(X, 0.2, [0, 0, 0, 1]));
    const outer = offset([0, 2, 0], quatFromAxisAngle(Y, -0.7, [0, 0, 0, 1]), quatFromAxisAngle([0, 0, 1], 0.5, [0, 0, 0, 1]));
    const p1: Vec3 = [0, 1, 4];
    const q1 = quatFromAxisAngle(X, 0.1, [0, 0, 0, 1]);
    const p2: Vec3 = [...p1];
    const q2: Quat = [...q1];
    applyPoseOffset(inner, p1, q1);
    applyPoseOffset(outer, p1, q1);
    applyPoseOffset(composePoseOffset(outer, inner, createPoseOffset()), p2, q2);
    p1.forEach((v, i) => expect(p2[i]).toBeCloseTo(v, 12));
    q1.forEach((v, i) => expect(q2[i]).toBeCloseTo(v, 12));
  });

  it('lerp halves translation and slerps both rotations; aliasing out = a is safe', () => {
    const a = createPoseOffset();
    const b = offset([2, 0, -4], quatFromAxisAngle(Y, 1, [0, 0, 0, 1]), quatFromAxisAngle(X, -0.6, [0, 0, 0, 1]));
    lerpPoseOffset(a, b, 0.5, a);
    expect(a.translationM).toEqual([1, 0, -2]);
    const half = quatFromAxisAngle(Y, 0.5, [0, 0, 0, 1]);
    a.rotationWorld.forEach((v, i) => expect(v).toBeCloseTo(half[i]!, 12));
    const halfLocal = quatFromAxisAngle(X, -0.3, [0, 0, 0, 1]);
    a.rotationLocal.forEach((v, i) => expect(v).toBeCloseTo(halfLocal[i]!, 12));
  });
});
