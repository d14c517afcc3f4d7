// OpenTrackIO pan/tilt/roll and transform chains ↔ one rigid Z-up pose (position + quaternion); no allocation per call.
//
// Convention, from the OpenTrackIO 1.0.1 documentation (camdkit templates/OpenTrackIO.html and
// resources/img/Axis_Rotation.svg) and the transforms description in camdkit clip.py:
//   - right-handed, Z up, +Y forward (towards the LED wall when pan/tilt/roll are 0), +X camera-right;
//   - "positive rotations are clockwise around the axis" looking along it, i.e. the right-hand rule,
//     and the axis diagram spells each one out:
//       pan  about Z: "+ve X to Y"  → positive pan turns the camera to its LEFT (forward +Y → -X)
//       tilt about X: "+ve Y to Z"  → positive tilt looks UP
//       roll about Y: "+ve Z to X"  → positive roll leans the top of the frame to the right
//   - "Rotations are intrinsic and are measured around the axes ZXY": q = qPan * qTilt * qRoll.
//   - "Transforms are composed in sequential order, starting with the first transform in the list":
//     world = T0 * T1 * ... with each Ti = translate(ti) * rotate(Ri) (parent first).
//
// Trap: this is NOT FreeD's pan sign. `quatFromPanTiltRollZUp` (math/quaternion.ts) turns right for
// positive pan, as FreeD does; OpenTrackIO turns left, so it has its own function here.
import type { Quat, Vec3 } from '../CameraSample.ts';
import { identityQuat, multiplyQuat, quatFromAxisAngle, rotateVec3 } from '../math/quaternion.ts';
import type { OpenTrackIoTransform } from './OpenTrackIoSample.ts';

const DEG2RAD = Math.PI / 180;
const RAD2DEG = 180 / Math.PI;
const AXIS_X: Vec3 = [1, 0, 0];
const AXIS_Y: Vec3 = [0, 1, 0];
const AXIS_Z: Vec3 = [0, 0, 1];

const _qPan: Quat = [0, 0, 0, 1]; // about +Z
const _qTilt: Quat = [0, 0, 0, 1]; // about +X
const _qRoll: Quat = [0, 0, 0, 1]; // about +Y
const _qLink: Quat = [0, 0, 0, 1]; // one transform's rotation
const _t: Vec3 = [0, 0, 0]; // one transform's translation, rotated into the world

/** Pan/tilt/roll in degrees (OpenTrackIO convention above) as a Z-up quaternion. */
export function quatFromOpenTrackIoRotation(panDeg: number, tiltDeg: number, rollDeg: number, out: Quat): Quat {
  quatFromAxisAngle(AXIS_Z, panDeg * DEG2RAD, _qPan);
  quatFromAxisAngle(AXIS_X, tiltDeg * DEG2RAD, _qTilt);
  quatFromAxisAngle(AXIS_Y, rollDeg * DEG2RAD, _qRoll);
  multiplyQuat(_qPan, _qTilt, out);
  return multiplyQuat(out, _qRoll, out);
}

/** Angles in degrees. */
export interface PanTiltRollDeg {
  pan: number;
  tilt: number;
  roll: number;
}

/**
 * Inverse of quatFromOpenTrackIoRotation for a unit quaternion, angles in degrees with
 * tilt in [-90, 90]. With R = Rz(pan) Rx(tilt) Ry(roll):
 *   R21 = sin(tilt);  R01 = -sin(pan)cos(tilt), R11 = cos(pan)cos(tilt);  R20 = -cos(tilt)sin(roll), R22 = cos(tilt)cos(roll).
 * At tilt = ±90 pan and roll turn about the same axis; roll is then reported as 0.
 */
export function openTrackIoRotationFromQuat(q: Readonly<Quat>, out: PanTiltRollDeg): PanTiltRollDeg {
  const [x, y, z, w] = q;
  const r21 = 2 * (y * z + w * x);
  const r01 = 2 * (x * y - w * z);
  const r11 = 1 - 2 * (x * x + z * z);
  const r20 = 2 * (x * z - w * y);
  const r22 = 1 - 2 * (x * x + y * y);
  const sinTilt = Math.max(-1, Math.min(1, r21));
  out.tilt = Math.asin(sinTilt) * RAD2DEG;
  if (Math.abs(sinTilt) < 1 - 1e-9) {
    out.pan = Math.atan2(-r01, r11) * RAD2DEG;
    out.roll = Math.atan2(-r20, r22) * RAD2DEG;
  } else {
    // Gimbal lock: with roll = 0, R10 = sin(pan) and R00 = cos(pan).
    const r10 = 2 * (x * y + w * z);
    const r00 = 1 - 2 * (y * y + z * z);
    out.pan = Math.atan2(r10, r00) * RAD2DEG;
    out.roll = 0;
  }
  return out;
}

/**
 * Composes the chain parent-first into the pose of the last link relative to stage origin, Z-up:
 *   position = t0 + R0 (t1 + R1 (t2 + ...)),  rotation = R0 R1 R2 ...
 * walked forwards as P += Q·ti, Q = Q·Ri. Missing components read as 0; `scale` is ignored.
 */
export function composeOpenTrackIoTransforms(
  transforms: readonly OpenTrackIoTransform[],
  outPositionM: Vec3,
  outRotation: Quat,
): void {
  outPositionM[0] = 0;
  outPositionM[1] = 0;
  outPositionM[2] = 0;
  identityQuat(outRotation);
  for (const t of transforms) {
    _t[0] = t.translation.x ?? 0;
    _t[1] = t.translation.y ?? 0;
    _t[2] = t.translation.z ?? 0;
    rotateVec3(outRotation, _t, _t);
    outPositionM[0] += _t[0];
    outPositionM[1] += _t[1];
    outPositionM[2] += _t[2];
    quatFromOpenTrackIoRotation(t.rotation.pan ?? 0, t.rotation.tilt ?? 0, t.rotation.roll ?? 0, _qLink);
    multiplyQuat(outRotation, _qLink, outRotation);
  }
}
