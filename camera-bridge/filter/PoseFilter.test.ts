import { describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from '../CameraSample.ts';
import { quatLength } from '../math/quaternion.ts';
import { DEFAULT_POSE_FILTER, PoseFilter } from './PoseFilter.ts';

describe('PoseFilter', () => {
  it('keeps the rotation unit length and does not flip across the q / -q double cover', () => {
    const f = new PoseFilter();
    const p: Vec3 = [0, 0, 0];
    const q: Quat = [0, 0.3826834, 0, 0.9238795];
    f.apply(0, p, q);
    // The same rotation with its sign flipped: a naive filter would average towards zero.
    const flipped: Quat = [0, -0.3826834, 0, -0.9238795];
    f.apply(0.01, [0, 0, 0], flipped);
    expect(quatLength(flipped)).toBeCloseTo(1, 9);
    expect(Math.abs(flipped[1])).toBeCloseTo(0.3826834, 5);
    expect(Math.abs(flipped[3])).toBeCloseTo(0.9238795, 5);
  });

  it('disabled is a pass-through', () => {
    const f = new PoseFilter({ ...DEFAULT_POSE_FILTER, enabled: false });
    const p: Vec3 = [1, 2, 3];
    f.apply(0, p, [0, 0, 0, 1]);
    const p2: Vec3 = [5, 5, 5];
    f.apply(0.01, p2, [0, 0, 0, 1]);
    expect(p2).toEqual([5, 5, 5]);
  });
});
