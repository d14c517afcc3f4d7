// Does a suggestion keep its promise? Plays the move through the same planner the MoveController uses (moveOffsetAt
// with the move's easing) from the input camera, and checks where its target lands in the frame, with the lens.
import type { Quat, Vec3 } from '../../../camera-bridge/CameraSample.ts';
import { easingFunction } from '../../moves/easing.ts';
import { moveOffsetAt, type MoveStart } from '../../moves/moveOffsetAt.ts';
import { applyPoseOffset, createPoseOffset } from '../../moves/PoseOffset.ts';
import type { MoveKind, MoveSpec } from '../../protocol/MoveSpec.ts';
import type { DirectorInput } from '../DirectorInput.ts';
import { createFramePosition, framePosition, sphereInView } from './framePosition.ts';

/** Poses checked along the path, start and end included: the console's ghost path has as many. */
export const PROMISE_SAMPLES = 24;

/** Moves that go somewhere to find their target: only where they end counts. The others keep it framed throughout. */
const END_ONLY: ReadonlySet<MoveKind> = new Set(['pan', 'tilt', 'aim', 'roll', 'pedestal']);

export interface FramingPromise {
  /** The target is in frame at the end of the move. */
  endInFrame: boolean;
  /** …and in the centre third of the frame. */
  endInCentreThird: boolean;
  /** At every sample of the path (with a moving subject's predicted position). */
  alwaysInFrame: boolean;
  /** What the move promises for its kind: end in frame, and for keeping moves in frame throughout. */
  kept: boolean;
  /** Where the target lands at the end, fraction of the half-frame (+ right, + up). */
  endX: number;
  endY: number;
}

const _offset = createPoseOffset();
const _p: Vec3 = [0, 0, 0];
const _q: Quat = [0, 0, 0, 1];
const _t: Vec3 = [0, 0, 0];
const _frame = createFramePosition();

/**
 * `targetPosition` is where the target is now; `targetVelocity` (m/s) predicts a walking subject over the move's
 * duration. The spec is played at its planned duration (a MoveController may stretch it to the limits: the path,
 * and so where it ends, is the same).
 */
export function checkFramingPromise(spec: MoveSpec, input: DirectorInput, targetPosition: Readonly<Vec3>, targetVelocity: Readonly<Vec3> = [0, 0, 0]): FramingPromise {
  const cam = input.camera;
  const start = moveStartOf(input, targetPosition);
  const ease = easingFunction(spec.easing);
  const result: FramingPromise = { endInFrame: false, endInCentreThird: false, alwaysInFrame: true, kept: false, endX: NaN, endY: NaN };
  for (let i = 0; i <= PROMISE_SAMPLES; i++) {
    const s = i / PROMISE_SAMPLES;
    moveOffsetAt(spec, start, ease(s), _offset);
    _p[0] = cam.position[0]; _p[1] = cam.position[1]; _p[2] = cam.position[2];
    _q[0] = cam.rotation[0]; _q[1] = cam.rotation[1]; _q[2] = cam.rotation[2]; _q[3] = cam.rotation[3];
    applyPoseOffset(_offset, _p, _q);
    const tS = s * spec.durationS;
    for (let k = 0; k < 3; k++) _t[k] = targetPosition[k]! + targetVelocity[k]! * tS;
    const f = framePosition(_p, _q, _t, cam.focalLengthMm, cam.sensorWidthMm, cam.sensorHeightMm, _frame);
    if (!f.inFrame) result.alwaysInFrame = false;
    if (i === PROMISE_SAMPLES) {
      result.endInFrame = f.inFrame;
      result.endInCentreThird = f.inCentreThird;
      result.endX = f.x;
      result.endY = f.y;
    }
  }
  result.kept = result.endInFrame && (END_ONLY.has(spec.kind) || result.alwaysInFrame);
  return result;
}

/** Tolerance of the safe-volume test, metres (the translations are clamped to it in 5 cm steps). */
const SAFE_VOLUME_TOLERANCE_M = 1e-6;

/**
 * The planned path stays inside the input's safe volume at every sample (on an axis where the camera already is
 * outside, it only must not go further out, as the MoveController clamps it).
 */
export function pathInsideSafeVolume(spec: MoveSpec, input: DirectorInput, targetPosition?: Readonly<Vec3>): boolean {
  const sv = input.safeVolume;
  if (!sv) return true;
  const cam = input.camera;
  const start = moveStartOf(input, targetPosition);
  const ease = easingFunction(spec.easing);
  for (let i = 0; i <= PROMISE_SAMPLES; i++) {
    moveOffsetAt(spec, start, ease(i / PROMISE_SAMPLES), _offset);
    for (let k = 0; k < 3; k++) {
      const p = cam.position[k]! + _offset.translationM[k]!;
      const lo = Math.min(sv.min[k]!, cam.position[k]!) - SAFE_VOLUME_TOLERANCE_M;
      const hi = Math.max(sv.max[k]!, cam.position[k]!) + SAFE_VOLUME_TOLERANCE_M;
      if (p < lo || p > hi) return false;
    }
  }
  return true;
}

/** The hero rig with its operator, as another camera would see it: a sphere this big around the lens, metres. */
export const CAMERA_RIG_RADIUS_M = 0.6;

/**
 * The planned path never brings the hero camera's rig into another tracked camera's shot (a camera that already
 * sees it at the start is not held against the move: the crew framed it so, and the move can only be judged by
 * where it goes). Cameras are checked where they are now.
 */
export function pathClearOfOtherCameras(spec: MoveSpec, input: DirectorInput, targetPosition?: Readonly<Vec3>): boolean {
  const others = input.otherCameras;
  if (!others || others.length === 0) return true;
  const cam = input.camera;
  const inShotOf = (o: (typeof others)[number], p: Readonly<Vec3>) => sphereInView(o.position, o.rotation, p, CAMERA_RIG_RADIUS_M, o.focalLengthMm, o.sensorWidthMm, o.sensorHeightMm);
  const watching = others.filter((o) => !inShotOf(o, cam.position));
  if (watching.length === 0) return true;
  const start = moveStartOf(input, targetPosition);
  const ease = easingFunction(spec.easing);
  // Each path sample once, against every camera that did not see the hero at the start.
  for (let i = 1; i <= PROMISE_SAMPLES; i++) {
    moveOffsetAt(spec, start, ease(i / PROMISE_SAMPLES), _offset);
    for (let k = 0; k < 3; k++) _p[k] = cam.position[k]! + _offset.translationM[k]!;
    for (const o of watching) if (inShotOf(o, _p)) return false;
  }
  return true;
}

/** Where the AI may take the camera: inside the safe volume and out of the other cameras' shots, all along the path. */
export function pathAllowed(spec: MoveSpec, input: DirectorInput, targetPosition?: Readonly<Vec3>): boolean {
  return pathInsideSafeVolume(spec, input, targetPosition) && pathClearOfOtherCameras(spec, input, targetPosition);
}

/** Steps `fitAllowedPath` tries below the asked magnitude. */
const FIT_STEPS = 20;

/**
 * The largest |spec[field]|, at most the spec's, whose whole planned path is allowed (safe volume, other cameras'
 * shots; in 1/20 steps of the asked value), signed as asked; 0 when none is. For moves whose path is not along a
 * camera axis (push-ins along the line to their target, cranes and orbits swinging about it), where an axis clamp
 * would be wrong.
 */
export function fitAllowedPath(spec: MoveSpec, input: DirectorInput, targetPosition: Readonly<Vec3> | undefined, field: 'distanceM' | 'angleRad'): number {
  return largestPassing(spec, field, (trial) => pathAllowed(trial, input, targetPosition));
}

/** The largest |spec[field]|, at most the spec's, in 1/20 steps, for which `passes` holds, signed as asked; else 0. */
export function largestPassing(spec: MoveSpec, field: 'distanceM' | 'angleRad', passes: (trial: MoveSpec) => boolean): number {
  const asked = spec[field] ?? 0;
  const trial: MoveSpec = { ...spec };
  for (let i = FIT_STEPS; i > 0; i--) {
    trial[field] = (asked * i) / FIT_STEPS;
    if (passes(trial)) return trial[field];
  }
  return 0;
}

/** The input camera as the planner starts a move from it (what the ghost path and the controller start from too). */
function moveStartOf(input: DirectorInput, targetPosition: Readonly<Vec3> | undefined): MoveStart {
  const cam = input.camera;
  return { position: cam.position, rotation: cam.rotation, focalLengthMm: cam.focalLengthMm, sensorHeightMm: cam.sensorHeightMm, ...(targetPosition && { targetPosition: [...targetPosition] as Vec3 }) };
}
