import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseSceneManifest } from '../../protocol/SceneManifest.ts';
import { sceneSituations, type SceneStage } from './sceneSituations.ts';

const STAGE: SceneStage = { safeVolume: { min: [-4, 0.3, -2], max: [4, 3.5, 6] }, sensorWidthMm: 24.89, sensorHeightMm: 18.66, floor: { minX: -3.5, maxX: 3.5, minZ: -3, maxZ: 2 } };

describe('sceneSituations', () => {
  it('puts the camera inside the safe volume, talent on the floor, and the scene\'s own points of interest in every situation', async () => {
    const scene = parseSceneManifest(JSON.parse(await readFile('scenes/studio-talk-show.json', 'utf8')), 'studio-talk-show.json');
    const inputs = sceneSituations(scene, STAGE, 200, 7);
    expect(sceneSituations(scene, STAGE, 200, 7)).toEqual(inputs); // seeded
    for (const input of inputs) {
      for (let k = 0; k < 3; k++) {
        expect(input.camera.position[k]).toBeGreaterThanOrEqual(STAGE.safeVolume.min[k]!);
        expect(input.camera.position[k]).toBeLessThanOrEqual(STAGE.safeVolume.max[k]!);
      }
      expect(Math.hypot(...input.camera.rotation)).toBeCloseTo(1, 9);
      expect(input.pois.map((p) => p.id)).toEqual(scene.pointsOfInterest.map((p) => p.id));
      for (const s of input.subjects) expect(s.position[2]).toBeLessThanOrEqual(STAGE.floor.maxZ);
    }
    // The camera marks are used: most situations start within a metre or two of one.
    const nearMark = inputs.filter((i) => scene.cameraMarks.some((m) => Math.hypot(...m.position.map((v, k) => v - i.camera.position[k]!)) < 2)).length;
    expect(nearMark).toBeGreaterThan(100);
  });
});
