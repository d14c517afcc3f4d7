import { describe, expect, it } from 'vitest';
import { smoothstep, smoothstepIntegral, smoothstepSlope } from './transitionCurves.ts';

describe('transitionCurves', () => {
  it('smoothstep runs 0 → 1 with zero slope at both ends and 1.5 in the middle', () => {
    expect([smoothstep(0), smoothstep(0.5), smoothstep(1)]).toEqual([0, 0.5, 1]);
    expect([smoothstepSlope(0), smoothstepSlope(0.5), smoothstepSlope(1)]).toEqual([0, 1.5, 0]);
  });

  it('the integral is x³ − x⁴/2: a full ramp covers half its length at the mean rate', () => {
    expect(smoothstepIntegral(1)).toBe(0.5);
    expect(smoothstepIntegral(0.5)).toBe(0.09375);
    const h = 1e-6;
    expect((smoothstepIntegral(0.3 + h) - smoothstepIntegral(0.3 - h)) / (2 * h)).toBeCloseTo(smoothstep(0.3), 8);
  });
});
