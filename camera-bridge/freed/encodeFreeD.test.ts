// Tests for FreeD D1 encoding: exact bytes, rounding to protocol units, range errors, and round trips.
import { describe, it, expect } from 'vitest';
import { parseFreeD } from './decodeFreeD.ts';
import { encodeFreeD } from './encodeFreeD.ts';
import type { FreeDRaw } from './FreeDPacket.ts';
import { mulberry32 } from '../../test/support/mulberry32.ts';

const ANGLE_RESOLUTION_DEG = 1 / 32768;
const POSITION_RESOLUTION_MM = 1 / 64;

const HAND_RAW: FreeDRaw = {
  cameraNumber: 7,
  panDeg: 90,
  tiltDeg: -10,
  rollDeg: 0.5,
  xMm: 1000,
  yMm: -2500,
  zMm: 1500.5,
  zoomRaw: 4096,
  focusRaw: 43981,
  userRaw: 0x1234,
};

describe('encodeFreeD', () => {
  it('produces the hand-built packet byte for byte (see decodeFreeD.test.ts for the working)', () => {
    expect([...encodeFreeD(HAND_RAW)]).toEqual([
      0xd1, 0x07, 0x2d, 0x00, 0x00, 0xfb, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0xfa, 0x00, 0xfd,
      0x8f, 0x00, 0x01, 0x77, 0x20, 0x00, 0x10, 0x00, 0x00, 0xab, 0xcd, 0x12, 0x34, 0x14,
    ]);
  });

  it('writes into a caller-owned buffer and returns it', () => {
    const out = new Uint8Array(64).fill(0xee);
    expect(encodeFreeD(HAND_RAW, out)).toBe(out);
    expect(out[28]).toBe(0x14);
    expect(out[29]).toBe(0xee); // bytes past the message are left alone
  });

  it('treats an absent user word as zero', () => {
    const { userRaw: _omit, ...withoutUser } = HAND_RAW;
    const bytes = encodeFreeD(withoutUser);
    expect([bytes[26], bytes[27]]).toEqual([0, 0]);
  });

  it('rounds to the nearest protocol unit', () => {
    const bytes = encodeFreeD({ ...HAND_RAW, panDeg: 0.6 / 32768, xMm: -0.4 / 64, zoomRaw: 9.6 });
    expect(parseFreeD(bytes)).toMatchObject({ panDeg: 1 / 32768, xMm: 0, zoomRaw: 10 });
  });

  it('encodes the extremes of each 24-bit field', () => {
    const bytes = encodeFreeD({
      ...HAND_RAW,
      panDeg: -256, // 0x800000
      tiltDeg: 0x7fffff / 32768,
      xMm: -131072, // 0x800000
      yMm: 0x7fffff / 64,
      zoomRaw: 0xffffff,
      focusRaw: 0,
      cameraNumber: 255,
    });
    expect([...bytes.subarray(2, 8)]).toEqual([0x80, 0x00, 0x00, 0x7f, 0xff, 0xff]);
    expect([...bytes.subarray(11, 17)]).toEqual([0x80, 0x00, 0x00, 0x7f, 0xff, 0xff]);
    expect([...bytes.subarray(20, 26)]).toEqual([0xff, 0xff, 0xff, 0x00, 0x00, 0x00]);
    expect(bytes[1]).toBe(255);
  });

  it('throws RangeError for values that do not fit their field', () => {
    const cases: Partial<FreeDRaw>[] = [
      { panDeg: 256 }, // 0x800000 units: one past INT24_MAX
      { tiltDeg: -256 - 1 / 32768 },
      { xMm: 131072 },
      { zMm: -131073 },
      { zoomRaw: -1 },
      { focusRaw: 0x1000000 },
      { cameraNumber: 256 },
      { cameraNumber: -1 },
      { userRaw: 0x10000 },
      { rollDeg: Number.NaN },
      { yMm: Number.POSITIVE_INFINITY },
    ];
    for (const bad of cases) expect(() => encodeFreeD({ ...HAND_RAW, ...bad }), JSON.stringify(bad)).toThrow(RangeError);
  });

  it('throws RangeError when the output buffer is too small', () => {
    expect(() => encodeFreeD(HAND_RAW, new Uint8Array(28))).toThrow(RangeError);
  });

  it('round-trips 1000 random packets to within protocol resolution', () => {
    const random = mulberry32(0xf7eed1);
    const between = (lo: number, hi: number) => lo + (hi - lo) * random();
    const out = new Uint8Array(29);
    for (let i = 0; i < 1000; i++) {
      const raw: FreeDRaw = {
        cameraNumber: Math.floor(random() * 256),
        panDeg: between(-180, 180),
        tiltDeg: between(-90, 90),
        rollDeg: between(-180, 180),
        xMm: between(-131072, 131071),
        yMm: between(-131072, 131071),
        zMm: between(-131072, 131071),
        zoomRaw: Math.floor(random() * 0x1000000),
        focusRaw: Math.floor(random() * 0x1000000),
        userRaw: Math.floor(random() * 0x10000),
      };
      const back = parseFreeD(encodeFreeD(raw, out));
      if ('ok' in back) throw new Error(`packet ${i} rejected: ${back.detail}`);
      expect(back.cameraNumber).toBe(raw.cameraNumber);
      // Rounding to the nearest unit errs by at most half a unit (plus float noise).
      expect(Math.abs(back.panDeg - raw.panDeg)).toBeLessThanOrEqual(ANGLE_RESOLUTION_DEG / 2 + 1e-12);
      expect(Math.abs(back.tiltDeg - raw.tiltDeg)).toBeLessThanOrEqual(ANGLE_RESOLUTION_DEG / 2 + 1e-12);
      expect(Math.abs(back.rollDeg - raw.rollDeg)).toBeLessThanOrEqual(ANGLE_RESOLUTION_DEG / 2 + 1e-12);
      expect(Math.abs(back.xMm - raw.xMm)).toBeLessThanOrEqual(POSITION_RESOLUTION_MM / 2 + 1e-9);
      expect(Math.abs(back.yMm - raw.yMm)).toBeLessThanOrEqual(POSITION_RESOLUTION_MM / 2 + 1e-9);
      expect(Math.abs(back.zMm - raw.zMm)).toBeLessThanOrEqual(POSITION_RESOLUTION_MM / 2 + 1e-9);
      expect(back.zoomRaw).toBe(raw.zoomRaw);
      expect(back.focusRaw).toBe(raw.focusRaw);
      expect(back.userRaw).toBe(raw.userRaw);
    }
  });
});
