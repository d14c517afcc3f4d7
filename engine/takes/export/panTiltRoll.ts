// Engine quaternion → pan/tilt/roll degrees in the OSC convention: the inverse of quatFromPanTiltRollYUp.
import type { Quat } from '../../../camera-bridge/CameraSample.ts';
import type { PanTiltRollDeg } from '../../../camera-bridge/opentrackio/OpenTrackIoTransforms.ts';

const RAD2DEG = 180 / Math.PI;

export type { PanTiltRollDeg };

/**
 * Pan about +Y, tilt about +X, roll about +Z, degrees, for a unit quaternion q = qPan * qTilt * qRoll
 * (engine Y-up frame, the OSC `/camera/{id}/euler` order). Pan and roll in [-180, 180] (atan2's range), tilt in [-90, 90].
 * With R = Ry(pan) Rx(tilt) Rz(roll):
 *   R12 = -sin(tilt);  R02 = sin(pan)cos(tilt), R22 = cos(pan)cos(tilt);  R10 = cos(tilt)sin(roll), R11 = cos(tilt)cos(roll).
 * At tilt = ±90 pan and roll turn about the same axis; roll is then reported as 0.
 * Works for q and -q alike (every matrix entry is quadratic in q).
 */
export function panTiltRollDegFromQuatYUp(q: Readonly<Quat>, out: PanTiltRollDeg): PanTiltRollDeg {
  const [x, y, z, w] = q;
  const r12 = 2 * (y * z - w * x);
  const r02 = 2 * (x * z + w * y);
  const r22 = 1 - 2 * (x * x + y * y);
  const r10 = 2 * (x * y + w * z);
  const r11 = 1 - 2 * (x * x + z * z);
  const sinTilt = Math.max(-1, Math.min(1, -r12));
  out.tilt = Math.asin(sinTilt) * RAD2DEG;
  if (Math.abs(sinTilt) < 1 - 1e-9) {
    out.pan = Math.atan2(r02, r22) * RAD2DEG;
    out.roll = Math.atan2(r10, r11) * RAD2DEG;
  } else {
    // Gimbal lock: with roll = 0, R00 = cos(pan) and R20 = -sin(pan).
    const r00 = 1 - 2 * (y * y + z * z);
    const r20 = 2 * (x * z - w * y);
    out.pan = Math.atan2(-r20, r00) * RAD2DEG;
    out.roll = 0;
  }
  return out;
}
