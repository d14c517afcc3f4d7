// A take's camera as a Nuke .chan file: frame, translate, rotate (ZXY) and vertical field of view, one line per frame.
import type { TakeFrame, TakeManifest } from '../TakeFrame.ts';
import { cameraTrack } from './cameraTrack.ts';
import { panTiltRollDegFromQuatYUp, type PanTiltRollDeg } from './panTiltRoll.ts';
import { verticalFovRad } from './verticalFovRad.ts';

const RAD2DEG = 180 / Math.PI;

/**
 * Nuke .chan: `frame tx ty tz rx ry rz vfov`, tab-separated, LF line ends; import with Camera → File → Import chan
 * file, rotation order ZXY (Nuke's default).
 * - Axes: none changed. Nuke's camera, like ours, looks down −Z with +Y up and +X right; translations in metres.
 * - Rotation: degrees. Nuke's 'ZXY' rotates about Z first, then X, then Y: R = Ry · Rx · Rz, which is the engine's
 *   pan/tilt/roll (q = qPan(+Y) · qTilt(+X) · qRoll(+Z)), so rx = tilt, ry = pan, rz = roll.
 * - Pan and roll are unwrapped frame to frame (a pan through 180° goes on to 181°, not −179°), because Nuke interpolates
 *   the curves between keys and a 360° jump would spin the camera.
 * - vfov: vertical field of view in degrees, 2·atan(sensorHeight / (2·focal)); Nuke derives the focal length from it
 *   with the camera's vertical aperture, so set that to the sensor height.
 * - frame: take-relative (0 at manifest.firstFrame), as in the other exports.
 */
export function toChan(manifest: TakeManifest, frames: readonly TakeFrame[], cameraId: string): string {
  const angles: PanTiltRollDeg = { pan: 0, tilt: 0, roll: 0 };
  let lines = '';
  let first = true;
  let pan = 0, roll = 0; // previous line's unwrapped angles (tilt stays in [−90, 90]: it never wraps)
  for (const { index, camera: c } of cameraTrack(manifest, frames, cameraId)) {
    panTiltRollDegFromQuatYUp(c.rotation, angles);
    pan = first ? angles.pan : unwrapDeg(angles.pan, pan);
    roll = first ? angles.roll : unwrapDeg(angles.roll, roll);
    first = false;
    const vfovDeg = verticalFovRad(c.focalLengthMm, c.sensorHeightMm) * RAD2DEG;
    lines += `${index}\t${c.position[0]}\t${c.position[1]}\t${c.position[2]}\t${angles.tilt}\t${pan}\t${roll}\t${vfovDeg}\n`;
  }
  return lines;
}

/** `angleDeg` plus the whole turns that bring it nearest `previousDeg`. */
function unwrapDeg(angleDeg: number, previousDeg: number): number {
  return angleDeg + 360 * Math.round((previousDeg - angleDeg) / 360);
}
