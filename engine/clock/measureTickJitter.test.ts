import { describe, expect, it } from 'vitest';
import { frameRateFromFps } from './FrameRate.ts';
import { measureTickJitter } from './measureTickJitter.ts';

describe('measureTickJitter', () => {
  it('runs a real clock for the requested time and summarises |actual − scheduled| (smoke: values not asserted)', async () => {
    const r = await measureTickJitter(0.1, { rate: frameRateFromFps(50), spinWindowMs: 1 });
    expect(r.fps).toBe(50);
    expect(r.spinWindowMs).toBe(1);
    expect(r.ticks + r.skipped).toBe(5);
    for (const v of [r.p50, r.p99, r.max]) expect(Number.isFinite(v) && v >= 0).toBe(true);
    expect(r.p50).toBeLessThanOrEqual(r.max);
  });
});
