// Off-axis (generalized perspective) projection of one LED wall section for a tracked eye (Kooima 2008).
import type { Vec3 } from '../../camera-bridge/CameraSample.ts';
import { crossVec3, dotVec3, lengthVec3, normalizeVec3, subVec3 } from '../../camera-bridge/math/vec3.ts';

/**
 * The eye must be at least this far in front of the screen plane, metres. Closer than a
 * tenth of a millimetre the frustum is so wide that the matrix is numerically meaningless.
 */
export const MIN_EYE_DISTANCE_M = 1e-4;

/** Clip planes of every wall frustum (inner and outer), metres: the walls and the console use the same. */
export const NEAR_M = 0.05;
export const FAR_M = 2000;

/** Frustum extents on the near plane, metres, in the screen-aligned eye frame (Kooima's l, r, b, t). */
export interface FrustumExtents {
  left: number;
  right: number;
  bottom: number;
  top: number;
}

/**
 * Everything a render node needs for one wall section, written in place every frame.
 * Matrices are column-major 4×4 (element `[col * 4 + row]`, like WebGL and three.js
 * `Matrix4.elements`), OpenGL clip space (z in [-1, 1]), so in a browser:
 * `camera.projectionMatrix.fromArray(projection)` and `camera.matrixWorldInverse.fromArray(view)`.
 */
export interface OffAxisResult {
  /** Asymmetric perspective frustum (glFrustum with `extents`, near and far). */
  projection: Float64Array;
  /** World → screen-aligned eye frame: `Mᵀ · T(-eye)`, M's columns being vr, vu, vn. */
  view: Float64Array;
  /** At the near plane, metres. */
  extents: FrustumExtents;
  /** Perpendicular distance from the eye to the screen plane, metres (> 0). */
  distanceM: number;
}

export function createOffAxisResult(): OffAxisResult {
  return {
    projection: new Float64Array(16),
    view: new Float64Array(16),
    extents: { left: 0, right: 0, bottom: 0, top: 0 },
    distanceM: 0,
  };
}

const _vr: Vec3 = [0, 0, 0], // right axis of screen
  _vu: Vec3 = [0, 0, 0], // up axis of screen
  _vn: Vec3 = [0, 0, 0], // normal vector of screen, towards the viewer
  _va: Vec3 = [0, 0, 0], // from pe to pa
  _vb: Vec3 = [0, 0, 0], // from pe to pb
  _vc: Vec3 = [0, 0, 0]; // from pe to pc

/**
 * The projection and view that make the screen rectangle (pa, pb, pc) a window seen from `eye`.
 *
 * - `pa` lower-left, `pb` lower-right, `pc` upper-left corner, world space, metres. The screen
 *   faces `vn = normalize(vr × vu)`: counter-clockwise pa → pb → pc seen from the viewer.
 * - The rectangle is assumed (the stage config validates it); vu is re-orthogonalised as
 *   `vn × vr` so that `view` stays a rigid transform even for a slightly skewed input.
 * - Returns `undefined`, writing nothing, when the eye is on or behind the screen plane
 *   (the wall cannot be a window from there), when the screen has zero size, or when
 *   `0 < nearM < farM` does not hold.
 *
 * Allocates nothing: reuse one `out` (see `createOffAxisResult`) per section.
 */
export function offAxisProjection(
  pa: Readonly<Vec3>,
  pb: Readonly<Vec3>,
  pc: Readonly<Vec3>,
  eye: Readonly<Vec3>,
  nearM: number,
  farM: number,
  out: OffAxisResult,
): OffAxisResult | undefined {
  if (!(nearM > 0 && farM > nearM)) return undefined;

  // Orthonormal basis of the screen.
  subVec3(pb, pa, _vr);
  subVec3(pc, pa, _vu);
  if (lengthVec3(_vr) === 0 || lengthVec3(_vu) === 0) return undefined;
  normalizeVec3(_vr, _vr);
  normalizeVec3(crossVec3(_vr, _vu, _vn), _vn);
  if (lengthVec3(_vn) === 0) return undefined; // pa, pb, pc collinear
  crossVec3(_vn, _vr, _vu);

  subVec3(pa, eye, _va); // from pe to pa
  subVec3(pb, eye, _vb); // from pe to pb
  subVec3(pc, eye, _vc); // from pe to pc

  const d = -dotVec3(_va, _vn); // distance from eye to screen
  if (!(d > MIN_EYE_DISTANCE_M)) return undefined; // on or behind the plane (or NaN input)

  const n = nearM; // distance of near clipping plane
  const f = farM; // distance of far clipping plane
  const k = n / d; // screen plane → near plane scale
  const l = dotVec3(_vr, _va) * k; // distance to left screen edge
  const r = dotVec3(_vr, _vb) * k; // distance to right screen edge
  const b = dotVec3(_vu, _va) * k; // distance to bottom screen edge
  const t = dotVec3(_vu, _vc) * k; // distance to top screen edge

  // glFrustum(l, r, b, t, n, f), column-major.
  const p = out.projection;
  p[0] = (2 * n) / (r - l);
  p[1] = 0;
  p[2] = 0;
  p[3] = 0;
  p[4] = 0;
  p[5] = (2 * n) / (t - b);
  p[6] = 0;
  p[7] = 0;
  p[8] = (r + l) / (r - l);
  p[9] = (t + b) / (t - b);
  p[10] = -(f + n) / (f - n);
  p[11] = -1;
  p[12] = 0;
  p[13] = 0;
  p[14] = (-2 * f * n) / (f - n);
  p[15] = 0;

  // Mᵀ · T(-eye): rows of the rotation are vr, vu, vn; the translation is -(basis · eye).
  const v = out.view;
  v[0] = _vr[0];
  v[1] = _vu[0];
  v[2] = _vn[0];
  v[3] = 0;
  v[4] = _vr[1];
  v[5] = _vu[1];
  v[6] = _vn[1];
  v[7] = 0;
  v[8] = _vr[2];
  v[9] = _vu[2];
  v[10] = _vn[2];
  v[11] = 0;
  v[12] = -dotVec3(_vr, eye);
  v[13] = -dotVec3(_vu, eye);
  v[14] = -dotVec3(_vn, eye);
  v[15] = 1;

  out.extents.left = l;
  out.extents.right = r;
  out.extents.bottom = b;
  out.extents.top = t;
  out.distanceM = d;
  return out;
}
