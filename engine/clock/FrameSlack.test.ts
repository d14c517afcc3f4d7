import { describe, expect, it } from 'vitest';
import { FrameClock } from './FrameClock.ts';
import { frameRateFromFps } from './FrameRate.ts';
import { FrameSlack, slackDelayMs, type SlackClock } from './FrameSlack.ts';

describe('slackDelayMs (20 ms frame: window opens 5 ms after the tick, closes 8 ms before the next)', () => {
  it('waits for the window to open', () => {
    expect(slackDelayMs(0, 20)).toBe(5);
    expect(slackDelayMs(3, 20)).toBe(2);
  });

  it('runs at once inside the window, both ends included', () => {
    expect(slackDelayMs(5, 20)).toBe(0);
    expect(slackDelayMs(9, 20)).toBe(0);
    expect(slackDelayMs(12, 20)).toBe(0);
  });

  it('after the window closes, waits for the window of the next frame', () => {
    expect(slackDelayMs(12.5, 20)).toBe(12.5); // 7.5 ms to the tick + 5 ms
    expect(slackDelayMs(19.9, 20)).toBeCloseTo(5.1, 12);
  });

  it('takes the phase of a tick that is overdue (no tick for 1.3 frames: 6 ms into the frame)', () => {
    expect(slackDelayMs(26, 20)).toBe(0);
    expect(slackDelayMs(41, 20)).toBe(4);
  });

  it('scales with the frame (59.94 fps) and the chosen fractions', () => {
    const frameMs = 1001 / 60; // 16.683 ms
    expect(slackDelayMs(0, frameMs)).toBeCloseTo(frameMs / 4, 12);
    expect(slackDelayMs(2, 20, 0.5, 0.1)).toBe(8);
    expect(slackDelayMs(18.5, 20, 0.5, 0.1)).toBe(11.5);
  });

  it('never asks to wait for a time it cannot read', () => {
    expect(slackDelayMs(Number.NaN, 20)).toBe(0);
    expect(slackDelayMs(-1, 20)).toBe(0);
  });
});

describe('FrameSlack', () => {
  function recorder(clock: SlackClock, nowNs: bigint) {
    const calls: string[] = [];
    const slack = new FrameSlack(clock, {
      now: () => nowNs,
      schedule: (_fn, ms) => (calls.push(`timeout ${ms}`), () => calls.push('cancelled')),
      scheduleImmediate: () => (calls.push('immediate'), () => calls.push('cancelled')),
    });
    return { slack, calls };
  }

  it('waits on a timer until the window when the tick was just now', () => {
    const { slack, calls } = recorder({ isRunning: true, lastTickNs: 1_000_000_000n, frameMs: 20 }, 1_001_000_000n);
    const cancel = slack.run(() => {});
    expect(calls).toEqual(['timeout 4']);
    cancel();
    expect(calls).toEqual(['timeout 4', 'cancelled']);
  });

  it('runs on the next loop turn inside the window, or when the clock is stopped or has not ticked', () => {
    expect(recorder({ isRunning: true, lastTickNs: 0n, frameMs: 20 }, 7_000_000n).calls.length).toBe(0);
    for (const clock of [
      { isRunning: true, lastTickNs: 0n, frameMs: 20 },
      { isRunning: false, lastTickNs: 0n, frameMs: 20 },
      { isRunning: true, lastTickNs: null, frameMs: 20 },
    ]) {
      const { slack, calls } = recorder(clock, 7_000_000n);
      slack.run(() => {});
      expect(calls).toEqual(['immediate']);
    }
  });

  it('on a real clock, work never runs in the first quarter of a frame', async () => {
    const phases: number[] = [];
    let slack: FrameSlack | undefined;
    let ticks = 0;
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const clock = new FrameClock({
      rate: frameRateFromFps(50),
      onTick: () => {
        if (++ticks > 10) {
          clock.stop();
          done();
          return;
        }
        // Asked right after the tick: must wait for the window (>= 5 ms after it).
        slack!.run(() => phases.push(Number(process.hrtime.bigint() - clock.lastTickNs!) / 1e6));
      },
    });
    slack = new FrameSlack(clock);
    clock.start();
    await finished;
    expect(phases.length).toBeGreaterThanOrEqual(9);
    // The window opens 5 ms after the tick; a wake-up within 0.2 ms of it may run.
    for (const ms of phases) expect(ms).toBeGreaterThanOrEqual(4.8);
  });
});
