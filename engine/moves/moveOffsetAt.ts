// Where a move has taken the camera at one eased progress: the PoseOffset from the pose the move started at (pure, allocation-free).
//
// Conventions (signs from MoveSpec.ts; engine camera looks along −Z with +Y up and +X right):
// - dolly / truck move along the start camera's forward (−Z) / right (+X) axis;
// - pedestal moves along WORLD +Y: a pedestal column is vertical whatever the camera's tilt, so a tilted camera
//   rising on a pedestal keeps its horizon and does not drift towards where it is looking;
// - pan turns about world +Y (world rotation: stays a pan whatever the roll); tilt about the camera's +X and roll
//   about its +Z (local rotations); positive roll turns the camera counter-clockwise as seen from behind it (its up
//   vector leans to camera-left);
// - aim is a pan (world +Y, `angleRad`) and a tilt (camera +X, `tiltRad`) at once: for a camera without roll its
//   heading and elevation change by exactly those angles (director/model/aimAngles.ts computes them for a target);
// - orbit circles the camera about the vertical through the aim point (counter-clockwise from above for angleRad
//   > 0: +Z swings towards +X) and yaws it by the same angle, so what was framed stays framed;
// - crane rises `distanceM` along world +Y while swinging `angleRad` about the vertical through the target (or
//   through the camera when the move has no target), and re-tilts about a horizontal axis so the aim point keeps its
//   elevation in frame;
// - push-in / pull-out move along the line from the camera to the aim point (see pushTravelM);
// - hold moves nothing.
// The aim point is `start.targetPosition`, or FALLBACK_TARGET_DISTANCE_M ahead of the start camera when absent.
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { multiplyQuat, quatFromAxisAngle, rotateVec3 } from '../../camera-bridge/math/quaternion.ts';
import type { MoveSpec } from '../protocol/MoveSpec.ts';
import { identityPoseOffset, type PoseOffset } from './PoseOffset.ts';

/** The camera state a move is planned from, captured when it starts. */
export interface MoveStart {
  /** Camera position, metres, stage frame. */
  position: Vec3;
  /** Camera orientation, unit `[x, y, z, w]`. */
  rotation: Quat;
  /** Resolved world position of the move's target (subject, point of interest or point), metres. */
  targetPosition?: Vec3;
  /**
   * True when `targetPosition` only stands in for a missing target (a MoveController freezes the fallback aim point
   * so adjustments keep it): cranes then pivot on the camera and push-ins do not stop at MIN_STANDOFF_M.
   */
  targetIsFallback?: boolean;
  focalLengthMm: number;
  /** Sensor (image) height, mm: with the focal length it sets how big a subject looks. */
  sensorHeightMm: number;
}

/** Subject height the framing fractions refer to (MoveSpec `framing.subjectHeightFraction`), metres. */
export const SUBJECT_HEIGHT_M = 1.8;
/** Aim point for a targeted move without a target: this far along the start camera's forward axis, metres. */
export const FALLBACK_TARGET_DISTANCE_M = 3;
/** A push-in towards a real target never brings the camera closer than this, metres. */
export const MIN_STANDOFF_M = 0.3;

const WORLD_UP: Readonly<Vec3> = [0, 1, 0];
const AXIS_X: Readonly<Vec3> = [1, 0, 0];
const AXIS_Z: Readonly<Vec3> = [0, 0, 1];
const CAMERA_FORWARD: Readonly<Vec3> = [0, 0, -1];
const CAMERA_RIGHT: Readonly<Vec3> = [1, 0, 0];
/** Below this horizontal distance, metres, the bearing to the aim point is undefined (camera straight above it). */
const MIN_HORIZONTAL_M = 1e-6;

const _aim: Vec3 = [0, 0, 0]; // aim point, stage frame
const _v: Vec3 = [0, 0, 0]; // direction / relative vector
const _pivot: Vec3 = [0, 0, 0]; // crane: a point on the vertical swing axis
const _end: Vec3 = [0, 0, 0]; // crane: camera position at this progress
const _aimEnd: Vec3 = [0, 0, 0]; // crane: aim point swung with the jib
const _yaw: Quat = [0, 0, 0, 1]; // rotation about world +Y
const _tilt: Quat = [0, 0, 0, 1]; // crane: re-aim about a horizontal axis
const _right: Vec3 = [0, 0, 0]; // crane: horizontal right of the end bearing

/** Camera-to-subject distance at which a SUBJECT_HEIGHT_M subject fills `subjectHeightFraction` of the frame (pinhole). */
export function framingDistanceM(subjectHeightFraction: number, focalLengthMm: number, sensorHeightMm: number): number {
  return (SUBJECT_HEIGHT_M * focalLengthMm) / (subjectHeightFraction * sensorHeightMm);
}

/** The move's aim point: its target, else FALLBACK_TARGET_DISTANCE_M ahead of the start camera. */
export function moveAimPoint(start: Readonly<MoveStart>, out: Vec3): Vec3 {
  const t = start.targetPosition;
  if (t) {
    out[0] = t[0]; out[1] = t[1]; out[2] = t[2];
    return out;
  }
  rotateVec3(start.rotation, CAMERA_FORWARD, out);
  out[0] = start.position[0] + out[0] * FALLBACK_TARGET_DISTANCE_M;
  out[1] = start.position[1] + out[1] * FALLBACK_TARGET_DISTANCE_M;
  out[2] = start.position[2] + out[2] * FALLBACK_TARGET_DISTANCE_M;
  return out;
}

function hasRealTarget(start: Readonly<MoveStart>): boolean {
  return start.targetPosition !== undefined && start.targetIsFallback !== true;
}

/**
 * Signed distance, metres, a push-in / pull-out travels towards its aim point at full progress (negative: away).
 * - With `framing`: ends at framingDistanceM from the aim point. A push-in already that close stays put (it never
 *   backs off) and stops at MIN_STANDOFF_M at the nearest; a pull-out already that far stays put.
 * - Else `distanceM`: a push-in moves that far towards the aim point, a pull-out that far away (a negative value
 *   reverses either); a push-in towards a real target stops at MIN_STANDOFF_M from it.
 * 0 for every other kind.
 */
export function pushTravelM(spec: Readonly<MoveSpec>, start: Readonly<MoveStart>): number {
  if (spec.kind !== 'push-in' && spec.kind !== 'pull-out') return 0;
  const pushIn = spec.kind === 'push-in';
  moveAimPoint(start, _aim);
  const dist0 = length3(_aim[0] - start.position[0], _aim[1] - start.position[1], _aim[2] - start.position[2]);
  if (spec.framing) {
    if (!(start.focalLengthMm > 0) || !(start.sensorHeightMm > 0)) return 0;
    const endM = framingDistanceM(spec.framing.subjectHeightFraction, start.focalLengthMm, start.sensorHeightMm);
    return pushIn ? Math.max(0, dist0 - Math.max(endM, MIN_STANDOFF_M)) : -Math.max(0, endM - dist0);
  }
  const d = spec.distanceM ?? 0;
  let toward = pushIn ? d : -d;
  if (toward > 0 && hasRealTarget(start)) toward = Math.min(toward, Math.max(0, dist0 - MIN_STANDOFF_M));
  return toward;
}

/**
 * The offset that takes the camera from `start` to where `spec` has it at eased `progress` (0 = start pose,
 * 1 = end pose; values outside [0, 1], as overshooting beziers give, extrapolate). Missing `distanceM` /
 * `angleRad` / `tiltRad` count as 0. Writes and returns `out`.
 */
export function moveOffsetAt(spec: Readonly<MoveSpec>, start: Readonly<MoveStart>, progress: number, out: PoseOffset): PoseOffset {
  identityPoseOffset(out);
  const d = (spec.distanceM ?? 0) * progress; // metres travelled so far
  const a = (spec.angleRad ?? 0) * progress; // radians turned so far
  const t = out.translationM;
  switch (spec.kind) {
    case 'dolly':
      rotateVec3(start.rotation, CAMERA_FORWARD, _v);
      t[0] = _v[0] * d; t[1] = _v[1] * d; t[2] = _v[2] * d;
      break;
    case 'truck':
      rotateVec3(start.rotation, CAMERA_RIGHT, _v);
      t[0] = _v[0] * d; t[1] = _v[1] * d; t[2] = _v[2] * d;
      break;
    case 'pedestal':
      t[1] = d;
      break;
    case 'pan':
      quatFromAxisAngle(WORLD_UP, a, out.rotationWorld);
      break;
    case 'tilt':
      quatFromAxisAngle(AXIS_X, a, out.rotationLocal);
      break;
    case 'aim':
      quatFromAxisAngle(WORLD_UP, a, out.rotationWorld);
      quatFromAxisAngle(AXIS_X, (spec.tiltRad ?? 0) * progress, out.rotationLocal);
      break;
    case 'roll':
      quatFromAxisAngle(AXIS_Z, a, out.rotationLocal);
      break;
    case 'orbit':
      orbitOffset(start, a, out);
      break;
    case 'crane':
      craneOffset(start, d, a, out);
      break;
    case 'push-in':
    case 'pull-out': {
      const travel = pushTravelM(spec, start) * progress;
      moveAimPoint(start, _aim);
      _v[0] = _aim[0] - start.position[0];
      _v[1] = _aim[1] - start.position[1];
      _v[2] = _aim[2] - start.position[2];
      const l = length3(_v[0], _v[1], _v[2]);
      if (l < 1e-9) rotateVec3(start.rotation, CAMERA_FORWARD, _v); // on the aim point: along the view
      else { _v[0] /= l; _v[1] /= l; _v[2] /= l; }
      t[0] = _v[0] * travel; t[1] = _v[1] * travel; t[2] = _v[2] * travel;
      break;
    }
    case 'hold':
      break;
    default: {
      const never: never = spec.kind;
      throw new Error(`VP_ERR_MOVE_KIND: unknown move kind ${String(never)}`);
    }
  }
  return out;
}

/** Position swung `angleRad` about the vertical through the aim point, camera yawed by the same angle. */
function orbitOffset(start: Readonly<MoveStart>, angleRad: number, out: PoseOffset): void {
  moveAimPoint(start, _aim);
  quatFromAxisAngle(WORLD_UP, angleRad, _yaw);
  _v[0] = start.position[0] - _aim[0];
  _v[1] = start.position[1] - _aim[1];
  _v[2] = start.position[2] - _aim[2];
  rotateVec3(_yaw, _v, _v); // about +Y: the height above the aim point is kept
  out.translationM[0] = _aim[0] + _v[0] - start.position[0];
  out.translationM[1] = _aim[1] + _v[1] - start.position[1];
  out.translationM[2] = _aim[2] + _v[2] - start.position[2];
  out.rotationWorld[0] = _yaw[0]; out.rotationWorld[1] = _yaw[1]; out.rotationWorld[2] = _yaw[2]; out.rotationWorld[3] = _yaw[3];
}

/**
 * Jib: swing `angleRad` about the vertical through the target (through the camera when there is none), rise
 * `riseM`, then tilt about the horizontal axis square to the new bearing by the change in the aim point's elevation
 * (rising looks down onto it). The swing and the rise together trace the jib tip's arc.
 */
function craneOffset(start: Readonly<MoveStart>, riseM: number, angleRad: number, out: PoseOffset): void {
  const p0 = start.position;
  moveAimPoint(start, _aim);
  if (hasRealTarget(start)) { _pivot[0] = _aim[0]; _pivot[1] = _aim[1]; _pivot[2] = _aim[2]; }
  else { _pivot[0] = p0[0]; _pivot[1] = p0[1]; _pivot[2] = p0[2]; }
  quatFromAxisAngle(WORLD_UP, angleRad, _yaw);

  // Camera: swung about the pivot's vertical, then raised.
  _v[0] = p0[0] - _pivot[0]; _v[1] = p0[1] - _pivot[1]; _v[2] = p0[2] - _pivot[2];
  rotateVec3(_yaw, _v, _v);
  _end[0] = _pivot[0] + _v[0]; _end[1] = _pivot[1] + _v[1] + riseM; _end[2] = _pivot[2] + _v[2];
  // Aim point swung with the jib (it stays put when it is the pivot).
  _v[0] = _aim[0] - _pivot[0]; _v[1] = _aim[1] - _pivot[1]; _v[2] = _aim[2] - _pivot[2];
  rotateVec3(_yaw, _v, _v);
  _aimEnd[0] = _pivot[0] + _v[0]; _aimEnd[1] = _pivot[1] + _v[1]; _aimEnd[2] = _pivot[2] + _v[2];

  out.translationM[0] = _end[0] - p0[0];
  out.translationM[1] = _end[1] - p0[1];
  out.translationM[2] = _end[2] - p0[2];

  // Re-aim: the elevation of the aim point seen from the camera, before and after.
  const h0 = length3(_aim[0] - p0[0], 0, _aim[2] - p0[2]);
  const dx = _aimEnd[0] - _end[0], dz = _aimEnd[2] - _end[2];
  const h1 = length3(dx, 0, dz);
  if (h0 < MIN_HORIZONTAL_M || h1 < MIN_HORIZONTAL_M) {
    copyQuat(_yaw, out.rotationWorld);
    return;
  }
  const elev0 = Math.atan2(_aim[1] - p0[1], h0);
  const elev1 = Math.atan2(_aimEnd[1] - _end[1], h1);
  // Horizontal right of the bearing (dx, 0, dz): forward × up. Turning about it by +angle raises the view.
  _right[0] = -dz / h1; _right[1] = 0; _right[2] = dx / h1;
  quatFromAxisAngle(_right, elev1 - elev0, _tilt);
  multiplyQuat(_tilt, _yaw, out.rotationWorld);
}

/** |(x, y, z)|. Not Math.hypot: V8 boxes its arguments, an allocation per call on a per-tick path. */
function length3(x: number, y: number, z: number): number {
  return Math.sqrt(x * x + y * y + z * z);
}

function copyQuat(q: Readonly<Quat>, out: Quat): void {
  out[0] = q[0]; out[1] = q[1]; out[2] = q[2]; out[3] = q[3];
}
