// Frame rates as exact rationals, and the exact time of any frame: no float step is ever accumulated.

/**
 * A frame rate as the exact rational `num / den` frames per second (29.97 is 30000/1001, never 29.97).
 * `num` and `den` are positive safe integers.
 */
export interface FrameRate {
  /** Frames, numerator of frames per second. */
  readonly num: number;
  /** Seconds, denominator of frames per second (1 or 1001 for the rates we allow). */
  readonly den: number;
}

/** The rates the engine runs at (nominal labels; see `FRAME_RATES` for the exact values). */
export const ALLOWED_FPS = [23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60] as const;

/** Exact rational for each allowed rate, in `ALLOWED_FPS` order. */
export const FRAME_RATES: readonly FrameRate[] = Object.freeze(
  [
    { num: 24000, den: 1001 }, // 23.976
    { num: 24, den: 1 },
    { num: 25, den: 1 },
    { num: 30000, den: 1001 }, // 29.97
    { num: 30, den: 1 },
    { num: 48, den: 1 },
    { num: 50, den: 1 },
    { num: 60000, den: 1001 }, // 59.94
    { num: 60, den: 1 },
  ].map((r) => Object.freeze(r)),
);

/** How close a float fps must be to an allowed rate's exact value (23.976 vs 23.976023…). */
export const FPS_TOLERANCE = 1e-3;

const NS_PER_S = 1_000_000_000;

/**
 * The allowed rate nearest `fps` (within `FPS_TOLERANCE` of the exact rational).
 * Throws a RangeError (code `VP_ERR_BAD_FPS`) listing the allowed values otherwise.
 */
export function frameRateFromFps(fps: number): FrameRate {
  if (Number.isFinite(fps)) {
    for (const rate of FRAME_RATES) {
      if (Math.abs(rate.num / rate.den - fps) <= FPS_TOLERANCE) return rate;
    }
  }
  throw Object.assign(new RangeError(`fps ${fps} is not supported; allowed: ${ALLOWED_FPS.join(', ')}`), { code: 'VP_ERR_BAD_FPS' as const });
}

/** Frames per second as a float (29.97002997…), for display and rough maths only. */
export function fps(rate: FrameRate): number {
  return rate.num / rate.den;
}

/** Whole frames per second used to count timecode frames: round(num / den) (30 for 29.97). */
export function nominalFps(rate: FrameRate): number {
  return Math.round(rate.num / rate.den);
}

/** One frame's duration, seconds (den / num). */
export function frameDurationS(rate: FrameRate): number {
  return rate.den / rate.num;
}

/**
 * Start time of frame `frameNumber` after frame 0, seconds: frameNumber * den / num,
 * one rounding from the exact product (exact integer while frameNumber * den < 2^53), so frame 10^7 is as
 * precise as frame 1.
 */
export function frameTimeS(rate: FrameRate, frameNumber: number): number {
  return (frameNumber * rate.den) / rate.num;
}

/**
 * Start of frame `frameNumber` after frame 0 in integer nanoseconds: floor(frameNumber * den * 1e9 / num), exact.
 * Split as n * q + floor(n * r / num) with den * 1e9 = q * num + r so no intermediate exceeds the result or n * num;
 * exact while the result is below 2^53 ns (104 days of frames), a few ns off beyond. Allocation-free (no BigInt), for
 * the per-frame deadline.
 */
export function frameOffsetNs(rate: FrameRate, frameNumber: number): number {
  const { num } = rate;
  const scaledDen = rate.den * NS_PER_S; // den * 1e9, exact
  const r = scaledDen % num; // remainder of one frame's ns, in 1/num ns
  const q = (scaledDen - r) / num; // whole ns in one frame
  const nr = frameNumber * r;
  const rem = ((nr % num) + num) % num; // non-negative, so the division below floors for negative frames too
  return frameNumber * q + (nr - rem) / num;
}

/** The last frame that has started at `offsetNs` after frame 0: largest n with frameOffsetNs(n) <= offsetNs. */
export function frameAtOffsetNs(rate: FrameRate, offsetNs: number): number {
  let n = Math.floor((offsetNs * rate.num) / (rate.den * NS_PER_S)); // within a frame of the answer
  while (frameOffsetNs(rate, n) > offsetNs) n--;
  while (frameOffsetNs(rate, n + 1) <= offsetNs) n++;
  return n;
}

/**
 * SMPTE drop-frame timecode applies: the 1001-denominator rates whose nominal fps is a multiple of 30
 * (29.97, 59.94). 23.976 is non-drop: it has no drop-frame variant.
 */
export function isDropFrame(rate: FrameRate): boolean {
  return rate.den === 1001 && nominalFps(rate) % 30 === 0;
}

/** True when `rate` is a usable rational: positive safe integers. */
export function isValidFrameRate(rate: FrameRate): boolean {
  return Number.isSafeInteger(rate.num) && Number.isSafeInteger(rate.den) && rate.num > 0 && rate.den > 0;
}
