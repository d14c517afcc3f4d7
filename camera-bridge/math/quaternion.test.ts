import { describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from '../CameraSample.ts';
import { quatFromPanTiltRollYUp, quatLookAt, rotateVec3, slerpQuat, multiplyQuat, quatAngle } from './quaternion.ts';

const FORWARD: Vec3 = [0, 0, -1]; // engine cameras look along -Z
const view = (q: Quat) => rotateVec3(q, FORWARD, [0, 0, 0]);

describe('quaternion', () => {
  it('OSC euler pan +90 about +Y turns the view from -Z to -X', () => {
    const v = view(quatFromPanTiltRollYUp(90, 0, 0, [0, 0, 0, 1]));
    expect(v[0]).toBeCloseTo(-1, 9);
    expect(v[2]).toBeCloseTo(0, 9);
  });

  it('OSC euler tilt +30 looks up: view (0, 0.5, -0.866)', () => {
    const v = view(quatFromPanTiltRollYUp(0, 30, 0, [0, 0, 0, 1]));
    expect(v[1]).toBeCloseTo(0.5, 9);
    expect(v[2]).toBeCloseTo(-Math.sqrt(3) / 2, 9);
  });

  it('applies pan then tilt (Y-X-Z): pan 90 tilt 30 looks (-0.866, 0.5, 0)', () => {
    const v = view(quatFromPanTiltRollYUp(90, 30, 0, [0, 0, 0, 1]));
    expect(v[0]).toBeCloseTo(-Math.sqrt(3) / 2, 9);
    expect(v[1]).toBeCloseTo(0.5, 9);
    expect(v[2]).toBeCloseTo(0, 9);
  });

  it('lookAt points the -Z axis at the target and keeps +Y up', () => {
    const q = quatLookAt([0, 1, 5], [3, 1, 1], [0, 0, 0, 1]);
    const v = view(q);
    expect(v[0]).toBeCloseTo(0.6, 9);
    expect(v[1]).toBeCloseTo(0, 9);
    expect(v[2]).toBeCloseTo(-0.8, 9);
    const up = rotateVec3(q, [0, 1, 0], [0, 0, 0]);
    expect(up[1]).toBeCloseTo(1, 9);
  });

  it('slerp takes the short way round when the second quaternion has the opposite sign', () => {
    const a: Quat = [0, 0, 0, 1];
    const b: Quat = [0, -Math.SQRT1_2, 0, -Math.SQRT1_2]; // = +90 deg about Y
    const mid = slerpQuat(a, b, 0.5, [0, 0, 0, 0]);
    expect(quatAngle(mid, a)).toBeCloseTo(Math.PI / 4, 9);
  });

  it('multiply composes rotations: two 45 degree turns make 90', () => {
    const q45 = quatFromPanTiltRollYUp(45, 0, 0, [0, 0, 0, 1]);
    const q90 = multiplyQuat(q45, q45, [0, 0, 0, 1]);
    expect(quatAngle(q90, quatFromPanTiltRollYUp(90, 0, 0, [0, 0, 0, 1]))).toBeCloseTo(0, 6);
  });
});
