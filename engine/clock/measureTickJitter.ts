// Benchmark helper: runs a real FrameClock for a while and summarises how far each tick ran from its deadline.
import { DEFAULT_SPIN_WINDOW_MS, FrameClock } from './FrameClock.ts';
import { type FrameRate, FRAME_RATES, fps } from './FrameRate.ts';
import { RollingSummary } from './RollingSummary.ts';

export interface MeasureTickJitterOptions {
  /** Default 50 fps. */
  rate?: FrameRate;
  /** Passed to FrameClock; default its default (2 ms). 0 measures timers only. */
  spinWindowMs?: number;
  /** Passed to FrameClock; default its default (5). */
  maxLagFrames?: number;
}

export interface TickJitterSummary {
  /** Frames per second measured at (float, for labels). */
  fps: number;
  spinWindowMs: number;
  /** Ticks measured. */
  ticks: number;
  /** Frames the clock skipped because it fell behind. */
  skipped: number;
  /** |actual − scheduled| over all ticks, ms (nearest-rank percentiles). */
  p50: number;
  p99: number;
  max: number;
}

const FPS_50 = FRAME_RATES.find((r) => r.num === 50 && r.den === 1)!;

/**
 * Runs a real FrameClock (hrtime, setTimeout, setImmediate) for `seconds` worth of frames (at least one) and
 * resolves with the jitter summary. Measures whatever else the process is doing too: run it on a quiet process.
 */
export function measureTickJitter(seconds: number, options: MeasureTickJitterOptions = {}): Promise<TickJitterSummary> {
  const rate = options.rate ?? FPS_50;
  const spinWindowMs = options.spinWindowMs ?? DEFAULT_SPIN_WINDOW_MS;
  const lastFrame = Math.max(1, Math.round(seconds * fps(rate))) - 1;
  const jitterMs = new RollingSummary(lastFrame + 1); // every tick fits: skips only make fewer
  return new Promise((resolve, reject) => {
    const clock = new FrameClock({
      rate,
      spinWindowMs,
      ...(options.maxLagFrames !== undefined && { maxLagFrames: options.maxLagFrames }),
      onTick: (tick) => {
        jitterMs.push(Math.abs(Number(tick.actualNs - tick.scheduledNs)) / 1e6);
        if (tick.frame < lastFrame) return;
        clock.stop();
        const { p50, p99, max } = jitterMs.summarize();
        resolve({ fps: fps(rate), spinWindowMs, ticks: jitterMs.size, skipped: clock.stats().skipped, p50, p99, max });
      },
      onError: (error) => {
        clock.stop();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    });
    clock.start();
  });
}
