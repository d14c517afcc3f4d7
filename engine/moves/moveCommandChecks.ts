// Checks a move command's input before the controller changes anything: a refusal has a stable code and a human reason, never a throw.
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { MOVE_SPEED_RANGE, MoveSpecSchema, type MoveSpec, type MoveTarget } from '../protocol/MoveSpec.ts';
import type { MoveStart } from './moveOffsetAt.ts';
import type { MoveAdjustment, MoveCommandResult, MoveErrorCode, MoveRefusal } from './moveTypes.ts';

/** What every accepted command returns: one shared object, callers only read it. */
export const OK: MoveCommandResult = { ok: true };

export function refuse(code: MoveErrorCode, reason: string): MoveRefusal {
  return { ok: false, code, reason };
}

/** An accepted start or adjustment: the parsed spec, and the target position (undefined: none given / keep it). */
export interface CheckedMove {
  ok: true;
  spec: MoveSpec;
  targetPosition: Readonly<Vec3> | undefined;
}

/**
 * A start: a non-empty id, a spec the schema accepts, a finite tracked pose, and a target with a position (the
 * caller's `tracked.targetPosition`, else a `point` target's own).
 */
export function checkStart(moveId: string, spec: MoveSpec, tracked: Readonly<MoveStart>): CheckedMove | MoveRefusal {
  if (typeof moveId !== 'string' || moveId.length === 0) return refuse('VP_ERR_MOVE_INVALID', 'moveId must be a non-empty string');
  const parsed = MoveSpecSchema.safeParse(spec);
  if (!parsed.success) return refuse('VP_ERR_MOVE_INVALID', parsed.error.issues[0]?.message ?? 'invalid move spec');
  if (!isFiniteVec3(tracked.position) || !isFiniteQuat(tracked.rotation)) return refuse('VP_ERR_MOVE_INVALID', 'tracked pose is not finite');
  const target = resolveTarget(parsed.data.target, tracked.targetPosition);
  if (target === null) return refuse('VP_ERR_MOVE_TARGET_UNRESOLVED', `target ${describeTarget(parsed.data.target)} has no position`);
  return { ok: true, spec: parsed.data, targetPosition: target };
}

/** Adjustments after this progress are refused: there is no path left to blend into. */
export const ADJUST_PROGRESS_LIMIT = 0.999;

/**
 * An adjustment of the move playing `current`, now at `progress`: the same kind, `changes` merged over `current`
 * still a valid spec, a new target (if any) with a position (`targetPosition` when given, else a `point` target's
 * own), not too close to the end, and room left on the path (`canAdjust`). The result's targetPosition is undefined
 * when the aim point stays.
 */
export function checkAdjustment(
  current: Readonly<MoveSpec>,
  changes: MoveAdjustment,
  targetPosition: Readonly<Vec3> | undefined,
  progress: number,
  canAdjust: boolean,
): CheckedMove | MoveRefusal {
  if (changes.kind !== undefined && changes.kind !== current.kind) return refuse('VP_ERR_MOVE_ADJUST_KIND', `a ${current.kind} cannot become a ${changes.kind}; start a new move`);
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) merged[key] = value;
  const parsed = MoveSpecSchema.safeParse(merged);
  if (!parsed.success) return refuse('VP_ERR_MOVE_INVALID', parsed.error.issues[0]?.message ?? 'invalid adjustment');
  let newTarget: Readonly<Vec3> | undefined;
  if (targetPosition) {
    if (!isFiniteVec3(targetPosition)) return refuse('VP_ERR_MOVE_INVALID', 'targetPosition is not finite');
    newTarget = targetPosition;
  } else if (changes.target) {
    const resolved = resolveTarget(changes.target, undefined);
    if (!resolved) return refuse('VP_ERR_MOVE_TARGET_UNRESOLVED', `target ${describeTarget(changes.target)} has no position`);
    newTarget = resolved;
  }
  if (progress >= ADJUST_PROGRESS_LIMIT) return refuse('VP_ERR_MOVE_FINISHING', 'the move is finishing; start a new one');
  if (!canAdjust) return refuse('VP_ERR_MOVE_ADJUST_LIMIT', 'too many adjustments to one move; start a new one');
  return { ok: true, spec: parsed.data, targetPosition: newTarget };
}

/** A requested playback rate (positive, finite), into the schema's MOVE_SPEED_RANGE. */
export function clampSpeed(multiplier: number): number {
  return Math.min(Math.max(multiplier, MOVE_SPEED_RANGE.min), MOVE_SPEED_RANGE.max);
}

/** Target position: the caller's, else a point target's own; undefined for no target; null when unresolvable. */
function resolveTarget(target: MoveTarget | undefined, position: Readonly<Vec3> | undefined): Readonly<Vec3> | undefined | null {
  if (position) return position;
  if (!target) return undefined;
  return target.type === 'point' ? target.position : null;
}

function describeTarget(target: MoveTarget | undefined): string {
  return target ? (target.type === 'point' ? 'point' : `${target.type} "${target.id}"`) : 'none';
}

function isFiniteVec3(v: Readonly<Vec3>): boolean {
  return Number.isFinite(v[0]) && Number.isFinite(v[1]) && Number.isFinite(v[2]);
}

function isFiniteQuat(q: Readonly<Quat>): boolean {
  return Number.isFinite(q[0]) && Number.isFinite(q[1]) && Number.isFinite(q[2]) && Number.isFinite(q[3]);
}
