// Held-out situations on the shipped demo scenes: their real points of interest and camera marks, the demo stage's
// safe volume and camera, talent on the stage floor. `npm run eval` judges outcomes on these as well as on the
// generated stages, so the figures hold for the sets a user actually opens.
import type { Quat, Vec3 } from '../../../camera-bridge/CameraSample.ts';
import { quatFromPanTiltRollYUp } from '../../../camera-bridge/math/quaternion.ts';
import type { SceneManifest } from '../../protocol/SceneManifest.ts';
import type { DirectorInput, DirectorSubject, RecentMove } from '../DirectorInput.ts';
import { azimuthRad } from '../model/sceneGeometry.ts';
import { MODEL_KINDS } from '../model/modelKinds.ts';
import { SeededRandom } from './SeededRandom.ts';

export interface SceneStage {
  safeVolume: { min: Vec3; max: Vec3 };
  sensorWidthMm: number;
  sensorHeightMm: number;
  /** Where talent stands, x and z ranges on the floor, metres. */
  floor: { minX: number; maxX: number; minZ: number; maxZ: number };
}

const RAD2DEG = 180 / Math.PI;
const FOCAL_LENGTHS_MM = [18, 24, 28, 35, 40, 50, 65];
const NAMES = ['Ana', 'Ben', 'Chloe', 'Dev'];
/** Tracked talent positions are at chest height, as body trackers (and the training set) report them. */
const CHEST_HEIGHT_M = 1.2;

/** `count` situations on `scene` from `seed`; the same arguments give the same list. */
export function sceneSituations(scene: SceneManifest, stage: SceneStage, count: number, seed: number): DirectorInput[] {
  const rng = new SeededRandom(seed);
  const out: DirectorInput[] = [];
  for (let i = 0; i < count; i++) out.push(sceneSituation(scene, stage, rng));
  return out;
}

function sceneSituation(scene: SceneManifest, stage: SceneStage, rng: SeededRandom): DirectorInput {
  const sv = stage.safeVolume;
  const mark = scene.cameraMarks.length > 0 && rng.chance(0.7) ? rng.pick(scene.cameraMarks) : undefined;
  // From a camera mark, nudged as an operator would; else anywhere in the safe volume, looking at the set.
  const position: Vec3 = mark
    ? [clampTo(mark.position[0] + rng.normal(0, 0.5), sv.min[0], sv.max[0]), clampTo(mark.position[1] + rng.normal(0, 0.2), sv.min[1], sv.max[1]), clampTo(mark.position[2] + rng.normal(0, 0.5), sv.min[2], sv.max[2])]
    : [rng.uniform(sv.min[0], sv.max[0]), rng.uniform(Math.max(sv.min[1], 0.8), Math.min(sv.max[1], 2.5)), rng.uniform(sv.min[2], sv.max[2])];
  const lookAt: Vec3 = mark?.lookAt ?? [rng.uniform(-3, 3), rng.uniform(1, 2), stage.floor.minZ - 3];

  const subjects: DirectorSubject[] = [];
  const people = rng.weighted([0.25, 0.4, 0.25, 0.1]);
  for (let i = 0; i < people; i++) {
    const f = stage.floor;
    const walking = rng.chance(0.4);
    const dir = rng.uniform(0, 2 * Math.PI);
    const speed = walking ? rng.uniform(0.5, 1.4) : rng.uniform(0, 0.1);
    subjects.push({
      id: `${NAMES[i]}-${i + 1}`,
      position: [rng.uniform(f.minX, f.maxX), CHEST_HEIGHT_M + rng.normal(0, 0.05), rng.uniform(f.minZ, f.maxZ)],
      velocity: [Math.cos(dir) * speed, 0, Math.sin(dir) * speed],
    });
  }
  // Aimed at the mark's look-at point, or at someone, with the slop of a hand-held frame.
  const aim = !mark && subjects[0] && rng.chance(0.6) ? subjects[0].position : lookAt;
  const dx = aim[0] - position[0], dy = aim[1] - position[1], dz = aim[2] - position[2];
  const yawRad = azimuthRad(dx, dz) + rng.normal(0, 0.3);
  const pitchRad = Math.atan2(dy, Math.hypot(dx, dz)) + rng.normal(0, 0.08);
  const rotation: Quat = quatFromPanTiltRollYUp(yawRad * RAD2DEG, pitchRad * RAD2DEG, 0, [0, 0, 0, 1]);

  const sceneAgeS = rng.chance(0.2) ? rng.uniform(0, 5) : rng.uniform(5, 300);
  const recentMoves: RecentMove[] = rng.chance(0.6) ? [{ kind: rng.pick(MODEL_KINDS), endedAgoS: rng.uniform(0, 60), decision: 'accepted' }] : [];
  return {
    camera: { position, rotation, focalLengthMm: mark?.focalLengthMm ?? rng.pick(FOCAL_LENGTHS_MM), sensorWidthMm: stage.sensorWidthMm, sensorHeightMm: stage.sensorHeightMm },
    subjects,
    pois: scene.pointsOfInterest.map((p) => ({ ...p, position: [...p.position] as Vec3 })),
    recentMoves,
    sceneAgeS,
    safeVolume: { min: [...sv.min], max: [...sv.max] },
  };
}

function clampTo(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
