import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../CameraSample.ts';
import { crossVec3, dotVec3, lengthVec3, normalizeVec3, subVec3 } from './vec3.ts';

describe('vec3', () => {
  it('cross is right-handed: X × Y = Z, Y × Z = X, and out may alias an input', () => {
    expect(crossVec3([1, 0, 0], [0, 1, 0], [0, 0, 0])).toEqual([0, 0, 1]);
    const a: Vec3 = [0, 1, 0];
    expect(crossVec3(a, [0, 0, 1], a)).toEqual([1, 0, 0]);
  });

  it('sub, dot and length on a 3-4-12 triangle', () => {
    const d = subVec3([4, 6, 13], [1, 2, 1], [0, 0, 0]); // (3, 4, 12)
    expect(d).toEqual([3, 4, 12]);
    expect(dotVec3(d, d)).toBe(169);
    expect(lengthVec3(d)).toBe(13);
  });

  it('normalize scales to unit length and leaves the zero vector at zero', () => {
    expect(normalizeVec3([0, 3, 4], [0, 0, 0])).toEqual([0, 0.6, 0.8]);
    expect(normalizeVec3([0, 0, 0], [9, 9, 9])).toEqual([0, 0, 0]);
  });
});
