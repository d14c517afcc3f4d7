// One reading of a DirectorInput in camera terms (subjects, pair, point of interest, volume limits, history), for rules and rationales.
import type { Vec3 } from '../../../camera-bridge/CameraSample.ts';
import type { DirectorInput, DirectorSubject, PointOfInterest } from '../DirectorInput.ts';
import {
  createCameraView,
  createMotionView,
  createTargetView,
  readCameraView,
  safeAfterStep,
  viewMotion,
  viewTarget,
  type CameraView,
  type MotionView,
  type TargetView,
} from './sceneGeometry.ts';

/** Subjects slower than this count as standing still, m/s. */
export const STILL_SPEED_MPS = 0.35;
/** Scene start: reveals belong to the first seconds of a scene. */
export const SCENE_START_S = 4;
/** After a move ends, a director lets the shot breathe this long before stacking another, s. */
export const SETTLE_S = 3;
/** Two subjects closer than this form a pair (two-shot, 180° line), metres. */
export const PAIR_MAX_SEPARATION_M = 5;

export interface SubjectReading {
  subject: DirectorSubject;
  view: TargetView;
  motion: MotionView;
  moving: boolean;
}

export interface PoiReading {
  poi: PointOfInterest;
  view: TargetView;
}

export interface SituationReading {
  input: DirectorInput;
  cam: CameraView;
  /** Nearest and second-nearest subjects (the two the model sees). */
  s0: SubjectReading | undefined;
  s1: SubjectReading | undefined;
  /** All subjects, nearest first. */
  subjects: SubjectReading[];
  /** Nearest point of interest, and all of them nearest first. */
  poi: PoiReading | undefined;
  pois: PoiReading[];
  /** The volume allows a 1 m step that way (always, without a safe volume). */
  allow: { forward: boolean; back: boolean; left: boolean; right: boolean; up: boolean; down: boolean };
  /** Seconds since the last move ended, Infinity without one. */
  sinceMoveS: number;
  /** The last move actually moved the camera (anything but a rejection). */
  moved: boolean;
  lastInScene: boolean;
  /** A fast approach close to the lens, or two still subjects face to face. */
  tension: boolean;
}

/** Read `input` (allocates; call once per decision, not per frame). */
export function readSituation(input: DirectorInput): SituationReading {
  const cam = readCameraView(input.camera, createCameraView());
  const subjects = input.subjects
    .map((subject) => {
      const view = viewTarget(cam, subject.position, createTargetView());
      const motion = viewMotion(cam, subject.position, subject.velocity, view, createMotionView());
      return { subject, view, motion, moving: motion.speedMps > STILL_SPEED_MPS };
    })
    .sort(nearestFirst);
  const pois = input.pois
    .map((poi) => ({ poi, view: viewTarget(cam, poi.position, createTargetView()) }))
    .sort((a, b) => a.view.distanceM - b.view.distanceM);
  const last = input.recentMoves[0];
  const s0 = subjects[0];
  const s1 = subjects[1];
  const tension =
    (s0 !== undefined && s0.motion.radialMps < -1.1 && s0.view.distanceM < 4) ||
    (s0 !== undefined && s1 !== undefined && !s0.moving && !s1.moving && pairSeparation(s0, s1) < 1.2);
  return {
    input,
    cam,
    s0,
    s1,
    subjects,
    poi: pois[0],
    pois,
    allow: {
      forward: safeAfterStep(input, cam, 1, 0, 0),
      back: safeAfterStep(input, cam, -1, 0, 0),
      left: safeAfterStep(input, cam, 0, -1, 0),
      right: safeAfterStep(input, cam, 0, 1, 0),
      up: safeAfterStep(input, cam, 0, 0, 1),
      down: safeAfterStep(input, cam, 0, 0, -1),
    },
    sinceMoveS: last ? last.endedAgoS : Infinity,
    moved: last !== undefined && last.decision !== 'rejected',
    lastInScene: last !== undefined && last.endedAgoS <= input.sceneAgeS,
    tension,
  };
}

/** Floor-plane distance between two subjects, metres. */
/**
 * Nearest first. Equally near (to the centimetre) is decided by the shot, never by the order the tracker listed
 * people in: nearer the frame centre first, then the one on the left (fair framing: npm run eval checks it).
 */
function nearestFirst(a: SubjectReading, b: SubjectReading): number {
  const byDistance = Math.round(a.view.distanceM * 100) - Math.round(b.view.distanceM * 100);
  if (byDistance !== 0) return byDistance;
  const byCentre = Math.round(Math.abs(a.view.bearingRad) * 1000) - Math.round(Math.abs(b.view.bearingRad) * 1000);
  return byCentre !== 0 ? byCentre : b.view.bearingRad - a.view.bearingRad;
}

export function pairSeparation(a: SubjectReading, b: SubjectReading): number {
  return Math.hypot(a.subject.position[0] - b.subject.position[0], a.subject.position[2] - b.subject.position[2]);
}

export function midpoint(a: Readonly<Vec3>, b: Readonly<Vec3>): Vec3 {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
}
