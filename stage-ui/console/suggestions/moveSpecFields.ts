// What a director may edit on each kind of move, how values read on screen (degrees, metres, seconds) and how an
// edit becomes the `changes` of `suggestion.adjust` / `move.adjust` (radians on the wire; only what changed).
import type { EasingWire, MoveKindWire, MoveSpecWire, MoveTargetWire } from '../../../engine/protocol/LiveMessages.ts';

export const MOVE_KINDS: readonly MoveKindWire[] = ['dolly', 'truck', 'pedestal', 'pan', 'tilt', 'aim', 'roll', 'orbit', 'crane', 'push-in', 'pull-out', 'hold'];

export interface KindFields {
  distance: boolean;
  angle: boolean;
  /** aim: a tilt beside the pan (`angle`). */
  tilt: boolean;
  target: boolean;
  framing: boolean;
}

/** Fields per kind, as engine/protocol/MoveSpec.ts documents them. */
export function fieldsOf(kind: MoveKindWire): KindFields {
  switch (kind) {
    case 'dolly':
    case 'truck':
    case 'pedestal':
      return { distance: true, angle: false, tilt: false, target: false, framing: false };
    case 'pan':
    case 'tilt':
    case 'roll':
      return { distance: false, angle: true, tilt: false, target: false, framing: false };
    case 'aim':
      return { distance: false, angle: true, tilt: true, target: true, framing: false };
    case 'orbit':
      return { distance: false, angle: true, tilt: false, target: true, framing: false };
    case 'crane':
      return { distance: true, angle: true, tilt: false, target: true, framing: false };
    case 'push-in':
    case 'pull-out':
      return { distance: true, angle: false, tilt: false, target: true, framing: true };
    case 'hold':
      return { distance: false, angle: false, tilt: false, target: false, framing: false };
  }
}

/** The editor's working copy: angles in degrees, everything else as on the wire. */
export interface MoveDraft {
  kind: MoveKindWire;
  durationS: number;
  speed: number;
  distanceM: number;
  angleDeg: number;
  /** aim: the tilt part, degrees, + up. */
  tiltDeg: number;
  easing: EasingWire;
  target: MoveTargetWire | null;
  /** Fraction of frame height the subject fills at the end; null = use the distance. */
  framing: number | null;
}

export const RAD_TO_DEG = 180 / Math.PI;

export function draftOf(spec: MoveSpecWire): MoveDraft {
  return {
    kind: spec.kind,
    durationS: spec.durationS,
    speed: spec.speed ?? 1,
    distanceM: spec.distanceM ?? 0,
    angleDeg: round((spec.angleRad ?? 0) * RAD_TO_DEG, 1),
    tiltDeg: round((spec.tiltRad ?? 0) * RAD_TO_DEG, 1),
    easing: spec.easing,
    target: spec.target ?? null,
    framing: spec.framing?.subjectHeightFraction ?? null,
  };
}

/** A complete spec for `move.start`, with only the fields the kind uses. */
export function specOf(d: MoveDraft): MoveSpecWire {
  const f = fieldsOf(d.kind);
  return {
    kind: d.kind,
    durationS: d.durationS,
    easing: d.easing,
    ...(d.speed !== 1 && { speed: d.speed }),
    ...(f.distance && { distanceM: d.distanceM }),
    ...(f.angle && { angleRad: d.angleDeg / RAD_TO_DEG }),
    ...(f.tilt && { tiltRad: d.tiltDeg / RAD_TO_DEG }),
    ...(f.target && d.target && { target: d.target }),
    ...(f.framing && d.framing !== null && { framing: { subjectHeightFraction: d.framing } }),
  };
}

/** The fields of `draft` that differ from `original` (what `suggestion.adjust` / `move.adjust` send). */
export function changesOf(original: MoveSpecWire, draft: MoveDraft): Partial<MoveSpecWire> {
  const f = fieldsOf(original.kind);
  const next = specOf({ ...draft, kind: original.kind });
  const changes: Partial<MoveSpecWire> = {};
  if (next.durationS !== original.durationS) changes.durationS = next.durationS;
  if ((next.speed ?? 1) !== (original.speed ?? 1)) changes.speed = next.speed ?? 1;
  if (JSON.stringify(next.easing) !== JSON.stringify(original.easing)) changes.easing = next.easing;
  if (f.distance && next.distanceM !== (original.distanceM ?? 0)) changes.distanceM = next.distanceM;
  // Compare in displayed degrees: an untouched angle must not come back as a rounding "change".
  if (f.angle && round((original.angleRad ?? 0) * RAD_TO_DEG, 1) !== draft.angleDeg) changes.angleRad = next.angleRad;
  if (f.tilt && round((original.tiltRad ?? 0) * RAD_TO_DEG, 1) !== draft.tiltDeg) changes.tiltRad = next.tiltRad;
  if (f.target && next.target && JSON.stringify(next.target) !== JSON.stringify(original.target ?? null)) changes.target = next.target;
  if (f.framing && next.framing && next.framing.subjectHeightFraction !== original.framing?.subjectHeightFraction) changes.framing = next.framing;
  return changes;
}

export function describeEasing(e: EasingWire): string {
  return typeof e === 'string' ? e : `bezier(${e.bezier.map((v) => v.toFixed(2)).join(', ')})`;
}

/** Names a target with the scene's POI names where possible. */
export function describeTarget(t: MoveTargetWire | null | undefined, pois: readonly { id: string; name: string }[]): string | null {
  if (!t) return null;
  if (t.type === 'subject') return t.id;
  if (t.type === 'poi') return pois.find((p) => p.id === t.id)?.name ?? t.id;
  return `point (${t.position.map((v) => v.toFixed(1)).join(', ')})`;
}

/**
 * "dolly in 1.50 m · 4.0 s · ease-in-out", "pan right 45° · tilt up 10° · 3.0 s · ease-in-out" for a suggestion's
 * card: amounts unsigned, their direction in words, as the rationale says them (engine/director/model/rationale.ts:
 * + pan/aim/crane swing = left, + tilt = up, + truck = right, + dolly = in, + pedestal/crane = up, + orbit =
 * counter-clockwise from above, + roll = counter-clockwise as seen from behind the camera).
 */
export function describeSpec(spec: MoveSpecWire): string {
  const f = fieldsOf(spec.kind);
  const parts: string[] = [];
  const deg = (rad: number) => `${Math.abs(rad * RAD_TO_DEG).toFixed(0)}°`;
  const m = (v: number) => `${Math.abs(v).toFixed(2)} m`;
  const d = spec.distanceM;
  const a = spec.angleRad;
  switch (spec.kind) {
    case 'dolly':
      if (d !== undefined) parts.push(`${d >= 0 ? 'in' : 'out'} ${m(d)}`);
      break;
    case 'truck':
      if (d !== undefined) parts.push(`${d >= 0 ? 'right' : 'left'} ${m(d)}`);
      break;
    case 'pedestal':
      if (d !== undefined) parts.push(`${d >= 0 ? 'up' : 'down'} ${m(d)}`);
      break;
    case 'pan':
      if (a !== undefined) parts.push(`${a >= 0 ? 'left' : 'right'} ${deg(a)}`);
      break;
    case 'tilt':
      if (a !== undefined) parts.push(`${a >= 0 ? 'up' : 'down'} ${deg(a)}`);
      break;
    case 'roll':
      if (a !== undefined) parts.push(`${a >= 0 ? 'counter-clockwise' : 'clockwise'} ${deg(a)}`);
      break;
    case 'aim':
      if (a !== undefined) parts.push(`pan ${a >= 0 ? 'left' : 'right'} ${deg(a)}`);
      if (spec.tiltRad !== undefined) parts.push(`tilt ${spec.tiltRad >= 0 ? 'up' : 'down'} ${deg(spec.tiltRad)}`);
      break;
    case 'orbit':
      if (a !== undefined) parts.push(`${deg(a)} ${a >= 0 ? 'counter-clockwise' : 'clockwise'}`);
      break;
    case 'crane':
      if (d !== undefined) parts.push(`${d >= 0 ? 'up' : 'down'} ${m(d)}`);
      if (a !== undefined && Math.abs(a) > 0.05) parts.push(`swing ${a >= 0 ? 'left' : 'right'} ${deg(a)}`);
      break;
    default:
      if (f.distance && d !== undefined) parts.push(m(d));
  }
  if (spec.framing) parts.push(`frame ${(spec.framing.subjectHeightFraction * 100).toFixed(0)}%`);
  parts.push(`${spec.durationS.toFixed(1)} s`);
  parts.push(describeEasing(spec.easing));
  return parts.join(' · ');
}

function round(v: number, decimals: number): number {
  const k = 10 ** decimals;
  return Math.round(v * k) / k;
}
