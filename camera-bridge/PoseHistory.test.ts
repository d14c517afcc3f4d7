import { describe, expect, it } from 'vitest';
import type { Quat } from './CameraSample.ts';
import { createPoseAt, PoseHistory } from './PoseHistory.ts';

const Q0: Quat = [0, 0, 0, 1];
// 90 degrees about +Y: (0, sin 45, 0, cos 45)
const Q90Y: Quat = [0, Math.SQRT1_2, 0, Math.SQRT1_2];

describe('PoseHistory', () => {
  it('slerp midpoint of 0 and 90 degrees about Y is 45 degrees: (0, 0.382683, 0, 0.923880)', () => {
    const h = new PoseHistory();
    h.push(1, [0, 0, 0], Q0);
    h.push(2, [2, 4, -6], Q90Y);
    const out = h.sampleAt(1.5, createPoseAt())!;
    expect(out.position).toEqual([1, 2, -3]);
    expect(out.rotation[0]).toBeCloseTo(0, 9);
    expect(out.rotation[1]).toBeCloseTo(0.382683, 6);
    expect(out.rotation[2]).toBeCloseTo(0, 9);
    expect(out.rotation[3]).toBeCloseTo(0.92388, 5);
    expect(out.extrapolatedS).toBe(0);
  });

  it('finds the bracketing pair among many samples', () => {
    const h = new PoseHistory(8);
    for (let i = 0; i < 20; i++) h.push(i * 0.1, [i, 0, 0], Q0); // ring wraps: keeps 1.2 .. 1.9
    expect(h.size).toBe(8);
    expect(h.sampleAt(1.55, createPoseAt())!.position[0]).toBeCloseTo(15.5, 9);
    // Before the oldest kept sample: hold the oldest.
    expect(h.sampleAt(0, createPoseAt())!.position[0]).toBe(12);
  });

  it('extrapolates linearly from the last two samples but never further than maxExtrapolationS', () => {
    const h = new PoseHistory(16, 0.05);
    h.push(0, [0, 0, 0], Q0);
    h.push(0.01, [0.01, 0, 0], Q0); // 1 m/s along X
    const near = h.sampleAt(0.03, createPoseAt())!;
    expect(near.position[0]).toBeCloseTo(0.03, 9);
    expect(near.extrapolatedS).toBeCloseTo(0.02, 9);
    const far = h.sampleAt(1, createPoseAt())!;
    expect(far.position[0]).toBeCloseTo(0.06, 9); // 0.01 + 0.05 s * 1 m/s
  });

  it('drops a sample older than the newest (reordered UDP)', () => {
    const h = new PoseHistory();
    expect(h.push(1, [0, 0, 0], Q0)).toBe(true);
    expect(h.push(0.5, [9, 9, 9], Q0)).toBe(false);
    expect(h.sampleAt(1, createPoseAt())!.position).toEqual([0, 0, 0]);
  });

  it('is empty before the first sample', () => {
    expect(new PoseHistory().sampleAt(0, createPoseAt())).toBeUndefined();
  });
});
