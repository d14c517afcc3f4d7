// The AI keeps the hero camera out of the other cameras' shots: the sphere-in-view test by hand, a path check, and
// suggestions over generated situations with a B camera watching the action from the side.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from '../../../camera-bridge/CameraSample.ts';
import { quatFromPanTiltRollYUp } from '../../../camera-bridge/math/quaternion.ts';
import type { MoveSpec } from '../../protocol/MoveSpec.ts';
import type { DirectorCamera, DirectorInput } from '../DirectorInput.ts';
import { generateSituations } from '../training/shotGrammar.ts';
import { initTfBackend } from './backend.ts';
import { sphereInView } from './framePosition.ts';
import { pathClearOfOtherCameras } from './framingPromise.ts';
import { DEFAULT_MODEL_DIR } from './ModelSuggestionSource.ts';
import { readSituation } from './readSituation.ts';
import { suggestMoves, targetPosition } from './suggest.ts';
import { SuggestionModel } from './SuggestionModel.ts';

const LOOK_DOWN_MINUS_Z: Quat = [0, 0, 0, 1];

function lookingAt(id: string, from: Vec3, at: Readonly<Vec3>, focalLengthMm: number): DirectorCamera {
  const dx = at[0] - from[0], dy = at[1] - from[1], dz = at[2] - from[2];
  const panDeg = (Math.atan2(-dx, -dz) * 180) / Math.PI;
  const tiltDeg = (Math.atan2(dy, Math.hypot(dx, dz)) * 180) / Math.PI;
  return { id, position: from, rotation: quatFromPanTiltRollYUp(panDeg, tiltDeg, 0, [0, 0, 0, 1]), focalLengthMm, sensorWidthMm: 36, sensorHeightMm: 24 };
}

describe('sphereInView', () => {
  it('counts a sphere within its radius of the frame edge as in view (hand-worked: 0.358 m outside at depth 4)', () => {
    // 36 mm on 36 × 24 mm: tan(hFov/2) = 0.5; at depth 4 the frame spans |x| ≤ 2; (2.4, 0, -4) is 0.4/√1.25 ≈ 0.358 m out.
    expect(sphereInView([0, 0, 0], LOOK_DOWN_MINUS_Z, [2.4, 0, -4], 0.5, 36, 36, 24)).toBe(true);
    expect(sphereInView([0, 0, 0], LOOK_DOWN_MINUS_Z, [2.4, 0, -4], 0.3, 36, 36, 24)).toBe(false);
    expect(sphereInView([0, 0, 0], LOOK_DOWN_MINUS_Z, [0, 0, -4], 0, 36, 36, 24)).toBe(true);
    // Behind the lens, or beside it, never in the shot.
    expect(sphereInView([0, 0, 0], LOOK_DOWN_MINUS_Z, [0, 0, 2], 0.6, 36, 36, 24)).toBe(false);
    expect(sphereInView([0, 0, 0], LOOK_DOWN_MINUS_Z, [3, 0, 0], 0.6, 36, 36, 24)).toBe(false);
  });
});

describe('pathClearOfOtherCameras', () => {
  // Hero at (0, 1.6, 4) looking down -Z; B at (3, 1.6, 2) looking down -X on 50 mm (tan(hFov/2) = 0.36).
  const b = lookingAt('cam-b', [3, 1.6, 2], [0, 1.6, 2], 50);
  const input = (others: DirectorCamera[]): DirectorInput => ({
    camera: { position: [0, 1.6, 4], rotation: LOOK_DOWN_MINUS_Z, focalLengthMm: 35, sensorWidthMm: 36, sensorHeightMm: 24 },
    subjects: [],
    pois: [],
    recentMoves: [],
    sceneAgeS: 30,
    otherCameras: others,
  });
  const dolly = (distanceM: number): MoveSpec => ({ kind: 'dolly', distanceM, durationS: 3, easing: 'ease-in-out' });

  it('refuses a dolly that ends in B\'s shot, allows one that stays out and any move without other cameras', () => {
    // 2 m in ends at (0, 1.6, 2), 3 m straight in front of B. Lateral 2 m at the start is (2 - 1.08)/√1.13 ≈ 0.87 m outside.
    expect(pathClearOfOtherCameras(dolly(2), input([b]))).toBe(false);
    // 0.25 m in: lateral 1.75 m, (1.75 - 1.08)/√1.13 ≈ 0.63 m outside, beyond the 0.6 m rig radius.
    expect(pathClearOfOtherCameras(dolly(0.25), input([b]))).toBe(true);
    expect(pathClearOfOtherCameras(dolly(2), input([]))).toBe(true);
  });

  it('does not hold a camera that already sees the hero against the move', () => {
    const watching = lookingAt('cam-c', [3, 1.6, 4], [0, 1.6, 4], 50);
    expect(pathClearOfOtherCameras(dolly(2), input([watching]))).toBe(true);
  });
});

describe('suggestMoves with a B camera watching from the side', () => {
  let model: SuggestionModel;
  beforeAll(async () => {
    await initTfBackend();
    model = await SuggestionModel.load(DEFAULT_MODEL_DIR);
  });
  afterAll(() => model.dispose());

  it('never drives the hero into B\'s shot, where without B some suggestions would', () => {
    let withoutBIntoShot = 0;
    let suggestions = 0;
    for (const { input } of generateSituations(300, 4242)) {
      const subject = input.subjects[0]?.position ?? input.pois[0]?.position;
      if (!subject) continue;
      const cam = input.camera.position;
      const mid: Vec3 = [(cam[0] + subject[0]) / 2, (cam[1] + subject[1]) / 2, (cam[2] + subject[2]) / 2];
      // 2.5 m to the side of the middle of the hero-to-subject line, looking at its middle, on 50 mm.
      const dx = subject[0] - cam[0], dz = subject[2] - cam[2];
      const len = Math.hypot(dx, dz) || 1;
      const b = lookingAt('cam-b', [mid[0] + (2.5 * -dz) / len, 1.6, mid[2] + (2.5 * dx) / len], mid, 50);
      const withB: DirectorInput = { ...input, otherCameras: [b] };
      const r = readSituation(withB);
      for (const s of suggestMoves(model, withB, { count: 3 })) {
        suggestions++;
        expect(pathClearOfOtherCameras(s.params, withB, targetPosition(s.params.target ?? null, r))).toBe(true);
      }
      for (const s of suggestMoves(model, input, { count: 3 })) if (!pathClearOfOtherCameras(s.params, withB, targetPosition(s.params.target ?? null, r))) withoutBIntoShot++;
    }
    expect(suggestions).toBeGreaterThan(300);
    expect(withoutBIntoShot).toBeGreaterThan(0);
  });
});
