// SMPTE timecode labels for frame numbers and back: non-drop "HH:MM:SS:FF", drop-frame "HH:MM:SS;FF", 24 h wrap.
import { type FrameRate, isDropFrame, nominalFps } from './FrameRate.ts';

/*
 * Drop-frame (SMPTE 12M) in one paragraph: 29.97 fps is counted as if it were 30, and the label gains 3.6 s an hour
 * on the clock unless labels are skipped. So frame *numbers* (labels) FF = 0 and 1 are skipped at the start of every
 * minute except minutes 00, 10, 20, 30, 40, 50: 2 × 54 = 108 labels an hour = 3.6 s. At 59.94 the same is done with
 * 4 labels (0–3). Only labels are dropped; no picture frame is ever skipped.
 * The traps: the first 10-minute block holds 10 × 60 × 30 − 9 × 2 = 17982 frames, not 18000; minute 0 of each block
 * is a full 1800 frames and the other nine are 1798.
 */

/** "00".."99", so formatting a label concatenates four table entries. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

const TIMECODE_RE = /^(\d{2}):(\d{2}):(\d{2})([:;])(\d{2})$/;

/**
 * The timecode label of `frameNumber` frames after `startFrame` (the label count of the first frame, e.g. from
 * `timeOfDayToFrame`). Drop-frame rates use ";" before the frames field, others ":". Wraps at 24 h; negative
 * totals wrap backwards (frame -1 is 23:59:59:FF).
 */
export function frameToTimecode(frameNumber: number, rate: FrameRate, startFrame = 0): string {
  const total = frameNumber + startFrame;
  if (!Number.isSafeInteger(total)) throw timecodeError('VP_ERR_BAD_FRAME', `frame ${frameNumber} + start ${startFrame} is not a safe integer`);
  const fpsN = nominalFps(rate); // frames per labelled second
  const drop = isDropFrame(rate);
  const labelsPerDay = fpsN * 86_400;
  let f: number; // label count: frames as if none were dropped
  if (drop) {
    const d = fpsN / 15; // labels dropped per minute: 2 at 29.97, 4 at 59.94
    const perMinute = fpsN * 60 - d; // frames in a dropping minute (1798)
    const perTenMinutes = fpsN * 600 - 9 * d; // frames in a 10-minute block (17982)
    const n = mod(total, perTenMinutes * 144); // frames in 24 h of labels
    const blocks = Math.floor(n / perTenMinutes);
    const m = n - blocks * perTenMinutes; // frame inside its 10-minute block
    // Minute 0 of the block drops nothing; each later minute started adds d skipped labels.
    f = n + 9 * d * blocks + (m > d ? d * Math.floor((m - d) / perMinute) : 0);
  } else {
    f = mod(total, labelsPerDay);
  }
  const ff = f % fpsN;
  const s = (f - ff) / fpsN; // labelled seconds since midnight
  const ss = s % 60;
  const mm = Math.floor(s / 60) % 60;
  const hh = Math.floor(s / 3600);
  return `${TWO_DIGITS[hh]!}:${TWO_DIGITS[mm]!}:${TWO_DIGITS[ss]!}${drop ? ';' : ':'}${TWO_DIGITS[ff]!}`;
}

/**
 * The frame count (from 00:00:00:00) of a timecode label at `rate`; the inverse of `frameToTimecode` with
 * startFrame 0. Throws a RangeError with `code`:
 * - `VP_ERR_BAD_TIMECODE`: not "HH:MM:SS:FF" / "HH:MM:SS;FF", a field out of range, or the wrong separator for the
 *   rate (";" exactly when the rate is drop-frame, so a DF label is never read as NDF by accident);
 * - `VP_ERR_DROPPED_TIMECODE`: a label drop-frame skips ("00:01:00;00" at 29.97).
 */
export function timecodeToFrame(tc: string, rate: FrameRate): number {
  const match = TIMECODE_RE.exec(tc);
  if (!match) throw timecodeError('VP_ERR_BAD_TIMECODE', `"${tc}" is not HH:MM:SS:FF or HH:MM:SS;FF`);
  const [, hText, mText, sText, sep, fText] = match as unknown as [string, string, string, string, string, string];
  const hh = Number(hText);
  const mm = Number(mText);
  const ss = Number(sText);
  const ff = Number(fText);
  const fpsN = nominalFps(rate);
  const drop = isDropFrame(rate);
  if (drop !== (sep === ';')) {
    throw timecodeError('VP_ERR_BAD_TIMECODE', `"${tc}": ${drop ? 'drop-frame rates use ";"' : 'non-drop rates use ":"'} before the frames field`);
  }
  if (hh > 23 || mm > 59 || ss > 59 || ff >= fpsN) {
    throw timecodeError('VP_ERR_BAD_TIMECODE', `"${tc}": field out of range (hours < 24, minutes and seconds < 60, frames < ${fpsN})`);
  }
  const labels = (hh * 3600 + mm * 60 + ss) * fpsN + ff;
  if (!drop) return labels;
  const d = fpsN / 15;
  if (ss === 0 && ff < d && mm % 10 !== 0) {
    throw timecodeError('VP_ERR_DROPPED_TIMECODE', `"${tc}" does not exist: drop-frame skips frames 00..${TWO_DIGITS[d - 1]!} of minute ${mm}`);
  }
  const minutes = hh * 60 + mm;
  return labels - d * (minutes - Math.floor(minutes / 10)); // labels skipped in the minutes already begun
}

/**
 * The start frame whose label reads the wall-clock time of day `date` (local time), for a clock jammed to time of
 * day: hours, minutes and seconds from the clock, frames = floor(ms / 1000 × nominal fps). A drop-frame label that
 * does not exist moves to the first one that does (mm:00;02 at 29.97). Labels at 1001 rates then run slower than the
 * wall clock (DF stays within about 3 frames a day, 23.976 NDF loses 3.6 s an hour), as on any VTR.
 */
export function timeOfDayToFrame(rate: FrameRate, date: Date = new Date()): number {
  const fpsN = nominalFps(rate);
  const mm = date.getMinutes();
  const ss = date.getSeconds();
  let ff = Math.floor((date.getMilliseconds() / 1000) * fpsN);
  if (isDropFrame(rate) && ss === 0 && mm % 10 !== 0) ff = Math.max(ff, fpsN / 15);
  const tc = `${TWO_DIGITS[date.getHours()]!}:${TWO_DIGITS[mm]!}:${TWO_DIGITS[ss]!}${isDropFrame(rate) ? ';' : ':'}${TWO_DIGITS[ff]!}`;
  return timecodeToFrame(tc, rate);
}

/** Modulo that is never negative, for wrapping frame counts into one day. */
function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

function timecodeError(code: 'VP_ERR_BAD_TIMECODE' | 'VP_ERR_DROPPED_TIMECODE' | 'VP_ERR_BAD_FRAME', message: string): RangeError & { code: string } {
  return Object.assign(new RangeError(message), { code });
}
