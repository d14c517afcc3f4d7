import { describe, expect, it } from 'vitest';
import { quatFromPanTiltRollYUp } from '../../../camera-bridge/math/quaternion.ts';
import {
  clampOrbitToLine,
  createCameraView,
  createTargetView,
  distanceForHeightFraction,
  heightFractionAt,
  LINE_MARGIN_RAD,
  leavingUrgency,
  orbitRoomRad,
  readCameraView,
  safeAfterStep,
  viewTarget,
} from './sceneGeometry.ts';

const DEG = Math.PI / 180;

describe('sceneGeometry', () => {
  it('reads yaw, pitch and roll back from an OSC-style pan/tilt/roll quaternion', () => {
    const cam = readCameraView(
      { position: [0, 1.6, 0], rotation: quatFromPanTiltRollYUp(30, -10, 8, [0, 0, 0, 1]), focalLengthMm: 24, sensorWidthMm: 36, sensorHeightMm: 24 },
      createCameraView(),
    );
    expect(cam.yawRad).toBeCloseTo(30 * DEG, 6);
    expect(cam.pitchRad).toBeCloseTo(-10 * DEG, 6);
    expect(cam.rollRad).toBeCloseTo(8 * DEG, 6);
    expect(cam.hFovRad).toBeCloseTo(2 * Math.atan(18 / 24), 9);
  });

  it('bearing is the pan that centres a point (+ left) and elevation the tilt (+ up)', () => {
    const cam = readCameraView({ position: [0, 1, 0], rotation: [0, 0, 0, 1], focalLengthMm: 35, sensorWidthMm: 36, sensorHeightMm: 24 }, createCameraView());
    const v = viewTarget(cam, [-2, 3, -2], createTargetView()); // 45° left, 2 m up over 2√2 m
    expect(v.bearingRad).toBeCloseTo(45 * DEG, 6);
    expect(v.elevationRad).toBeCloseTo(Math.atan2(2, 2 * Math.SQRT2), 6);
    expect(v.inFrame).toBe(false); // 45° is outside a 54° lens's ±27°
    expect(viewTarget(cam, [0, 1, -5], createTargetView()).inFrame).toBe(true);
  });

  it('frame-height fraction and its inverse (1.8 m at 3 m on 35 mm / 24 mm = 0.875)', () => {
    expect(heightFractionAt(3, 35, 24)).toBeCloseTo(0.875, 9);
    expect(distanceForHeightFraction(0.875, 35, 24)).toBeCloseTo(3, 9);
  });

  it('180° rule: square-on gives π/2 each way; from 45° off the line only π/4 of CCW orbit is left', () => {
    const a = [-1, 0, 0] as const;
    const b = [1, 0, 0] as const;
    const square = orbitRoomRad([0, 0, 5], a, b);
    expect(square.ccwRad).toBeCloseTo(Math.PI / 2, 9);
    expect(square.cwRad).toBeCloseTo(Math.PI / 2, 9);
    const diagonal = orbitRoomRad([4, 0, 4], a, b);
    expect(diagonal.ccwRad).toBeCloseTo(Math.PI / 4, 9);
    expect(diagonal.cwRad).toBeCloseTo((3 * Math.PI) / 4, 9);
    expect(clampOrbitToLine([4, 0, 4], a, b, [0, 0, 0], 1)).toBeCloseTo(Math.PI / 4 - LINE_MARGIN_RAD, 9);
    expect(clampOrbitToLine([4, 0, 4], a, b, [0, 0, 0], -1)).toBe(-1);
  });

  it('leaving urgency: 0 when not drifting, ±1 past the edge, a ramp over the last 3 s', () => {
    const hFov = 1; // ±0.5 rad
    expect(leavingUrgency(0, 0, hFov)).toBe(0);
    expect(leavingUrgency(0.6, 0.2, hFov)).toBe(1); // already beyond the left edge, still going
    expect(leavingUrgency(0, -0.25, hFov)).toBeCloseTo(-(1 - 2 / 3), 9); // 2 s to the right edge
    expect(leavingUrgency(0, 0.1, hFov)).toBe(0); // 5 s away: no urgency
  });

  it('safe volume steps are along the camera heading', () => {
    const cam = readCameraView({ position: [0, 1.5, 0], rotation: quatFromPanTiltRollYUp(90, 0, 0, [0, 0, 0, 1]), focalLengthMm: 35, sensorWidthMm: 36, sensorHeightMm: 24 }, createCameraView());
    const input = { safeVolume: { min: [-0.5, 0, -5] as [number, number, number], max: [5, 3, 5] as [number, number, number] } };
    expect(safeAfterStep(input, cam, 1, 0, 0)).toBe(false); // forward is -X after a 90° pan left
    expect(safeAfterStep(input, cam, -1, 0, 0)).toBe(true);
    expect(safeAfterStep({}, cam, 100, 0, 0)).toBe(true);
  });
});
