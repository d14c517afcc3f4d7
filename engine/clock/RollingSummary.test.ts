import { describe, expect, it } from 'vitest';
import { RollingSummary } from './RollingSummary.ts';

describe('RollingSummary', () => {
  it('is NaN when empty', () => {
    expect(new RollingSummary(4).summarize()).toEqual({ n: 0, p50: NaN, p99: NaN, max: NaN });
  });

  it('nearest-rank percentiles of 1..100 are 50 and 99', () => {
    const s = new RollingSummary(100);
    for (let i = 100; i >= 1; i--) s.push(i);
    expect(s.summarize()).toEqual({ n: 100, p50: 50, p99: 99, max: 100 });
  });

  it('keeps only the last `capacity` values', () => {
    const s = new RollingSummary(3);
    for (const v of [100, 200, 1, 2, 3]) s.push(v);
    expect(s.size).toBe(3);
    expect(s.summarize()).toEqual({ n: 3, p50: 2, p99: 3, max: 3 });
    s.clear();
    expect(s.summarize().n).toBe(0);
  });

  it('rejects a non-positive capacity', () => {
    expect(() => new RollingSummary(0)).toThrow(RangeError);
  });
});
