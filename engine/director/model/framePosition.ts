// Where a point lands in a camera's frame: the test behind every promise a suggestion makes ("ends with the First
// arch in frame"). Pure and allocation-free.
import type { Quat, Vec3 } from '../../../camera-bridge/CameraSample.ts';

export interface FramePosition {
  /** In front of the lens (beyond MIN_DEPTH_M along the optical axis). */
  inFront: boolean;
  /** Fraction of the half-frame: −1 the left (bottom) edge, +1 the right (top) edge, 0 the centre. */
  x: number;
  y: number;
  /** Inside the frame: in front and |x|, |y| ≤ 1. */
  inFrame: boolean;
  /** Inside the centre third: |x|, |y| ≤ 1/3. */
  inCentreThird: boolean;
}

const _c: Vec3 = [0, 0, 0];

/** `point` in the camera's own frame (−Z forward, +Y up): (point − position) rotated by the inverse of `rotation`. */
function cameraFrameOf(position: Readonly<Vec3>, rotation: Readonly<Quat>, point: Readonly<Vec3>, out: Vec3): Vec3 {
  const vx = point[0] - position[0];
  const vy = point[1] - position[1];
  const vz = point[2] - position[2];
  const qx = -rotation[0], qy = -rotation[1], qz = -rotation[2], qw = rotation[3]; // conjugate
  const tx = 2 * (qy * vz - qz * vy); // t = 2 q.xyz × v
  const ty = 2 * (qz * vx - qx * vz);
  const tz = 2 * (qx * vy - qy * vx);
  out[0] = vx + qw * tx + (qy * tz - qz * ty); // v' = v + w t + q.xyz × t
  out[1] = vy + qw * ty + (qz * tx - qx * tz);
  out[2] = vz + qw * tz + (qx * ty - qy * tx);
  return out;
}

/** A point closer to the lens than this along its axis is not "in frame", metres. */
export const MIN_DEPTH_M = 0.1;

export function createFramePosition(): FramePosition {
  return { inFront: false, x: NaN, y: NaN, inFrame: false, inCentreThird: false };
}

/**
 * Projects `point` for a camera at `position` with unit `rotation` (looking along its −Z, +Y up) and a lens of
 * `focalLengthMm` on a `sensorWidthMm` × `sensorHeightMm` sensor (pinhole).
 *
 * Hand-worked: camera at the origin looking down −Z with 36 mm on a 36 × 24 mm sensor (tan(hFov/2) = 0.5,
 * tan(vFov/2) = 1/3): the point (1, 0.5, −4) is at x = (1/4)/0.5 = 0.5, y = (0.5/4)/(1/3) = 0.375.
 */
export function framePosition(
  position: Readonly<Vec3>,
  rotation: Readonly<Quat>,
  point: Readonly<Vec3>,
  focalLengthMm: number,
  sensorWidthMm: number,
  sensorHeightMm: number,
  out: FramePosition = createFramePosition(),
): FramePosition {
  const [cx, cy, cz] = cameraFrameOf(position, rotation, point, _c);
  const depth = -cz; // the camera looks along its −Z
  out.inFront = depth > MIN_DEPTH_M;
  const halfW = sensorWidthMm / (2 * focalLengthMm); // tan(hFov / 2)
  const halfH = sensorHeightMm / (2 * focalLengthMm);
  out.x = depth > 0 ? cx / depth / halfW : NaN;
  out.y = depth > 0 ? cy / depth / halfH : NaN;
  out.inFrame = out.inFront && Math.abs(out.x) <= 1 && Math.abs(out.y) <= 1;
  out.inCentreThird = out.inFront && Math.abs(out.x) <= 1 / 3 && Math.abs(out.y) <= 1 / 3;
  return out;
}

/**
 * Whether a sphere of `radiusM` at `point` shows anywhere in the frame of a camera at `position`/`rotation` (pinhole,
 * as framePosition): the test that keeps the hero camera's rig out of another camera's shot. Conservative at the
 * frame edges: the sphere counts as in frame when its centre is within `radiusM` of the frustum's side planes.
 *
 * Hand-worked: camera at the origin looking down −Z, 36 mm on 36 × 24 mm (tan(hFov/2) = 0.5): at depth 4 the frame
 * spans |x| ≤ 2; a side plane's normal is (1, 0, 0.5)/√1.25, so (2.4, 0, −4) is 0.4/√1.25 ≈ 0.358 m outside it:
 * in view with a 0.5 m radius, not with 0.3 m.
 */
export function sphereInView(
  position: Readonly<Vec3>,
  rotation: Readonly<Quat>,
  point: Readonly<Vec3>,
  radiusM: number,
  focalLengthMm: number,
  sensorWidthMm: number,
  sensorHeightMm: number,
): boolean {
  const [cx, cy, cz] = cameraFrameOf(position, rotation, point, _c);
  const depth = -cz;
  if (depth + radiusM <= MIN_DEPTH_M) return false;
  const halfW = sensorWidthMm / (2 * focalLengthMm);
  const halfH = sensorHeightMm / (2 * focalLengthMm);
  // Signed distance outside the left/right and bottom/top planes through the lens (positive = outside).
  const outsideX = (Math.abs(cx) - depth * halfW) / Math.sqrt(1 + halfW * halfW);
  const outsideY = (Math.abs(cy) - depth * halfH) / Math.sqrt(1 + halfH * halfH);
  return outsideX <= radiusM && outsideY <= radiusM;
}
