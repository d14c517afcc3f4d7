import { quatFromPanTiltRollYUp } from '../../../camera-bridge/math/quaternion.ts';
import { describe, expect, it } from 'vitest';
import type { DirectorInput } from '../DirectorInput.ts';
import { MODEL_KINDS } from './modelKinds.ts';
import { encodeFeatures, FEATURE_COUNT, FEATURE_INDEX as F, FEATURE_NAMES, SUBJECT_FEATURE as S } from './features.ts';

/** Camera at (0, 1.5, 3) looking along -Z, 35 mm on a 36 × 24 mm sensor (hFOV = 2·atan(18/35) ≈ 54.4°). */
function simpleInput(): DirectorInput {
  return {
    camera: { position: [0, 1.5, 3], rotation: [0, 0, 0, 1], focalLengthMm: 35, sensorWidthMm: 36, sensorHeightMm: 24 },
    // Straight ahead, 3 m away, walking to camera right at 1 m/s.
    subjects: [{ id: 'ana', position: [0, 1.5, 0], velocity: [1, 0, 0] }],
    // 4 m to the camera's left, at lens height.
    pois: [{ id: 'window', name: 'window', position: [-4, 1.5, 3] }],
    recentMoves: [{ kind: 'pan', endedAgoS: 3, decision: 'accepted' }],
    sceneAgeS: 5,
    safeVolume: { min: [-5, 0.3, -5], max: [5, 3, 3.5] },
  };
}

describe('encodeFeatures', () => {
  it('hand-worked values for a subject straight ahead at 3 m', () => {
    const f = encodeFeatures(simpleInput(), new Float32Array(FEATURE_COUNT));
    const hFov = 2 * Math.atan(18 / 35);
    expect(f[F.cameraHeight]).toBeCloseTo(0.5, 6); // 1.5 m / 3 m
    expect(f[F.cameraSinYaw]).toBeCloseTo(0, 6);
    expect(f[F.cameraCosYaw]).toBeCloseTo(1, 6);
    expect(f[F.hFov]).toBeCloseTo(hFov / Math.PI, 6);
    const s = F.subject0;
    expect(f[s + S.present]).toBe(1);
    expect(f[s + S.bearing]).toBeCloseTo(0, 6);
    expect(f[s + S.elevation]).toBeCloseTo(0, 6);
    expect(f[s + S.distance]).toBeCloseTo(0.5, 6); // 3 / (3 + 3)
    expect(f[s + S.heightFraction]).toBeCloseTo((1.8 * 35) / (3 * 24), 5); // 0.875
    expect(f[s + S.inFrame]).toBe(1);
    expect(f[s + S.lateral]).toBeCloseTo(1 / 1.5, 5); // 1 m/s to the right
    expect(f[s + S.radial]).toBeCloseTo(0, 6);
    // Bearing rate (dz·vx − dx·vz)/r² = (−3·1)/9 = −1/3 rad/s (drifting right), /0.5.
    expect(f[s + S.bearingRate]).toBeCloseTo(-2 / 3, 5);
    // Reaches the right edge (−hFOV/2) in (hFOV/2)/(1/3) s; leaving = −(1 − t/3).
    expect(f[s + S.leaving]).toBeCloseTo(-(1 - (hFov / 2 / (1 / 3)) / 3), 5);
    expect(f[s + S.speed]).toBeCloseTo(Math.tanh(2), 5);
    expect(f[F.subject1 + S.present]).toBe(0);
    expect(f[F.pairPresent]).toBe(0);
    // POI 90° to the left, 4 m, outside the frame.
    expect(f[F.poiPresent]).toBe(1);
    expect(f[F.poiBearing]).toBeCloseTo(0.5, 6);
    expect(f[F.poiInFrame]).toBe(0);
    expect(f[F.poiDistance]).toBeCloseTo(4 / 7, 6);
    expect(f[F.poiSuggestedFraction]).toBeCloseTo(0.4, 6);
    // History: scene 5 s old, a pan accepted 3 s ago.
    expect(f[F.sceneAge]).toBeCloseTo(0.5, 6);
    expect(f[F.sinceLastMove]).toBeCloseTo(0.5, 6);
    expect(f[F.moveRunning]).toBe(0);
    expect(f[F.lastMoveInScene]).toBe(1);
    expect(f[F.lastKind + MODEL_KINDS.indexOf('pan')]).toBe(1);
    expect(f[F.lastDecision + 0]).toBe(1);
    // Safe volume: 1 m back would reach z = 4 > 3.5; every other step fits.
    expect([f[F.safeForward], f[F.safeBack], f[F.safeLeft], f[F.safeRight], f[F.safeUp], f[F.safeDown]]).toEqual([1, 0, 1, 1, 1, 1]);
  });

  it('measures bearings from the camera heading: after a 90° pan left, a subject on the left is straight ahead', () => {
    const input = simpleInput();
    input.camera.rotation = quatFromPanTiltRollYUp(90, 0, 0, [0, 0, 0, 1]);
    input.subjects = [{ id: 'ana', position: [-3, 1.5, 3], velocity: [0, 0, 0] }];
    const f = encodeFeatures(input, new Float32Array(FEATURE_COUNT));
    expect(f[F.subject0 + S.bearing]).toBeCloseTo(0, 6);
    expect(f[F.subject0 + S.inFrame]).toBe(1);
    expect(f[F.cameraSinYaw]).toBeCloseTo(1, 6);
    expect(f[F.poiBearing]).toBeCloseTo(0, 6); // the window is now ahead too
  });

  it('is pure: same input, same vector; the input is untouched; stale values are cleared', () => {
    const input = simpleInput();
    const before = JSON.stringify(input);
    const a = encodeFeatures(input, new Float32Array(FEATURE_COUNT).fill(9));
    const b = encodeFeatures(input, new Float32Array(FEATURE_COUNT));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(JSON.stringify(input)).toBe(before);
    expect(a.every((x) => Number.isFinite(x) && Math.abs(x) <= 1.5)).toBe(true);
  });

  it('has one name per feature and a layout that fills FEATURE_COUNT exactly', () => {
    expect(FEATURE_NAMES).toHaveLength(FEATURE_COUNT);
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_COUNT);
    expect(FEATURE_NAMES[F.safeDown]).toBe('safe.down');
    expect(F.safeDown).toBe(FEATURE_COUNT - 1);
    expect(() => encodeFeatures(simpleInput(), new Float32Array(3))).toThrow(/VP_ERR_FEATURES_LENGTH/);
  });

  it('orders subjects nearest first and describes the pair', () => {
    const input = simpleInput();
    input.subjects = [
      { id: 'far', position: [1, 1.5, -3], velocity: [0, 0, 0] },
      { id: 'near', position: [-1, 1.5, -1], velocity: [0, 0, 0] },
    ];
    const f = encodeFeatures(input, new Float32Array(FEATURE_COUNT));
    expect(f[F.subject0 + S.bearing]).toBeGreaterThan(0); // 'near' is left of centre
    expect(f[F.subject1 + S.bearing]).toBeLessThan(0);
    expect(f[F.pairPresent]).toBe(1);
    expect(f[F.pairSeparation]).toBeCloseTo(Math.hypot(2, 2) / (Math.hypot(2, 2) + 2), 5);
    expect(f[F.pairBothInFrame]).toBe(1);
  });
});
