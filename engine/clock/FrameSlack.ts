// Runs background work (AI suggestions, their broadcasts) in the quiet middle of a frame, away from the tick.
import { scheduleImmediate, scheduleTimeout, type FrameClock, type ScheduleFn, type ScheduleImmediateFn } from './FrameClock.ts';

/*
 * Why. Each tick ends by writing the frame to every /live socket; the clients (render nodes above all) read it in the
 * next millisecond or so. Work started right after the tick competes with exactly that moment: for the CPU on a small
 * host, and on the wire, where a 10 kB suggestions message queued behind the frame delays the next client's read.
 * Work started just before a deadline delays the tick itself. So background work waits for the slack window:
 * [afterTick, frame − beforeDeadline] after the last tick (5–12 ms of a 20 ms frame with the defaults).
 */

/** The slack window opens this fraction of a frame after the tick (fan-out done). */
export const SLACK_AFTER_TICK = 0.25;
/** ... and closes this fraction of a frame before the next deadline (spin window and margin). */
export const SLACK_BEFORE_DEADLINE = 0.4;

/**
 * How long to wait before background work may start, ms: 0 inside the window, else until the window opens (this
 * frame's if it has not opened yet, the next frame's if it has closed). Pure; `sinceTickMs` is time since the last
 * tick ran, `frameMs` the frame period.
 */
export function slackDelayMs(sinceTickMs: number, frameMs: number, afterTick = SLACK_AFTER_TICK, beforeDeadline = SLACK_BEFORE_DEADLINE): number {
  const opens = frameMs * afterTick;
  const closes = frameMs * (1 - beforeDeadline);
  const phase = sinceTickMs % frameMs; // a late or missed tick still has a phase; work need not wait frames for it
  if (phase < 0 || !Number.isFinite(phase)) return 0;
  if (phase < opens) return opens - phase;
  if (phase <= closes) return 0;
  return frameMs - phase + opens;
}

/** What the slack needs of the frame clock. */
export type SlackClock = Pick<FrameClock, 'isRunning' | 'lastTickNs' | 'frameMs'>;

export interface FrameSlackOptions {
  /** Same time source as the clock's, ns. Default `process.hrtime.bigint()`. */
  now?: () => bigint;
  /** Default setTimeout. */
  schedule?: ScheduleFn;
  /** Default setImmediate. */
  scheduleImmediate?: ScheduleImmediateFn;
}

/** A wake-up this close to the window's opening runs the work rather than sleeping again, ms. */
const EARLY_TOLERANCE_MS = 0.2;

export class FrameSlack {
  private readonly clock: SlackClock;
  private readonly now: () => bigint;
  private readonly schedule: ScheduleFn;
  private readonly scheduleImmediate: ScheduleImmediateFn;

  constructor(clock: SlackClock, options: FrameSlackOptions = {}) {
    this.clock = clock;
    this.now = options.now ?? (() => process.hrtime.bigint());
    this.schedule = options.schedule ?? scheduleTimeout;
    this.scheduleImmediate = options.scheduleImmediate ?? scheduleImmediate;
  }

  /** Runs `fn` in the next slack window (on a later event-loop turn, never inside this call); returns a cancel. */
  run(fn: () => void): () => void {
    // Node timers can fire a millisecond or two early against hrtime: a wake-up checks again before running.
    let cancel: () => void;
    const attempt = (): void => {
      const ms = this.delayMs();
      if (ms <= EARLY_TOLERANCE_MS) fn();
      else cancel = this.schedule(attempt, ms);
    };
    const ms = this.delayMs();
    cancel = ms > 0 ? this.schedule(attempt, ms) : this.scheduleImmediate(fn);
    return () => cancel();
  }

  private delayMs(): number {
    const lastNs = this.clock.lastTickNs;
    return this.clock.isRunning && lastNs !== null ? slackDelayMs(Number(this.now() - lastNs) / 1e6, this.clock.frameMs) : 0;
  }
}
