// Outcome figures for `npm run eval`: does a director's top suggestion deliver the shot it names? Each move is played
// through the planner (moveOffsetAt) from the situation's camera and judged with the camera's own lens.
import type { Vec3 } from '../../../camera-bridge/CameraSample.ts';
import type { MoveSpec, MoveTarget } from '../../protocol/MoveSpec.ts';
import type { DirectorInput } from '../DirectorInput.ts';
import { checkFramingPromise, pathInsideSafeVolume } from '../model/framingPromise.ts';
import { readSituation } from '../model/readSituation.ts';
import { heightFractionAt } from '../model/sceneGeometry.ts';
import { buildMoveSpec, keepsFramingPromise } from '../model/suggest.ts';
import type { RankedMove } from './heuristicDirector.ts';

export interface OutcomeScores {
  /** Situations whose first buildable suggestion names a target. */
  targeted: number;
  /** …that end with the target in frame. */
  endInFrame: number;
  /** …that keep the whole promise (moves that keep a subject framed keep it at every sample). */
  kept: number;
  /** Turns to a target (pan, tilt, aim) that end with it in the centre third. */
  turnsToTarget: number;
  turnsCentred: number;
  /** Push-ins and pull-outs to a shot size: mean |achieved − asked| / asked height fraction. */
  framedMoves: number;
  shotSizeRelError: number;
  /** Top suggestions whose path stays inside the safe volume (every sample). */
  insideSafeVolume: number;
  suggestions: number;
}

/** The top spec of each situation: the first of `specs` (already built and ranked). */
export function scoreOutcomes(inputs: readonly DirectorInput[], topSpecs: readonly (MoveSpec | undefined)[]): OutcomeScores {
  const s: OutcomeScores = { targeted: 0, endInFrame: 0, kept: 0, turnsToTarget: 0, turnsCentred: 0, framedMoves: 0, shotSizeRelError: 0, insideSafeVolume: 0, suggestions: 0 };
  inputs.forEach((input, i) => {
    const spec = topSpecs[i];
    if (!spec) return;
    s.suggestions++;
    const target = spec.target ? resolve(input, spec.target) : undefined;
    if (pathInsideSafeVolume(spec, input, target?.position)) s.insideSafeVolume++;
    if (!spec.target) return;
    if (!target) return;
    s.targeted++;
    const p = checkFramingPromise(spec, input, target.position, target.velocity);
    if (p.endInFrame) s.endInFrame++;
    if (p.kept) s.kept++;
    if (spec.kind === 'pan' || spec.kind === 'tilt' || spec.kind === 'aim') {
      s.turnsToTarget++;
      if (p.endInCentreThird) s.turnsCentred++;
    }
    if ((spec.kind === 'push-in' || spec.kind === 'pull-out') && spec.framing) {
      const dir = spec.kind === 'push-in' ? -1 : 1;
      const c = input.camera.position;
      const endDistanceM = Math.hypot(target.position[0] - c[0], target.position[1] - c[1], target.position[2] - c[2]) + dir * (spec.distanceM ?? 0);
      const achieved = heightFractionAt(endDistanceM, input.camera.focalLengthMm, input.camera.sensorHeightMm);
      s.framedMoves++;
      s.shotSizeRelError += Math.abs(achieved - spec.framing.subjectHeightFraction) / spec.framing.subjectHeightFraction;
    }
  });
  if (s.framedMoves) s.shotSizeRelError /= s.framedMoves;
  return s;
}

/**
 * The first kind of a ranking that builds into a move (what a director would see on top), as suggest.ts builds it.
 * `checked`: also as suggest.ts shows it, skipping moves that break their framing promise or leave the safe volume,
 * so that any director's ranking can be judged through the same gate as the shipped model.
 */
export function topSpecOf(input: DirectorInput, ranking: readonly RankedMove[], checked = false): MoveSpec | undefined {
  const reading = readSituation(input);
  for (const m of ranking) {
    const spec = buildMoveSpec(m.kind, m.numbers, reading);
    if (!spec) continue;
    if (!checked) return spec;
    if (spec.target && !keepsFramingPromise(spec, reading)) {
      if (spec.kind !== 'hold') continue;
      delete spec.target;
    }
    const target = spec.target ? resolve(input, spec.target) : undefined;
    if (pathInsideSafeVolume(spec, input, target?.position)) return spec;
  }
  return undefined;
}

function resolve(input: DirectorInput, t: MoveTarget): { position: Vec3; velocity: Vec3 } | undefined {
  if (t.type === 'point') return { position: [...t.position], velocity: [0, 0, 0] };
  if (t.type === 'poi') {
    const p = input.pois.find((x) => x.id === t.id);
    return p && { position: [...p.position], velocity: [0, 0, 0] };
  }
  const s = input.subjects.find((x) => x.id === t.id);
  return s && { position: [...s.position], velocity: [...s.velocity] };
}
