// How the expert director writes its labels: the move builders its rules share (look at, orbit within the line, dutch, hold).
import type { Vec3 } from '../../../camera-bridge/CameraSample.ts';
import type { Easing, MoveTarget } from '../../protocol/MoveSpec.ts';
import type { ModelKind } from '../model/modelKinds.ts';
import type { MoveLabel } from '../model/moveParams.ts';
import { SETTLE_S, type PoiReading, type SituationReading as Reading, type SubjectReading } from '../model/readSituation.ts';
import { clamp, clampOrbitToLine, type TargetView } from '../model/sceneGeometry.ts';
import type { SeededRandom } from './SeededRandom.ts';

/** Pan (or tilt, when the offset is mostly vertical) to centre a target. */
export function lookAt(r: Reading, v: TargetView, target: MoveTarget, rng: SeededRandom): MoveLabel {
  if (Math.abs(v.bearingRad) >= Math.abs(v.elevationRad)) {
    return label('pan', rng, { angleRad: v.bearingRad, durationS: clamp(Math.abs(v.bearingRad) / rng.uniform(0.25, 0.45) + 0.5, 1.5, 8), target });
  }
  return label('tilt', rng, { angleRad: v.elevationRad, durationS: clamp(Math.abs(v.elevationRad) / rng.uniform(0.2, 0.35) + 0.5, 1.5, 6), target });
}

/** Orbit by `angleRad` around `target`, clamped so that it never crosses the line between the two nearest subjects. */
export function orbit(r: Reading, target: MoveTarget, angleRad: number, radiusM: number, rng: SeededRandom): MoveLabel {
  let a = angleRad;
  const pivot = targetPosition(r, target);
  if (r.s0 && r.s1 && pivot) a = clampOrbitToLine(r.cam.position, r.s0.subject.position, r.s1.subject.position, pivot, a);
  if (Math.abs(a) < 0.05) return hold(r, rng);
  const arcM = Math.abs(a) * Math.max(radiusM, 0.5);
  return label('orbit', rng, { angleRad: a, durationS: clamp(arcM / rng.uniform(0.3, 0.6), 3, 15), target });
}

/** A slight dutch roll towards the subject's side, for tension. */
export function dutch(s: SubjectReading, rng: SeededRandom): MoveLabel {
  const sign = Math.sign(s.view.bearingRad) || rng.sign();
  return label('roll', rng, { angleRad: sign * rng.uniform(0.1, 0.2), durationS: rng.uniform(2, 4), target: null });
}

/** Hold on the nearest subject (else the point of interest); longer right after a move, so that it settles. */
export function hold(r: Reading, rng: SeededRandom): MoveLabel {
  const target = r.s0 ? subjectTarget(r.s0) : r.poi ? poiTarget(r.poi) : null;
  return { kind: 'hold', durationS: r.moved && r.sinceMoveS < SETTLE_S ? rng.uniform(3, 5) : rng.uniform(2, 5), easing: 'linear', target };
}

export interface LabelParts {
  distanceM?: number;
  angleRad?: number;
  durationS: number;
  easing?: Easing;
  target: MoveTarget | null;
  framing?: { subjectHeightFraction: number };
}

/** A MoveLabel from its parts; the easing defaults to the expert's taste. */
export function label(kind: ModelKind, rng: SeededRandom, p: LabelParts): MoveLabel {
  const out: MoveLabel = { kind, durationS: p.durationS, easing: p.easing ?? defaultEasing(rng), target: p.target };
  if (p.distanceM !== undefined) out.distanceM = p.distanceM;
  if (p.angleRad !== undefined) out.angleRad = p.angleRad;
  if (p.framing !== undefined) out.framing = p.framing;
  return out;
}

/** Mostly ease-in-out; now and then a cubic or an ease-out (a director's taste, not a rule). */
function defaultEasing(rng: SeededRandom): Easing {
  const x = rng.next();
  return x < 0.85 ? 'ease-in-out' : x < 0.93 ? 'cubic' : 'ease-out';
}

function targetPosition(r: Reading, target: MoveTarget): Readonly<Vec3> | undefined {
  if (target.type === 'point') return target.position;
  if (target.type === 'subject') return r.input.subjects.find((s) => s.id === target.id)?.position;
  return r.input.pois.find((p) => p.id === target.id)?.position;
}

/** Aim at a tracked subject. */
export function subjectTarget(s: SubjectReading): MoveTarget {
  return { type: 'subject', id: s.subject.id };
}

/** Aim at a point of interest. */
export function poiTarget(p: PoiReading): MoveTarget {
  return { type: 'poi', id: p.poi.id };
}
