// Line-segment vertices of a camera frustum for the 3D views: apex at the origin, looking down -Z, +Y up (three.js
// camera convention), with a small triangle over the top edge so "up" reads at a glance. Allocates nothing.

/** Vertices written by writeFrustumLines: 4 rays + 4 far edges + 2 for the up triangle = 10 segments. */
export const FRUSTUM_VERTEX_COUNT = 20;

/**
 * Writes 20 vertices (60 floats) into `out`.
 * @param vFovRad vertical field of view, radians
 * @param aspect width / height
 * @param lengthM distance from the apex to the drawn far rectangle, m
 */
export function writeFrustumLines(out: Float32Array, vFovRad: number, aspect: number, lengthM: number): Float32Array {
  const h = Math.tan(vFovRad / 2) * lengthM; // half height of the far rectangle
  const w = h * aspect; // half width
  const z = -lengthM;
  let i = 0;
  const v = (x: number, y: number, zz: number) => {
    out[i++] = x;
    out[i++] = y;
    out[i++] = zz;
  };
  // Rays from the apex to the four corners.
  v(0, 0, 0), v(-w, -h, z);
  v(0, 0, 0), v(w, -h, z);
  v(0, 0, 0), v(w, h, z);
  v(0, 0, 0), v(-w, h, z);
  // Far rectangle.
  v(-w, -h, z), v(w, -h, z);
  v(w, -h, z), v(w, h, z);
  v(w, h, z), v(-w, h, z);
  v(-w, h, z), v(-w, -h, z);
  // Up marker: a triangle standing on the top edge.
  const t = h * 0.35; // its height
  v(-w * 0.3, h, z), v(0, h + t, z);
  v(0, h + t, z), v(w * 0.3, h, z);
  return out;
}
