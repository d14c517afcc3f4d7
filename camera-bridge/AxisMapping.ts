// Per-source axis mapping from a tracker's frame into the engine's Y-up frame (a signed axis permutation).
import { z } from 'zod';
import type { Quat, Vec3 } from './CameraSample.ts';

/** Which source axis feeds each engine axis, e.g. `['x', 'z', '-y']` means engine (x,y,z) = (X, Z, -Y). */
export type AxisMappingSpec = [string, string, string];

const AXIS_TERM = z.enum(['x', 'y', 'z', '-x', '-y', '-z']);
export const AxisMappingSpecSchema = z
  .tuple([AXIS_TERM, AXIS_TERM, AXIS_TERM])
  .refine((spec) => new Set(spec.map((s) => s.replace('-', ''))).size === 3, 'each source axis must be used once')
  .refine((spec) => determinant(matrixFromSpec(spec)) === 1, 'mapping must be a proper rotation (no mirroring)');

/** FreeD and OpenTrackIO: Z up, +Y forward, +X right → engine Y up, -Z forward (the README's "Coordinates and units"). */
export const Z_UP_TO_Y_UP: AxisMappingSpec = ['x', 'z', '-y'];
export const IDENTITY_MAPPING: AxisMappingSpec = ['x', 'y', 'z'];

/** A compiled mapping: a 3x3 signed permutation, row-major, applied as engine = M * source. */
export class AxisMapping {
  readonly matrix: Float64Array;

  constructor(spec: AxisMappingSpec = IDENTITY_MAPPING) {
    const parsed = AxisMappingSpecSchema.parse(spec);
    this.matrix = matrixFromSpec(parsed);
  }

  /** `out` may alias `p`. */
  mapPosition(p: Readonly<Vec3>, out: Vec3): Vec3 {
    const m = this.matrix;
    const x = p[0], y = p[1], z = p[2];
    out[0] = m[0]! * x + m[1]! * y + m[2]! * z;
    out[1] = m[3]! * x + m[4]! * y + m[5]! * z;
    out[2] = m[6]! * x + m[7]! * y + m[8]! * z;
    return out;
  }

  /** R_engine = M R M^T; for a proper rotation M this just maps the quaternion's axis. `out` may alias `q`. */
  mapRotation(q: Readonly<Quat>, out: Quat): Quat {
    const w = q[3];
    this.mapPosition(q as unknown as Vec3, out as unknown as Vec3);
    out[3] = w;
    return out;
  }
}

function matrixFromSpec(spec: readonly string[]): Float64Array {
  const m = new Float64Array(9);
  spec.forEach((term, row) => {
    const sign = term.startsWith('-') ? -1 : 1;
    const col = 'xyz'.indexOf(term.replace('-', ''));
    m[row * 3 + col] = sign;
  });
  return m;
}

function determinant(m: Float64Array): number {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0, i = 0] = m;
  return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
}
