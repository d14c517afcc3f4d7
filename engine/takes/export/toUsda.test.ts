// Tests for the USD ASCII export: parsed back with a small regex reader, matrices and lens checked against the path.
import { describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from '../../../camera-bridge/CameraSample.ts';
import { quatFromPanTiltRollYUp, rotateVec3 } from '../../../camera-bridge/math/quaternion.ts';
import { buildTakeFixture, FIXTURE_CAMERA_ID, FIXTURE_SENSOR_MM, restPose } from './takeFixture.ts';
import { toUsda, usdPrimName } from './toUsda.ts';

const NUMBER = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi;

/** The layer's metadata block `( ... )` after `#usda 1.0`, as name → raw value (nested dictionaries skipped). */
function layerMetadata(text: string): Record<string, string> {
  const block = /^#usda 1\.0\n\(\n([\s\S]*?)\n\)\n/.exec(text)?.[1];
  expect(block).toBeDefined();
  const out: Record<string, string> = {};
  for (const m of block!.matchAll(/^ {4}(\w+) = (.+)$/gm)) out[m[1]!] = m[2]!;
  return out;
}

/** Every `<type> <name>.timeSamples = { t: value, ... }` block as name → (time → the numbers in the value). */
function timeSamples(text: string): Map<string, Map<number, number[]>> {
  const out = new Map<string, Map<number, number[]>>();
  for (const block of text.matchAll(/^\s*\w+ ([\w:]+)\.timeSamples = \{\n([\s\S]*?)\n\s*\}$/gm)) {
    const samples = new Map<number, number[]>();
    for (const line of block[2]!.matchAll(/^\s*(-?\d+): (.+),$/gm)) samples.set(Number(line[1]), (line[2]!.match(NUMBER) ?? []).map(Number));
    out.set(block[1]!, samples);
  }
  return out;
}

/** Row i of a USD (row-vector) matrix is the image of axis i; the last row is the translation. */
function expectMatrixIsPose(m: number[], position: Readonly<Vec3>, q: Readonly<Quat>): void {
  expect(m).toHaveLength(16);
  for (let i = 0; i < 3; i++) {
    const axis: Vec3 = [0, 0, 0];
    axis[i] = 1;
    const image = rotateVec3(q, axis, [0, 0, 0]);
    for (let j = 0; j < 3; j++) expect(m[4 * i + j]!).toBeCloseTo(image[j]!, 12);
    expect(m[4 * i + 3]).toBe(0);
  }
  expect(m.slice(12)).toEqual([...position, 1]);
}

describe('toUsda', () => {
  it('writes the layer header: Y up, metres, the take rate and its frame range', () => {
    const { manifest, frames } = buildTakeFixture();
    const text = toUsda(manifest, frames, FIXTURE_CAMERA_ID);
    const meta = layerMetadata(text);
    expect(meta).toMatchObject({
      defaultPrim: '"Take"',
      metersPerUnit: '1',
      upAxis: '"Y"',
      timeCodesPerSecond: '50',
      framesPerSecond: '50',
      startTimeCode: '0',
      endTimeCode: '49',
    });
    expect(text).toMatch(/string timecodeIn = "00:00:20:00"/);
    expect(text).toMatch(/^def Xform "Take"\n\{\n {4}def Camera "cam_A" \(/m);
    expect(text).toMatch(/string cameraId = "cam-A"/);
    expect(text).toMatch(/uniform token\[\] xformOpOrder = \["xformOp:transform"\]/);
    expect(text).toMatch(/float2 clippingRange = \(0\.05, 10000\)/);
  });

  it('animates the transform and lens at the frames the camera is in, matching the path', () => {
    const { manifest, frames, poses } = buildTakeFixture();
    const text = toUsda(manifest, frames, FIXTURE_CAMERA_ID);
    const samples = timeSamples(text);
    const xform = samples.get('xformOp:transform')!;
    const focal = samples.get('focalLength')!;
    const focus = samples.get('focusDistance')!;
    const fStop = samples.get('fStop')!;
    expect([...xform.keys()]).toEqual(poses.map((p) => p.index));
    expect([...focal.keys()]).toEqual(poses.map((p) => p.index));
    expect([...focus.keys()]).toEqual(poses.filter((p) => p.focusDistanceM !== null).map((p) => p.index));
    expect([...fStop.keys()]).toEqual(poses.filter((p) => p.iris !== null).map((p) => p.index));
    for (const pose of poses) {
      expectMatrixIsPose(xform.get(pose.index)!, pose.positionM, quatFromPanTiltRollYUp(pose.panDeg, pose.tiltDeg, pose.rollDeg, [0, 0, 0, 1]));
      expect(focal.get(pose.index)![0]! * 100).toBeCloseTo(pose.focalLengthMm, 9);
      if (pose.focusDistanceM !== null) expect(focus.get(pose.index)).toEqual([pose.focusDistanceM]);
      if (pose.iris !== null) expect(fStop.get(pose.index)).toEqual([pose.iris]);
    }
    const aperture = (name: string) => Number(new RegExp(`float ${name} = (${NUMBER.source})`).exec(text)?.[1]);
    expect(aperture('horizontalAperture') * 100).toBeCloseTo(FIXTURE_SENSOR_MM.width, 9);
    expect(aperture('verticalAperture') * 100).toBeCloseTo(FIXTURE_SENSOR_MM.height, 9);
  });

  it('writes a 35 mm lens as focalLength 0.35 and a 90 degree pan as x → -Z, z → +X, translation in the last row', () => {
    const { manifest, frames } = buildTakeFixture([restPose(0, { panDeg: 90, positionM: [1, 2, 3] })]);
    const text = toUsda(manifest, frames, FIXTURE_CAMERA_ID);
    expect(text).toMatch(/float focalLength\.timeSamples = \{\n\s*0: 0\.35,\n/);
    const m = timeSamples(text).get('xformOp:transform')!.get(0)!.map((v) => +v.toFixed(12) + 0);
    expect(m).toEqual([0, 0, -1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 2, 3, 1]);
    expect(text).not.toMatch(/focusDistance|fStop/); // neither known on any frame
  });

  it('makes camera ids into valid prim names', () => {
    expect(usdPrimName('cam-A')).toBe('cam_A');
    expect(usdPrimName('3d cam.1')).toBe('_3d_cam_1');
    expect(usdPrimName('')).toBe('Camera');
  });
});
