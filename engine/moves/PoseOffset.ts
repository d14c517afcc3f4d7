// A virtual camera offset on top of a tracked pose: world translation, a world rotation before and a local rotation after.
//
// final position = tracked position + translationM
// final rotation = rotationWorld * tracked rotation * rotationLocal
// World rotations turn the camera about stage axes (pan about +Y stays a pan whatever the camera's roll); local
// rotations turn it about its own axes (tilt about its +X, roll about its +Z). Every function writes into `out`
// and allocates nothing (hence the local renormalise and slerp: quaternion.ts normalises with Math.hypot, which V8
// does not inline and so boxes its arguments, a heap allocation per call).
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { multiplyQuat, normalizeQuat, slerpQuat } from '../../camera-bridge/math/quaternion.ts';

export interface PoseOffset {
  /** Added to the tracked position, metres, stage (world) frame. */
  translationM: Vec3;
  /** Pre-multiplied onto the tracked rotation: turns about world axes through the camera. */
  rotationWorld: Quat;
  /** Post-multiplied onto the tracked rotation: turns about the camera's own axes. */
  rotationLocal: Quat;
}

export function createPoseOffset(): PoseOffset {
  return { translationM: [0, 0, 0], rotationWorld: [0, 0, 0, 1], rotationLocal: [0, 0, 0, 1] };
}

/** Sets `out` to "no offset". */
export function identityPoseOffset(out: PoseOffset): PoseOffset {
  const t = out.translationM, w = out.rotationWorld, l = out.rotationLocal;
  t[0] = 0; t[1] = 0; t[2] = 0;
  w[0] = 0; w[1] = 0; w[2] = 0; w[3] = 1;
  l[0] = 0; l[1] = 0; l[2] = 0; l[3] = 1;
  return out;
}

export function copyPoseOffset(src: Readonly<PoseOffset>, out: PoseOffset): PoseOffset {
  const t = src.translationM, w = src.rotationWorld, l = src.rotationLocal;
  out.translationM[0] = t[0]; out.translationM[1] = t[1]; out.translationM[2] = t[2];
  out.rotationWorld[0] = w[0]; out.rotationWorld[1] = w[1]; out.rotationWorld[2] = w[2]; out.rotationWorld[3] = w[3];
  out.rotationLocal[0] = l[0]; out.rotationLocal[1] = l[1]; out.rotationLocal[2] = l[2]; out.rotationLocal[3] = l[3];
  return out;
}

/** True when the offset moves nothing (within `epsilon` metres / quaternion components; q and −q both count). */
export function isIdentityPoseOffset(o: Readonly<PoseOffset>, epsilon = 1e-9): boolean {
  const t = o.translationM;
  return (
    Math.abs(t[0]) <= epsilon && Math.abs(t[1]) <= epsilon && Math.abs(t[2]) <= epsilon &&
    1 - Math.abs(o.rotationWorld[3]) <= epsilon && 1 - Math.abs(o.rotationLocal[3]) <= epsilon
  );
}

/** Applies `offset` to a tracked pose in place (what CameraMoves.apply does for the frame composer). */
export function applyPoseOffset(offset: Readonly<PoseOffset>, position: Vec3, rotation: Quat): void {
  position[0] += offset.translationM[0];
  position[1] += offset.translationM[1];
  position[2] += offset.translationM[2];
  multiplyQuat(offset.rotationWorld, rotation, rotation);
  multiplyQuat(rotation, offset.rotationLocal, rotation);
  normalizeQuat(rotation, rotation); // unit length again after the products (identity if degenerate)
}

/**
 * `a` at alpha 0, `b` at alpha 1: translations lerped, both rotations slerped (short way round).
 * `out` may alias `a` or `b`.
 */
export function lerpPoseOffset(a: Readonly<PoseOffset>, b: Readonly<PoseOffset>, alpha: number, out: PoseOffset): PoseOffset {
  const ta = a.translationM, tb = b.translationM;
  out.translationM[0] = ta[0] + (tb[0] - ta[0]) * alpha;
  out.translationM[1] = ta[1] + (tb[1] - ta[1]) * alpha;
  out.translationM[2] = ta[2] + (tb[2] - ta[2]) * alpha;
  slerpQuat(a.rotationWorld, b.rotationWorld, alpha, out.rotationWorld);
  slerpQuat(a.rotationLocal, b.rotationLocal, alpha, out.rotationLocal);
  return out;
}

/**
 * The single offset equal to applying `inner` first, then `outer`:
 * translation = inner + outer, world = outer.world * inner.world, local = inner.local * outer.local.
 * `out` may alias either argument.
 */
export function composePoseOffset(outer: Readonly<PoseOffset>, inner: Readonly<PoseOffset>, out: PoseOffset): PoseOffset {
  out.translationM[0] = inner.translationM[0] + outer.translationM[0];
  out.translationM[1] = inner.translationM[1] + outer.translationM[1];
  out.translationM[2] = inner.translationM[2] + outer.translationM[2];
  multiplyQuat(outer.rotationWorld, inner.rotationWorld, out.rotationWorld);
  multiplyQuat(inner.rotationLocal, outer.rotationLocal, out.rotationLocal);
  return out;
}
