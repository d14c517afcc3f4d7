// Tests for FreeD D1 decoding: a hand-built packet, the engine-frame pose, and every rejection.
import { describe, it, expect } from 'vitest';
import { AxisMapping, Z_UP_TO_Y_UP } from '../AxisMapping.ts';
import type { CameraUpdate, Vec3 } from '../CameraSample.ts';
import { RejectReason } from '../DecodeResult.ts';
import { rotateVec3 } from '../math/quaternion.ts';
import { decodeFreeDPacket, parseFreeD } from './decodeFreeD.ts';
import { encodeFreeD } from './encodeFreeD.ts';
import { freedChecksum, type FreeDRaw } from './FreeDPacket.ts';
import type { FreeDLensTable } from './FreeDLensTable.ts';

const zUp = new AxisMapping(Z_UP_TO_Y_UP);

/*
 * Hand-built D1 message. Checksum: the bytes 0..27 sum to
 *   D1+07 = 0xD8 (216); +2D = 261; +FB = 512; +40 = 576; +FA = 826; +FD = 1079; +8F = 1222;
 *   +01 = 1223; +77 = 1342; +20 = 1374; +10 = 1390; +AB = 1561; +CD = 1766; +12 = 1784; +34 = 1836
 *   1836 mod 256 = 44 (0x2C); checksum = (0x40 - 0x2C) mod 256 = 0x14.
 */
const HAND_BUILT = new Uint8Array([
  0xd1, // message type D1
  0x07, // camera 7
  0x2d, 0x00, 0x00, // pan  +90 deg   = 90 * 32768 = 2949120 = 0x2D0000
  0xfb, 0x00, 0x00, // tilt -10 deg   = -327680 = -0x050000 → 0x1000000 - 0x050000 = 0xFB0000
  0x00, 0x40, 0x00, // roll +0.5 deg  = 16384 = 0x004000
  0x00, 0xfa, 0x00, // X   +1000 mm   = 64000 = 0x00FA00
  0xfd, 0x8f, 0x00, // Y   -2500 mm   = -160000 = -0x027100 → 0xFD8F00
  0x01, 0x77, 0x20, // Z   +1500.5 mm = 96032 = 0x017720
  0x00, 0x10, 0x00, // zoom  4096
  0x00, 0xab, 0xcd, // focus 43981
  0x12, 0x34, // user word 0x1234
  0x14, // checksum, worked above
]);

function expectAccepted(buf: Uint8Array, lens?: FreeDLensTable): CameraUpdate {
  const result = decodeFreeDPacket(buf, zUp, lens);
  if (result.ok !== true) throw new Error(`expected accept, got ${JSON.stringify(result)}`);
  expect(result.updates).toHaveLength(1);
  const update = result.updates[0]!;
  if (update.kind !== 'camera') throw new Error('expected a camera update');
  return update;
}

function poseOf(partial: Partial<FreeDRaw>): CameraUpdate {
  const raw: FreeDRaw = {
    cameraNumber: 1, panDeg: 0, tiltDeg: 0, rollDeg: 0, xMm: 0, yMm: 0, zMm: 0, zoomRaw: 0, focusRaw: 0,
    ...partial,
  };
  return expectAccepted(encodeFreeD(raw));
}

/** Where a camera with this update points: the engine camera looks along -Z at identity. */
function viewDirection(update: CameraUpdate): Vec3 {
  return rotateVec3(update.rotation!, [0, 0, -1], [0, 0, 0]);
}

function upDirection(update: CameraUpdate): Vec3 {
  return rotateVec3(update.rotation!, [0, 1, 0], [0, 0, 0]);
}

function expectVecClose(actual: Vec3, expected: Vec3): void {
  for (let i = 0; i < 3; i++) expect(actual[i]).toBeCloseTo(expected[i]!, 9);
}

describe('parseFreeD', () => {
  it('decodes every field of the hand-built packet exactly', () => {
    expect(freedChecksum(HAND_BUILT)).toBe(0x14);
    expect(parseFreeD(HAND_BUILT)).toEqual({
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
    });
  });

  it('agrees with a PTZ capture used as a test vector by a public Rust FreeD decoder', () => {
    // Bytes from that crate's `test_example` (bytes2); expected values worked here by hand:
    // pan 0x2198D8 = 2201816 / 32768, tilt 0xFFEB94 = -5228 / 32768, zoom 0x0028C6, focus 0x0013B9.
    const capture = new Uint8Array([
      0xd1, 0x00, 0x21, 0x98, 0xd8, 0xff, 0xeb, 0x94, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x28, 0xc6, 0x00, 0x13, 0xb9, 0xd1, 0xff, 0xd6,
    ]);
    const raw = parseFreeD(capture);
    expect(raw).toMatchObject({
      cameraNumber: 0,
      panDeg: 2201816 / 32768,
      tiltDeg: -5228 / 32768,
      rollDeg: 0,
      xMm: 0,
      yMm: 0,
      zMm: 0,
      zoomRaw: 10438,
      focusRaw: 5049,
    });
  });

  it('rejects a short packet with BadLength and the actual length', () => {
    const result = parseFreeD(HAND_BUILT.subarray(0, 28));
    expect(result).toMatchObject({ ok: false, reason: RejectReason.BadLength });
    expect((result as { detail: string }).detail).toContain('28');
  });

  it('rejects a long packet with BadLength and the actual length', () => {
    const long = new Uint8Array(30);
    long.set(HAND_BUILT);
    const result = parseFreeD(long);
    expect(result).toMatchObject({ ok: false, reason: RejectReason.BadLength });
    expect((result as { detail: string }).detail).toContain('30');
  });

  it('rejects an empty datagram with BadLength', () => {
    expect(parseFreeD(new Uint8Array(0))).toMatchObject({ ok: false, reason: RejectReason.BadLength });
  });

  it('rejects another message type with BadHeader even when its checksum is right', () => {
    const d2 = HAND_BUILT.slice();
    d2[0] = 0xd2;
    d2[28] = freedChecksum(d2);
    const result = parseFreeD(d2);
    expect(result).toMatchObject({ ok: false, reason: RejectReason.BadHeader });
    expect((result as { detail: string }).detail).toContain('D2');
  });

  it('rejects a corrupted byte with BadChecksum', () => {
    const corrupt = HAND_BUILT.slice();
    corrupt[12] = corrupt[12]! ^ 0x01; // one bit of X flipped in transit
    expect(parseFreeD(corrupt)).toMatchObject({ ok: false, reason: RejectReason.BadChecksum });
    const wrongSum = HAND_BUILT.slice();
    wrongSum[28] = 0x15;
    expect(parseFreeD(wrongSum)).toMatchObject({ ok: false, reason: RejectReason.BadChecksum });
  });
});

describe('decodeFreeDPacket', () => {
  it('names the camera freed-<n> and passes the raw encoders through', () => {
    const update = expectAccepted(HAND_BUILT);
    expect(update.cameraId).toBe('freed-7');
    expect(update.encoders).toEqual({ zoom: 4096, focus: 43981 });
    expect(update.lens).toBeUndefined();
  });

  it('returns the same rejection as parseFreeD', () => {
    expect(decodeFreeDPacket(HAND_BUILT.subarray(1), zUp)).toMatchObject({ ok: false, reason: RejectReason.BadLength });
  });

  it('maps FreeD X=1 m, Y=2 m, Z=3 m to engine (1, 3, -2) metres', () => {
    const update = poseOf({ xMm: 1000, yMm: 2000, zMm: 3000 });
    expect(update.position).toEqual([1, 3, -2]);
  });

  it('looks down engine -Z at zero pan and tilt (FreeD +Y forward)', () => {
    const update = poseOf({});
    expectVecClose(viewDirection(update), [0, 0, -1]);
    expectVecClose(upDirection(update), [0, 1, 0]);
  });

  it('pan +90 turns right: the view direction becomes engine +X', () => {
    expectVecClose(viewDirection(poseOf({ panDeg: 90 })), [1, 0, 0]);
  });

  it('tilt +30 looks up: the view direction gains positive engine Y', () => {
    const dir = viewDirection(poseOf({ tiltDeg: 30 }));
    expect(dir[1]).toBeGreaterThan(0);
    expectVecClose(dir, [0, Math.sin(Math.PI / 6), -Math.cos(Math.PI / 6)]);
  });

  it('roll +90 is clockwise seen from behind: the camera top swings to engine +X', () => {
    const update = poseOf({ rollDeg: 90 });
    expectVecClose(upDirection(update), [1, 0, 0]);
    expectVecClose(viewDirection(update), [0, 0, -1]);
  });

  it('applies pan before tilt: pan 90 then tilt 30 looks right and up', () => {
    const dir = viewDirection(poseOf({ panDeg: 90, tiltDeg: 30 }));
    expectVecClose(dir, [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6), 0]);
  });

  it('adds lens values from the source lens table', () => {
    const table: FreeDLensTable = {
      sensorWidthMm: 9.59,
      zoom: [[0, 10], [8192, 50]],
      focus: [[0, 1], [87962, 10]],
    };
    // zoom 4096 is halfway → 30 mm; focus 43981 is halfway → 5.5 m.
    const update = expectAccepted(HAND_BUILT, table);
    expect(update.lens).toEqual({ focalLengthMm: 30, sensorWidthMm: 9.59, focusM: 5.5 });
  });

  it('gives each update its own arrays (the hub may keep them)', () => {
    const a = expectAccepted(HAND_BUILT);
    const b = expectAccepted(HAND_BUILT);
    expect(a.position).not.toBe(b.position);
    expect(a.rotation).not.toBe(b.rotation);
    expect(a.position).toEqual(b.position);
  });
});
