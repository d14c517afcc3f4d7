import { describe, expect, it } from 'vitest';
import { createMoveTimeline, isSeeking, isTimelineSettled, moveProgressAt, moveRateAt, moveTimeAt, setRamp, setSeek, stopMoveTime } from './moveTimeline.ts';

describe('moveTimeline', () => {
  it('a ramp from rate 1 to 0 over 2 s stops 1 move-second later, rate continuous', () => {
    const tl = createMoveTimeline();
    setRamp(tl, 10, 3, 1, 0, 2);
    expect(moveTimeAt(tl, 10)).toBe(3);
    expect(moveRateAt(tl, 10)).toBe(1);
    expect(moveRateAt(tl, 11)).toBe(0.5);
    expect(moveTimeAt(tl, 12)).toBe(4); // 3 + (1 + 0) × 2 / 2
    expect(moveTimeAt(tl, 20)).toBe(4);
    expect(isTimelineSettled(tl, 11.9)).toBe(false);
    expect(isTimelineSettled(tl, 12)).toBe(true);
    expect(stopMoveTime(3, 1, 2)).toBe(4);
  });

  it('a zero-length ramp runs at the new rate at once', () => {
    const tl = createMoveTimeline();
    setRamp(tl, 0, 0, 1, 1, 0);
    expect(moveTimeAt(tl, 2.5)).toBe(2.5);
  });

  it('a seek stops, travels to its target and arrives at rest, then ramps to the follow rate', () => {
    const tl = createMoveTimeline();
    // At move time 5 going at rate 1: stop over 1 s (to 5.5), travel to 2 in 2 s, then ramp to rate 1 over 1 s.
    setSeek(tl, 0, 5, 1, 1, 2, 2, 1, 1);
    expect(moveTimeAt(tl, 1)).toBeCloseTo(5.5, 12);
    expect(moveRateAt(tl, 1)).toBeCloseTo(0, 12);
    expect(moveTimeAt(tl, 2)).toBeCloseTo(3.75, 12); // halfway along the smoothstep from 5.5 to 2
    expect(moveRateAt(tl, 2)).toBeCloseTo(-2.625, 12); // 1.5 × (−3.5) / 2
    expect(moveTimeAt(tl, 3)).toBeCloseTo(2, 12);
    expect(moveRateAt(tl, 3)).toBeCloseTo(0, 12);
    expect(isSeeking(tl, 2.999)).toBe(true);
    expect(isSeeking(tl, 3)).toBe(false);
    expect(moveTimeAt(tl, 5)).toBeCloseTo(2 + 0.5 + 1, 12);
    expect(isTimelineSettled(tl, 4)).toBe(true);
  });

  it('move time is continuous across every phase boundary', () => {
    const tl = createMoveTimeline();
    setSeek(tl, 0, 5, 1, 1, 2, 2, 1, 1);
    for (const t of [1, 3, 4]) {
      expect(moveTimeAt(tl, t - 1e-9)).toBeCloseTo(moveTimeAt(tl, t + 1e-9), 7);
      expect(moveRateAt(tl, t - 1e-9)).toBeCloseTo(moveRateAt(tl, t + 1e-9), 7);
    }
  });

  it('progress is move time over the planned duration, clamped to 0..1', () => {
    const tl = createMoveTimeline();
    setRamp(tl, 0, 0, 1, 1, 0); // rate 1 from move time 0 at engine time 0
    expect(moveProgressAt(tl, 1, 4)).toBe(0.25); // 1 move-second of 4
    expect(moveProgressAt(tl, -1, 4)).toBe(0); // extrapolated move time −1 s: before the start
    expect(moveProgressAt(tl, 5, 4)).toBe(1); // 5 move-seconds of 4: past the end
  });
});
