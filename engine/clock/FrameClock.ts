// The engine's fixed-rate tick: absolute hrtime deadlines from the exact frame rate, so an hour of ticks never drifts.
import { type FrameRate, frameAtOffsetNs, frameDurationS, frameOffsetNs, frameTimeS, isValidFrameRate } from './FrameRate.ts';
import { RollingSummary } from './RollingSummary.ts';
import { frameToTimecode } from './Timecode.ts';

/*
 * How a deadline is met. Frame n is due at start + frameOffsetNs(rate, n): an absolute time computed from the
 * rational, never "previous tick + 20 ms", so a late tick delays only itself (setInterval adds every lateness up).
 * Node timers have millisecond resolution and often fire up to ~1 ms late (or, against hrtime, slightly early), so
 * the wait is split: setTimeout sleeps until `spinWindowMs` before the deadline, then a setImmediate loop polls
 * hrtime until it arrives. Each poll yields to the event loop, so sockets keep being served while we spin.
 *
 * The trade-off: the spin keeps one core busy for up to `spinWindowMs` every frame (2 ms at 50 fps is up to 10 % of
 * a core, 12 % at 60 fps) in exchange for sub-millisecond tick jitter. `spinWindowMs: 0` uses timers only: no spin
 * cost, ticks late by about 1 ms (sometimes more on a loaded loop). On an oversubscribed host (more busy threads
 * than cores) the spinning process gets preempted and spin can do worse than timers only: use 0 there.
 *
 * Falling behind: up to `maxLagFrames` late, the missed frames are still emitted (one per event-loop turn) so the
 * timeline stays contiguous; further behind (a GC pause, a blocked loop, a suspended laptop) the clock jumps to the
 * frame that is due now and counts the frames in between as skipped, instead of bursting them all out at once.
 */

/**
 * One tick. The clock passes the SAME object to every `onTick` call and overwrites it before the next one: copy any
 * field you keep past the callback. Per frame the clock allocates only what Node and the fields force on it: the
 * bigint timestamps, the timecode string and the timer handle (plus its cancel closure).
 */
export interface FrameTick {
  /** Frame number since `start()` (frame 0 is due at start). Jumps forward only when frames are skipped. */
  frame: number;
  /** Exact start time of this frame on the clock's timeline, seconds since start: frame * den / num. */
  timeS: number;
  /** SMPTE label of this frame, offset by `timecodeStartFrame` (";" before the frames field for drop-frame). */
  timecode: string;
  /** Absolute deadline, ns on the clock's time source (`process.hrtime.bigint()` unless injected). */
  scheduledNs: bigint;
  /** When the tick actually ran, same time base as `scheduledNs`. */
  actualNs: bigint;
  /** actualNs − scheduledNs, milliseconds; never negative (a tick never runs early). */
  lateMs: number;
}

/** Runs `fn` after about `delayMs` (fractional allowed); returns a function that cancels it. */
export type ScheduleFn = (fn: () => void, delayMs: number) => () => void;
/** Runs `fn` on the next event-loop turn, after pending I/O; returns a function that cancels it. */
export type ScheduleImmediateFn = (fn: () => void) => () => void;

/** Spin window when none is given, ms: covers Node's usual timer lateness so the timer wakes us before the deadline. */
export const DEFAULT_SPIN_WINDOW_MS = 2;
/** Frames the clock may fall behind and still emit every frame; beyond it, it skips to now. */
export const DEFAULT_MAX_LAG_FRAMES = 5;
/** Ticks whose lateness `stats()` summarises. */
export const DEFAULT_STATS_WINDOW = 1000;

export interface FrameClockOptions {
  /** Exact tick rate (`frameRateFromFps(50)`). */
  rate: FrameRate;
  /** Called once per frame with the reused tick object; a throw is caught, counted and reported to `onError`. */
  onTick: (tick: FrameTick) => void;
  /**
   * Told about every error `onTick` throws; the clock keeps ticking. Default: the first error goes to
   * `console.error`, later ones are only counted in `stats().errors` (wire this to the engine log instead).
   */
  onError?: (error: unknown, tick: FrameTick) => void;
  /** Monotonic time source, ns. Default `process.hrtime.bigint()`. */
  now?: () => bigint;
  /** Timer for the long part of the wait. Default setTimeout / clearTimeout. */
  schedule?: ScheduleFn;
  /** Event-loop yield used for the spin window and for catching up. Default setImmediate / clearImmediate. */
  scheduleImmediate?: ScheduleImmediateFn;
  /** Poll hrtime for the last this-many ms before each deadline (0 = timers only). Default 2; must be < one frame. */
  spinWindowMs?: number;
  /** Fall further behind than this many frames and the clock skips ahead instead of bursting. Default 5. */
  maxLagFrames?: number;
  /** How many recent ticks `stats().lateMs` covers. Default 1000. */
  statsWindow?: number;
  /**
   * Timecode label count of frame 0 (e.g. `timeOfDayToFrame(rate)` for time-of-day timecode, or
   * `timecodeToFrame('10:00:00:00', rate)`). A function is called at each `start()`, so time of day is read
   * when the clock actually starts. Default 0.
   */
  timecodeStartFrame?: number | (() => number);
}

export interface FrameClockStats {
  /** Ticks emitted since `start()`. */
  frames: number;
  /** Frames jumped over because the clock fell more than `maxLagFrames` behind. */
  skipped: number;
  /** `onTick` calls that threw. */
  errors: number;
  /** Lateness (actual − scheduled) over the last `statsWindow` ticks, ms; NaN before the first tick. */
  lateMs: { p50: number; p99: number; max: number };
}

export class FrameClock {
  readonly rate: FrameRate;

  private readonly onTick: (tick: FrameTick) => void;
  private readonly onError: ((error: unknown, tick: FrameTick) => void) | undefined;
  private readonly now: () => bigint;
  private readonly schedule: ScheduleFn;
  private readonly scheduleImmediate: ScheduleImmediateFn;
  private readonly spinWindowMs: number;
  /** maxLagFrames frames, ns. */
  private readonly maxLagNs: number;
  private readonly timecodeStart: number | (() => number);

  /** The one tick object handed to every onTick. */
  private readonly tick: FrameTick = { frame: 0, timeS: 0, timecode: '', scheduledNs: 0n, actualNs: 0n, lateMs: 0 };
  private readonly late: RollingSummary;
  /** Loop iterations of busyPause() that take about PAUSE_MS here; 0 (no pause) on injected time. */
  private readonly pauseIterations: number;
  /** Keeps busyPause's result alive so the loop is not optimised away. */
  private pauseSink = 1;

  private running = false;
  /** Bumped by every start(), so a tick can tell that its onTick stopped or restarted the clock. */
  private runId = 0;
  /** Frame 0's deadline on the time source, ns. */
  private startNs = 0n;
  /** The next frame to emit. */
  private nextFrame = 0;
  /** Timecode label count of frame 0 for the current run. */
  private timecodeStartFrame = 0;
  /** Cancels the one pending timer or immediate; at most one is ever pending. */
  private cancelPending: (() => void) | undefined;
  private frames = 0;
  private skipped = 0;
  private errors = 0;

  /** Bound once so re-arming allocates no closure. */
  private readonly wake = (): void => {
    this.cancelPending = undefined;
    this.fireIfDue();
  };

  constructor(options: FrameClockOptions) {
    const { rate } = options;
    if (!isValidFrameRate(rate)) throw optionError(`rate must be positive integers num/den, got ${rate.num}/${rate.den}`);
    const frameMs = frameDurationS(rate) * 1000;
    const spinWindowMs = options.spinWindowMs ?? DEFAULT_SPIN_WINDOW_MS;
    if (!(spinWindowMs >= 0 && spinWindowMs < frameMs)) throw optionError(`spinWindowMs must be in [0, ${frameMs}) ms, got ${spinWindowMs}`);
    const maxLagFrames = options.maxLagFrames ?? DEFAULT_MAX_LAG_FRAMES;
    if (!Number.isSafeInteger(maxLagFrames) || maxLagFrames < 1) throw optionError(`maxLagFrames must be a positive integer, got ${maxLagFrames}`);
    const statsWindow = options.statsWindow ?? DEFAULT_STATS_WINDOW;
    if (!Number.isSafeInteger(statsWindow) || statsWindow < 1) throw optionError(`statsWindow must be a positive integer, got ${statsWindow}`);

    this.rate = rate;
    this.onTick = options.onTick;
    this.onError = options.onError;
    this.now = options.now ?? (() => process.hrtime.bigint());
    this.schedule = options.schedule ?? scheduleTimeout;
    this.scheduleImmediate = options.scheduleImmediate ?? scheduleImmediate;
    this.spinWindowMs = spinWindowMs;
    this.pauseIterations = options.now || spinWindowMs === 0 ? 0 : calibratePause();
    this.maxLagNs = frameOffsetNs(rate, maxLagFrames);
    this.timecodeStart = options.timecodeStartFrame ?? 0;
    this.late = new RollingSummary(statsWindow);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** The frame period, ms (20 at 50 fps, 16.683 at 59.94). */
  get frameMs(): number {
    return frameDurationS(this.rate) * 1000;
  }

  /** When the last tick ran (time source ns), null before the first tick of this run. */
  get lastTickNs(): bigint | null {
    return this.frames > 0 ? this.tick.actualNs : null;
  }

  /** Forget the lateness window (e.g. after warm-up, to measure the steady state); counters are kept. */
  resetStats(): void {
    this.late.clear();
  }

  /**
   * Starts a new timeline: frame 0 is due now (it runs on the next event-loop turn, never inside `start()`), and the
   * counters restart. No-op while running.
   */
  start(): void {
    if (this.running) return;
    const startFrame = typeof this.timecodeStart === 'function' ? this.timecodeStart() : this.timecodeStart;
    if (!Number.isSafeInteger(startFrame)) throw optionError(`timecodeStartFrame must be an integer, got ${startFrame}`);
    this.timecodeStartFrame = startFrame;
    this.frames = 0;
    this.skipped = 0;
    this.errors = 0;
    this.late.clear();
    this.running = true;
    this.runId++;
    this.startNs = this.now();
    this.nextFrame = 0;
    this.arm();
  }

  /** Stops ticking and cancels the pending wake-up; safe to call from inside onTick, and more than once. */
  stop(): void {
    this.running = false;
    this.cancelPending?.();
    this.cancelPending = undefined;
  }

  /** Counters and lateness percentiles; sorts the window, so call it at human speed (health checks), not per tick. */
  stats(): FrameClockStats {
    const { p50, p99, max } = this.late.summarize();
    return { frames: this.frames, skipped: this.skipped, errors: this.errors, lateMs: { p50, p99, max } };
  }

  /** Woken by a timer or immediate: emit the next frame if its deadline has passed, otherwise wait some more. */
  private fireIfDue(): void {
    if (!this.running) return;
    const nowNs = this.now();
    const elapsedNs = Number(nowNs - this.startNs); // exact below 2^53 ns: 104 days
    let frame = this.nextFrame;
    let dueNs = frameOffsetNs(this.rate, frame);
    if (dueNs > elapsedNs) {
      this.waitFor(dueNs - elapsedNs); // early (timer fired early, or still inside the spin window)
      return;
    }
    if (elapsedNs - dueNs > this.maxLagNs) {
      const current = frameAtOffsetNs(this.rate, elapsedNs); // the frame due now
      this.skipped += current - frame;
      frame = current;
      dueNs = frameOffsetNs(this.rate, frame);
    }
    const runId = this.runId;
    this.emit(frame, dueNs, elapsedNs, nowNs);
    if (!this.running || this.runId !== runId) return; // onTick stopped, or stopped and restarted, the clock
    this.nextFrame = frame + 1;
    this.arm();
  }

  /** Arms the wake-up for `nextFrame`, reading the time again (onTick took some). */
  private arm(): void {
    const aheadNs = frameOffsetNs(this.rate, this.nextFrame) - Number(this.now() - this.startNs);
    if (aheadNs > 0) this.waitFor(aheadNs);
    else this.cancelPending = this.scheduleImmediate(this.wake); // already due: let pending I/O run first
  }

  private waitFor(aheadNs: number): void {
    const aheadMs = aheadNs / 1e6;
    if (aheadMs > this.spinWindowMs) this.cancelPending = this.schedule(this.wake, aheadMs - this.spinWindowMs);
    else if (this.spinWindowMs > 0) {
      // Spin: poll on the next turn. Far from the deadline, burn ~20 µs first: each poll allocates (an immediate, bigint
      // timestamps), and polling every few µs made ~20 MB/s of garbage, i.e. GC work at random moments.
      if (aheadMs > PAUSE_MS && this.pauseIterations > 0) this.pauseSink = busyPause(this.pauseIterations, this.pauseSink);
      this.cancelPending = this.scheduleImmediate(this.wake);
    }
    else this.cancelPending = this.schedule(this.wake, aheadMs);
  }

  private emit(frame: number, dueNs: number, elapsedNs: number, nowNs: bigint): void {
    const tick = this.tick;
    tick.frame = frame;
    tick.timeS = frameTimeS(this.rate, frame);
    tick.timecode = frameToTimecode(frame, this.rate, this.timecodeStartFrame);
    tick.scheduledNs = this.startNs + BigInt(dueNs);
    tick.actualNs = nowNs;
    tick.lateMs = (elapsedNs - dueNs) / 1e6;
    this.frames++;
    this.late.push(tick.lateMs);
    try {
      this.onTick(tick);
    } catch (error) {
      this.errors++;
      this.reportError(error, tick);
    }
  }

  private reportError(error: unknown, tick: FrameTick): void {
    try {
      if (this.onError) this.onError(error, tick);
      else if (this.errors === 1) console.error(`VP_ERR_TICK_HANDLER: onTick threw at frame ${tick.frame}; further errors are only counted`, error);
    } catch {
      // A throwing error handler must not stop the clock either; the error is already counted.
    }
  }
}

/** How long a spin poll pauses before yielding when the deadline is further away than that, ms. */
const PAUSE_MS = 0.02;

/** Plain integer arithmetic: burns CPU without allocating or reading the clock. */
function busyPause(iterations: number, seed: number): number {
  let x = seed | 0;
  for (let i = 0; i < iterations; i++) x = (Math.imul(x, 1664525) + 1013904223) | 0;
  return x;
}

/** Iterations of busyPause() per PAUSE_MS on this machine, measured when a clock is made (~1 ms). */
function calibratePause(): number {
  busyPause(100_000, 1); // let the JIT compile it first
  const n = 200_000;
  const t0 = process.hrtime.bigint();
  busyPause(n, 7);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return Math.max(1, Math.round((n * PAUSE_MS) / Math.max(ms, 1e-3)));
}

/** The default ScheduleFn: setTimeout, cancelled by clearTimeout. */
export function scheduleTimeout(fn: () => void, delayMs: number): () => void {
  const timer = setTimeout(fn, delayMs);
  return () => clearTimeout(timer);
}

/** The default ScheduleImmediateFn: setImmediate, cancelled by clearImmediate. */
export function scheduleImmediate(fn: () => void): () => void {
  const immediate = setImmediate(fn);
  return () => clearImmediate(immediate);
}

function optionError(message: string): RangeError & { code: string } {
  return Object.assign(new RangeError(`FrameClock: ${message}`), { code: 'VP_ERR_CLOCK_OPTION' });
}
