import { describe, expect, it } from 'vitest';
import { createSystemClock } from './EngineClock.ts';

describe('createSystemClock', () => {
  it('keeps Unix time in step with engine time to well under a millisecond (sender ages never step)', () => {
    const clock = createSystemClock();
    const offsets: number[] = [];
    // Over 5 ms of engine time, so a millisecond-resolution wall clock would show its steps. Readings the scheduler
    // interrupted (the two engine-time reads more than 20 µs apart) are left out: only the clocks are compared.
    for (const startS = clock.nowS(); clock.nowS() - startS < 0.005 || offsets.length < 100; ) {
      const beforeS = clock.nowS();
      const unixS = clock.unixNowS();
      const afterS = clock.nowS();
      if (afterS - beforeS < 20e-6) offsets.push(unixS - beforeS);
    }
    expect(Math.max(...offsets) - Math.min(...offsets)).toBeLessThan(50e-6);
  });
});
