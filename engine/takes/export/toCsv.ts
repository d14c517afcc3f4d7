// A take's camera as CSV: one row per frame, units in the header, numbers at full precision (a spreadsheet's lingua franca).
import type { TakeFrame, TakeManifest } from '../TakeFrame.ts';
import { cameraTrack } from './cameraTrack.ts';
import { panTiltRollDegFromQuatYUp, type PanTiltRollDeg } from './panTiltRoll.ts';

export const CSV_HEADER =
  'frame,timecode,x_m,y_m,z_m,qx,qy,qz,qw,pan_deg,tilt_deg,roll_deg,focal_length_mm,sensor_width_mm,sensor_height_mm,focus_m,iris_fstop';

/**
 * Engine axes (+Y up, camera looks down −Z, metres); `frame` is take-relative (0 at manifest.firstFrame).
 * The quaternion is written as recorded (q and −q are the same rotation); pan/tilt/roll follow the OSC
 * convention, q = qPan(+Y) · qTilt(+X) · qRoll(+Z), pan and roll in [−180, 180], tilt in [−90, 90].
 * Numbers use JavaScript's shortest round-trip form (so re-reading gives the same doubles); focus and iris
 * cells are empty where the source did not report them. Rows end in LF.
 */
export function toCsv(manifest: TakeManifest, frames: readonly TakeFrame[], cameraId: string): string {
  const angles: PanTiltRollDeg = { pan: 0, tilt: 0, roll: 0 };
  const rows = [CSV_HEADER];
  for (const { index, timecode, camera: c } of cameraTrack(manifest, frames, cameraId)) {
    panTiltRollDegFromQuatYUp(c.rotation, angles);
    rows.push(
      [
        index,
        timecode, // digits, ':' and ';' only: never needs quoting
        ...c.position,
        ...c.rotation,
        angles.pan,
        angles.tilt,
        angles.roll,
        c.focalLengthMm,
        c.sensorWidthMm,
        c.sensorHeightMm,
        c.focusDistanceM ?? '',
        c.iris ?? '',
      ].join(','),
    );
  }
  return rows.join('\n') + '\n';
}
