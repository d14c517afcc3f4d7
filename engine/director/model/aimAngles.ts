// The pan and tilt that aim a camera at a point: pan about world +Y (+ turns left), tilt about the camera's own +X
// (+ looks up), as moveOffsetAt applies them. Pure; the director uses it to size pans, tilts and aims exactly.
import type { Quat, Vec3 } from '../../../camera-bridge/CameraSample.ts';
import { rotateVec3 } from '../../../camera-bridge/math/quaternion.ts';
import { azimuthRad, clamp, wrapAngle } from './sceneGeometry.ts';

export interface AimAngles {
  /** Turn about world +Y, + left, (-π, π]. */
  panRad: number;
  /** Change of the look direction's elevation, + up. */
  tiltRad: number;
}

/**
 * Composition point in the frame, as a fraction of the half-frame: x + right, y + up, (0, 0) the centre; a rule-of-
 * thirds point is (±1/3, ±1/3).
 */
export interface FramePoint {
  x: number;
  y: number;
}

export const FRAME_CENTRE: Readonly<FramePoint> = { x: 0, y: 0 };

const FORWARD: Readonly<Vec3> = [0, 0, -1];
const _f: Vec3 = [0, 0, 0]; // current look direction, world

/**
 * Pan and tilt that bring `target` onto `at` (the frame centre by default) for a camera at `position` with
 * `rotation` and fields of view `hFovRad` × `vFovRad`. Exact for a camera without roll; the heading and elevation of
 * the look direction are changed by the angles returned.
 *
 * Hand-worked: camera at (0, 1.6, 0) looking down −Z, target at (−3, 4.6, −3): the target is 45° to the left
 * (atan2(3, 3)) and atan(3 / √18) = 35.26° up, so pan = +45° and tilt = +35.26°.
 */
export function aimAngles(
  position: Readonly<Vec3>,
  rotation: Readonly<Quat>,
  target: Readonly<Vec3>,
  hFovRad = 0,
  vFovRad = 0,
  at: Readonly<FramePoint> = FRAME_CENTRE,
  out: AimAngles = { panRad: 0, tiltRad: 0 },
): AimAngles {
  rotateVec3(rotation, FORWARD, _f);
  const yawRad = azimuthRad(_f[0], _f[2]);
  const pitchRad = Math.asin(clamp(_f[1], -1, 1));
  const dx = target[0] - position[0]; // from the camera to the target
  const dy = target[1] - position[1];
  const dz = target[2] - position[2];
  const ground = Math.hypot(dx, dz);
  const targetYawRad = ground < 1e-9 ? yawRad : azimuthRad(dx, dz);
  const targetPitchRad = Math.atan2(dy, ground);
  // A point right of centre by x half-frames sits atan(x·tan(hFov/2)) right of the optical axis.
  const offsetYawRad = Math.atan(at.x * Math.tan(hFovRad / 2));
  const offsetPitchRad = Math.atan(at.y * Math.tan(vFovRad / 2));
  out.panRad = wrapAngle(targetYawRad - yawRad + offsetYawRad);
  out.tiltRad = targetPitchRad - pitchRad - offsetPitchRad;
  return out;
}
