import { describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { quatFromAxisAngle } from '../../camera-bridge/math/quaternion.ts';
import { createInnerFrustumFootprint, horizontalFovRad, innerFrustumFootprint } from './innerFrustumFootprint.ts';

// The reference wall: 4 m × 2 m on z = 0 facing +Z; u = (x + 2) / 4, v = y / 2.
const PA: Vec3 = [-2, 0, 0];
const PB: Vec3 = [2, 0, 0];
const PC: Vec3 = [-2, 2, 0];
const EYE: Vec3 = [0, 1, 2]; // centred, 2 m in front
const LOOK_AT_WALL: Quat = [0, 0, 0, 1]; // identity: looks along -Z, straight at the wall
const DEG = Math.PI / 180;

const rotation = (axis: Vec3, angleRad: number): Quat => quatFromAxisAngle(axis, angleRad, [0, 0, 0, 1]);

function expectCorners(actual: Float64Array, expected: number[], digits = 9): void {
  for (let i = 0; i < 8; i++) expect(actual[i], `${i % 2 ? 'v' : 'u'}${i >> 1}`).toBeCloseTo(expected[i]!, digits);
}

describe('horizontalFovRad', () => {
  it('is 2 atan(sensorWidth / 2f): 36 mm sensor on an 18 mm lens sees 90°', () => {
    expect(horizontalFovRad(18, 36)).toBeCloseTo(Math.PI / 2, 12);
    // Super 35 (24.89 mm) on a 35 mm lens: 2 atan(24.89 / 70) = 2 atan(0.35557) = 2 · 19.5739° = 39.148°.
    expect(horizontalFovRad(35, 24.89) / DEG).toBeCloseTo(39.148, 3);
  });
});

describe('innerFrustumFootprint', () => {
  it('hFOV 90°, aspect 2, 2 m from a 4 m × 2 m wall covers exactly the whole wall', () => {
    // tan(45°) = 1 → half-width 2 m at d = 2; half-height 2 / aspect = 1 m. Corners (±2, 1 ± 1, 0).
    const fp = innerFrustumFootprint(PA, PB, PC, EYE, LOOK_AT_WALL, 90 * DEG, 2, 1, createInnerFrustumFootprint());
    expect(fp.visible).toBe(true);
    expectCorners(fp.corners, [0, 0, 1, 0, 1, 1, 0, 1]);
  });

  it('a narrower lens gives the centred smaller quad', () => {
    // 36 mm sensor, 36 mm lens: tan(hFOV/2) = 0.5 → half-width 1 m, half-height 0.5 m at d = 2.
    // x ∈ [-1, 1] → u ∈ [0.25, 0.75]; y ∈ [0.5, 1.5] → v ∈ [0.25, 0.75].
    const fp = innerFrustumFootprint(PA, PB, PC, EYE, LOOK_AT_WALL, horizontalFovRad(36, 36), 2, 1, createInnerFrustumFootprint());
    expect(fp.visible).toBe(true);
    expectCorners(fp.corners, [0.25, 0.25, 0.75, 0.25, 0.75, 0.75, 0.25, 0.75]);
  });

  it('overscan 1.1 grows the image plane by 10 %', () => {
    // Half-width 2.2 m, half-height 1.1 m: u = (±2.2 + 2) / 4 → -0.05, 1.05; v = (1 ± 1.1) / 2 → -0.05, 1.05.
    const fp = innerFrustumFootprint(PA, PB, PC, EYE, LOOK_AT_WALL, 90 * DEG, 2, 1.1, createInnerFrustumFootprint());
    expect(fp.visible).toBe(true);
    expectCorners(fp.corners, [-0.05, -0.05, 1.05, -0.05, 1.05, 1.05, -0.05, 1.05]);
  });

  it('corners follow the camera image, not the wall: rolled 90° the bottom-left corner is lower right on the wall', () => {
    // Roll +90° about Z: camera right → +Y, camera up → -X. Ray = (0,0,-1) + sx·(0,1,0) + sy·0.5·(-1,0,0).
    // Bottom-left (sx = sy = -1): (0.5, -1, -1) → hits (1, -1, 0) → (u, v) = (0.75, -0.5); and so on.
    const fp = innerFrustumFootprint(PA, PB, PC, EYE, rotation([0, 0, 1], 90 * DEG), 90 * DEG, 2, 1, createInnerFrustumFootprint());
    expect(fp.visible).toBe(true);
    expectCorners(fp.corners, [0.75, -0.5, 0.75, 1.5, 0.25, 1.5, 0.25, -0.5]);
  });

  it('camera turned away (panned 180°) → not visible, corners NaN', () => {
    const fp = innerFrustumFootprint(PA, PB, PC, EYE, rotation([0, 1, 0], Math.PI), 90 * DEG, 2, 1, createInnerFrustumFootprint());
    expect(fp.visible).toBe(false);
    expect(fp.corners.every(Number.isNaN)).toBe(true);
  });

  it('eye behind the wall → not visible, even looking straight through it', () => {
    const fp = innerFrustumFootprint(PA, PB, PC, [0, 1, -2], rotation([0, 1, 0], Math.PI), 90 * DEG, 2, 1, createInnerFrustumFootprint());
    expect(fp.visible).toBe(false);
    expect(fp.corners.every(Number.isNaN)).toBe(true);
  });

  it('facing the plane but looking past the section → corners computed, not visible', () => {
    // Pan +90° (looks along -X), hFOV 60°, aspect 2: right = -Z, tanX = tan 30° = 1/√3, tanY = 1/(2√3).
    // Bottom-right ray (-1, -tanY, -tanX) hits at s = 2/tanX = 2√3: x = -2√3, y = 1 - 1 = 0
    // → (u, v) = ((2 - 2√3)/4, 0) = (-0.366, 0). The left-hand rays point away (+Z) and are clipped
    // to the horizon towards -X, so the whole quad lies at u < 0.
    const fp = innerFrustumFootprint(PA, PB, PC, EYE, rotation([0, 1, 0], 90 * DEG), 60 * DEG, 2, 1, createInnerFrustumFootprint());
    expect(fp.visible).toBe(false);
    expect(fp.corners[2]).toBeCloseTo((2 - 2 * Math.sqrt(3)) / 4, 9);
    expect(fp.corners[3]).toBeCloseTo(0, 9);
    expect(fp.corners[4]).toBeCloseTo((2 - 2 * Math.sqrt(3)) / 4, 9);
    expect(fp.corners[5]).toBeCloseTo(1, 9);
    expect(fp.corners[0]).toBeLessThan(-100); // clipped: far along the horizon
    expect(fp.corners[6]).toBeLessThan(-100);
  });

  it('tilted up past the horizon: bottom corners hit, top corners clip to the far horizon, still visible', () => {
    // Tilt +60° about X: forward (0, √3/2, -1/2), up (0, 1/2, √3/2). hFOV 90°, aspect 1: tanX = tanY = 1.
    // Bottom rays forward - up ± right = (±1, √3/2 - 1/2, -(1/2 + √3/2)) hit at s = 2 / (1/2 + √3/2) = 1.4641:
    //   x = ±1.4641, y = 1 + 1.4641·0.36603 = 1.5359 → u = (2 ∓ 1.4641)/4 = 0.13397 / 0.86603, v = 0.76795.
    // Top rays forward + up ± right have z = -1/2 + √3/2 > 0: they never reach the wall.
    const fp = innerFrustumFootprint(PA, PB, PC, EYE, rotation([1, 0, 0], 60 * DEG), 90 * DEG, 1, 1, createInnerFrustumFootprint());
    expect(fp.visible).toBe(true);
    const s = 2 / (0.5 + Math.sqrt(3) / 2);
    const v = (1 + s * (Math.sqrt(3) / 2 - 0.5)) / 2;
    expect(fp.corners[0]).toBeCloseTo((2 - s) / 4, 9); // 0.13397
    expect(fp.corners[1]).toBeCloseTo(v, 9); // 0.76795
    expect(fp.corners[2]).toBeCloseTo((2 + s) / 4, 9); // 0.86603
    expect(fp.corners[3]).toBeCloseTo(v, 9);
    expect(v).toBeCloseTo(0.76795, 5);
    const [tru, trv, tlu, tlv] = [fp.corners[4]!, fp.corners[5]!, fp.corners[6]!, fp.corners[7]!];
    expect(trv).toBeGreaterThan(100);
    expect(tlv).toBeGreaterThan(100);
    expect(tru).toBeGreaterThan(1); // top-right stays right, top-left stays left
    expect(tlu).toBeLessThan(0);
  });

  it('a quad that swallows the whole section is visible (no edge touches [0,1]², the square is inside)', () => {
    // 10 m back with hFOV 90°, aspect 2: x ∈ [-10, 10] → u ∈ [-2, 3]; y ∈ [-4, 6] → v ∈ [-2, 3].
    const fp = innerFrustumFootprint(PA, PB, PC, [0, 1, 10], LOOK_AT_WALL, 90 * DEG, 2, 1, createInnerFrustumFootprint());
    expect(fp.visible).toBe(true);
    expectCorners(fp.corners, [-2, -2, 3, -2, 3, 3, -2, 3]);
  });

  it('nonsense lens input → not visible', () => {
    const out = createInnerFrustumFootprint();
    expect(innerFrustumFootprint(PA, PB, PC, EYE, LOOK_AT_WALL, 0, 2, 1, out).visible).toBe(false);
    expect(innerFrustumFootprint(PA, PB, PC, EYE, LOOK_AT_WALL, Math.PI, 2, 1, out).visible).toBe(false);
    expect(innerFrustumFootprint(PA, PB, PC, EYE, LOOK_AT_WALL, 1, 0, 1, out).visible).toBe(false);
  });
});
