import { describe, expect, it } from 'vitest';
import { PerspectiveCamera, Vector3 } from 'three';
import { frameCorners } from 'three/examples/jsm/utils/CameraUtils.js';
import type { Vec3 } from '../../camera-bridge/CameraSample.ts';
import { createOffAxisResult, offAxisProjection, type OffAxisResult } from './offAxisProjection.ts';

// The reference wall: 4 m × 2 m, flat on z = 0, facing +Z (vr = +X, vu = +Y, vn = vr × vu = +Z).
const PA: Vec3 = [-2, 0, 0]; // lower-left
const PB: Vec3 = [2, 0, 0]; // lower-right
const PC: Vec3 = [-2, 2, 0]; // upper-left
const NEAR = 0.1;
const FAR = 100;

/** Column-major 4×4 times (x, y, z, w). */
function transform(m: Float64Array, x: number, y: number, z: number, w: number): [number, number, number, number] {
  return [
    m[0]! * x + m[4]! * y + m[8]! * z + m[12]! * w,
    m[1]! * x + m[5]! * y + m[9]! * z + m[13]! * w,
    m[2]! * x + m[6]! * y + m[10]! * z + m[14]! * w,
    m[3]! * x + m[7]! * y + m[11]! * z + m[15]! * w,
  ];
}

/** World point → NDC through projection · view. */
function toNdc(r: OffAxisResult, p: Readonly<Vec3>): [number, number, number] {
  const [vx, vy, vz, vw] = transform(r.view, p[0], p[1], p[2], 1);
  const [cx, cy, cz, cw] = transform(r.projection, vx, vy, vz, vw);
  return [cx / cw, cy / cw, cz / cw];
}

function expectArrayClose(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i], `element ${i}`).toBeCloseTo(expected[i]!, digits);
}

/** Rotation by +90° about +Y: (x, y, z) → (z, y, -x). Turns the reference wall to face +X. */
const turnY90 = (p: Readonly<Vec3>): Vec3 => [p[2], p[1], -p[0]];

describe('offAxisProjection', () => {
  it('centred eye 2 m in front: symmetric frustum, l = -n, r = n, b = -n/2, t = n/2', () => {
    // Eye (0, 1, 2): d = 2. At the screen the wall spans x ∈ [-2, 2], y - 1 ∈ [-1, 1];
    // scaled by n / d = n / 2 onto the near plane: l = -n, r = n, b = -n/2, t = n/2
    // (horizontal half angle atan(2 / 2) = 45°).
    const r = offAxisProjection(PA, PB, PC, [0, 1, 2], NEAR, FAR, createOffAxisResult())!;
    expect(r).toBeDefined();
    expect(r.distanceM).toBeCloseTo(2, 12);
    expect(r.extents.left).toBeCloseTo(-NEAR, 12);
    expect(r.extents.right).toBeCloseTo(NEAR, 12);
    expect(r.extents.bottom).toBeCloseTo(-NEAR / 2, 12);
    expect(r.extents.top).toBeCloseTo(NEAR / 2, 12);
    expect(Math.atan(r.extents.right / NEAR)).toBeCloseTo(Math.PI / 4, 12);
  });

  it('projection is glFrustum(l, r, b, t, n, f), column-major', () => {
    // glFrustum:                      with l = -n, r = n, b = -n/2, t = n/2:
    // | 2n/(r-l)  0         (r+l)/(r-l)   0          |   | 1  0  0              0             |
    // | 0         2n/(t-b)  (t+b)/(t-b)   0          |   | 0  2  0              0             |
    // | 0         0         -(f+n)/(f-n)  -2fn/(f-n) |   | 0  0  -100.1/99.9    -20/99.9      |
    // | 0         0         -1            0          |   | 0  0  -1             0             |
    const r = offAxisProjection(PA, PB, PC, [0, 1, 2], NEAR, FAR, createOffAxisResult())!;
    const a = -(FAR + NEAR) / (FAR - NEAR); // -100.1 / 99.9
    const b = (-2 * FAR * NEAR) / (FAR - NEAR); // -20 / 99.9
    // Columns one after another.
    expectArrayClose(r.projection, [1, 0, 0, 0, 0, 2, 0, 0, 0, 0, a, -1, 0, 0, b, 0]);
  });

  it('eye offset 1 m right: l = -1.5n, r = 0.5n, and the off-centre terms of glFrustum', () => {
    // Eye (1, 1, 2): the wall spans x - 1 ∈ [-3, 1] at d = 2 → l = -3n/2, r = n/2; vertical unchanged.
    // (r+l)/(r-l) = (-n)/(2n) = -0.5; 2n/(r-l) = 2n/2n = 1.
    const r = offAxisProjection(PA, PB, PC, [1, 1, 2], NEAR, FAR, createOffAxisResult())!;
    expect(r.extents.left).toBeCloseTo(-1.5 * NEAR, 12);
    expect(r.extents.right).toBeCloseTo(0.5 * NEAR, 12);
    expect(r.extents.bottom).toBeCloseTo(-NEAR / 2, 12);
    expect(r.extents.top).toBeCloseTo(NEAR / 2, 12);
    expect(r.projection[0]).toBeCloseTo(1, 12);
    expect(r.projection[8]).toBeCloseTo(-0.5, 12);
    expect(r.projection[9]).toBeCloseTo(0, 12);
  });

  it('a wall turned 90° about Y (facing +X) gives the same extents for the turned eye', () => {
    // pa (0, 0, 2), pb (0, 0, -2), pc (0, 2, 2): vr = -Z, vu = +Y, vn = (-Z) × Y = +X.
    for (const eye of [[0, 1, 2], [1, 1, 2]] as Vec3[]) {
      const flat = offAxisProjection(PA, PB, PC, eye, NEAR, FAR, createOffAxisResult())!;
      const turned = offAxisProjection(turnY90(PA), turnY90(PB), turnY90(PC), turnY90(eye), NEAR, FAR, createOffAxisResult())!;
      expect(turned).toBeDefined();
      expect(turned.extents.left).toBeCloseTo(flat.extents.left, 12);
      expect(turned.extents.right).toBeCloseTo(flat.extents.right, 12);
      expect(turned.extents.bottom).toBeCloseTo(flat.extents.bottom, 12);
      expect(turned.extents.top).toBeCloseTo(flat.extents.top, 12);
      expectArrayClose(turned.projection, flat.projection);
    }
  });

  it('view maps the eye to the origin and the screen normal to +Z', () => {
    const eye: Vec3 = [2, 1, -1]; // the offset eye, turned with the wall
    const r = offAxisProjection(turnY90(PA), turnY90(PB), turnY90(PC), eye, NEAR, FAR, createOffAxisResult())!;
    expectArrayClose(transform(r.view, eye[0], eye[1], eye[2], 1), [0, 0, 0, 1]);
    // Screen normal +X (a direction, w = 0) → +Z; screen right -Z → +X; screen up +Y → +Y.
    expectArrayClose(transform(r.view, 1, 0, 0, 0), [0, 0, 1, 0]);
    expectArrayClose(transform(r.view, 0, 0, -1, 0), [1, 0, 0, 0]);
    expectArrayClose(transform(r.view, 0, 1, 0, 0), [0, 1, 0, 0]);
    // pa sits 2 m in front of the eye (eye space -Z), 3 m left, 1 m down.
    expectArrayClose(transform(r.view, 0, 0, 2, 1), [-3, -1, -2, 1]);
  });

  it('projection · view puts wall points at their place on the wall in NDC: pb → (1, -1), pc → (-1, 1)', () => {
    for (const eye of [[0, 1, 2], [1, 1, 2], [-0.7, 1.8, 0.5]] as Vec3[]) {
      const r = offAxisProjection(PA, PB, PC, eye, NEAR, FAR, createOffAxisResult())!;
      const [bx, by] = toNdc(r, PB);
      expect(bx).toBeCloseTo(1, 12);
      expect(by).toBeCloseTo(-1, 12);
      const [ax, ay] = toNdc(r, PA);
      expect(ax).toBeCloseTo(-1, 12);
      expect(ay).toBeCloseTo(-1, 12);
      const [cx, cy] = toNdc(r, PC);
      expect(cx).toBeCloseTo(-1, 12);
      expect(cy).toBeCloseTo(1, 12);
      // A point a quarter across and three quarters up the wall: NDC (-0.5, 0.5).
      const [qx, qy, qz] = toNdc(r, [-1, 1.5, 0]);
      expect(qx).toBeCloseTo(-0.5, 12);
      expect(qy).toBeCloseTo(0.5, 12);
      expect(Math.abs(qz)).toBeLessThan(1); // between near and far
    }
  });

  it('eye on or behind the screen plane → undefined, and out is not written', () => {
    const out = createOffAxisResult();
    out.distanceM = 42;
    expect(offAxisProjection(PA, PB, PC, [0, 1, 0], NEAR, FAR, out)).toBeUndefined();
    expect(offAxisProjection(PA, PB, PC, [0, 1, -2], NEAR, FAR, out)).toBeUndefined();
    expect(out.distanceM).toBe(42);
    expect(out.projection.every((x) => x === 0)).toBe(true);
    // Behind means "against the normal", whatever the world axes: the turned wall seen from -X.
    expect(offAxisProjection(turnY90(PA), turnY90(PB), turnY90(PC), [-2, 1, 0], NEAR, FAR, out)).toBeUndefined();
  });

  it('degenerate input (zero-size screen, near >= far) → undefined', () => {
    const out = createOffAxisResult();
    expect(offAxisProjection(PA, PA, PC, [0, 1, 2], NEAR, FAR, out)).toBeUndefined();
    expect(offAxisProjection(PA, PB, [6, 0, 0], [0, 1, 2], NEAR, FAR, out)).toBeUndefined();
    expect(offAxisProjection(PA, PB, PC, [0, 1, 2], 1, 1, out)).toBeUndefined();
    expect(offAxisProjection(PA, PB, PC, [0, 1, 2], 0, FAR, out)).toBeUndefined();
  });

  it('matches three.js frameCorners (what a browser render node would compute)', () => {
    const eye: Vec3 = [0.6, 1.3, 2.4];
    const pa = turnY90(PA), pb = turnY90(PB), pc = turnY90(PC);
    const e = turnY90(eye);
    const r = offAxisProjection(pa, pb, pc, e, NEAR, FAR, createOffAxisResult())!;
    const camera = new PerspectiveCamera(50, 1, NEAR, FAR);
    camera.position.set(e[0], e[1], e[2]);
    frameCorners(camera, new Vector3(...pa), new Vector3(...pb), new Vector3(...pc));
    camera.updateMatrixWorld(true);
    expectArrayClose(r.projection, camera.projectionMatrix.elements, 9);
    expectArrayClose(r.view, camera.matrixWorldInverse.elements, 9);
  });

  it('reuses out: a second call overwrites the first', () => {
    const out = createOffAxisResult();
    const first = offAxisProjection(PA, PB, PC, [1, 1, 2], NEAR, FAR, out);
    const second = offAxisProjection(PA, PB, PC, [0, 1, 2], NEAR, FAR, out);
    expect(first).toBe(out);
    expect(second).toBe(out);
    expect(out.extents.left).toBeCloseTo(-NEAR, 12);
  });
});
