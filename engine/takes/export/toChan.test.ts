// Tests for the Nuke .chan export: parsed back, rotations rebuilt in Nuke's ZXY order and checked against the path.
import { describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from '../../../camera-bridge/CameraSample.ts';
import { quatFromPanTiltRollYUp, rotateVec3 } from '../../../camera-bridge/math/quaternion.ts';
import { buildTakeFixture, FIXTURE_CAMERA_ID, FIXTURE_SENSOR_MM, restPose } from './takeFixture.ts';
import { toChan } from './toChan.ts';

const DEG = Math.PI / 180;
type Mat3 = number[][];

function parseChan(text: string): number[][] {
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n').map((line) => {
    const cells = line.split('\t');
    expect(cells).toHaveLength(8);
    return cells.map(Number);
  });
}

const rx = (a: number): Mat3 => [[1, 0, 0], [0, Math.cos(a), -Math.sin(a)], [0, Math.sin(a), Math.cos(a)]];
const ry = (a: number): Mat3 => [[Math.cos(a), 0, Math.sin(a)], [0, 1, 0], [-Math.sin(a), 0, Math.cos(a)]];
const rz = (a: number): Mat3 => [[Math.cos(a), -Math.sin(a), 0], [Math.sin(a), Math.cos(a), 0], [0, 0, 1]];
const mul = (a: Mat3, b: Mat3): Mat3 => a.map((row) => [0, 1, 2].map((j) => row[0]! * b[0]![j]! + row[1]! * b[1]![j]! + row[2]! * b[2]![j]!));

/** Nuke rotation order ZXY: rotate about Z first, then X, then Y, so R = Ry · Rx · Rz (column vectors). */
const nukeZxy = (rxDeg: number, ryDeg: number, rzDeg: number): Mat3 => mul(ry(ryDeg * DEG), mul(rx(rxDeg * DEG), rz(rzDeg * DEG)));

/** Column j of the rotation matrix of q: the image of axis j. */
function expectSameRotation(m: Mat3, q: Quat, digits: number): void {
  for (let j = 0; j < 3; j++) {
    const axis: Vec3 = [0, 0, 0];
    axis[j] = 1;
    const image = rotateVec3(q, axis, [0, 0, 0]);
    for (let i = 0; i < 3; i++) expect(m[i]![j]!).toBeCloseTo(image[i]!, digits);
  }
}

describe('toChan', () => {
  it('writes frame, translation, ZXY rotation and vfov per frame, matching the path', () => {
    const { manifest, frames, poses } = buildTakeFixture();
    const lines = parseChan(toChan(manifest, frames, FIXTURE_CAMERA_ID));
    expect(lines).toHaveLength(poses.length);
    lines.forEach(([frame, tx, ty, tz, rxDeg, ryDeg, rzDeg, vfovDeg], i) => {
      const pose = poses[i]!;
      expect(frame).toBe(pose.index);
      expect([tx, ty, tz]).toEqual(pose.positionM);
      expect(rxDeg).toBeCloseTo(pose.tiltDeg, 9);
      expect(ryDeg).toBeCloseTo(pose.panDeg, 9);
      expect(rzDeg).toBeCloseTo(pose.rollDeg, 9);
      expectSameRotation(nukeZxy(rxDeg!, ryDeg!, rzDeg!), quatFromPanTiltRollYUp(pose.panDeg, pose.tiltDeg, pose.rollDeg, [0, 0, 0, 1]), 12);
      expect(vfovDeg).toBeCloseTo((2 * Math.atan(FIXTURE_SENSOR_MM.height / (2 * pose.focalLengthMm))) / DEG, 9);
    });
  });

  it('reads a 90 degree pan as ry 90 and a 30 degree tilt as rx 30, with the rest 0', () => {
    const { manifest, frames } = buildTakeFixture([restPose(0, { panDeg: 90, positionM: [1, 2, 3] }), restPose(1, { tiltDeg: 30 })]);
    const [pan, tilt] = parseChan(toChan(manifest, frames, FIXTURE_CAMERA_ID));
    expect(pan!.slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(pan![4]).toBeCloseTo(0, 12);
    expect(pan![5]).toBeCloseTo(90, 12);
    expect(pan![6]).toBeCloseTo(0, 12);
    expect(tilt![4]).toBeCloseTo(30, 12);
    expect(tilt![5]).toBeCloseTo(0, 12);
  });

  it('gives a 35 mm lens on a 24 mm high sensor a vfov of 37.85 degrees', () => {
    const { manifest, frames } = buildTakeFixture([restPose(0)]);
    frames[0]!.cameras[0]!.sensorHeightMm = 24;
    const [line] = parseChan(toChan(manifest, frames, FIXTURE_CAMERA_ID));
    expect(line![7]).toBeCloseTo(37.8493, 3); // 2·atan(12/35)
  });

  it('keeps pan continuous through 180 degrees instead of jumping to -180', () => {
    const sweep = [150, 160, 170, 180, 190, 200, 210].map((panDeg, i) => restPose(i, { panDeg }));
    const { manifest, frames } = buildTakeFixture(sweep);
    const ry = parseChan(toChan(manifest, frames, FIXTURE_CAMERA_ID)).map((l) => l[5]!);
    ry.forEach((v, i) => expect(v).toBeCloseTo(150 + 10 * i, 9));
  });
});
