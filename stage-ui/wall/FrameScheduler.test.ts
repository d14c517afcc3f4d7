import { describe, expect, it } from 'vitest';
import { FrameScheduler } from './FrameScheduler.ts';

const f = (frame: number, presentAtS: number) => ({ frame, presentAtS });

describe('FrameScheduler', () => {
  it('shows each frame at the first refresh that reaches the screen at or after its time (hand-worked, 50 fps frames, 60 Hz display)', () => {
    const s = new FrameScheduler();
    // Frames meant for 1.000, 1.020, 1.040 s; refreshes reach the screen at 0.9917, 1.0083, 1.0250, 1.0417 s.
    s.push(f(50, 1.0));
    s.push(f(51, 1.02));
    s.push(f(52, 1.04));
    expect(s.pick(0.9917)).toBeNull(); // too early for any
    expect(s.pick(1.0083)?.frame).toBe(50);
    expect(s.pick(1.025)?.frame).toBe(51);
    expect(s.pick(1.0417)?.frame).toBe(52);
    expect(s.pick(1.0583)).toBeNull(); // nothing new: keep 52
    expect(s.dropped).toBe(0);
  });

  it('shows the newest due frame when several are due and counts the skipped ones as dropped', () => {
    const s = new FrameScheduler();
    for (let i = 0; i < 4; i++) s.push(f(i, i * 0.02));
    expect(s.pick(0.045)?.frame).toBe(2);
    expect(s.dropped).toBe(2);
    expect(s.queued).toBe(1);
  });

  it('ignores duplicates and frames older than the one shown, keeps frame order and bounds the queue', () => {
    const s = new FrameScheduler();
    s.push(f(5, 0.1));
    expect(s.pick(0.1)?.frame).toBe(5);
    s.push(f(4, 0.08)); // late straggler
    s.push(f(7, 0.14));
    s.push(f(6, 0.12));
    s.push(f(6, 0.12));
    expect(s.queued).toBe(2);
    expect(s.pick(0.12)?.frame).toBe(6);
    for (let i = 10; i < 30; i++) s.push(f(i, i * 0.02));
    expect(s.queued).toBe(8);
    expect(s.dropped).toBeGreaterThan(0);
  });

  it('shows the newest frame at once while the node has no clock estimate', () => {
    const s = new FrameScheduler();
    s.push(f(1, 10));
    s.push(f(2, 10.02));
    expect(s.pick(null)?.frame).toBe(2);
  });
});
