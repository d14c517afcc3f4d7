// Vec3 helpers on plain `[x, y, z]` tuples; every function that returns a vector writes into `out` so hot paths allocate nothing.
import type { Vec3 } from '../CameraSample.ts';

/** `out = a - b`. `out` may alias a or b. */
export function subVec3(a: Readonly<Vec3>, b: Readonly<Vec3>, out: Vec3): Vec3 {
  out[0] = a[0] - b[0];
  out[1] = a[1] - b[1];
  out[2] = a[2] - b[2];
  return out;
}

export function dotVec3(a: Readonly<Vec3>, b: Readonly<Vec3>): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** `out = a × b` (right-handed). `out` may alias a or b. */
export function crossVec3(a: Readonly<Vec3>, b: Readonly<Vec3>, out: Vec3): Vec3 {
  const ax = a[0], ay = a[1], az = a[2];
  const bx = b[0], by = b[1], bz = b[2];
  out[0] = ay * bz - az * by;
  out[1] = az * bx - ax * bz;
  out[2] = ax * by - ay * bx;
  return out;
}

export function lengthVec3(v: Readonly<Vec3>): number {
  return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]); // not Math.hypot: it allocates per call
}

/** Unit vector along `v`; the zero vector stays zero (callers check lengths where it matters). */
export function normalizeVec3(v: Readonly<Vec3>, out: Vec3): Vec3 {
  const l = lengthVec3(v);
  if (l === 0) {
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
    return out;
  }
  out[0] = v[0] / l;
  out[1] = v[1] / l;
  out[2] = v[2] / l;
  return out;
}

/** `out = a`. */
export function copyVec3(a: Readonly<Vec3>, out: Vec3): Vec3 {
  out[0] = a[0];
  out[1] = a[1];
  out[2] = a[2];
  return out;
}
