// Tests for quaternion → pan/tilt/roll: hand-worked angles and a round trip through quatFromPanTiltRollYUp.
import { describe, expect, it } from 'vitest';
import type { Quat } from '../../../camera-bridge/CameraSample.ts';
import { quatAngle, quatFromPanTiltRollYUp } from '../../../camera-bridge/math/quaternion.ts';
import { panTiltRollDegFromQuatYUp } from './panTiltRoll.ts';

const angles = (q: Quat) => panTiltRollDegFromQuatYUp(q, { pan: 0, tilt: 0, roll: 0 });
/** a − b wrapped into [−180, 180): 180 and −180 are the same pan. */
const angleDiffDeg = (a: number, b: number) => ((((a - b + 180) % 360) + 360) % 360) - 180;

describe('panTiltRollDegFromQuatYUp', () => {
  it('reads a 90 degree turn about +Y as pan 90', () => {
    const a = angles([0, Math.SQRT1_2, 0, Math.SQRT1_2]);
    expect(a.pan).toBeCloseTo(90, 12);
    expect(a.tilt).toBeCloseTo(0, 12);
    expect(a.roll).toBeCloseTo(0, 12);
  });

  it('reads 30 degrees about +X as tilt 30 and 10 about +Z as roll 10', () => {
    const s15 = Math.sin(Math.PI / 12), c15 = Math.cos(Math.PI / 12);
    expect(angles([s15, 0, 0, c15]).tilt).toBeCloseTo(30, 12);
    const s5 = Math.sin(Math.PI / 36), c5 = Math.cos(Math.PI / 36);
    expect(angles([0, 0, s5, c5]).roll).toBeCloseTo(10, 12);
  });

  it('inverts quatFromPanTiltRollYUp over pan and roll all the way round, tilt in (-90, 90)', () => {
    for (let pan = -170; pan <= 180; pan += 35) {
      for (let tilt = -85; tilt <= 85; tilt += 17) {
        for (let roll = -175; roll <= 180; roll += 45) {
          const a = angles(quatFromPanTiltRollYUp(pan, tilt, roll, [0, 0, 0, 1]));
          expect(angleDiffDeg(a.pan, pan)).toBeCloseTo(0, 9);
          expect(a.tilt).toBeCloseTo(tilt, 9);
          expect(angleDiffDeg(a.roll, roll)).toBeCloseTo(0, 9);
        }
      }
    }
  });

  it('gives the same angles for q and -q', () => {
    const q = quatFromPanTiltRollYUp(-120, 25, 4, [0, 0, 0, 1]);
    const a = angles(q);
    const b = angles([-q[0], -q[1], -q[2], -q[3]]);
    expect(b.pan).toBeCloseTo(a.pan, 12);
    expect(b.tilt).toBeCloseTo(a.tilt, 12);
    expect(b.roll).toBeCloseTo(a.roll, 12);
  });

  it('at tilt 90 reports roll 0 with a pan that rebuilds the same rotation', () => {
    const q = quatFromPanTiltRollYUp(30, 90, 20, [0, 0, 0, 1]);
    const a = angles(q);
    expect(a.tilt).toBeCloseTo(90, 6);
    expect(a.roll).toBe(0);
    expect(quatAngle(quatFromPanTiltRollYUp(a.pan, a.tilt, a.roll, [0, 0, 0, 1]), q)).toBeLessThan(1e-6);
  });
});
