// Generates labelled training situations: random stages, cameras, subjects and points of interest, labelled by the expert director.
import type { Quat, Vec3 } from '../../../camera-bridge/CameraSample.ts';
import { quatFromPanTiltRollYUp } from '../../../camera-bridge/math/quaternion.ts';
import type { DecisionKind, DirectorInput, DirectorSubject, PointOfInterest, RecentMove } from '../DirectorInput.ts';
import { MODEL_KINDS, type ModelKind } from '../model/modelKinds.ts';
import type { MoveLabel } from '../model/moveParams.ts';
import { SCENE_START_S } from '../model/readSituation.ts';
import { azimuthRad } from '../model/sceneGeometry.ts';
import { expertDirector } from './expertDirector.ts';
import { SeededRandom } from './SeededRandom.ts';

export interface LabelledSituation {
  input: DirectorInput;
  label: MoveLabel;
}

const RAD2DEG = 180 / Math.PI;

/** Common cinema lenses, mm. */
const FOCAL_LENGTHS_MM = [18, 21, 24, 28, 32, 35, 40, 50, 65, 85];
/** Wider lenses are commoner on a volume (the wall must stay out of focus). */
const FOCAL_WEIGHTS = [2, 2, 3, 3, 2, 2, 1.5, 1, 0.5, 0.5];
/** Sensor sizes (width, height), mm: full frame, Super 35 (4:3 and 16:9), large format 16:9. */
const SENSORS_MM: readonly [number, number][] = [
  [36, 24],
  [24.89, 18.66],
  [23.76, 13.37],
  [36.7, 25.54],
];
const POI_NAMES = ['window', 'doorway', 'desk', 'staircase', 'balcony', 'fireplace', 'car', 'console', 'painting', 'altar', 'bar', 'piano'];
const SUBJECT_NAMES = ['Ana', 'Ben', 'Chloe', 'Dev', 'Eli', 'Fay'];
const DECISIONS: readonly DecisionKind[] = ['accepted', 'rejected', 'modified', 'human-only'];

type Motion = 'still' | 'lateral' | 'approach' | 'recede' | 'wander';

/** `count` situations from `seed`; the same seed always gives the same list. */
export function generateSituations(count: number, seed: number): LabelledSituation[] {
  const rng = new SeededRandom(seed);
  const out: LabelledSituation[] = [];
  for (let i = 0; i < count; i++) out.push(generateSituation(rng));
  return out;
}

/** One random situation and the expert's label for it (advances `rng`). */
export function generateSituation(rng: SeededRandom): LabelledSituation {
  const input = randomDirectorInput(rng);
  return { input, label: expertDirector(input, rng) };
}

/**
 * A random but plausible moment on an LED volume. The distributions over-sample the situations
 * the grammar cares about (scene starts, walkers, pairs, points of interest out of frame).
 * Subject positions are at chest height (1.0–1.4 m above their floor), as body trackers report.
 */
export function randomDirectorInput(rng: SeededRandom): DirectorInput {
  // Stage: floor x ∈ [-w/2, w/2], z ∈ [-d/2, d/2], main wall at -z.
  const w = rng.uniform(8, 16);
  const d = rng.uniform(6, 12);
  const safeVolume = rng.chance(0.75)
    ? { min: [-w / 2 + 1, 0.3, -d / 2 + 1.5] as Vec3, max: [w / 2 - 1, rng.uniform(2.5, 4), d / 2 - 0.5] as Vec3 }
    : undefined;

  const [sensorWidthMm, sensorHeightMm] = rng.pick(SENSORS_MM);
  const focalLengthMm = FOCAL_LENGTHS_MM[rng.weighted(FOCAL_WEIGHTS)] ?? 35;
  const hFov = 2 * Math.atan(sensorWidthMm / (2 * focalLengthMm));
  const heightRoll = rng.next();
  const camH = heightRoll < 0.2 ? rng.uniform(0.6, 1.2) : heightRoll < 0.8 ? rng.uniform(1.2, 2.0) : rng.uniform(2.0, 3.2);
  const camPos: Vec3 = [rng.uniform(-w / 2 + 1, w / 2 - 1), camH, rng.uniform(-d / 2 + 2.5, d / 2 - 0.3)];

  // Heading: roughly towards the main wall; the first subject (or POI) is placed relative to it.
  let yaw = rng.normal(0, 0.5);
  const subjectCount = rng.weighted([0.2, 0.42, 0.32, 0.06]);
  const subjects: DirectorSubject[] = [];
  for (let i = 0; i < subjectCount; i++) {
    const pairWith = subjects[0];
    let pos: Vec3;
    if (i === 1 && pairWith && rng.chance(0.55)) {
      // A conversation partner 0.8–3 m away.
      const a = rng.uniform(0, 2 * Math.PI);
      const sep = rng.uniform(0.8, 3);
      pos = [pairWith.position[0] + Math.cos(a) * sep, pairWith.position[1] + rng.normal(0, 0.05), pairWith.position[2] + Math.sin(a) * sep];
    } else {
      const dist = Math.exp(rng.uniform(Math.log(2), Math.log(12)));
      const inFrame = rng.chance(0.72);
      const bearing = inFrame ? Math.max(-0.92, Math.min(0.92, rng.normal(0, 0.4))) * (hFov / 2) : rng.sign() * rng.uniform(hFov / 2, hFov / 2 + 1.2);
      const az = yaw + bearing;
      const floor = rng.chance(0.1) ? rng.uniform(0.4, 1.5) : 0;
      pos = [camPos[0] - Math.sin(az) * dist, floor + rng.uniform(1.0, 1.4), camPos[2] - Math.cos(az) * dist];
    }
    const motion: Motion = i === 1 && pairWith && rng.chance(0.5) ? 'still' : pickMotion(rng);
    subjects.push({ id: rng.pick(SUBJECT_NAMES) + '-' + (i + 1), position: pos, velocity: randomVelocity(rng, motion, camPos, pos) });
  }

  const poiCount = rng.weighted([0.25, 0.35, 0.25, 0.15]);
  const pois: PointOfInterest[] = [];
  for (let i = 0; i < poiCount; i++) {
    const high = rng.chance(0.2);
    const name = rng.pick(POI_NAMES);
    const poi: PointOfInterest = {
      id: `poi-${name}-${i + 1}`,
      name,
      position: [rng.uniform(-w / 2, w / 2), high ? rng.uniform(2.5, 4) : rng.uniform(0.5, 2.5), rng.uniform(-d / 2, d / 2)],
    };
    if (rng.chance(0.6)) poi.suggestedSubjectHeightFraction = rng.uniform(0.25, 0.7);
    pois.push(poi);
  }

  // Aim: at the first subject, else now and then at a POI, with operator slop.
  const aim = subjects[0]?.position ?? (pois[0] && rng.chance(0.7) ? pois[0].position : undefined);
  let pitch = rng.normal(-0.05, 0.08);
  if (aim) {
    const dx = aim[0] - camPos[0];
    const dz = aim[2] - camPos[2];
    if (subjects.length === 0) yaw = azimuthRad(dx, dz) + rng.normal(0, 0.2) * (rng.chance(0.6) ? 1 : 3);
    pitch = Math.atan2(aim[1] - camPos[1], Math.hypot(dx, dz)) + rng.normal(0, 0.05);
    if (rng.chance(0.12)) pitch += rng.sign() * rng.uniform(0.25, 0.45);
  }
  const rollPick = rng.next();
  const roll = rollPick < 0.88 ? 0 : rollPick < 0.95 ? rng.normal(0, 0.015) : rng.sign() * rng.uniform(0.07, 0.2);
  const rotation: Quat = quatFromPanTiltRollYUp(yaw * RAD2DEG, pitch * RAD2DEG, roll * RAD2DEG, [0, 0, 0, 1]);

  const sceneAgeS = rng.chance(0.2) ? rng.uniform(0, SCENE_START_S) : Math.exp(rng.uniform(Math.log(SCENE_START_S), Math.log(300)));
  const recentMoves = randomRecentMoves(rng, sceneAgeS);

  const input: DirectorInput = {
    camera: { position: camPos, rotation, focalLengthMm, sensorWidthMm, sensorHeightMm },
    subjects,
    pois,
    recentMoves,
    sceneAgeS,
  };
  if (safeVolume) input.safeVolume = safeVolume;
  return input;
}

function pickMotion(rng: SeededRandom): Motion {
  const i = rng.weighted([0.45, 0.2, 0.12, 0.12, 0.11]);
  return (['still', 'lateral', 'approach', 'recede', 'wander'] as const)[i] ?? 'still';
}

function randomVelocity(rng: SeededRandom, motion: Motion, camPos: Readonly<Vec3>, pos: Readonly<Vec3>): Vec3 {
  if (motion === 'still') {
    const a = rng.uniform(0, 2 * Math.PI);
    const s = rng.uniform(0, 0.1);
    return [Math.cos(a) * s, 0, Math.sin(a) * s];
  }
  const dx = pos[0] - camPos[0];
  const dz = pos[2] - camPos[2];
  const away = Math.atan2(dz, dx); // direction from the camera to the subject, in atan2(z, x) form
  let dir: number;
  let speed = rng.uniform(0.6, 1.6);
  switch (motion) {
    case 'lateral':
      dir = away + rng.sign() * Math.PI / 2 + rng.normal(0, 0.2);
      break;
    case 'approach':
      dir = away + Math.PI + rng.normal(0, 0.3);
      speed = rng.uniform(0.5, 1.6);
      break;
    case 'recede':
      dir = away + rng.normal(0, 0.3);
      speed = rng.uniform(0.5, 1.6);
      break;
    case 'wander':
      dir = rng.uniform(0, 2 * Math.PI);
      speed = rng.uniform(0.3, 1.5);
      break;
  }
  return [Math.cos(dir) * speed, 0, Math.sin(dir) * speed];
}

function randomRecentMoves(rng: SeededRandom, sceneAgeS: number): RecentMove[] {
  const n = rng.weighted([0.3, 0.35, 0.2, 0.15]);
  const moves: RecentMove[] = [];
  let ago: number;
  const r = rng.next();
  if (sceneAgeS < SCENE_START_S && rng.chance(0.7)) ago = sceneAgeS + rng.uniform(0.5, 30); // last scene's move
  else ago = r < 0.12 ? 0 : r < 0.37 ? rng.uniform(0, SCENE_START_S - 1) : r < 0.62 ? rng.uniform(3, 10) : rng.uniform(10, 90);
  for (let i = 0; i < n; i++) {
    moves.push({ kind: rng.pick(MODEL_KINDS) as ModelKind, endedAgoS: ago, decision: pickDecision(rng) });
    ago += rng.uniform(3, 40);
  }
  return moves;
}

function pickDecision(rng: SeededRandom): DecisionKind {
  return DECISIONS[rng.weighted([0.55, 0.2, 0.15, 0.1])] ?? 'accepted';
}
