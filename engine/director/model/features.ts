// Encodes one DirectorInput as the fixed-length feature vector the suggestion model sees (layout below, versioned).
import type { Vec3 } from '../../../camera-bridge/CameraSample.ts';
import type { DecisionKind, DirectorInput } from '../DirectorInput.ts';
import { MODEL_KINDS, modelKindOf } from './modelKinds.ts';
import {
  clamp,
  createCameraView,
  createMotionView,
  createTargetView,
  orbitRoomRad,
  readCameraView,
  safeAfterStep,
  viewMotion,
  viewTarget,
  type CameraView,
} from './sceneGeometry.ts';

/** Bump whenever the layout or a normalisation changes: saved models and recorded decisions carry it. */
export const FEATURE_LAYOUT_VERSION = 1;

/** Distances squash as d / (d + DISTANCE_SCALE_M): 0 at the lens, 0.5 at 3 m, → 1 far away. */
export const DISTANCE_SCALE_M = 3;
/** Scene age squashes as t / (t + SCENE_AGE_SCALE_S): 0.44 at 4 s (the end of a scene start). */
export const SCENE_AGE_SCALE_S = 5;
/** Time since the last move squashes as t / (t + SINCE_MOVE_SCALE_S); no move at all reads 1. */
export const SINCE_MOVE_SCALE_S = 3;
/** Walking speeds are divided by this, m/s (a brisk walk ≈ 1). */
export const SPEED_SCALE_MPS = 1.5;
/** Camera roll is divided by this (about 11°): a dutch angle saturates, a level camera reads 0. */
export const ROLL_SCALE_RAD = 0.2;
/** Bearing rates are divided by this, rad/s. */
export const BEARING_RATE_SCALE_RAD_S = 0.5;
/** Safe-volume flags ask whether a step of this length stays inside, metres. */
export const SAFE_STEP_M = 1;

export const DECISION_KINDS: readonly DecisionKind[] = ['accepted', 'rejected', 'modified', 'human-only'];

/** Values per subject slot (see layout). */
const SUBJECT_STRIDE = 12;

/**
 * Feature layout (index: meaning, range). Angles follow MoveSpec signs: bearing + left (= the pan
 * that would centre it), elevation + up (= the tilt); "camera frame" = the camera's heading for
 * bearings and its optical axis for elevations.
 *
 *  0 camera height above the floor / 3 m                          ~[0, 1.2]
 *  1 sin(camera yaw)  2 cos(camera yaw)                           [-1, 1]
 *  3 camera pitch / (π/2)                                         [-1, 1]
 *  4 camera roll / 0.2 rad, clamped (sensitive around level)      [-1, 1]
 *  5 horizontal field of view / π                                 (0, 1)
 *  6 subject count / 3, clamped                                   [0, 1]
 *  7–18 nearest subject, 19–30 second-nearest (zeros when absent):
 *    +0 present (1/0)
 *    +1 bearing / π                                               [-1, 1]
 *    +2 bearing / half the horizontal FOV, clamped to ±2, / 2     [-1, 1]   (±0.5 = frame edge)
 *    +3 elevation / (π/2)                                         [-1, 1]
 *    +4 distance squashed d / (d + 3 m)                           [0, 1)
 *    +5 frame-height fraction of a 1.8 m subject, clamped         [0, 1.5]
 *    +6 lateral velocity (camera right +) / 1.5 m/s, clamped      [-1.5, 1.5]
 *    +7 radial velocity (away +) / 1.5 m/s, clamped               [-1.5, 1.5]
 *    +8 tanh(speed / 0.5 m/s)                                     [0, 1)
 *    +9 leaving the frame soon (lead room gone), + left / - right [-1, 1]
 *    +10 in frame (1/0)
 *    +11 bearing rate (drift across the frame, + left) / 0.5 rad/s, clamped  [-1, 1]
 * 31 two subjects present (1/0)
 * 32 their separation squashed s / (s + 2 m)                      [0, 1)
 * 33 180° rule: (CCW orbit room - π/2) / (π/2); 0 = square-on,
 *    +1 = the line is just clockwise of the camera (only CCW orbits keep the axis)  [-1, 1]
 * 34 both in frame (1/0)
 * 35 nearest point of interest present (1/0)
 * 36 its bearing / π   37 bearing / half-FOV clamped ±2, / 2   38 elevation / (π/2)
 * 39 distance squashed   40 in frame (1/0)   41 frame-height fraction there, clamped [0, 1.5]
 * 42 its suggested framing (frame-height fraction; 0.4 when unset)
 * 43 scene age squashed t / (t + 5 s)                             [0, 1)
 * 44 time since the last move ended squashed t / (t + 3 s), 1 if none
 * 45 a move is running now (last move endedAgoS = 0 and not rejected) (1/0)
 * 46 the last move belongs to this scene (endedAgoS ≤ scene age) (1/0)
 * 47 there is a last move (1/0)
 * 48–58 last move kind one-hot, MODEL_KINDS order (an aim counts as a pan)
 * 59–62 last decision one-hot: accepted, rejected, modified, human-only
 * 63–68 the safe volume allows a 1 m step forward, back, left, right, up, down (1/0; 1 without a volume)
 */
export const FEATURE_INDEX = {
  cameraHeight: 0,
  cameraSinYaw: 1,
  cameraCosYaw: 2,
  cameraPitch: 3,
  cameraRoll: 4,
  hFov: 5,
  subjectCount: 6,
  subject0: 7,
  subject1: 7 + SUBJECT_STRIDE,
  pairPresent: 31,
  pairSeparation: 32,
  pairOrbitSide: 33,
  pairBothInFrame: 34,
  poiPresent: 35,
  poiBearing: 36,
  poiBearingInFov: 37,
  poiElevation: 38,
  poiDistance: 39,
  poiInFrame: 40,
  poiHeightFraction: 41,
  poiSuggestedFraction: 42,
  sceneAge: 43,
  sinceLastMove: 44,
  moveRunning: 45,
  lastMoveInScene: 46,
  hasLastMove: 47,
  lastKind: 48,
  lastDecision: 59,
  safeForward: 63,
  safeBack: 64,
  safeLeft: 65,
  safeRight: 66,
  safeUp: 67,
  safeDown: 68,
} as const;

/** Offsets inside a subject slot. */
export const SUBJECT_FEATURE = {
  present: 0,
  bearing: 1,
  bearingInFov: 2,
  elevation: 3,
  distance: 4,
  heightFraction: 5,
  lateral: 6,
  radial: 7,
  speed: 8,
  leaving: 9,
  inFrame: 10,
  bearingRate: 11,
} as const;

export const FEATURE_COUNT = 69;

/** Human-readable names, index-aligned with the vector (for meta.json, debugging and tests). */
export const FEATURE_NAMES: readonly string[] = buildFeatureNames();

const DEFAULT_POI_FRACTION = 0.4;
const MAX_HEIGHT_FRACTION = 1.5;

const _cam: CameraView = createCameraView(),
  _view = createTargetView(), // the subject or POI being encoded
  _motion = createMotionView(), // that subject's motion in the camera frame
  _view2 = createTargetView(), // the second subject, for the pair block
  _nearest = new Int32Array(2); // indices of the two nearest subjects

/**
 * Write the features of `input` into `out` (length ≥ FEATURE_COUNT) and return it. Pure: the
 * result depends only on `input`; allocates nothing.
 */
export function encodeFeatures(input: DirectorInput, out: Float32Array): Float32Array {
  if (out.length < FEATURE_COUNT) throw new RangeError(`VP_ERR_FEATURES_LENGTH: need ${FEATURE_COUNT} floats, got ${out.length}`);
  out.fill(0, 0, FEATURE_COUNT);
  const cam = readCameraView(input.camera, _cam);

  out[FEATURE_INDEX.cameraHeight] = cam.position[1] / 3;
  out[FEATURE_INDEX.cameraSinYaw] = Math.sin(cam.yawRad);
  out[FEATURE_INDEX.cameraCosYaw] = Math.cos(cam.yawRad);
  out[FEATURE_INDEX.cameraPitch] = cam.pitchRad / (Math.PI / 2);
  out[FEATURE_INDEX.cameraRoll] = clamp(cam.rollRad / ROLL_SCALE_RAD, -1, 1);
  out[FEATURE_INDEX.hFov] = cam.hFovRad / Math.PI;
  out[FEATURE_INDEX.subjectCount] = Math.min(input.subjects.length / 3, 1);

  // Two nearest subjects without sorting (no allocation).
  twoNearest(input, cam.position, _nearest);
  const i0 = _nearest[0] as number;
  const i1 = _nearest[1] as number;
  const s0 = i0 >= 0 ? input.subjects[i0] : undefined;
  const s1 = i1 >= 0 ? input.subjects[i1] : undefined;
  if (s0) encodeSubject(cam, s0.position, s0.velocity, out, FEATURE_INDEX.subject0);
  if (s1) encodeSubject(cam, s1.position, s1.velocity, out, FEATURE_INDEX.subject1);

  if (s0 && s1) {
    const sep = Math.hypot(s0.position[0] - s1.position[0], s0.position[2] - s1.position[2]);
    const room = orbitRoomRad(cam.position, s0.position, s1.position);
    out[FEATURE_INDEX.pairPresent] = 1;
    out[FEATURE_INDEX.pairSeparation] = sep / (sep + 2);
    out[FEATURE_INDEX.pairOrbitSide] = (room.ccwRad - Math.PI / 2) / (Math.PI / 2);
    viewTarget(cam, s1.position, _view2);
    out[FEATURE_INDEX.pairBothInFrame] = out[FEATURE_INDEX.subject0 + SUBJECT_FEATURE.inFrame] === 1 && _view2.inFrame ? 1 : 0;
  }

  const poiIndex = nearestPoiIndex(input, cam.position);
  const poi = poiIndex >= 0 ? input.pois[poiIndex] : undefined;
  if (poi) {
    const v = viewTarget(cam, poi.position, _view);
    out[FEATURE_INDEX.poiPresent] = 1;
    out[FEATURE_INDEX.poiBearing] = v.bearingRad / Math.PI;
    out[FEATURE_INDEX.poiBearingInFov] = clamp(v.bearingRad / (cam.hFovRad / 2), -2, 2) / 2;
    out[FEATURE_INDEX.poiElevation] = v.elevationRad / (Math.PI / 2);
    out[FEATURE_INDEX.poiDistance] = v.distanceM / (v.distanceM + DISTANCE_SCALE_M);
    out[FEATURE_INDEX.poiInFrame] = v.inFrame ? 1 : 0;
    out[FEATURE_INDEX.poiHeightFraction] = clamp(v.heightFraction, 0, MAX_HEIGHT_FRACTION);
    out[FEATURE_INDEX.poiSuggestedFraction] = poi.suggestedSubjectHeightFraction ?? DEFAULT_POI_FRACTION;
  }

  const age = Math.max(0, input.sceneAgeS);
  out[FEATURE_INDEX.sceneAge] = age / (age + SCENE_AGE_SCALE_S);
  const last = input.recentMoves[0];
  if (last) {
    const ago = Math.max(0, last.endedAgoS);
    out[FEATURE_INDEX.sinceLastMove] = ago / (ago + SINCE_MOVE_SCALE_S);
    out[FEATURE_INDEX.moveRunning] = ago === 0 && last.decision !== 'rejected' ? 1 : 0;
    out[FEATURE_INDEX.lastMoveInScene] = ago <= age ? 1 : 0;
    out[FEATURE_INDEX.hasLastMove] = 1;
    out[FEATURE_INDEX.lastKind + MODEL_KINDS.indexOf(modelKindOf(last.kind))] = 1;
    const d = DECISION_KINDS.indexOf(last.decision);
    if (d >= 0) out[FEATURE_INDEX.lastDecision + d] = 1;
  } else {
    out[FEATURE_INDEX.sinceLastMove] = 1;
  }

  out[FEATURE_INDEX.safeForward] = safeAfterStep(input, cam, SAFE_STEP_M, 0, 0) ? 1 : 0;
  out[FEATURE_INDEX.safeBack] = safeAfterStep(input, cam, -SAFE_STEP_M, 0, 0) ? 1 : 0;
  out[FEATURE_INDEX.safeLeft] = safeAfterStep(input, cam, 0, -SAFE_STEP_M, 0) ? 1 : 0;
  out[FEATURE_INDEX.safeRight] = safeAfterStep(input, cam, 0, SAFE_STEP_M, 0) ? 1 : 0;
  out[FEATURE_INDEX.safeUp] = safeAfterStep(input, cam, 0, 0, SAFE_STEP_M) ? 1 : 0;
  out[FEATURE_INDEX.safeDown] = safeAfterStep(input, cam, 0, 0, -SAFE_STEP_M) ? 1 : 0;
  return out;
}

/** Indices of the nearest and second-nearest subjects to `from` into `out` (-1 where absent); ties keep input order. */
export function twoNearest(input: Pick<DirectorInput, 'subjects'>, from: Readonly<Vec3>, out: Int32Array): Int32Array {
  let i0 = -1;
  let i1 = -1;
  let d0 = Infinity;
  let d1 = Infinity;
  for (let i = 0; i < input.subjects.length; i++) {
    const p = (input.subjects[i] as DirectorInput['subjects'][number]).position;
    const d = Math.hypot(p[0] - from[0], p[1] - from[1], p[2] - from[2]);
    if (d < d0) {
      i1 = i0;
      d1 = d0;
      i0 = i;
      d0 = d;
    } else if (d < d1) {
      i1 = i;
      d1 = d;
    }
  }
  out[0] = i0;
  out[1] = i1;
  return out;
}

/** Index of the point of interest nearest to `from`, -1 when there is none. */
export function nearestPoiIndex(input: Pick<DirectorInput, 'pois'>, from: Readonly<Vec3>): number {
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < input.pois.length; i++) {
    const p = (input.pois[i] as DirectorInput['pois'][number]).position;
    const d = Math.hypot(p[0] - from[0], p[1] - from[1], p[2] - from[2]);
    if (d < bestD) {
      best = i;
      bestD = d;
    }
  }
  return best;
}

function encodeSubject(cam: CameraView, position: Readonly<Vec3>, velocity: Readonly<Vec3>, out: Float32Array, base: number): void {
  const v = viewTarget(cam, position, _view);
  const m = viewMotion(cam, position, velocity, v, _motion);
  out[base + SUBJECT_FEATURE.present] = 1;
  out[base + SUBJECT_FEATURE.bearing] = v.bearingRad / Math.PI;
  out[base + SUBJECT_FEATURE.bearingInFov] = clamp(v.bearingRad / (cam.hFovRad / 2), -2, 2) / 2;
  out[base + SUBJECT_FEATURE.elevation] = v.elevationRad / (Math.PI / 2);
  out[base + SUBJECT_FEATURE.distance] = v.distanceM / (v.distanceM + DISTANCE_SCALE_M);
  out[base + SUBJECT_FEATURE.heightFraction] = clamp(v.heightFraction, 0, MAX_HEIGHT_FRACTION);
  out[base + SUBJECT_FEATURE.lateral] = clamp(m.lateralMps / SPEED_SCALE_MPS, -1.5, 1.5);
  out[base + SUBJECT_FEATURE.radial] = clamp(m.radialMps / SPEED_SCALE_MPS, -1.5, 1.5);
  out[base + SUBJECT_FEATURE.speed] = Math.tanh(m.speedMps / 0.5);
  out[base + SUBJECT_FEATURE.leaving] = m.leaving;
  out[base + SUBJECT_FEATURE.inFrame] = v.inFrame ? 1 : 0;
  out[base + SUBJECT_FEATURE.bearingRate] = clamp(m.bearingRateRadS / BEARING_RATE_SCALE_RAD_S, -1, 1);
}

function buildFeatureNames(): string[] {
  const names: string[] = ['camera.height', 'camera.sinYaw', 'camera.cosYaw', 'camera.pitch', 'camera.roll', 'camera.hFov', 'subjects.count'];
  for (const slot of ['subject0', 'subject1']) {
    for (const key of Object.keys(SUBJECT_FEATURE)) names.push(`${slot}.${key}`);
  }
  names.push('pair.present', 'pair.separation', 'pair.orbitSide', 'pair.bothInFrame');
  names.push('poi.present', 'poi.bearing', 'poi.bearingInFov', 'poi.elevation', 'poi.distance', 'poi.inFrame', 'poi.heightFraction', 'poi.suggestedFraction');
  names.push('scene.age', 'scene.sinceLastMove', 'scene.moveRunning', 'scene.lastMoveInScene', 'scene.hasLastMove');
  for (const k of MODEL_KINDS) names.push(`lastKind.${k}`);
  for (const d of DECISION_KINDS) names.push(`lastDecision.${d}`);
  names.push('safe.forward', 'safe.back', 'safe.left', 'safe.right', 'safe.up', 'safe.down');
  return names;
}
