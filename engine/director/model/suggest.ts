// Turns the model's output for one DirectorInput into ranked, validated Suggestions with targets, confidence and a rationale.
import type { DirectorInput } from '../DirectorInput.ts';
import { MoveSpecSchema, type Easing, type MoveKind, type MoveSpec, type MoveTarget, type Suggestion } from '../../protocol/MoveSpec.ts';
import { MODEL_KINDS, type ModelKind } from './modelKinds.ts';
import { encodeFeatures, FEATURE_COUNT } from './features.ts';
import { inputsHash } from './inputsHash.ts';
import type { MoveNumbers } from './moveParams.ts';
import type { PreferenceRanker } from './PreferenceRanker.ts';
import { describeRationale } from './rationale.ts';
import { midpoint, PAIR_MAX_SEPARATION_M, pairSeparation, readSituation, type SituationReading } from './readSituation.ts';
import { clamp, clampOrbitToLine, distanceForHeightFraction, safeTravelM, wrapAngle } from './sceneGeometry.ts';
import { aimAngles, type FramePoint } from './aimAngles.ts';
import { checkFramingPromise, fitAllowedPath, largestPassing, pathAllowed } from './framingPromise.ts';
import type { SuggestionModel } from './SuggestionModel.ts';

export interface SuggestOptions {
  /** How many suggestions, best first. Default 3. */
  count?: number;
  /** The session's learned preferences; re-ranks the model's probabilities when given. */
  ranker?: PreferenceRanker;
  /** Engine time stamped on each suggestion (createdAtS). Default 0. */
  nowS?: number;
  /** Kinds below this (re-ranked) probability are left out, except the first that delivers its promise. Default 0. */
  minConfidence?: number;
}

/** A translation shorter than this after clamping to the safe volume is not worth proposing, metres. */
const MIN_TRAVEL_M = 0.1;
/** An orbit arcs at least this far, radians (17°): the expert's solo orbits run 0.25–0.6 rad. */
const MIN_ORBIT_RAD = 0.3;
/** A pan, tilt, roll or orbit smaller than this is not a move worth proposing, radians (2°). */
const MIN_TURN_RAD = 0.035;
/**
 * A turn to a target leaves out an axis on which the target already is within this fraction of the half-frame of
 * its composition point, well inside the centre third (a pan that also needs a tilt beyond it becomes an aim).
 */
const SECOND_AXIS_TOLERANCE = 0.25;
/** A pan/tilt target must lie within this of the proposed angle to be named as the target, radians. */
const TARGET_MATCH_RAD = 0.35;

const _features = new Float32Array(FEATURE_COUNT); // the one feature row per call
const _aimAt: [number, number, number] = [0, 0, 0]; // where a turn's target will be when the turn ends

/**
 * Top-`count` suggestions for `input`. Each is a MoveSpec that validates against MoveSpecSchema,
 * with targets resolved to the input's subject / POI ids (or the pair's midpoint), translations
 * clamped to the safe volume (a move the volume forbids is skipped in favour of the next kind),
 * and orbits kept on this side of the 180° line. Synchronous.
 */
export function suggestMoves(model: SuggestionModel, input: DirectorInput, options: SuggestOptions = {}): Suggestion[] {
  const count = options.count ?? 3;
  encodeFeatures(input, _features);
  const prediction = model.predict(_features);
  const probs = options.ranker ? options.ranker.rerank(prediction.kindProbabilities, _features) : prediction.kindProbabilities;
  const reading = readSituation(input);
  const hash = inputsHash(input);
  const out: Suggestion[] = [];
  for (const k of rankByProbability(probs)) {
    if (out.length >= count) break;
    const confidence = probs[k] as number;
    if (confidence < (options.minConfidence ?? 0) && out.length > 0) break; // the best one that delivers is always shown
    const kind = MODEL_KINDS[k] as ModelKind;
    const spec = buildMoveSpec(kind, prediction.params[kind], reading);
    if (!spec) continue;
    // A suggestion that names a target is shown only if its path delivers it (the next kind gets the slot); a hold
    // on something out of frame is still a hold on this shot, without the claim.
    if (spec.target && !keepsFramingPromise(spec, reading)) {
      if (kind !== 'hold') continue;
      delete spec.target;
    }
    // Nor is a move whose planned path leaves the safe volume (the controller would clamp it off its path) or takes
    // the camera into another camera's shot.
    if (!pathAllowed(spec, input, targetPosition(spec.target ?? null, reading))) continue;
    const parsed = MoveSpecSchema.safeParse(spec);
    if (!parsed.success) continue; // defensive: buildMoveSpec clamps every number into range
    // The same kind on the same target keeps its id across refreshes: the card a director is looking at stays.
    const id = suggestionId(parsed.data.kind, parsed.data.target);
    if (out.some((o) => o.id === id)) continue; // a pan and a tilt to one target can both become the same aim
    out.push({
      id,
      kind: parsed.data.kind,
      params: parsed.data,
      durationS: parsed.data.durationS,
      easing: parsed.data.easing,
      target: parsed.data.target ?? null,
      confidence: clamp(confidence, 0, 1),
      rationale: describeRationale(parsed.data, reading),
      modelVersion: model.modelVersion,
      inputsHash: hash,
      createdAtS: options.nowS ?? 0,
    });
  }
  return out;
}

/** A concrete MoveSpec for `kind` from the decoded numbers, or null when the volume leaves no room for it. */
export function buildMoveSpec(kind: ModelKind, n: MoveNumbers, r: SituationReading): MoveSpec | null {
  const target = resolveTarget(kind, n, r);
  const spec: MoveSpec = { kind, durationS: clamp(n.durationS, 0.5, 30), easing: easingFor(kind, r, target) };
  if (target) spec.target = target;
  const { input, cam } = r;
  switch (kind) {
    case 'dolly':
    case 'truck':
    case 'pedestal': {
      // A truck with a walking subject keeps pace with it over the move: the subject stays where it is in frame.
      const walker = kind === 'truck' && target?.type === 'subject' ? r.subjects.find((s) => s.subject.id === target.id && s.moving) : undefined;
      const d = walker ? walker.motion.lateralMps * spec.durationS : (n.distanceM ?? 0);
      const sign = d >= 0 ? 1 : -1;
      const room = safeTravelM(input, cam, kind === 'dolly' ? sign : 0, kind === 'truck' ? sign : 0, kind === 'pedestal' ? sign : 0, Math.min(Math.abs(d), 50));
      if (room < MIN_TRAVEL_M) return null;
      spec.distanceM = sign * room;
      // A dolly or truck with someone in frame keeps them there: no further than that (a walker's pace is kept).
      if (spec.target && !walker) {
        spec.distanceM = fitToPromise(spec, r, 'distanceM');
        if (Math.abs(spec.distanceM) < MIN_TRAVEL_M) return null;
      }
      break;
    }
    case 'crane': {
      const d = n.distanceM ?? 0;
      const sign = d >= 0 ? 1 : -1;
      spec.angleRad = clamp(n.angleRad ?? 0, -Math.PI, Math.PI);
      // The jib swings about its target while it rises: fit the whole arc, not only the rise, into the volume.
      spec.distanceM = sign * Math.min(Math.abs(d), 50);
      const rise = fitAllowedPath(spec, input, targetPosition(target, r), 'distanceM');
      if (Math.abs(rise) < MIN_TRAVEL_M) return null;
      spec.distanceM = rise;
      break;
    }
    case 'pan':
    case 'tilt': {
      // The network chose the target (by the angle it proposed); geometry sizes the turn that frames it, on the axes
      // it takes: a pan, a tilt, or both at once (an aim).
      const pos = targetPosition(target, r);
      if (!pos) {
        spec.angleRad = clamp(n.angleRad ?? 0, -Math.PI, Math.PI);
        if (Math.abs(spec.angleRad) < MIN_TURN_RAD) return null;
        break;
      }
      predictedPosition(target, r, spec.durationS, _aimAt);
      const aim = aimAngles(cam.position, input.camera.rotation, _aimAt, cam.hFovRad, cam.vFovRad, compositionFor(target, r));
      const needsPan = Math.abs(aim.panRad) >= Math.max(MIN_TURN_RAD, Math.atan(SECOND_AXIS_TOLERANCE * Math.tan(cam.hFovRad / 2)));
      const needsTilt = Math.abs(aim.tiltRad) >= Math.max(MIN_TURN_RAD, Math.atan(SECOND_AXIS_TOLERANCE * Math.tan(cam.vFovRad / 2)));
      if (needsPan && needsTilt) {
        spec.kind = 'aim';
        spec.angleRad = aim.panRad;
        spec.tiltRad = clamp(aim.tiltRad, -Math.PI / 2, Math.PI / 2);
      } else if (needsPan || needsTilt) {
        spec.kind = needsPan ? 'pan' : 'tilt';
        spec.angleRad = needsPan ? aim.panRad : aim.tiltRad;
      } else return null; // already framed
      break;
    }
    case 'roll':
      spec.angleRad = clamp(n.angleRad ?? 0, -Math.PI / 2, Math.PI / 2);
      if (Math.abs(spec.angleRad) < MIN_TURN_RAD) return null;
      break;
    case 'orbit': {
      // Either way round is often as good, so the network's angle for it regresses towards 0: it gives the way
      // round, geometry a usable arc short of the 180° line and inside the safe volume (else the other way round).
      const asked = clamp(n.angleRad ?? 0, -Math.PI, Math.PI);
      const pivot = targetPosition(target, r);
      const size = Math.max(Math.abs(asked), MIN_ORBIT_RAD);
      for (const sign of asked < 0 ? [-1, 1] : [1, -1]) {
        spec.angleRad = sign * size;
        if (r.s0 && r.s1 && pivot) spec.angleRad = clampOrbitToLine(cam.position, r.s0.subject.position, r.s1.subject.position, pivot, spec.angleRad);
        spec.angleRad = fitAllowedPath(spec, input, pivot, 'angleRad');
        if (Math.abs(spec.angleRad) >= MIN_TURN_RAD) break;
      }
      if (Math.abs(spec.angleRad ?? 0) < MIN_TURN_RAD) return null;
      break;
    }
    case 'push-in':
    case 'pull-out': {
      const dir = kind === 'push-in' ? 1 : -1;
      const pos = targetPosition(target, r);
      let distanceM = n.distanceM ?? 1;
      // Shot sizes (a fraction of frame height) are for people; an object is framed by distance.
      let fraction: number | undefined = target?.type === 'poi' ? undefined : n.subjectHeightFraction;
      if (pos && fraction !== undefined) {
        // Let the framing set the end distance, and report the travel that achieves it.
        const now = Math.hypot(pos[0] - cam.position[0], pos[1] - cam.position[1], pos[2] - cam.position[2]);
        const end = distanceForHeightFraction(fraction, cam.focalLengthMm, cam.sensorHeightMm);
        const travel = dir > 0 ? now - end : end - now;
        if (travel > MIN_TRAVEL_M) distanceM = travel;
        else fraction = undefined; // the framing is already there or the other way: fall back to the distance
      } else fraction = undefined;
      // Along the line to its aim point, as the planner moves it (not the lens axis): fit that path into the volume.
      const asked = Math.min(Math.abs(distanceM), 50);
      const room = fitAllowedPath({ kind, distanceM: asked, durationS: spec.durationS, easing: spec.easing, ...(target && { target }) }, input, pos, 'distanceM');
      if (room < MIN_TRAVEL_M) return null;
      if (room < Math.abs(distanceM) - 1e-6) fraction = undefined; // the volume cuts it short: the framing would be a lie
      spec.distanceM = room;
      if (fraction !== undefined) spec.framing = { subjectHeightFraction: clamp(fraction, 0.05, 1) };
      break;
    }
    case 'hold': {
      // On whoever the frame will still show when the hold ends: a walker about to leave is not held on.
      if (!spec.target || keepsFramingPromise(spec, r)) break;
      const stays = [r.s0, r.s1].filter((x) => x?.view.inFrame).map((x): MoveTarget => ({ type: 'subject', id: x!.subject.id }));
      const next = [...stays, ...r.pois.filter((p) => p.view.inFrame).map((p): MoveTarget => ({ type: 'poi', id: p.poi.id }))].find((t) => keepsFramingPromise({ ...spec, target: t }, r));
      if (next) spec.target = next;
      else delete spec.target;
      break;
    }
  }
  return spec;
}

/**
 * Targets, resolved against the input:
 * - pan / tilt: the subject or POI whose bearing (elevation) is closest to the proposed angle;
 * - orbit, push-in, pull-out: of what is in frame, a walking subject, else a pair's midpoint, else the nearest
 *   subject, else the POI (none when nothing is: a move that keeps its target framed cannot keep what is not);
 * - truck, dolly: of the subjects in frame, a walking one, else the nearest; crane: the POI in frame it swings
 *   about, else the nearest subject in frame, else that POI;
 * - hold: the nearest subject in frame, else a POI in frame, else none; pedestal, roll: none.
 */
export function resolveTarget(kind: ModelKind, n: MoveNumbers, r: SituationReading): MoveTarget | null {
  const mover = r.s0?.moving ? r.s0 : r.s1?.moving ? r.s1 : undefined;
  const subject = (s: typeof r.s0): MoveTarget | null => (s ? { type: 'subject', id: s.subject.id } : null);
  const poi: MoveTarget | null = r.poi ? { type: 'poi', id: r.poi.poi.id } : null;
  const pair: MoveTarget | null =
    r.s0 && r.s1 && pairSeparation(r.s0, r.s1) < PAIR_MAX_SEPARATION_M ? { type: 'point', position: midpoint(r.s0.subject.position, r.s1.subject.position) } : null;
  // Moves that keep their target framed can only keep what the frame already shows.
  const seen = (s: typeof r.s0): typeof r.s0 => (s?.view.inFrame ? s : undefined);
  const seenPair = pair && (r.s0?.view.inFrame || r.s1?.view.inFrame) ? pair : null;
  const seenPoi: MoveTarget | null = r.poi?.view.inFrame ? poi : null;
  const radial = (s: typeof r.s0): typeof r.s0 => (s && Math.abs(s.motion.radialMps) > Math.abs(s.motion.lateralMps) ? s : undefined);
  const still = (s: typeof r.s0): typeof r.s0 => (s && !s.moving ? s : undefined);
  switch (kind) {
    case 'pan':
    case 'tilt': {
      const a = n.angleRad ?? 0;
      let best: MoveTarget | null = null;
      let bestErr = TARGET_MATCH_RAD;
      for (const s of r.subjects) {
        const err = Math.abs(wrapAngle((kind === 'pan' ? s.view.bearingRad : s.view.elevationRad) - a));
        if (err < bestErr) [best, bestErr] = [{ type: 'subject', id: s.subject.id }, err];
      }
      for (const p of r.pois) {
        const err = Math.abs(wrapAngle((kind === 'pan' ? p.view.bearingRad : p.view.elevationRad) - a));
        if (err < bestErr) [best, bestErr] = [{ type: 'poi', id: p.poi.id }, err];
      }
      return best ?? subject(mover);
    }
    case 'orbit':
    case 'push-in':
    case 'pull-out':
      // A walker is theirs only walking to or from the lens: one crossing the frame leaves it (a truck or pan follows).
      return subject(seen(radial(mover))) ?? seenPair ?? subject(seen(still(r.s0))) ?? subject(seen(still(r.s1))) ?? seenPoi;
    case 'truck':
    case 'dolly':
      return subject(seen(mover)) ?? subject(seen(r.s0)) ?? subject(seen(r.s1));
    case 'crane':
      // A jib swings about its target's vertical, so the target keeps its place in frame: it must be in frame.
      return Math.abs(n.angleRad ?? 0) > 0.05 && seenPoi ? seenPoi : (subject(seen(r.s0)) ?? seenPoi);
    case 'hold': {
      // A hold is on what the shot shows: the nearest subject in frame, else a point of interest in frame.
      const framed = [r.s0, r.s1].find((x) => x?.view.inFrame);
      const framedPoi = r.pois.find((p) => p.view.inFrame);
      return subject(framed) ?? (framedPoi ? { type: 'poi', id: framedPoi.poi.id } : null);
    }
    case 'pedestal':
    case 'roll':
      return null;
  }
}

/**
 * The easing rule (no learned head, see SuggestionModel.ts): a hold is linear; a truck, pan or dolly
 * that picks up a subject already walking starts at speed and lands softly (ease-out); everything
 * else eases in and out, as operators move a head or a dolly by hand.
 */
export function easingFor(kind: ModelKind, r: SituationReading, target: MoveTarget | null): Easing {
  if (kind === 'hold') return 'linear';
  const following = target?.type === 'subject' && r.subjects.some((s) => s.subject.id === target.id && s.moving);
  if (following && (kind === 'truck' || kind === 'pan' || kind === 'dolly')) return 'ease-out';
  return 'ease-in-out';
}

/** Kind indices sorted by descending probability (ties: MODEL_KINDS order). */
export function rankByProbability(probs: ArrayLike<number>): number[] {
  return Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => (probs[b] as number) - (probs[a] as number) || a - b);
}

/** `<kind>-<target>` (e.g. `pan-poi:first-arch`), hashed when a long id would not fit a command's 64 characters. */
export function suggestionId(kind: MoveKind, target: MoveTarget | undefined): string {
  const key = !target ? 'none' : target.type === 'point' ? 'point' : `${target.type}:${target.id}`;
  const id = `${kind}-${key}`;
  if (id.length <= 64) return id;
  let h = 0x811c9dc5; // FNV-1a, 32 bit
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return `${kind}-${target!.type}-${h.toString(16).padStart(8, '0')}`;
}

/** A walker's place in frame, fraction of the half-frame: just inside the third line, so they stay in the centre third. */
const LEAD_ROOM_X = 0.3;

/** Where a turn puts its target: a walking subject a third off centre, looking into the frame it walks into. */
function compositionFor(target: MoveTarget | null, r: SituationReading): FramePoint {
  const walker = target?.type === 'subject' ? r.subjects.find((s) => s.subject.id === target.id && s.moving) : undefined;
  if (!walker || Math.abs(walker.motion.lateralMps) < 0.2) return { x: 0, y: 0 };
  return { x: walker.motion.lateralMps > 0 ? -LEAD_ROOM_X : LEAD_ROOM_X, y: 0 };
}

/** The promise of a targeted move, played through the planner with the subject's predicted motion. */
export function keepsFramingPromise(spec: MoveSpec, r: SituationReading): boolean {
  const target = spec.target;
  if (!target) return true;
  const pos = targetPosition(target, r);
  if (!pos) return false;
  const subject = target.type === 'subject' ? r.subjects.find((s) => s.subject.id === target.id)?.subject : undefined;
  return checkFramingPromise(spec, r.input, pos, subject?.velocity).kept;
}

/** The largest |spec[field]| ≤ the spec's (in 1/20 steps) whose path keeps the framing promise; 0 when none does. */
function fitToPromise(spec: MoveSpec, r: SituationReading, field: 'distanceM' | 'angleRad'): number {
  return largestPassing(spec, field, (trial) => keepsFramingPromise(trial, r));
}

/** Where `target` will be `afterS` from now: a subject walks on at its velocity, everything else stays. */
function predictedPosition(target: MoveTarget | null, r: SituationReading, afterS: number, out: [number, number, number]): [number, number, number] {
  const pos = targetPosition(target, r) ?? [0, 0, 0];
  const v = target?.type === 'subject' ? r.subjects.find((s) => s.subject.id === target.id)?.subject.velocity : undefined;
  for (let k = 0; k < 3; k++) out[k] = pos[k]! + (v ? v[k]! * afterS : 0);
  return out;
}

/** Where a target is now (a subject's tracked position, a POI's, or the point), from the reading. */
export function targetPosition(target: MoveTarget | null | undefined, r: SituationReading): Readonly<[number, number, number]> | undefined {
  if (!target) return undefined;
  if (target.type === 'point') return target.position;
  if (target.type === 'subject') return r.subjects.find((s) => s.subject.id === target.id)?.subject.position;
  return r.pois.find((p) => p.poi.id === target.id)?.poi.position;
}
