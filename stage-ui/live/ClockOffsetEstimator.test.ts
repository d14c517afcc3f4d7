import { describe, expect, it } from 'vitest';
import { ClockOffsetEstimator } from './ClockOffsetEstimator.ts';
import { mulberry32 } from '../../test/support/mulberry32.ts';

describe('ClockOffsetEstimator', () => {
  it('computes offset and error from one exchange (hand-worked)', () => {
    // Page sends at 1000 ms; the engine (4010 ms ahead) receives 0.5 ms later at 5010.5 ms, answers 0.2 ms later
    // at 5010.7 ms; the answer takes 0.3 ms: back at 1001.0 ms page time.
    // offset = ((5010.5 − 1000) + (5010.7 − 1001)) / 2 = 4010.1; round trip = 1.0 − 0.2 = 0.8; error ≤ 0.4.
    const e = new ClockOffsetEstimator();
    expect(e.add({ clientSendMs: 1000, engineReceiveS: 5.0105, engineSendS: 5.0107, clientReceiveMs: 1001 })).toBe(true);
    expect(e.offsetMs).toBeCloseTo(4010.1, 9);
    expect(e.errorMs).toBeCloseTo(0.4, 9);
    expect(Math.abs(e.offsetMs! - 4010)).toBeLessThanOrEqual(e.errorMs);
    expect(e.engineTimeS(2000)).toBeCloseTo(6.0101, 9);
  });

  it('recovers an injected offset under jitter within its own error bound, from the quietest exchange', () => {
    const rand = mulberry32(7);
    const trueOffsetMs = -123_456.789;
    const e = new ClockOffsetEstimator(16);
    let t = 10_000;
    for (let i = 0; i < 200; i++) {
      // One-way delays 0.2–0.4 ms plus, one time in three, up to 15 ms of queueing on either leg.
      const up = 0.2 + 0.2 * rand() + (rand() < 0.33 ? 15 * rand() : 0);
      const down = 0.2 + 0.2 * rand() + (rand() < 0.33 ? 15 * rand() : 0);
      const engineReceiveS = (t + up + trueOffsetMs) / 1000;
      const engineSendS = engineReceiveS + 0.0001;
      e.add({ clientSendMs: t, engineReceiveS, engineSendS, clientReceiveMs: t + up + 0.1 + down });
      const err = Math.abs(e.offsetMs! - trueOffsetMs);
      expect(err).toBeLessThanOrEqual(e.errorMs + 1e-9);
      t += 250;
    }
    // With 16 exchanges to choose from, an unqueued one is almost always among them: sub-millisecond.
    expect(e.errorMs).toBeLessThan(0.5);
    expect(e.samples).toBe(16);
  });

  it('ignores impossible exchanges', () => {
    const e = new ClockOffsetEstimator();
    expect(e.add({ clientSendMs: 10, engineReceiveS: 1, engineSendS: 0.9, clientReceiveMs: 11 })).toBe(false);
    expect(e.add({ clientSendMs: 10, engineReceiveS: 1, engineSendS: 1.5, clientReceiveMs: 11 })).toBe(false); // negative round trip
    expect(e.add({ clientSendMs: Number.NaN, engineReceiveS: 1, engineSendS: 1, clientReceiveMs: 11 })).toBe(false);
    expect(e.offsetMs).toBeNull();
    expect(e.engineTimeS(5)).toBeNull();
  });
});
