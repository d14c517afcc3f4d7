// Where the tracked camera's field of view (the inner frustum) lands on one wall section, in the section's (u, v).
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { rotateVec3 } from '../../camera-bridge/math/quaternion.ts';
import { MIN_EYE_DISTANCE_M } from './offAxisProjection.ts';
import { crossVec3, dotVec3, lengthVec3, normalizeVec3, subVec3 } from '../../camera-bridge/math/vec3.ts';

/**
 * A corner ray that never reaches the plane in front of the camera (it points parallel to or
 * away from the wall) is replaced by the point this far away along the ray's direction
 * projected into the plane, metres: where the camera's image crosses the wall's horizon,
 * the footprint reaches "very far" that way. Large enough that the quad covers every real
 * wall in that direction, small enough to keep (u, v) well inside float precision.
 */
export const HORIZON_DISTANCE_M = 1000;

/** Corner order of `corners`: bottom-left, bottom-right, top-right, top-left of the camera image. */
export interface InnerFrustumFootprint {
  /**
   * `u0, v0, … u3, v3`: where each corner ray meets the section's plane. `u` runs along pa → pb,
   * `v` along pa → pc, [0, 1] inside the section (values outside are fine). All NaN when no
   * corner ray reaches the plane (eye on or behind it, or the camera turned away).
   */
  corners: Float64Array;
  /**
   * The eye is in front of the section's plane, at least one corner ray hits the plane in
   * front of the camera, and the quad overlaps the section's [0, 1]² square.
   */
  visible: boolean;
}

export function createInnerFrustumFootprint(): InnerFrustumFootprint {
  return { corners: new Float64Array(8), visible: false };
}

/** Horizontal field of view of a pinhole lens, radians: `2 atan(sensorWidth / (2 focal))`. */
export function horizontalFovRad(focalLengthMm: number, sensorWidthMm: number): number {
  return 2 * Math.atan(sensorWidthMm / (2 * focalLengthMm));
}

const CAMERA_RIGHT: Readonly<Vec3> = [1, 0, 0];
const CAMERA_UP: Readonly<Vec3> = [0, 1, 0];
const CAMERA_FORWARD: Readonly<Vec3> = [0, 0, -1]; // engine cameras look along their local -Z
/** Image-corner signs (right, up) in output order: bottom-left, bottom-right, top-right, top-left. */
const CORNER_SIGNS = [-1, -1, 1, -1, 1, 1, -1, 1] as const;

const _eu: Vec3 = [0, 0, 0], // pa → pb, the section's u edge
  _ev: Vec3 = [0, 0, 0], // pa → pc, the section's v edge
  _vn: Vec3 = [0, 0, 0], // normal of the section, towards the viewer
  _ve: Vec3 = [0, 0, 0], // from pa to the eye
  _cr: Vec3 = [0, 0, 0], // camera right in world space
  _cu: Vec3 = [0, 0, 0], // camera up in world space
  _cf: Vec3 = [0, 0, 0], // camera forward in world space
  _dir: Vec3 = [0, 0, 0], // one corner ray's direction
  _hit: Vec3 = [0, 0, 0]; // from pa to where that ray meets the plane

/**
 * Trace the camera frustum's four corner rays onto the plane of section (pa, pb, pc).
 *
 * - `eye` world position, `rotation` unit quaternion `[x, y, z, w]` (the camera looks along its
 *   local -Z with +Y up), `hFovRad` the full horizontal field of view (0..π), `aspect`
 *   image width / height, `overscan` scales the image plane (1.1 = 10 % wider and taller),
 *   as render nodes pad the inner frustum against tracking latency.
 * - A ray that meets the plane behind the camera, or never, is clipped to the horizon
 *   (see `HORIZON_DISTANCE_M`), so the quad keeps its four corners and stays on the correct
 *   side; if every ray misses, nothing is visible and corners are NaN.
 *
 * Allocates nothing; `out` is overwritten and returned.
 */
export function innerFrustumFootprint(
  pa: Readonly<Vec3>,
  pb: Readonly<Vec3>,
  pc: Readonly<Vec3>,
  eye: Readonly<Vec3>,
  rotation: Readonly<Quat>,
  hFovRad: number,
  aspect: number,
  overscan: number,
  out: InnerFrustumFootprint,
): InnerFrustumFootprint {
  out.visible = false;
  const corners = out.corners;
  corners.fill(Number.NaN);
  if (!(hFovRad > 0 && hFovRad < Math.PI && aspect > 0 && overscan > 0)) return out;

  subVec3(pb, pa, _eu);
  subVec3(pc, pa, _ev);
  const uu = dotVec3(_eu, _eu); // |pb - pa|²
  const vv = dotVec3(_ev, _ev); // |pc - pa|²
  if (uu === 0 || vv === 0) return out;
  normalizeVec3(crossVec3(_eu, _ev, _vn), _vn);
  if (lengthVec3(_vn) === 0) return out;

  subVec3(eye, pa, _ve);
  const d = dotVec3(_ve, _vn); // distance from eye to the plane, positive in front
  if (!(d > MIN_EYE_DISTANCE_M)) return out;

  rotateVec3(rotation, CAMERA_RIGHT, _cr);
  rotateVec3(rotation, CAMERA_UP, _cu);
  rotateVec3(rotation, CAMERA_FORWARD, _cf);
  const tanX = Math.tan(hFovRad / 2) * overscan; // image half-width at unit distance
  const tanY = tanX / aspect; // image half-height at unit distance

  let hits = 0;
  for (let i = 0; i < 4; i++) {
    const sx = CORNER_SIGNS[2 * i]!;
    const sy = CORNER_SIGNS[2 * i + 1]!;
    for (let k = 0; k < 3; k++) _dir[k] = _cf[k]! + sx * tanX * _cr[k]! + sy * tanY * _cu[k]!;
    const dn = dotVec3(_dir, _vn); // < 0: the ray heads towards the plane
    if (dn < 0) {
      // eye + s·dir on the plane: s = d / -dn > 0.
      const s = d / -dn;
      for (let k = 0; k < 3; k++) _hit[k] = _ve[k]! + s * _dir[k]!;
      hits++;
    } else {
      // Clip to the horizon: the eye's foot on the plane, pushed far along the in-plane part of the ray.
      for (let k = 0; k < 3; k++) _dir[k] = _dir[k]! - dn * _vn[k]!;
      const len = lengthVec3(_dir);
      const s = len > 0 ? HORIZON_DISTANCE_M / len : 0;
      for (let k = 0; k < 3; k++) _hit[k] = _ve[k]! - d * _vn[k]! + s * _dir[k]!;
    }
    corners[2 * i] = dotVec3(_hit, _eu) / uu;
    corners[2 * i + 1] = dotVec3(_hit, _ev) / vv;
  }
  if (hits === 0) {
    corners.fill(Number.NaN);
    return out;
  }
  out.visible = quadOverlapsUnitSquare(corners);
  return out;
}

/**
 * Does the quad (u0, v0 … u3, v3) overlap [0, 1]²? Either one of its edges touches the square
 * (which covers "a corner inside"), or the square lies wholly inside it, so its centre does.
 * Works for any simple quad, convex or not.
 */
function quadOverlapsUnitSquare(q: Float64Array): boolean {
  for (let i = 0; i < 4; i++) {
    const j = (i + 1) % 4;
    if (segmentTouchesUnitSquare(q[2 * i]!, q[2 * i + 1]!, q[2 * j]!, q[2 * j + 1]!)) return true;
  }
  return pointInQuad(q, 0.5, 0.5);
}

let _t0 = 0, // Liang–Barsky: entry parameter along the segment
  _t1 = 1; // Liang–Barsky: exit parameter along the segment

/** Liang–Barsky: clip the segment (x0, y0) → (x1, y1) to [0, 1]² and report whether anything is left. */
function segmentTouchesUnitSquare(x0: number, y0: number, x1: number, y1: number): boolean {
  _t0 = 0;
  _t1 = 1;
  const dx = x1 - x0;
  const dy = y1 - y0;
  // One call per square edge (u = 0, u = 1, v = 0, v = 1).
  return clipEdge(-dx, x0) && clipEdge(dx, 1 - x0) && clipEdge(-dy, y0) && clipEdge(dy, 1 - y0);
}

/** Keep the part of the segment where p·t <= q; false once nothing is left. */
function clipEdge(p: number, q: number): boolean {
  if (p === 0) return q >= 0; // parallel to this edge: all in or all out
  const t = q / p;
  if (p < 0) {
    if (t > _t1) return false;
    if (t > _t0) _t0 = t;
  } else {
    if (t < _t0) return false;
    if (t < _t1) _t1 = t;
  }
  return true;
}

/** Even-odd crossing test. */
function pointInQuad(q: Float64Array, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = 3; i < 4; j = i++) {
    const xi = q[2 * i]!, yi = q[2 * i + 1]!;
    const xj = q[2 * j]!, yj = q[2 * j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
