// Tests for the receiver's FreeD decoder: a continuous-turn head's pan overflow decodes to a continuous rotation,
// and each camera number gets its own lens table.
import type dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { AxisMapping, IDENTITY_MAPPING } from '../AxisMapping.ts';
import type { CameraUpdate, Quat } from '../CameraSample.ts';
import type { DecodeResult } from '../DecodeResult.ts';
import { quatAngle, quatFromPanTiltRollZUp } from '../math/quaternion.ts';
import { createFreeDDecoder } from './createFreeDDecoder.ts';
import { decodeFreeDPacket } from './decodeFreeD.ts';
import { encodeFreeD } from './encodeFreeD.ts';
import { FreeDLensTableSchema } from './FreeDLensTable.ts';

const native = new AxisMapping(IDENTITY_MAPPING);
const SENDER = { address: '127.0.0.1', port: 40001, family: 'IPv4', size: 29 } as dgram.RemoteInfo;
const DEG = Math.PI / 180;

/** D1 bytes for a head at true pan `panDeg` whose 24-bit field wraps at ±256° (what a counting head sends). */
function countingHead(cameraNumber: number, panDeg: number, zoomRaw = 0): Buffer {
  const fieldDeg = panDeg - 512 * Math.floor((panDeg + 256) / 512);
  return Buffer.from(encodeFreeD({ cameraNumber, panDeg: fieldDeg, tiltDeg: 0, rollDeg: 0, xMm: 0, yMm: 0, zMm: 0, zoomRaw, focusRaw: 0 }));
}

function rotationOf(result: DecodeResult): Quat {
  if (result.ok !== true) throw new Error(`expected accept, got ${JSON.stringify(result)}`);
  return (result.updates[0] as CameraUpdate).rotation!;
}

/** Largest rotation between consecutive packets of a 1°-per-packet turn from 240° to 380°, degrees. */
function largestStepDeg(decode: (packet: Buffer, timeS: number) => DecodeResult): number {
  let previous: Quat | undefined;
  let largest = 0;
  for (let pan = 240; pan <= 380; pan++) {
    const q = [...rotationOf(decode(countingHead(1, pan), pan * 0.01))] as Quat;
    if (previous) largest = Math.max(largest, quatAngle(previous, q) / DEG);
    previous = q;
  }
  return largest;
}

describe('createFreeDDecoder', () => {
  it('a counting head turning through the field overflow at 256° turns 1° per packet, not 152° once', () => {
    const decode = createFreeDDecoder(native, () => undefined);
    expect(largestStepDeg((packet, timeS) => decode(packet, SENDER, timeS))).toBeCloseTo(1, 6);
    // The pure decoder alone reads −256° for 256°: a 151° turn after 255°, the jump this decoder exists to remove.
    expect(largestStepDeg((packet) => decodeFreeDPacket(packet, native))).toBeCloseTo(151, 6);
  });

  it('decodes 350° counted (field −162°) as 350°: the rotation of −10°', () => {
    const decode = createFreeDDecoder(native, () => undefined);
    let q: Quat = [0, 0, 0, 1];
    for (let pan = 0; pan <= 350; pan += 10) q = rotationOf(decode(countingHead(1, pan), SENDER, pan * 0.001));
    expect(quatAngle(q, quatFromPanTiltRollZUp(-10, 0, 0, [0, 0, 0, 1]))).toBeLessThan(1e-6);
  });

  it('picks each camera number\'s lens table from byte 1', () => {
    const table = FreeDLensTableSchema.parse({ sensorWidthMm: 36, zoom: [[0, 24], [1000, 70]] });
    const decode = createFreeDDecoder(native, (n) => (n === 2 ? table : undefined));
    const lensOf = (r: DecodeResult) => (r.ok === true ? (r.updates[0] as CameraUpdate).lens : 'rejected');
    expect(lensOf(decode(countingHead(2, 0, 500), SENDER, 0))).toEqual({ focalLengthMm: 47, sensorWidthMm: 36 });
    expect(lensOf(decode(countingHead(3, 0, 500), SENDER, 0))).toBeUndefined();
  });
});
