import { describe, expect, it } from 'vitest';
import { FRAME_RATES, frameRateFromFps, isDropFrame, nominalFps } from './FrameRate.ts';
import { frameToTimecode, timecodeToFrame, timeOfDayToFrame } from './Timecode.ts';

const R23_976 = frameRateFromFps(23.976);
const R25 = frameRateFromFps(25);
const R29_97 = frameRateFromFps(29.97);
const R30 = frameRateFromFps(30);
const R59_94 = frameRateFromFps(59.94);

/** Frames in 24 h of labels: 144 ten-minute blocks for drop-frame. */
function framesPerDay(rate: { num: number; den: number }): number {
  const f = nominalFps(rate);
  return isDropFrame(rate) ? 144 * (f * 600 - 9 * (f / 15)) : f * 86_400;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
}

describe('frameToTimecode', () => {
  it('29.97 drop-frame: labels ;00 and ;01 are skipped at minute 1 (hand-worked)', () => {
    expect(frameToTimecode(0, R29_97)).toBe('00:00:00;00');
    expect(frameToTimecode(1799, R29_97)).toBe('00:00:59;29');
    expect(frameToTimecode(1800, R29_97)).toBe('00:01:00;02');
    expect(frameToTimecode(3597, R29_97)).toBe('00:01:59;29'); // 1800 + 1798 - 1
    expect(frameToTimecode(3598, R29_97)).toBe('00:02:00;02');
  });

  it('29.97 drop-frame: every tenth minute keeps ;00 (hand-worked)', () => {
    expect(frameToTimecode(17981, R29_97)).toBe('00:09:59;29');
    expect(frameToTimecode(17982, R29_97)).toBe('00:10:00;00'); // 10 × 1800 − 9 × 2
    expect(frameToTimecode(17983, R29_97)).toBe('00:10:00;01');
    expect(frameToTimecode(19782, R29_97)).toBe('00:11:00;02');
    expect(frameToTimecode(107_892, R29_97)).toBe('01:00:00;00'); // 6 × 17982
  });

  it('59.94 drop-frame skips four labels a minute', () => {
    expect(frameToTimecode(3599, R59_94)).toBe('00:00:59;59');
    expect(frameToTimecode(3600, R59_94)).toBe('00:01:00;04');
    expect(frameToTimecode(35_964, R59_94)).toBe('00:10:00;00'); // 10 × 3600 − 9 × 4
    expect(frameToTimecode(215_784, R59_94)).toBe('01:00:00;00');
  });

  it('non-drop rates count whole frames with ":"', () => {
    expect(frameToTimecode(90_000, R25)).toBe('01:00:00:00');
    expect(frameToTimecode(24, R23_976)).toBe('00:00:01:00'); // 23.976 is non-drop: counts 24 a second
    expect(frameToTimecode(23, R23_976)).toBe('00:00:00:23');
    expect(frameToTimecode(108_000, R30)).toBe('01:00:00:00');
    expect(frameToTimecode(1_234_567, R25)).toBe('13:43:02:17');
  });

  it('adds startFrame before labelling', () => {
    expect(frameToTimecode(0, R25, 90_000)).toBe('01:00:00:00');
    expect(frameToTimecode(25, R25, timecodeToFrame('10:00:00:00', R25))).toBe('10:00:01:00');
    expect(frameToTimecode(0, R29_97, timecodeToFrame('00:00:59;29', R29_97) + 1)).toBe('00:01:00;02');
  });

  it('wraps at 24 h, forwards and backwards', () => {
    expect(frameToTimecode(2_159_999, R25)).toBe('23:59:59:24');
    expect(frameToTimecode(2_160_000, R25)).toBe('00:00:00:00');
    expect(frameToTimecode(-1, R25)).toBe('23:59:59:24');
    expect(frameToTimecode(2_589_407, R29_97)).toBe('23:59:59;29');
    expect(frameToTimecode(2_589_408, R29_97)).toBe('00:00:00;00');
    expect(frameToTimecode(2_589_408 + 1800, R29_97)).toBe('00:01:00;02');
    expect(frameToTimecode(10, R25, 2_160_000 - 5)).toBe('00:00:00:05');
  });

  it('rejects non-integer frames', () => {
    expect(() => frameToTimecode(1.5, R25)).toThrow(RangeError);
  });
});

describe('timecodeToFrame', () => {
  it('inverts the hand-worked values', () => {
    expect(timecodeToFrame('00:01:00;02', R29_97)).toBe(1800);
    expect(timecodeToFrame('00:10:00;00', R29_97)).toBe(17982);
    expect(timecodeToFrame('00:09:59;29', R29_97)).toBe(17981);
    expect(timecodeToFrame('01:00:00:00', R25)).toBe(90_000);
    expect(timecodeToFrame('00:00:01:00', R23_976)).toBe(24);
    expect(timecodeToFrame('00:01:00;04', R59_94)).toBe(3600);
  });

  it('round-trips a sweep of frames at every rate, across minute and 10-minute boundaries', () => {
    for (const rate of FRAME_RATES) {
      const day = framesPerDay(rate);
      for (let f = 0; f < day; f += 997) expect(timecodeToFrame(frameToTimecode(f, rate), rate)).toBe(f);
      for (let f = 0; f < 40_000; f++) {
        if (timecodeToFrame(frameToTimecode(f, rate), rate) !== f) throw new Error(`round trip fails at frame ${f}, rate ${rate.num}/${rate.den}`);
      }
      expect(timecodeToFrame(frameToTimecode(day - 1, rate), rate)).toBe(day - 1);
      expect(timecodeToFrame(frameToTimecode(day + 3, rate), rate)).toBe(3); // wrapped
    }
  });

  it('rejects drop-frame labels that do not exist', () => {
    expect(codeOf(() => timecodeToFrame('00:01:00;00', R29_97))).toBe('VP_ERR_DROPPED_TIMECODE');
    expect(codeOf(() => timecodeToFrame('00:01:00;01', R29_97))).toBe('VP_ERR_DROPPED_TIMECODE');
    expect(codeOf(() => timecodeToFrame('13:59:00;01', R29_97))).toBe('VP_ERR_DROPPED_TIMECODE');
    expect(codeOf(() => timecodeToFrame('00:01:00;03', R59_94))).toBe('VP_ERR_DROPPED_TIMECODE');
    expect(timecodeToFrame('00:20:00;00', R29_97)).toBe(2 * 17982);
    expect(timecodeToFrame('00:01:01;00', R29_97)).toBe(1800 + 28);
  });

  it('rejects malformed strings, out-of-range fields and the wrong separator for the rate', () => {
    const bad: Array<[string, { num: number; den: number }]> = [
      ['', R25],
      ['1:00:00:00', R25],
      ['01:00:00:00 ', R25],
      ['01:00:00', R25],
      ['01-00-00-00', R25],
      ['aa:00:00:00', R25],
      ['00:00:00:25', R25],
      ['24:00:00:00', R25],
      ['00:60:00:00', R25],
      ['00:00:60:00', R25],
      ['00:00:00;00', R25],
      ['00:00:00:00', R29_97],
      ['00:00:00;30', R29_97],
    ];
    for (const [tc, rate] of bad) expect(codeOf(() => timecodeToFrame(tc, rate)), tc).toBe('VP_ERR_BAD_TIMECODE');
  });
});

describe('timeOfDayToFrame', () => {
  it('labels the local wall-clock time', () => {
    const t = new Date(2024, 0, 1, 10, 30, 15, 500);
    expect(frameToTimecode(0, R25, timeOfDayToFrame(R25, t))).toBe('10:30:15:12');
    expect(frameToTimecode(0, R59_94, timeOfDayToFrame(R59_94, t))).toBe('10:30:15;30');
  });

  it('moves a dropped drop-frame label to the first one that exists', () => {
    const t = new Date(2024, 0, 1, 10, 31, 0, 10);
    expect(frameToTimecode(0, R29_97, timeOfDayToFrame(R29_97, t))).toBe('10:31:00;02');
  });
});
