// Tests for FreeD lens tables: schema rules, piecewise-linear lookup with clamping, and the default table.
import { describe, it, expect } from 'vitest';
import {
  DEFAULT_FREED_LENS_TABLE,
  FreeDLensTableSchema,
  lensFromFreeDEncoders,
  lookupLensCurve,
  type LensCurve,
} from './FreeDLensTable.ts';

const CURVE: LensCurve = [
  [0, 10],
  [100, 20],
  [300, 60],
];

describe('lookupLensCurve', () => {
  it('interpolates linearly inside each segment (hand-worked)', () => {
    expect(lookupLensCurve(CURVE, 50)).toBe(15); // 10 + 0.5 * (20 - 10)
    expect(lookupLensCurve(CURVE, 200)).toBe(40); // 20 + 0.5 * (60 - 20)
    expect(lookupLensCurve(CURVE, 250)).toBe(50); // 20 + 0.75 * 40
    expect(lookupLensCurve(CURVE, 25)).toBe(12.5); // 10 + 0.25 * 10
  });

  it('hits calibration points exactly', () => {
    expect(lookupLensCurve(CURVE, 0)).toBe(10);
    expect(lookupLensCurve(CURVE, 100)).toBe(20);
    expect(lookupLensCurve(CURVE, 300)).toBe(60);
  });

  it('holds the end values outside the calibrated range', () => {
    expect(lookupLensCurve([[1000, 8.5], [2000, 17]], 0)).toBe(8.5);
    expect(lookupLensCurve(CURVE, 0xffffff)).toBe(60);
  });

  it('works on a two-point curve', () => {
    expect(lookupLensCurve([[0, 1], [4, 3]], 1)).toBe(1.5);
  });
});

describe('FreeDLensTableSchema', () => {
  const valid = { sensorWidthMm: 9.59, zoom: [[0, 8.5], [65535, 170]] };

  it('accepts a table with or without a focus curve', () => {
    expect(FreeDLensTableSchema.safeParse(valid).success).toBe(true);
    expect(FreeDLensTableSchema.safeParse({ ...valid, focus: [[0, 0.6], [65535, 100]] }).success).toBe(true);
  });

  it.each([
    ['a single zoom point', { ...valid, zoom: [[0, 8.5]] }],
    ['equal raw counts', { ...valid, zoom: [[0, 8.5], [0, 20]] }],
    ['decreasing raw counts', { ...valid, zoom: [[10, 8.5], [5, 20]] }],
    ['a non-positive focal length', { ...valid, zoom: [[0, 0], [10, 20]] }],
    ['a raw count beyond 24 bits', { ...valid, zoom: [[0, 8.5], [0x1000000, 20]] }],
    ['a fractional raw count', { ...valid, zoom: [[0, 8.5], [1.5, 20]] }],
    ['a one-point focus curve', { ...valid, focus: [[0, 1]] }],
    ['no sensor width', { zoom: valid.zoom }],
    ['an unknown key (a misspelt "focus")', { ...valid, foucs: [[0, 0.6], [65535, 100]] }],
  ])('rejects %s', (_name, table) => {
    expect(FreeDLensTableSchema.safeParse(table).success).toBe(false);
  });
});

describe('lensFromFreeDEncoders', () => {
  it('reports focus only when the table has a focus curve', () => {
    const table = FreeDLensTableSchema.parse({ sensorWidthMm: 36, zoom: [[0, 24], [1000, 70]] });
    expect(lensFromFreeDEncoders(table, 500, 123)).toEqual({ focalLengthMm: 47, sensorWidthMm: 36 });
  });
});

describe('DEFAULT_FREED_LENS_TABLE', () => {
  it('spans 8.5–170 mm and 0.6–100 m over a 16-bit encoder', () => {
    const wide = lensFromFreeDEncoders(DEFAULT_FREED_LENS_TABLE, 0, 0);
    const tele = lensFromFreeDEncoders(DEFAULT_FREED_LENS_TABLE, 65535, 65535);
    expect(wide).toEqual({ focalLengthMm: 8.5, sensorWidthMm: 9.59, focusM: 0.6 });
    expect(tele).toEqual({ focalLengthMm: 170, sensorWidthMm: 9.59, focusM: 100 });
  });

  it('is log-spaced in focal length: mid-travel is the geometric mean, not the average', () => {
    expect(lookupLensCurve(DEFAULT_FREED_LENS_TABLE.zoom, 32768)).toBeCloseTo(Math.sqrt(8.5 * 170), 1);
    // Between the first two points: 8.5 + 0.5 * (17.98 - 8.5) = 13.24 mm.
    expect(lookupLensCurve(DEFAULT_FREED_LENS_TABLE.zoom, 8192)).toBeCloseTo(13.24, 10);
  });

  it('increases monotonically across the whole encoder range', () => {
    let lastF = 0;
    let lastFocus = 0;
    for (let raw = 0; raw <= 65535; raw += 257) {
      const lens = lensFromFreeDEncoders(DEFAULT_FREED_LENS_TABLE, raw, raw);
      expect(lens.focalLengthMm!).toBeGreaterThan(lastF);
      expect(lens.focusM!).toBeGreaterThan(lastFocus);
      lastF = lens.focalLengthMm!;
      lastFocus = lens.focusM!;
    }
  });
});
