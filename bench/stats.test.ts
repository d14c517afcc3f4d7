import { describe, expect, it } from 'vitest';
import { p99Ratio, percentile, summarize } from './stats.ts';

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
  it('p99Ratio divides the p99s and keeps 2 decimals', () => {
    expect(p99Ratio({ p99: 1.2345 }, { p99: 0.8 })).toBe(1.54);
    expect(p99Ratio({ p99: 0.4 }, { p99: 0.4 })).toBe(1);
  });
});
