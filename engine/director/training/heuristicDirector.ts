// The baseline the model must beat: the handful of if-thens a developer would write in an afternoon (no interactions).
import type { DirectorInput } from '../DirectorInput.ts';
import type { ModelKind } from '../model/modelKinds.ts';
import { nearestPoiIndex, twoNearest } from '../model/features.ts';
import type { MoveNumbers } from '../model/moveParams.ts';
import {
  createCameraView,
  createMotionView,
  createTargetView,
  readCameraView,
  viewMotion,
  viewTarget,
} from '../model/sceneGeometry.ts';

export interface RankedMove {
  kind: ModelKind;
  numbers: MoveNumbers;
}

/** Kinds in the order the heuristic falls back to once its rules are used up. */
const FALLBACK_ORDER: readonly ModelKind[] = ['hold', 'push-in', 'pan', 'truck', 'pull-out', 'dolly', 'tilt', 'orbit', 'crane', 'pedestal', 'roll'];

/**
 * Ranked kinds (all 11, best first) with simple parameters:
 *  - scene younger than 5 s → pull-out;
 *  - nearest subject moving: mostly sideways → truck along; towards the camera → pull-out; away → push-in;
 *  - nearest point of interest out of frame → pan to it;
 *  - nearest subject small in frame → push-in;
 *  - otherwise hold.
 */
export function heuristicDirector(input: DirectorInput): RankedMove[] {
  const cam = readCameraView(input.camera, createCameraView());
  const nearest = twoNearest(input, cam.position, new Int32Array(2));
  const subject = input.subjects[nearest[0] as number];
  const poi = input.pois[nearestPoiIndex(input, cam.position)];
  const ranked: ModelKind[] = [];

  if (input.sceneAgeS < 5) ranked.push('pull-out');
  const sv = subject ? viewTarget(cam, subject.position, createTargetView()) : undefined;
  const sm = subject && sv ? viewMotion(cam, subject.position, subject.velocity, sv, createMotionView()) : undefined;
  if (sm && sm.speedMps > 0.3) {
    if (Math.abs(sm.lateralMps) > Math.abs(sm.radialMps)) ranked.push('truck');
    else if (sm.radialMps < 0) ranked.push('pull-out');
    else ranked.push('push-in');
  }
  const pv = poi ? viewTarget(cam, poi.position, createTargetView()) : undefined;
  if (pv && !pv.inFrame) ranked.push('pan');
  if (sv && sv.heightFraction < 0.3) ranked.push('push-in');
  ranked.push('hold');
  for (const k of FALLBACK_ORDER) ranked.push(k);

  const seen = new Set<ModelKind>();
  const out: RankedMove[] = [];
  for (const kind of ranked) {
    if (seen.has(kind)) continue;
    seen.add(kind);
    out.push({ kind, numbers: defaultNumbers(kind, sm?.lateralMps ?? 0, pv?.bearingRad ?? 0, pv?.elevationRad ?? 0) });
  }
  return out;
}

/** Fixed sizes, 4 s everywhere (hold 3 s); pan/tilt aim at the point of interest, truck follows the subject. */
function defaultNumbers(kind: ModelKind, lateralMps: number, poiBearingRad: number, poiElevationRad: number): MoveNumbers {
  switch (kind) {
    case 'truck':
      return { distanceM: lateralMps < 0 ? -1 : 1, durationS: 4 };
    case 'dolly':
      return { distanceM: 1, durationS: 4 };
    case 'pedestal':
      return { distanceM: 0.5, durationS: 4 };
    case 'pan':
      return { angleRad: poiBearingRad, durationS: 4 };
    case 'tilt':
      return { angleRad: poiElevationRad, durationS: 4 };
    case 'roll':
      return { angleRad: 0.1, durationS: 4 };
    case 'orbit':
      return { angleRad: 0.5, durationS: 4 };
    case 'crane':
      return { distanceM: 1, angleRad: 0, durationS: 4 };
    case 'push-in':
      return { subjectHeightFraction: 0.5, distanceM: 1, durationS: 4 };
    case 'pull-out':
      return { subjectHeightFraction: 0.3, distanceM: 1, durationS: 4 };
    case 'hold':
      return { durationS: 3 };
  }
}

