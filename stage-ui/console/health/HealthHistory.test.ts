import { describe, expect, it } from 'vitest';
import { HealthHistory, HISTORY_SAMPLES, ringIndex } from './HealthHistory.ts';

describe('HealthHistory', () => {
  it('keeps the last 60 s per source, oldest first through ringIndex, NaN where latency is unknown', () => {
    const h = new HealthHistory();
    for (let i = 0; i < HISTORY_SAMPLES + 5; i++) h.push('osc:a', i, i % 2 ? null : i * 10);
    const s = h.get('osc:a')!;
    expect(s.count).toBe(HISTORY_SAMPLES);
    expect(s.rate[ringIndex(s, 0)]).toBe(5); // the first 5 fell out
    expect(s.rate[ringIndex(s, HISTORY_SAMPLES - 1)]).toBe(HISTORY_SAMPLES + 4);
    expect(Number.isNaN(s.latency[ringIndex(s, 0)]!)).toBe(true); // sample 5: odd → no latency
    expect(h.get('osc:b')).toBeUndefined();
  });
});
