import { describe, expect, it } from 'vitest';
import { MODEL_KINDS } from './modelKinds.ts';
import { decodeMoveNumbers, encodeMoveNumbers, PARAM_COUNT, paramOffset } from './moveParams.ts';

describe('moveParams', () => {
  it('round-trips each kind through the normalised head and masks the slots a kind does not use', () => {
    const values = new Float32Array(PARAM_COUNT);
    const mask = new Float32Array(PARAM_COUNT);
    encodeMoveNumbers('crane', { distanceM: 1.2, angleRad: -0.3, durationS: 6 }, values, mask);
    expect(decodeMoveNumbers('crane', values)).toEqual({ distanceM: expect.closeTo(1.2, 5), angleRad: expect.closeTo(-0.3, 5), durationS: expect.closeTo(6, 5) });
    expect(mask.reduce((a, b) => a + b, 0)).toBe(3);
    encodeMoveNumbers('pan', { angleRad: 0.8, durationS: 3 }, values, mask);
    expect(Array.from(mask.subarray(paramOffset('pan'), paramOffset('pan') + 3))).toEqual([1, 0, 1]);
    expect(decodeMoveNumbers('pan', values).angleRad).toBeCloseTo(0.8, 5);
    encodeMoveNumbers('push-in', { subjectHeightFraction: 0.6, distanceM: 2, durationS: 5 }, values, mask);
    expect(decodeMoveNumbers('push-in', values)).toEqual({ subjectHeightFraction: expect.closeTo(0.6, 5), distanceM: expect.closeTo(2, 5), durationS: expect.closeTo(5, 5) });
    encodeMoveNumbers('hold', { durationS: 3 }, values, mask);
    expect(mask.reduce((a, b) => a + b, 0)).toBe(1);
    expect(decodeMoveNumbers('hold', values)).toEqual({ durationS: expect.closeTo(3, 5) });
  });

  it('decodes any head output into MoveSpec ranges', () => {
    const wild = new Float32Array(PARAM_COUNT).fill(1e6);
    for (const kind of MODEL_KINDS) {
      const n = decodeMoveNumbers(kind, wild);
      expect(n.durationS).toBeLessThanOrEqual(30);
      if (n.distanceM !== undefined) expect(Math.abs(n.distanceM)).toBeLessThanOrEqual(50);
      if (n.angleRad !== undefined) expect(Math.abs(n.angleRad)).toBeLessThanOrEqual(2 * Math.PI);
      if (n.subjectHeightFraction !== undefined) expect(n.subjectHeightFraction).toBeLessThanOrEqual(1);
    }
  });
});
