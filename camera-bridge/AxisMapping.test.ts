import { describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from './CameraSample.ts';
import { AxisMapping, Z_UP_TO_Y_UP } from './AxisMapping.ts';
import { quatFromPanTiltRollZUp, rotateVec3 } from './math/quaternion.ts';

describe('AxisMapping', () => {
  const m = new AxisMapping(Z_UP_TO_Y_UP);

  it('maps Z-up (X, Y, Z) to engine (X, Z, -Y)', () => {
    expect(m.mapPosition([1, 2, 3], [0, 0, 0])).toEqual([1, 3, -2]);
  });

  it('a Z-up camera at rest looks along +Y, which becomes engine -Z', () => {
    const q = m.mapRotation(quatFromPanTiltRollZUp(0, 0, 0, [0, 0, 0, 1]), [0, 0, 0, 1]);
    const v = rotateVec3(q, [0, 0, -1], [0, 0, 0]);
    expect(v[2]).toBeCloseTo(-1, 9);
  });

  it('Z-up pan +90 (turns right) looks along engine +X', () => {
    const q: Quat = m.mapRotation(quatFromPanTiltRollZUp(90, 0, 0, [0, 0, 0, 1]), [0, 0, 0, 1]);
    const v: Vec3 = rotateVec3(q, [0, 0, -1], [0, 0, 0]);
    expect(v[0]).toBeCloseTo(1, 9);
    expect(v[2]).toBeCloseTo(0, 9);
  });

  it('rejects mirroring and repeated axes', () => {
    expect(() => new AxisMapping(['x', 'y', '-z'])).toThrow(/proper rotation/);
    expect(() => new AxisMapping(['x', 'x', 'z'])).toThrow(/once/);
    expect(() => new AxisMapping(['x', 'y', 'w'] as never)).toThrow();
  });
});
