// Tests for the CSV export: parsed back, every cell checked against the fixture's path, plus hand-worked angles.
import { describe, expect, it } from 'vitest';
import { quatFromPanTiltRollYUp } from '../../../camera-bridge/math/quaternion.ts';
import { cameraFrameFromPose, buildTakeFixture, FIXTURE_CAMERA_ID, FIXTURE_SENSOR_MM, restPose } from './takeFixture.ts';
import { CSV_HEADER, toCsv } from './toCsv.ts';

/** Header names → one record per row, cells as strings. */
function parseCsv(text: string): Record<string, string>[] {
  expect(text.endsWith('\n')).toBe(true);
  const [header, ...rows] = text.trimEnd().split('\n');
  const names = header!.split(',');
  return rows.map((row) => {
    const cells = row.split(',');
    expect(cells).toHaveLength(names.length);
    return Object.fromEntries(names.map((n, i) => [n, cells[i]!]));
  });
}

describe('toCsv', () => {
  it('starts with the header row and its units', () => {
    const { manifest, frames } = buildTakeFixture();
    expect(toCsv(manifest, frames, FIXTURE_CAMERA_ID).split('\n')[0]).toBe(
      'frame,timecode,x_m,y_m,z_m,qx,qy,qz,qw,pan_deg,tilt_deg,roll_deg,focal_length_mm,sensor_width_mm,sensor_height_mm,focus_m,iris_fstop',
    );
    expect(CSV_HEADER.split(',')).toHaveLength(17);
  });

  it('writes one row per frame the camera is in, matching the path at full precision', () => {
    const { manifest, frames, poses } = buildTakeFixture();
    const rows = parseCsv(toCsv(manifest, frames, FIXTURE_CAMERA_ID));
    expect(rows).toHaveLength(poses.length); // the gap is skipped, the other camera absent
    rows.forEach((row, i) => {
      const pose = poses[i]!;
      const stored = cameraFrameFromPose(FIXTURE_CAMERA_ID, pose);
      expect(Number(row.frame)).toBe(pose.index);
      expect(row.timecode).toBe(`00:00:20:${String(pose.index).padStart(2, '0')}`); // 50 fps from 00:00:20:00
      expect([row.x_m, row.y_m, row.z_m].map(Number)).toEqual(pose.positionM); // exact: no rounding
      expect([row.qx, row.qy, row.qz, row.qw].map(Number)).toEqual(stored.rotation);
      expect(Number(row.pan_deg)).toBeCloseTo(pose.panDeg, 9);
      expect(Number(row.tilt_deg)).toBeCloseTo(pose.tiltDeg, 9);
      expect(Number(row.roll_deg)).toBeCloseTo(pose.rollDeg, 9);
      expect(Number(row.focal_length_mm)).toBe(pose.focalLengthMm);
      expect(Number(row.sensor_width_mm)).toBe(FIXTURE_SENSOR_MM.width);
      expect(Number(row.sensor_height_mm)).toBe(FIXTURE_SENSOR_MM.height);
      expect(row.focus_m).toBe(pose.focusDistanceM === null ? '' : String(pose.focusDistanceM));
      expect(row.iris_fstop).toBe(pose.iris === null ? '' : String(pose.iris));
    });
    expect(rows.some((r) => r.focus_m === '')).toBe(true);
    expect(rows.some((r) => r.iris_fstop === '')).toBe(true);
  });

  it('exports the final (move-offset) pose, not the tracked one', () => {
    const { manifest, frames, poses } = buildTakeFixture();
    const row = parseCsv(toCsv(manifest, frames, FIXTURE_CAMERA_ID))[0]!;
    const tracked = cameraFrameFromPose(FIXTURE_CAMERA_ID, poses[0]!).trackedPosition;
    expect(Number(row.x_m)).not.toBe(tracked[0]);
  });

  it('reads a 90 degree pan about +Y as pan_deg 90, and the angles rebuild the quaternion', () => {
    const { manifest, frames } = buildTakeFixture([restPose(0, { panDeg: 90, focusDistanceM: 3, iris: 4 })]);
    const [row] = parseCsv(toCsv(manifest, frames, FIXTURE_CAMERA_ID));
    expect(Number(row!.qy)).toBeCloseTo(Math.SQRT1_2, 15);
    expect(Number(row!.pan_deg)).toBeCloseTo(90, 12);
    expect(Number(row!.tilt_deg)).toBeCloseTo(0, 12);
    expect(Number(row!.roll_deg)).toBeCloseTo(0, 12);
    expect(row!.focus_m).toBe('3');
    expect(row!.iris_fstop).toBe('4');
    const q = quatFromPanTiltRollYUp(Number(row!.pan_deg), Number(row!.tilt_deg), Number(row!.roll_deg), [0, 0, 0, 1]);
    expect(q.map((v) => +v.toFixed(12))).toEqual([0, +Math.SQRT1_2.toFixed(12), 0, +Math.SQRT1_2.toFixed(12)]);
  });
});
