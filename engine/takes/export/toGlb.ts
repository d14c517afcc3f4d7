// A take's camera as binary glTF 2.0 (.glb): one camera node animated in translation, rotation and (by pointer) yfov.
import type { Quat } from '../../../camera-bridge/CameraSample.ts';
import { alignQuatSign, normalizeQuat } from '../../../camera-bridge/math/quaternion.ts';
import { frameRateFromFps, frameTimeS } from '../../clock/FrameRate.ts';
import type { TakeFrame, TakeManifest } from '../TakeFrame.ts';
import { cameraTrack } from './cameraTrack.ts';
import { verticalFovRad } from './verticalFovRad.ts';

export const GLB_ZNEAR_M = 0.05;
export const GLB_ZFAR_M = 10000;
/** KHR_animation_pointer target of the animated vertical field of view (radians). */
export const GLB_YFOV_POINTER = '/cameras/0/perspective/yfov';

const GLB_MAGIC = 0x46546c67; // 'glTF', little-endian
const GLB_VERSION = 2;
const CHUNK_JSON = 0x4e4f534a; // 'JSON'
const CHUNK_BIN = 0x004e4942; // 'BIN\0'
const FLOAT = 5126; // accessor componentType
const utf8 = new TextEncoder();

/**
 * One scene, one node named `cameraId` carrying a perspective camera (aspectRatio and yfov of the first frame,
 * znear 0.05 m, zfar 10 km) and resting at the first frame's pose; one animation with LINEAR samplers on times
 * (frame − firstFrame) / fps seconds: node translation (VEC3, m), node rotation (VEC4 quaternion xyzw) and the
 * camera's yfov (SCALAR, radians) through KHR_animation_pointer, which is in extensionsUsed only, so a viewer
 * without it still plays the move at a fixed lens.
 * - Axes: none changed; glTF cameras look down −Z with +Y up, metres, like ours.
 * - Quaternions keep one hemisphere from frame to frame (q and −q are the same rotation), so an importer that
 *   lerps components never swings the long way round.
 * - Take metadata (id, slate, take number, timecode in, fps, first frame) is in the root `extras`.
 * Throws VP_ERR_BAD_FPS when manifest.fps is not an engine rate.
 */
export function toGlb(manifest: TakeManifest, frames: readonly TakeFrame[], cameraId: string): Uint8Array {
  const track = cameraTrack(manifest, frames, cameraId);
  const rate = frameRateFromFps(manifest.fps);
  const n = track.length;
  // One float32 buffer: times | translations | rotations | yfovs, every view 4-byte aligned by construction.
  const floats = new Float32Array(n * (1 + 3 + 4 + 1));
  const times = floats.subarray(0, n);
  const translations = floats.subarray(n, 4 * n);
  const rotations = floats.subarray(4 * n, 8 * n);
  const yfovs = floats.subarray(8 * n, 9 * n);
  const q: Quat = [0, 0, 0, 1];
  const previous: Quat = [0, 0, 0, 1];
  track.forEach(({ index, camera: c }, i) => {
    times[i] = frameTimeS(rate, index);
    translations.set(c.position, 3 * i);
    normalizeQuat(c.rotation, q);
    if (i > 0) alignQuatSign(q, previous);
    rotations.set(q, 4 * i);
    previous[0] = q[0]; previous[1] = q[1]; previous[2] = q[2]; previous[3] = q[3];
    yfovs[i] = verticalFovRad(c.focalLengthMm, c.sensorHeightMm);
  });

  const first = track[0]!.camera;
  const name = `${manifest.slate} take ${manifest.takeNumber}`;
  const view = (start: number, count: number) => ({ buffer: 0, byteOffset: start * 4, byteLength: count * 4 });
  const json = {
    asset: { version: '2.0', generator: 'Vantage take export' },
    extensionsUsed: ['KHR_animation_pointer'],
    scene: 0,
    scenes: [{ name, nodes: [0] }],
    nodes: [{ name: cameraId, camera: 0, translation: Array.from(translations.subarray(0, 3)), rotation: Array.from(rotations.subarray(0, 4)) }],
    cameras: [
      {
        name: cameraId,
        type: 'perspective',
        perspective: { aspectRatio: first.sensorWidthMm / first.sensorHeightMm, yfov: yfovs[0]!, znear: GLB_ZNEAR_M, zfar: GLB_ZFAR_M },
      },
    ],
    animations: [
      {
        name,
        samplers: [
          { input: 0, output: 1, interpolation: 'LINEAR' },
          { input: 0, output: 2, interpolation: 'LINEAR' },
          { input: 0, output: 3, interpolation: 'LINEAR' },
        ],
        channels: [
          { sampler: 0, target: { node: 0, path: 'translation' } },
          { sampler: 1, target: { node: 0, path: 'rotation' } },
          { sampler: 2, target: { path: 'pointer', extensions: { KHR_animation_pointer: { pointer: GLB_YFOV_POINTER } } } },
        ],
      },
    ],
    accessors: [
      // The spec requires min/max on sampler inputs; the float32 values, so they match the data exactly.
      { bufferView: 0, componentType: FLOAT, count: n, type: 'SCALAR', min: [times[0]!], max: [times[n - 1]!] },
      { bufferView: 1, componentType: FLOAT, count: n, type: 'VEC3' },
      { bufferView: 2, componentType: FLOAT, count: n, type: 'VEC4' },
      { bufferView: 3, componentType: FLOAT, count: n, type: 'SCALAR' },
    ],
    bufferViews: [view(0, n), view(n, 3 * n), view(4 * n, 4 * n), view(8 * n, n)],
    buffers: [{ byteLength: floats.byteLength }],
    extras: {
      takeId: manifest.id,
      slate: manifest.slate,
      takeNumber: manifest.takeNumber,
      timecodeIn: manifest.timecodeIn,
      fps: manifest.fps,
      firstFrame: manifest.firstFrame,
      cameraId,
    },
  };
  return glbContainer(utf8.encode(JSON.stringify(json)), new Uint8Array(floats.buffer, floats.byteOffset, floats.byteLength));
}

/** 12-byte header, JSON chunk padded with spaces, BIN chunk padded with zeros, each to 4 bytes (glTF 2.0 §4.4). */
function glbContainer(jsonBytes: Uint8Array, binBytes: Uint8Array): Uint8Array {
  const jsonLength = align4(jsonBytes.length);
  const binLength = align4(binBytes.length);
  const total = 12 + 8 + jsonLength + 8 + binLength;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, GLB_MAGIC, true);
  dv.setUint32(4, GLB_VERSION, true);
  dv.setUint32(8, total, true);
  dv.setUint32(12, jsonLength, true);
  dv.setUint32(16, CHUNK_JSON, true);
  out.set(jsonBytes, 20);
  out.fill(0x20, 20 + jsonBytes.length, 20 + jsonLength);
  const bin = 20 + jsonLength;
  dv.setUint32(bin, binLength, true);
  dv.setUint32(bin + 4, CHUNK_BIN, true);
  out.set(binBytes, bin + 8); // zero padding: the array starts zeroed
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
