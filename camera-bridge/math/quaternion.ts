// Quaternion helpers on plain `[x, y, z, w]` tuples; every function writes into `out` so hot paths allocate nothing.
import type { Quat, Vec3 } from '../CameraSample.ts';

const DEG2RAD = Math.PI / 180;

/** How far |q| may be from 1 and still count as a unit quaternion (sender float32 rounding). */
export const UNIT_TOLERANCE = 1e-3;

export function quatLength(q: Readonly<Quat>): number {
  // Math.sqrt, not Math.hypot: hypot allocates its arguments array on every call in V8 (per-sample hot path).
  return Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
}

export function isUnitQuat(q: Readonly<Quat>, tolerance = UNIT_TOLERANCE): boolean {
  return Math.abs(quatLength(q) - 1) <= tolerance;
}

export function normalizeQuat(q: Readonly<Quat>, out: Quat): Quat {
  const l = quatLength(q);
  if (l === 0 || !Number.isFinite(l)) return identityQuat(out);
  out[0] = q[0] / l;
  out[1] = q[1] / l;
  out[2] = q[2] / l;
  out[3] = q[3] / l;
  return out;
}

/** `out = q`. */
export function copyQuat(q: Readonly<Quat>, out: Quat): Quat {
  out[0] = q[0];
  out[1] = q[1];
  out[2] = q[2];
  out[3] = q[3];
  return out;
}

export function identityQuat(out: Quat): Quat {
  out[0] = 0;
  out[1] = 0;
  out[2] = 0;
  out[3] = 1;
  return out;
}

/** Hamilton product `a * b` (apply b first, then a). `out` may alias a or b. */
export function multiplyQuat(a: Readonly<Quat>, b: Readonly<Quat>, out: Quat): Quat {
  const ax = a[0], ay = a[1], az = a[2], aw = a[3];
  const bx = b[0], by = b[1], bz = b[2], bw = b[3];
  out[0] = aw * bx + ax * bw + ay * bz - az * by;
  out[1] = aw * by - ax * bz + ay * bw + az * bx;
  out[2] = aw * bz + ax * by - ay * bx + az * bw;
  out[3] = aw * bw - ax * bx - ay * by - az * bz;
  return out;
}

/** Rotation of `angleRad` about the unit `axis`. */
export function quatFromAxisAngle(axis: Readonly<Vec3>, angleRad: number, out: Quat): Quat {
  const s = Math.sin(angleRad / 2);
  out[0] = axis[0] * s;
  out[1] = axis[1] * s;
  out[2] = axis[2] * s;
  out[3] = Math.cos(angleRad / 2);
  return out;
}

export function dotQuat(a: Readonly<Quat>, b: Readonly<Quat>): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
}

/**
 * q and -q are the same rotation; flip `q` into the hemisphere of `reference` so that
 * filters and interpolation never take the long way round.
 */
export function alignQuatSign(q: Quat, reference: Readonly<Quat>): Quat {
  if (dotQuat(q, reference) < 0) {
    q[0] = -q[0];
    q[1] = -q[1];
    q[2] = -q[2];
    q[3] = -q[3];
  }
  return q;
}

/** Spherical linear interpolation, shortest arc; `alpha` outside [0,1] extrapolates. */
export function slerpQuat(a: Readonly<Quat>, b: Readonly<Quat>, alpha: number, out: Quat): Quat {
  let bx = b[0], by = b[1], bz = b[2], bw = b[3];
  let cosOmega = a[0] * bx + a[1] * by + a[2] * bz + a[3] * bw;
  if (cosOmega < 0) {
    cosOmega = -cosOmega;
    bx = -bx;
    by = -by;
    bz = -bz;
    bw = -bw;
  }
  let wa: number, wb: number;
  if (cosOmega > 0.9995) {
    // Nearly parallel: sin(omega) ~ 0, so fall back to nlerp.
    wa = 1 - alpha;
    wb = alpha;
  } else {
    const omega = Math.acos(cosOmega);
    const sinOmega = Math.sin(omega);
    wa = Math.sin((1 - alpha) * omega) / sinOmega;
    wb = Math.sin(alpha * omega) / sinOmega;
  }
  out[0] = wa * a[0] + wb * bx;
  out[1] = wa * a[1] + wb * by;
  out[2] = wa * a[2] + wb * bz;
  out[3] = wa * a[3] + wb * bw;
  return normalizeQuat(out, out);
}

/** Angle between two rotations, radians in [0, pi]. */
export function quatAngle(a: Readonly<Quat>, b: Readonly<Quat>): number {
  const d = Math.min(1, Math.abs(dotQuat(a, b)));
  return 2 * Math.acos(d);
}

const _qy: Quat = [0, 0, 0, 1]; // pan part
const _qx: Quat = [0, 0, 0, 1]; // tilt part
const _qz: Quat = [0, 0, 0, 1]; // roll part
const AXIS_X: Vec3 = [1, 0, 0];
const AXIS_Y: Vec3 = [0, 1, 0];
const AXIS_Z: Vec3 = [0, 0, 1];

/**
 * OSC `/camera/{id}/euler` angles (degrees) in the engine's Y-up frame:
 * pan about +Y, tilt about +X, roll about +Z, applied Y-X-Z (q = qPan * qTilt * qRoll).
 */
export function quatFromPanTiltRollYUp(panDeg: number, tiltDeg: number, rollDeg: number, out: Quat): Quat {
  quatFromAxisAngle(AXIS_Y, panDeg * DEG2RAD, _qy);
  quatFromAxisAngle(AXIS_X, tiltDeg * DEG2RAD, _qx);
  quatFromAxisAngle(AXIS_Z, rollDeg * DEG2RAD, _qz);
  multiplyQuat(_qy, _qx, out);
  return multiplyQuat(out, _qz, out);
}

/**
 * FreeD / OpenTrackIO angles (degrees) in their Z-up, +Y-forward frame, as a Z-up quaternion:
 * pan about Z with positive turning right (clockwise seen from above, so -pan about +Z),
 * tilt about X positive up, roll about Y; applied pan, then tilt, then roll (q = qPan * qTilt * qRoll).
 * Map the result into the engine frame with an AxisMapping.
 */
export function quatFromPanTiltRollZUp(panDeg: number, tiltDeg: number, rollDeg: number, out: Quat): Quat {
  quatFromAxisAngle(AXIS_Z, -panDeg * DEG2RAD, _qy);
  quatFromAxisAngle(AXIS_X, tiltDeg * DEG2RAD, _qx);
  quatFromAxisAngle(AXIS_Y, rollDeg * DEG2RAD, _qz);
  multiplyQuat(_qy, _qx, out);
  return multiplyQuat(out, _qz, out);
}

/** Rotate vector `v` by unit quaternion `q`. `out` may alias `v`. */
export function rotateVec3(q: Readonly<Quat>, v: Readonly<Vec3>, out: Vec3): Vec3 {
  const qx = q[0], qy = q[1], qz = q[2], qw = q[3];
  const vx = v[0], vy = v[1], vz = v[2];
  // t = 2 * cross(q.xyz, v)
  const tx = 2 * (qy * vz - qz * vy);
  const ty = 2 * (qz * vx - qx * vz);
  const tz = 2 * (qx * vy - qy * vx);
  out[0] = vx + qw * tx + (qy * tz - qz * ty);
  out[1] = vy + qw * ty + (qz * tx - qx * tz);
  out[2] = vz + qw * tz + (qx * ty - qy * tx);
  return out;
}

/**
 * Orientation of a camera at `eye` looking at `target` (engine cameras look along -Z with +Y up).
 * Degenerate (target straight up/down or on the eye) falls back to a safe up vector.
 */
export function quatLookAt(eye: Readonly<Vec3>, target: Readonly<Vec3>, out: Quat): Quat {
  // z axis of the camera basis points from target to eye.
  let zx = eye[0] - target[0], zy = eye[1] - target[1], zz = eye[2] - target[2];
  let l = Math.sqrt(zx * zx + zy * zy + zz * zz);
  if (l === 0) return identityQuat(out);
  zx /= l; zy /= l; zz /= l;
  // x = up × z, with up = +Y unless nearly parallel to z.
  let ux = 0, uy = 1, uz = 0;
  if (Math.abs(zy) > 0.999) { uy = 0; uz = 1; }
  let xx = uy * zz - uz * zy, xy = uz * zx - ux * zz, xz = ux * zy - uy * zx;
  l = Math.sqrt(xx * xx + xy * xy + xz * xz);
  xx /= l; xy /= l; xz /= l;
  // y = z × x
  const yx = zy * xz - zz * xy, yy = zz * xx - zx * xz, yz = zx * xy - zy * xx;
  // Rotation matrix columns (x, y, z) → quaternion (Shepperd's method).
  const m00 = xx, m01 = yx, m02 = zx, m10 = xy, m11 = yy, m12 = zy, m20 = xz, m21 = yz, m22 = zz;
  const trace = m00 + m11 + m22;
  if (trace > 0) {
    const s = 0.5 / Math.sqrt(trace + 1);
    out[3] = 0.25 / s;
    out[0] = (m21 - m12) * s;
    out[1] = (m02 - m20) * s;
    out[2] = (m10 - m01) * s;
  } else if (m00 > m11 && m00 > m22) {
    const s = 2 * Math.sqrt(1 + m00 - m11 - m22);
    out[3] = (m21 - m12) / s;
    out[0] = 0.25 * s;
    out[1] = (m01 + m10) / s;
    out[2] = (m02 + m20) / s;
  } else if (m11 > m22) {
    const s = 2 * Math.sqrt(1 + m11 - m00 - m22);
    out[3] = (m02 - m20) / s;
    out[0] = (m01 + m10) / s;
    out[1] = 0.25 * s;
    out[2] = (m12 + m21) / s;
  } else {
    const s = 2 * Math.sqrt(1 + m22 - m00 - m11);
    out[3] = (m10 - m01) / s;
    out[0] = (m02 + m20) / s;
    out[1] = (m12 + m21) / s;
    out[2] = 0.25 * s;
  }
  return normalizeQuat(out, out);
}
