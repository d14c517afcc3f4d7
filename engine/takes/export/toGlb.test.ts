// Tests for the GLB export: the container read by hand, the animation loaded back with three.js's GLTFLoader.
import { describe, expect, it } from 'vitest';
import type { AnimationClip, KeyframeTrack, PerspectiveCamera } from 'three';
import { GLTFLoader, type GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import type { Quat } from '../../../camera-bridge/CameraSample.ts';
import { quatFromPanTiltRollYUp } from '../../../camera-bridge/math/quaternion.ts';
import { buildTakeFixture, FIXTURE_CAMERA_ID, FIXTURE_FPS, FIXTURE_SENSOR_MM, restPose, type FixturePose } from './takeFixture.ts';
import { GLB_YFOV_POINTER, toGlb } from './toGlb.ts';

const RAD2DEG = 180 / Math.PI;
const yfovOf = (pose: FixturePose) => 2 * Math.atan(FIXTURE_SENSOR_MM.height / (2 * pose.focalLengthMm));
const quatOf = (pose: FixturePose): Quat => quatFromPanTiltRollYUp(pose.panDeg, pose.tiltDeg, pose.rollDeg, [0, 0, 0, 1]);

interface Glb {
  json: any;
  bin: Uint8Array;
}

/** The two chunks, checking the container's header, chunk types and 4-byte padding on the way. */
function readGlb(bytes: Uint8Array): Glb {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('glTF');
  expect(dv.getUint32(4, true)).toBe(2);
  expect(dv.getUint32(8, true)).toBe(bytes.length);
  const jsonLength = dv.getUint32(12, true);
  expect(new TextDecoder().decode(bytes.subarray(16, 20))).toBe('JSON');
  expect(jsonLength % 4).toBe(0);
  const jsonText = new TextDecoder().decode(bytes.subarray(20, 20 + jsonLength));
  expect(jsonText).toMatch(/\} *$/); // padded with spaces only
  const binAt = 20 + jsonLength;
  const binLength = dv.getUint32(binAt, true);
  expect(new TextDecoder().decode(bytes.subarray(binAt + 4, binAt + 8))).toBe('BIN\0');
  expect(binLength % 4).toBe(0);
  expect(binAt + 8 + binLength).toBe(bytes.length);
  return { json: JSON.parse(jsonText), bin: bytes.slice(binAt + 8, binAt + 8 + binLength) };
}

/** An accessor's float32 values, read from the BIN chunk by hand. */
function accessorFloats({ json, bin }: Glb, index: number): Float32Array {
  const accessor = json.accessors[index];
  const view = json.bufferViews[accessor.bufferView];
  const width = { SCALAR: 1, VEC3: 3, VEC4: 4 }[accessor.type as 'SCALAR' | 'VEC3' | 'VEC4'];
  expect(accessor.componentType).toBe(5126);
  return new Float32Array(bin.buffer, bin.byteOffset + view.byteOffset + (accessor.byteOffset ?? 0), accessor.count * width);
}

function loadGltf(bytes: Uint8Array): Promise<GLTF> {
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return new Promise((resolve, reject) => new GLTFLoader().parse(arrayBuffer, '', resolve, reject));
}

const trackOf = (clip: AnimationClip, property: string): KeyframeTrack => {
  const track = clip.tracks.find((t) => t.name === `${FIXTURE_CAMERA_ID}.${property}`);
  expect(track, `${property} track`).toBeDefined();
  return track!;
};

/** q and −q are one rotation: compare componentwise after matching signs. */
function expectSameQuat(actual: ArrayLike<number>, expected: Quat, tolerance: number): void {
  const sign = Math.sign(actual[0]! * expected[0] + actual[1]! * expected[1] + actual[2]! * expected[2] + actual[3]! * expected[3]) || 1;
  for (let k = 0; k < 4; k++) expect(Math.abs(actual[k]! - sign * expected[k]!)).toBeLessThan(tolerance);
}

describe('toGlb', () => {
  it('loads in three.js with the camera node animated along the path', async () => {
    const { manifest, frames, poses } = buildTakeFixture();
    const gltf = await loadGltf(toGlb(manifest, frames, FIXTURE_CAMERA_ID));
    expect(gltf.animations).toHaveLength(1);
    const clip = gltf.animations[0]!;
    const position = trackOf(clip, 'position');
    const quaternion = trackOf(clip, 'quaternion');
    expect(position.times).toHaveLength(poses.length);
    poses.forEach((pose, i) => {
      expect(Math.abs(position.times[i]! - pose.index / FIXTURE_FPS)).toBeLessThan(1e-6);
      for (let k = 0; k < 3; k++) expect(Math.abs(position.values[3 * i + k]! - pose.positionM[k]!)).toBeLessThan(1e-5);
      expectSameQuat(quaternion.values.subarray(4 * i, 4 * i + 4), quatOf(pose), 1e-5);
    });
    expect(clip.duration).toBeCloseTo(poses.at(-1)!.index / FIXTURE_FPS, 6);
  });

  it('gives the node a perspective camera with the first frame\'s yfov and aspect', async () => {
    const { manifest, frames, poses } = buildTakeFixture();
    const gltf = await loadGltf(toGlb(manifest, frames, FIXTURE_CAMERA_ID));
    expect(gltf.cameras).toHaveLength(1);
    const camera = gltf.cameras[0] as PerspectiveCamera;
    expect(camera.isPerspectiveCamera).toBe(true);
    expect(camera.name).toBe(FIXTURE_CAMERA_ID);
    expect(camera.fov).toBeCloseTo(yfovOf(poses[0]!) * RAD2DEG, 4);
    expect(camera.aspect).toBeCloseTo(FIXTURE_SENSOR_MM.width / FIXTURE_SENSOR_MM.height, 9);
    expect(camera.near).toBe(0.05);
    expect(camera.far).toBe(10000);
  });

  it('animates yfov in radians through a KHR_animation_pointer channel, used but not required', () => {
    const { manifest, frames, poses } = buildTakeFixture();
    const glb = readGlb(toGlb(manifest, frames, FIXTURE_CAMERA_ID));
    expect(glb.json.extensionsUsed).toContain('KHR_animation_pointer');
    expect(glb.json.extensionsRequired).toBeUndefined();
    const animation = glb.json.animations[0];
    const channel = animation.channels.find((c: any) => c.target.path === 'pointer');
    expect(channel.target.node).toBeUndefined();
    expect(channel.target.extensions.KHR_animation_pointer.pointer).toBe(GLB_YFOV_POINTER);
    expect(GLB_YFOV_POINTER).toBe('/cameras/0/perspective/yfov');
    const sampler = animation.samplers[channel.sampler];
    expect(sampler.interpolation).toBe('LINEAR');
    const times = accessorFloats(glb, sampler.input);
    const yfov = accessorFloats(glb, sampler.output);
    expect(glb.json.accessors[sampler.input].min).toEqual([times[0]]);
    expect(glb.json.accessors[sampler.input].max).toEqual([times[times.length - 1]]);
    expect(yfov).toHaveLength(poses.length);
    poses.forEach((pose, i) => {
      expect(Math.abs(times[i]! - pose.index / FIXTURE_FPS)).toBeLessThan(1e-6);
      expect(Math.abs(yfov[i]! - yfovOf(pose))).toBeLessThan(1e-6);
    });
  });

  it('keeps the quaternions in one hemisphere even where the take stored -q', () => {
    const { manifest, frames, poses } = buildTakeFixture();
    const glb = readGlb(toGlb(manifest, frames, FIXTURE_CAMERA_ID));
    const rotationChannel = glb.json.animations[0].channels.find((c: any) => c.target.path === 'rotation');
    const q = accessorFloats(glb, glb.json.animations[0].samplers[rotationChannel.sampler].output);
    for (let i = 1; i < poses.length; i++) {
      expect(q[4 * i]! * q[4 * i - 4]! + q[4 * i + 1]! * q[4 * i - 3]! + q[4 * i + 2]! * q[4 * i - 2]! + q[4 * i + 3]! * q[4 * i - 1]!).toBeGreaterThan(0);
    }
  });

  it('writes a 90 degree pan about +Y as the quaternion (0, sin 45, 0, cos 45) at (1, 2, 3)', async () => {
    const { manifest, frames } = buildTakeFixture([restPose(0, { panDeg: 90, positionM: [1, 2, 3] })]);
    const glb = readGlb(toGlb(manifest, frames, FIXTURE_CAMERA_ID));
    expect(glb.json.nodes[0].name).toBe(FIXTURE_CAMERA_ID);
    expectSameQuat(glb.json.nodes[0].rotation, [0, Math.SQRT1_2, 0, Math.SQRT1_2], 1e-7);
    expect(glb.json.nodes[0].translation).toEqual([1, 2, 3]);
    const gltf = await loadGltf(toGlb(manifest, frames, FIXTURE_CAMERA_ID));
    const node = gltf.scene.getObjectByName(FIXTURE_CAMERA_ID)!;
    expect(node.position.toArray()).toEqual([1, 2, 3]);
    expectSameQuat(node.quaternion.toArray(), [0, Math.SQRT1_2, 0, Math.SQRT1_2], 1e-7);
  });
});
