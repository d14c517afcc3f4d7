import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../camera-bridge/CameraSample.ts';
import type { SafeVolume } from './moveTypes.ts';
import { createPoseOffset } from './PoseOffset.ts';
import { clampAxis, clampBaseToSafeVolume, clampToSafeVolume } from './safeVolumeClamp.ts';

/** x, y, z in [−1, 1] × [0, 3] × [−1, 1] m. */
const BOX: SafeVolume = { min: [-1, 0, -1], max: [1, 3, 1] };

describe('clampAxis', () => {
  it('with the tracked camera inside, clamps into [min, max]', () => {
    expect(clampAxis(0.5, 0, -1, 1)).toBe(0.5);
    expect(clampAxis(1.5, 0, -1, 1)).toBe(1);
    expect(clampAxis(-3, 0, -1, 1)).toBe(-1);
  });

  it('never pulls in a tracked camera that is itself outside: it only keeps it from going further out', () => {
    // Tracked at 4 with max 1: the axis allows [−1, 4].
    expect(clampAxis(4, 4, -1, 1)).toBe(4); // no offset: the tracked value, untouched
    expect(clampAxis(7, 4, -1, 1)).toBe(4); // further out: stopped where the camera is
    expect(clampAxis(2, 4, -1, 1)).toBe(2); // back towards the box: let through, not snapped to 1
    // Tracked at −3 with min −1: the axis allows [−3, 1]; the far side still clamps.
    expect(clampAxis(-5, -3, -1, 1)).toBe(-3);
    expect(clampAxis(1.5, -3, -1, 1)).toBe(1);
  });
});

describe('clampToSafeVolume', () => {
  it('clamps each axis on its own, in place, against the tracked position', () => {
    const position: Vec3 = [0.5, 5, 6];
    // x inside; y over the 3 m ceiling; z: the tracked camera itself is at 4, outside the box.
    const out = clampToSafeVolume(position, [0, 1.5, 4], BOX);
    expect(out).toBe(position);
    expect(position).toEqual([0.5, 3, 4]);
  });
});

describe('clampBaseToSafeVolume', () => {
  it('shortens the base translation so tracked + base lies in the box, and leaves the rotations alone', () => {
    const base = createPoseOffset();
    base.translationM[1] = 3; // 1.5 + 3 = 4.5 m: 1.5 m over the 3 m ceiling
    base.translationM[2] = -1; // 0.5 − 1 = −0.5 m: inside
    base.rotationWorld[1] = Math.SQRT1_2;
    base.rotationWorld[3] = Math.SQRT1_2;
    const out = clampBaseToSafeVolume(base, [0, 1.5, 0.5], BOX);
    expect(out).toBe(base);
    expect(base.translationM).toEqual([0, 1.5, -1]); // 3 − 1.5: the final y is 3 m
    expect(base.rotationWorld).toEqual([0, Math.SQRT1_2, 0, Math.SQRT1_2]);
  });

  it('keeps a base that brings a camera standing outside back towards the box', () => {
    const base = createPoseOffset();
    base.translationM[2] = -2; // tracked at z = 4 (outside max 1): 4 − 2 = 2, still outside but further in
    clampBaseToSafeVolume(base, [0, 1.5, 4], BOX);
    expect(base.translationM).toEqual([0, 0, -2]);
    base.translationM[2] = 1; // 4 + 1 = 5: further out than the camera stands, so cut back to it
    clampBaseToSafeVolume(base, [0, 1.5, 4], BOX);
    expect(base.translationM).toEqual([0, 0, 0]);
  });
});
