import { describe, expect, it } from 'vitest';
import {
  ALLOWED_FPS,
  FRAME_RATES,
  frameAtOffsetNs,
  frameDurationS,
  frameOffsetNs,
  frameRateFromFps,
  frameTimeS,
  isDropFrame,
  nominalFps,
} from './FrameRate.ts';

const R23_976 = frameRateFromFps(23.976);
const R25 = frameRateFromFps(25);
const R29_97 = frameRateFromFps(29.97);
const R50 = frameRateFromFps(50);
const R59_94 = frameRateFromFps(59.94);

/** floor(n * den * 1e9 / num) in exact BigInt arithmetic: the reference for frameOffsetNs. */
function exactOffsetNs(rate: { num: number; den: number }, n: number): number {
  const p = BigInt(n) * BigInt(rate.den) * 1_000_000_000n;
  const q = p / BigInt(rate.num); // truncates toward zero
  return Number(p < 0n && q * BigInt(rate.num) !== p ? q - 1n : q);
}

describe('frameRateFromFps', () => {
  it('returns the exact rationals for the 1001 rates', () => {
    expect(R23_976).toEqual({ num: 24000, den: 1001 });
    expect(R29_97).toEqual({ num: 30000, den: 1001 });
    expect(R59_94).toEqual({ num: 60000, den: 1001 });
    expect(frameRateFromFps(30000 / 1001)).toBe(R29_97);
  });

  it('returns integer rates with den 1 for every allowed value, in order', () => {
    expect(ALLOWED_FPS.map((f) => frameRateFromFps(f))).toEqual(FRAME_RATES);
    expect(R50).toEqual({ num: 50, den: 1 });
  });

  it('accepts within 1e-3 and throws a RangeError listing the allowed rates otherwise', () => {
    expect(frameRateFromFps(29.9705)).toBe(R29_97);
    for (const bad of [29.9, 0, -25, 120, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => frameRateFromFps(bad)).toThrow(RangeError);
    }
    expect(() => frameRateFromFps(29.9)).toThrow('allowed: 23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60');
    try {
      frameRateFromFps(31);
    } catch (err) {
      expect((err as { code?: string }).code).toBe('VP_ERR_BAD_FPS');
    }
  });
});

describe('frame timing', () => {
  it('frameDurationS is den / num', () => {
    expect(frameDurationS(R50)).toBe(0.02);
    expect(frameDurationS(R29_97)).toBe(1001 / 30000);
  });

  it('frameTimeS is exact: 30000 frames of 29.97 are 1001 s, an hour of 50 fps is 3600 s', () => {
    expect(frameTimeS(R29_97, 30000)).toBe(1001);
    expect(frameTimeS(R50, 180_000)).toBe(3600);
    expect(frameTimeS(R59_94, 60_000 * 24)).toBe(1001 * 24);
    // Accumulating the float duration instead drifts; frameTimeS never does.
    let summed = 0;
    for (let i = 0; i < 30000; i++) summed += frameDurationS(R29_97);
    expect(summed).not.toBe(1001);
  });

  it('frameOffsetNs is floor(n * den * 1e9 / num) exactly, for small, 90-day and negative frames', () => {
    expect(frameOffsetNs(R50, 180_000)).toBe(3_600_000_000_000);
    expect(frameOffsetNs(R59_94, 1)).toBe(16_683_333); // 16683333.33 ns
    expect(frameOffsetNs(R59_94, 3)).toBe(50_050_000);
    expect(frameOffsetNs(R59_94, -1)).toBe(-16_683_334);
    for (const rate of FRAME_RATES) {
      for (const n of [0, 1, 2, 999, 1001, 215_784, 12_345_678, 200_000_007, -7]) {
        expect(frameOffsetNs(rate, n)).toBe(exactOffsetNs(rate, n));
      }
    }
  });

  it('frameAtOffsetNs finds the frame that has started at an offset', () => {
    for (const rate of FRAME_RATES) {
      for (const n of [0, 1, 5, 1000, 215_784, 5_000_000]) {
        const at = frameOffsetNs(rate, n);
        expect(frameAtOffsetNs(rate, at)).toBe(n);
        expect(frameAtOffsetNs(rate, at - 1)).toBe(n - 1);
        expect(frameAtOffsetNs(rate, frameOffsetNs(rate, n + 1) - 1)).toBe(n);
      }
    }
  });
});

describe('isDropFrame and nominalFps', () => {
  it('29.97 and 59.94 are drop-frame; 23.976 and the integer rates are not', () => {
    expect(isDropFrame(R29_97)).toBe(true);
    expect(isDropFrame(R59_94)).toBe(true);
    expect(isDropFrame(R23_976)).toBe(false);
    expect(FRAME_RATES.filter(isDropFrame)).toEqual([R29_97, R59_94]);
  });

  it('nominal fps rounds the rational: 24, 30, 60 for the 1001 rates', () => {
    expect(nominalFps(R23_976)).toBe(24);
    expect(nominalFps(R29_97)).toBe(30);
    expect(nominalFps(R59_94)).toBe(60);
    expect(nominalFps(R25)).toBe(25);
  });
});
