import { describe, expect, it } from 'vitest';
import { EngineStalls } from './EngineStalls.ts';

describe('EngineStalls', () => {
  it('takes the last stall out of a span, worked by hand', () => {
    const stalls = new EngineStalls(0.05);
    for (const t of [0, 0.02, 0.04]) stalls.check(t);
    expect(stalls.count).toBe(0);
    expect(stalls.silentS(0, 0.04)).toBeCloseTo(0.04, 12); // no stall yet: the whole span
    stalls.check(0.34); // 0.04 → 0.34 is a stall
    expect(stalls.count).toBe(1);
    expect(stalls.silentS(0, 0.34)).toBeCloseTo(0.04, 12); // 0.34 − 0.3 of stall
    expect(stalls.silentS(0.1, 0.5)).toBeCloseTo(0.16, 12); // inside it from 0.1: 0.4 − 0.24
    expect(stalls.silentS(0.341, 0.4)).toBeCloseTo(0.059, 12); // after it: all of it counts
    expect(stalls.silentS(-Infinity, 1)).toBe(Infinity); // never seen
  });

  it('does not call the first check a stall, nor gaps up to the threshold', () => {
    const stalls = new EngineStalls(0.05);
    stalls.check(10);
    stalls.check(10.04);
    expect(stalls.count).toBe(0);
    expect(stalls.silentS(9, 10.04)).toBeCloseTo(1.04, 12);
  });
});
