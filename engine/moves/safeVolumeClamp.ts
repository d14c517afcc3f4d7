// Keeps an offset camera inside the stage's safe volume without ever moving the tracked camera itself (pure, allocation-free).
//
// Each tick the final position is clamped into [min, max] per axis, so the camera slides along the boundary (the one
// place the offset's velocity may change abruptly). An axis on which the tracked camera itself is outside the box is
// only kept from going further out: the box is widened on that axis to include the tracked value, so with no offset
// the tracked pose is never altered, and an offset moving the camera back towards the box is let through. When a
// move or reset begins, its base (the accumulated offset) is clamped the same way, so it starts from where the camera
// visibly is rather than from a point beyond the boundary (continuous on screen: the displayed position was clamped
// anyway).
import type { Vec3 } from '../../camera-bridge/CameraSample.ts';
import type { SafeVolume } from './moveTypes.ts';
import type { PoseOffset } from './PoseOffset.ts';

/** `valueM` clamped into [minM, maxM] widened to include `trackedM` (never pulls in a camera that is itself outside). */
export function clampAxis(valueM: number, trackedM: number, minM: number, maxM: number): number {
  const lo = Math.min(minM, trackedM);
  const hi = Math.max(maxM, trackedM);
  return valueM < lo ? lo : valueM > hi ? hi : valueM;
}

/** Clamps an offset camera `positionM` (in place) into `volume`, measured against the tracked position. */
export function clampToSafeVolume(positionM: Vec3, trackedPositionM: Readonly<Vec3>, volume: Readonly<SafeVolume>): Vec3 {
  for (let i = 0; i < 3; i++) positionM[i] = clampAxis(positionM[i]!, trackedPositionM[i]!, volume.min[i]!, volume.max[i]!);
  return positionM;
}

/**
 * Shortens `base.translationM` (in place) so that the tracked position plus it lies in `volume` (clampAxis rules);
 * rotations are left alone.
 */
export function clampBaseToSafeVolume(base: PoseOffset, trackedPositionM: Readonly<Vec3>, volume: Readonly<SafeVolume>): PoseOffset {
  for (let i = 0; i < 3; i++) {
    const tracked = trackedPositionM[i]!;
    base.translationM[i] = clampAxis(tracked + base.translationM[i]!, tracked, volume.min[i]!, volume.max[i]!) - tracked;
  }
  return base;
}
