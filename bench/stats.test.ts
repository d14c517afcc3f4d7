import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './stats.ts';

describe('bench stats', () => {
  it('nearest-rank percentiles of 1..100', () => {
    const v = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 0.5)).toBe(50);
    expect(percentile(v, 0.99)).toBe(99);
    expect(percentile(v, 1)).toBe(100);
  });
  it('summarize sorts its input', () => {
    expect(summarize([3, 1, 2])).toMatchObject({ n: 3, mean: 2, p50: 2, max: 3 });
  });
});
