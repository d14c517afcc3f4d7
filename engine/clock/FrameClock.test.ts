import { describe, expect, it } from 'vitest';
import { FrameClock, type FrameClockOptions, type FrameTick } from './FrameClock.ts';
import { type FrameRate, frameRateFromFps } from './FrameRate.ts';
import { timecodeToFrame } from './Timecode.ts';
import { mulberry32 } from '../../test/support/mulberry32.ts';

const R25 = frameRateFromFps(25);
const R50 = frameRateFromFps(50);
const R59_94 = frameRateFromFps(59.94);

/**
 * A fake event loop on fake time: timers fire `lateNs()` after they are due, an immediate runs `immediateNs` later.
 * It also checks the clock's invariant that at most one wake-up is ever pending.
 */
class FakeLoop {
  nowNs = 7_000_000_000; // not zero, so "relative to start" bugs show
  private pending: { fn: () => void; atNs: number } | undefined;

  constructor(
    private readonly lateNs: () => number = () => 0,
    private readonly immediateNs = 100_000,
  ) {}

  readonly now = (): bigint => BigInt(this.nowNs);

  readonly schedule = (fn: () => void, delayMs: number): (() => void) => {
    return this.arm(fn, this.nowNs + Math.round(delayMs * 1e6) + Math.round(this.lateNs()));
  };

  readonly scheduleImmediate = (fn: () => void): (() => void) => this.arm(fn, this.nowNs + this.immediateNs);

  get hasPending(): boolean {
    return this.pending !== undefined;
  }

  /** Runs callbacks in time order until the next one is due after `endNs`. */
  runUntil(endNs: number): void {
    while (this.pending && this.pending.atNs <= endNs) {
      const { fn, atNs } = this.pending;
      this.pending = undefined;
      this.nowNs = Math.max(this.nowNs, atNs);
      fn();
    }
  }

  /** Options wiring a clock to this loop. */
  options(): Pick<FrameClockOptions, 'now' | 'schedule' | 'scheduleImmediate'> {
    return { now: this.now, schedule: this.schedule, scheduleImmediate: this.scheduleImmediate };
  }

  private arm(fn: () => void, atNs: number): () => void {
    if (this.pending) throw new Error('FrameClock armed a second wake-up while one was pending');
    const entry = { fn, atNs };
    this.pending = entry;
    return () => {
      if (this.pending === entry) this.pending = undefined;
    };
  }
}

/** Exact deadline of frame n after start, ns: floor(n * den * 1e9 / num) in BigInt. */
function exactDeadline(startNs: bigint, rate: FrameRate, n: number): bigint {
  return startNs + (BigInt(n) * BigInt(rate.den) * 1_000_000_000n) / BigInt(rate.num);
}

describe('FrameClock over one simulated hour with timers 0-3 ms late', () => {
  const cases: Array<{ name: string; rate: FrameRate; spinWindowMs: number; lastFrame: number; lastTimecode: string; maxLateMs: number }> = [
    // Timers only: a tick is as late as its timer (≤ 3 ms), never later, however many came before it.
    { name: '50 fps, timers only', rate: R50, spinWindowMs: 0, lastFrame: 180_000, lastTimecode: '01:00:00:00', maxLateMs: 3 },
    // With a 2 ms spin window the timer wakes 2 ms early, so only its last ≤ 1 ms of lateness (+ one poll) shows.
    { name: '50 fps, 2 ms spin', rate: R50, spinWindowMs: 2, lastFrame: 180_000, lastTimecode: '01:00:00:00', maxLateMs: 1.1 },
    { name: '59.94 fps, timers only', rate: R59_94, spinWindowMs: 0, lastFrame: 215_784, lastTimecode: '01:00:00;00', maxLateMs: 3 },
    { name: '59.94 fps, 2 ms spin', rate: R59_94, spinWindowMs: 2, lastFrame: 215_784, lastTimecode: '01:00:00;00', maxLateMs: 1.1 },
  ];

  for (const c of cases) {
    it(`${c.name}: every deadline is exact, frames are contiguous, the last frame is due at exactly start + 1 h`, () => {
      const random = mulberry32(42);
      const loop = new FakeLoop(() => random() * 3e6);
      const startNs = BigInt(loop.nowNs);
      let expectedFrame = 0;
      let wrongDeadlines = 0;
      let maxLateMs = 0;
      let last: FrameTick | undefined;
      let firstError: string | undefined;
      const clock = new FrameClock({
        rate: c.rate,
        spinWindowMs: c.spinWindowMs,
        ...loop.options(),
        onTick: (tick) => {
          if (tick.frame !== expectedFrame) throw new Error(`frame ${tick.frame} after ${expectedFrame - 1}`);
          expectedFrame++;
          if (tick.scheduledNs !== exactDeadline(startNs, c.rate, tick.frame)) wrongDeadlines++;
          maxLateMs = Math.max(maxLateMs, tick.lateMs);
          last = tick;
        },
        // The clock catches what onTick throws, so a failed check above lands here.
        onError: (err) => void (firstError ??= (err as Error).message),
      });
      clock.start();
      loop.runUntil(Number(startNs) + 3600e9 + 10e6); // one hour, plus less than a frame
      clock.stop();

      expect(firstError).toBeUndefined();
      expect(clock.stats().errors).toBe(0);
      expect(wrongDeadlines).toBe(0);
      expect(last!.frame).toBe(c.lastFrame);
      expect(last!.scheduledNs).toBe(exactDeadline(startNs, c.rate, c.lastFrame));
      if (c.rate === R50) expect(last!.scheduledNs).toBe(startNs + 180_000n * 20_000_000n);
      expect(last!.timecode).toBe(c.lastTimecode);
      expect(last!.timeS).toBe((c.lastFrame * c.rate.den) / c.rate.num);
      expect(last!.actualNs - last!.scheduledNs).toBe(BigInt(Math.round(last!.lateMs * 1e6)));
      expect(maxLateMs).toBeLessThanOrEqual(c.maxLateMs);
      const stats = clock.stats();
      expect(stats.frames).toBe(c.lastFrame + 1);
      expect(stats.skipped).toBe(0);
      expect(stats.lateMs.max).toBeLessThanOrEqual(c.maxLateMs);
      expect(loop.hasPending).toBe(false);
    });
  }
});

describe('FrameClock', () => {
  it('skips ahead and counts when it falls more than maxLagFrames behind (a 20-frame stall)', () => {
    const loop = new FakeLoop();
    const frames: number[] = [];
    const clock = new FrameClock({
      rate: R50,
      spinWindowMs: 0,
      ...loop.options(),
      onTick: (tick) => {
        frames.push(tick.frame);
        if (tick.frame === 100) loop.nowNs += 20 * 20e6; // the handler blocks for 20 frames
      },
    });
    clock.start();
    loop.runUntil(loop.nowNs + 3e9);
    clock.stop();
    // Frame 101 is found 19 frames late: frames 101..119 are skipped and frame 120, due now, runs.
    expect(frames.slice(99, 103)).toEqual([99, 100, 120, 121]);
    expect(clock.stats().skipped).toBe(19);
    expect(clock.stats().frames).toBe(frames.length);
    expect(frames.at(-1)).toBe(150);
  });

  it('catches up without skipping when at most maxLagFrames behind', () => {
    const loop = new FakeLoop();
    const frames: number[] = [];
    const lateMs: number[] = [];
    const clock = new FrameClock({
      rate: R50,
      spinWindowMs: 0,
      maxLagFrames: 5,
      ...loop.options(),
      onTick: (tick) => {
        frames.push(tick.frame);
        lateMs.push(tick.lateMs);
        if (tick.frame === 10) loop.nowNs += 3 * 20e6; // a 3-frame stall
      },
    });
    clock.start();
    loop.runUntil(loop.nowNs + 1e9);
    clock.stop();
    expect(frames).toEqual(Array.from({ length: 51 }, (_, i) => i));
    expect(clock.stats().skipped).toBe(0);
    expect(lateMs[11]).toBeCloseTo(40.1, 6); // 60 ms stall − 20 ms frame + one 0.1 ms immediate
    expect(lateMs[14]).toBe(0); // back on its deadline
  });

  it('keeps ticking when onTick throws, counting errors and telling onError (even a throwing one)', () => {
    const loop = new FakeLoop();
    const reported: Array<[string, number]> = [];
    let ticks = 0;
    const clock = new FrameClock({
      rate: R25,
      ...loop.options(),
      onTick: (tick) => {
        ticks++;
        if (tick.frame % 10 === 3) throw new Error(`boom ${tick.frame}`);
      },
      onError: (err, tick) => {
        reported.push([(err as Error).message, tick.frame]);
        if (tick.frame === 13) throw new Error('the error handler fails too');
      },
    });
    clock.start();
    loop.runUntil(loop.nowNs + 2e9); // frames 0..50
    clock.stop();
    expect(ticks).toBe(51);
    expect(reported).toEqual([
      ['boom 3', 3],
      ['boom 13', 13],
      ['boom 23', 23],
      ['boom 33', 33],
      ['boom 43', 43],
    ]);
    expect(clock.stats()).toMatchObject({ frames: 51, errors: 5, skipped: 0 });
  });

  it('passes the same tick object every time', () => {
    const loop = new FakeLoop();
    const seen = new Set<FrameTick>();
    const clock = new FrameClock({ rate: R50, ...loop.options(), onTick: (tick) => void seen.add(tick) });
    clock.start();
    loop.runUntil(loop.nowNs + 200e6);
    clock.stop();
    expect(clock.stats().frames).toBe(11);
    expect(seen.size).toBe(1);
  });

  it('stop() inside onTick ends the run with nothing pending; start() begins a new timeline at frame 0', () => {
    const loop = new FakeLoop();
    const frames: number[] = [];
    const clock = new FrameClock({
      rate: R50,
      ...loop.options(),
      onTick: (tick) => {
        frames.push(tick.frame);
        if (tick.frame === 4) clock.stop();
      },
    });
    clock.start();
    clock.start(); // no-op while running
    loop.runUntil(loop.nowNs + 1e9);
    expect(frames).toEqual([0, 1, 2, 3, 4]);
    expect(clock.isRunning).toBe(false);
    expect(loop.hasPending).toBe(false);

    loop.nowNs += 123_456_789;
    const restartNs = BigInt(loop.nowNs);
    let firstScheduled = 0n;
    frames.length = 0;
    const second = new FrameClock({
      rate: R50,
      ...loop.options(),
      onTick: (tick) => {
        if (tick.frame === 0) firstScheduled = tick.scheduledNs;
        frames.push(tick.frame);
      },
    });
    second.start();
    loop.runUntil(loop.nowNs + 60e6);
    second.stop();
    expect(frames).toEqual([0, 1, 2, 3]);
    expect(firstScheduled).toBe(restartNs);
  });

  it('labels ticks from a timecode start offset, read at start()', () => {
    const loop = new FakeLoop();
    const labels: string[] = [];
    let reads = 0;
    const clock = new FrameClock({
      rate: R25,
      ...loop.options(),
      timecodeStartFrame: () => {
        reads++;
        return timecodeToFrame('09:59:59:23', R25);
      },
      onTick: (tick) => void labels.push(tick.timecode),
    });
    expect(reads).toBe(0);
    clock.start();
    loop.runUntil(loop.nowNs + 80e6);
    clock.stop();
    expect(reads).toBe(1);
    expect(labels).toEqual(['09:59:59:23', '09:59:59:24', '10:00:00:00']);
  });

  it('stats() summarises lateness over the rolling window', () => {
    const loop = new FakeLoop(() => 0, 500_000); // immediates take 0.5 ms, so frame 0 is 0.5 ms late
    const clock = new FrameClock({ rate: R50, spinWindowMs: 0, statsWindow: 4, ...loop.options(), onTick: () => {} });
    expect(clock.stats().lateMs.max).toBeNaN();
    clock.start();
    loop.runUntil(loop.nowNs + 1e6);
    expect(clock.stats()).toEqual({ frames: 1, skipped: 0, errors: 0, lateMs: { p50: 0.5, p99: 0.5, max: 0.5 } });
    loop.runUntil(loop.nowNs + 100e6); // frames 1..5 are on time and push frame 0 out of the 4-tick window
    clock.stop();
    expect(clock.stats()).toEqual({ frames: 6, skipped: 0, errors: 0, lateMs: { p50: 0, p99: 0, max: 0 } });
  });

  it('resetStats() forgets lateness but keeps counters; lastTickNs is when the last tick ran', () => {
    const loop = new FakeLoop(() => 0, 500_000);
    const clock = new FrameClock({ rate: R50, spinWindowMs: 0, ...loop.options(), onTick: () => {} });
    expect(clock.frameMs).toBe(20);
    expect(clock.lastTickNs).toBeNull();
    const startNs = loop.nowNs;
    clock.start();
    loop.runUntil(loop.nowNs + 1e6);
    expect(clock.lastTickNs).toBe(BigInt(startNs + 500_000)); // frame 0 ran 0.5 ms after start
    clock.resetStats();
    expect(clock.stats()).toEqual({ frames: 1, skipped: 0, errors: 0, lateMs: { p50: NaN, p99: NaN, max: NaN } });
    loop.runUntil(loop.nowNs + 40e6);
    clock.stop();
    expect(clock.stats()).toEqual({ frames: 3, skipped: 0, errors: 0, lateMs: { p50: 0, p99: 0, max: 0 } });
  });

  it('rejects options it cannot honour', () => {
    const base = { rate: R50, onTick: () => {} };
    expect(() => new FrameClock({ ...base, spinWindowMs: 20 })).toThrow(/spinWindowMs/);
    expect(() => new FrameClock({ ...base, spinWindowMs: -1 })).toThrow(/spinWindowMs/);
    expect(() => new FrameClock({ ...base, maxLagFrames: 0 })).toThrow(/maxLagFrames/);
    expect(() => new FrameClock({ ...base, statsWindow: 0 })).toThrow(/statsWindow/);
    expect(() => new FrameClock({ ...base, rate: { num: 25.5, den: 1 } })).toThrow(/rate/);
    expect(() => new FrameClock({ ...base, timecodeStartFrame: 0.5 }).start()).toThrow(/timecodeStartFrame/);
  });

  it('smoke test on the real clock: 25 ticks at 50 fps arrive in order', async () => {
    const frames: number[] = [];
    await new Promise<void>((resolve) => {
      const clock = new FrameClock({
        rate: R50,
        onTick: (tick) => {
          frames.push(tick.frame);
          if (frames.length === 25) {
            clock.stop();
            resolve();
          }
        },
      });
      clock.start();
    });
    // No assertion on jitter: a loaded CI box is slow, not broken. Benchmarks measure speed.
    expect(frames.length).toBe(25);
    for (let i = 1; i < frames.length; i++) expect(frames[i]!).toBeGreaterThan(frames[i - 1]!);
  });
});
