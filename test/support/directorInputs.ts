// Director inputs shared by the suggestion-source tests.
import type { DirectorInput } from '../../engine/director/DirectorInput.ts';

/** One subject ("ana") 6 m in front of a camera at 1.6 m looking down -Z, a minute into the scene. */
export const ONE_SUBJECT_INPUT: DirectorInput = {
  camera: { position: [0, 1.6, 4], rotation: [0, 0, 0, 1], focalLengthMm: 24, sensorWidthMm: 36, sensorHeightMm: 24 },
  subjects: [{ id: 'ana', position: [0, 1.2, -2], velocity: [0, 0, 0] }],
  pois: [],
  recentMoves: [],
  sceneAgeS: 60,
};
