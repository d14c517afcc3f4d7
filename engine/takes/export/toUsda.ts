// A take's camera as a USD ASCII layer (.usda): one animated UsdGeomCamera under /Take, written as text (no USD library).
import type { Quat } from '../../../camera-bridge/CameraSample.ts';
import { normalizeQuat } from '../../../camera-bridge/math/quaternion.ts';
import { frameRateFromFps } from '../../clock/FrameRate.ts';
import type { TakeCameraFrame, TakeFrame, TakeManifest } from '../TakeFrame.ts';
import { cameraTrack, type CameraTrackSample } from './cameraTrack.ts';

/**
 * USD's camera lens and filmback attributes (focalLength, horizontal/verticalAperture) are in TENTHS of a scene unit
 * (UsdGeomCamera, "Units of Measure"). With metersPerUnit = 1 a tenth is 100 mm, so value = mm / 100: a 35 mm lens
 * is 0.35 (divided, not multiplied by 0.01, so it prints as 0.35). focusDistance and clippingRange are plain
 * scene units (metres).
 */
export const USD_LENS_MM_PER_UNIT = 100;
export const USD_CLIPPING_RANGE_M = [0.05, 10000] as const;

const _q: Quat = [0, 0, 0, 1]; // the frame's rotation, renormalised

/**
 * `#usda 1.0`, metersPerUnit 1, upAxis Y, time codes = take-relative frames at the take's rate (startTimeCode 0,
 * endTimeCode the take's last frame), `def Xform "Take" { def Camera "<id>" }` with the camera id made a valid prim
 * name (the original in customData.cameraId).
 * - Axes: none changed; USD cameras look down −Z with +Y up like ours, metres.
 * - Pose: `matrix4d xformOp:transform`, row-vector convention (p' = p · M): rows 0–2 are the camera's x, y, z axes
 *   in the parent, the LAST ROW is the translation.
 * - Lens: focalLength per frame, apertures from the first frame's sensor (a take keeps its camera body), focusDistance
 *   and fStop per frame where known; frames without them have no sample, so USD holds the neighbours' values.
 * Throws VP_ERR_BAD_FPS when manifest.fps is not an engine rate.
 */
export function toUsda(manifest: TakeManifest, frames: readonly TakeFrame[], cameraId: string): string {
  const track = cameraTrack(manifest, frames, cameraId);
  const rate = frameRateFromFps(manifest.fps);
  const first = track[0]!.camera;
  const lastIndex = Math.max(manifest.frameCount - 1, track.at(-1)!.index, frames.at(-1)!.frame - manifest.firstFrame);
  const tcps = usdNumber(rate.num / rate.den);
  const focusM = (c: TakeCameraFrame) => (c.focusDistanceM !== null && c.focusDistanceM > 0 ? usdNumber(c.focusDistanceM) : null);
  const fStop = (c: TakeCameraFrame) => (c.iris !== null && c.iris > 0 ? usdNumber(c.iris) : null);
  return `#usda 1.0
(
    customLayerData = {
        string cameraId = ${usdString(cameraId)}
        string slate = ${usdString(manifest.slate)}
        string takeId = ${usdString(manifest.id)}
        int takeNumber = ${Math.trunc(manifest.takeNumber)}
        string timecodeIn = ${usdString(manifest.timecodeIn)}
    }
    defaultPrim = "Take"
    endTimeCode = ${lastIndex}
    framesPerSecond = ${tcps}
    metersPerUnit = 1
    startTimeCode = 0
    timeCodesPerSecond = ${tcps}
    upAxis = "Y"
)

def Xform "Take"
{
    def Camera ${usdString(usdPrimName(cameraId))} (
        customData = {
            string cameraId = ${usdString(cameraId)}
        }
    )
    {
        float2 clippingRange = (${USD_CLIPPING_RANGE_M[0]}, ${USD_CLIPPING_RANGE_M[1]})
        float focalLength.timeSamples = ${timeSamples(track, (c) => usdNumber(c.focalLengthMm / USD_LENS_MM_PER_UNIT))}
${optionalTimeSamples('float focusDistance', track, focusM)}${optionalTimeSamples('float fStop', track, fStop)}\
        float horizontalAperture = ${usdNumber(first.sensorWidthMm / USD_LENS_MM_PER_UNIT)}
        token projection = "perspective"
        float verticalAperture = ${usdNumber(first.sensorHeightMm / USD_LENS_MM_PER_UNIT)}
        matrix4d xformOp:transform.timeSamples = ${timeSamples(track, transformMatrix)}
        uniform token[] xformOpOrder = ["xformOp:transform"]
    }
}
`;
}

/**
 * A valid USD prim name (an identifier: letters, digits, '_', not starting with a digit) for `id`:
 * other characters become '_'.
 */
export function usdPrimName(id: string): string {
  const name = id.replace(/[^A-Za-z0-9_]/g, '_');
  if (name === '') return 'Camera';
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** `{ 0: v, 1: v, ... }`, one sample a line, with the trailing comma usdcat writes. */
function timeSamples(track: readonly CameraTrackSample[], value: (c: TakeCameraFrame) => string | null): string {
  let text = '{\n';
  for (const { index, camera } of track) {
    const v = value(camera);
    if (v !== null) text += `            ${index}: ${v},\n`;
  }
  return `${text}        }`;
}

/** The attribute line, or nothing when no frame has a value (USD's fallback then applies, e.g. fStop 0 = no depth of field). */
function optionalTimeSamples(declaration: string, track: readonly CameraTrackSample[], value: (c: TakeCameraFrame) => string | null): string {
  if (!track.some(({ camera }) => value(camera) !== null)) return '';
  return `        ${declaration}.timeSamples = ${timeSamples(track, value)}\n`;
}

/**
 * The camera-to-parent matrix in USD's row-vector layout: row i is the image of axis i (column i of the usual
 * column-vector rotation matrix R), then the translation row. Renormalised first: a quaternion rounded by a sender
 * would otherwise scale the camera.
 */
function transformMatrix(c: TakeCameraFrame): string {
  const [x, y, z, w] = normalizeQuat(c.rotation, _q);
  const r00 = 1 - 2 * (y * y + z * z), r01 = 2 * (x * y - w * z), r02 = 2 * (x * z + w * y);
  const r10 = 2 * (x * y + w * z), r11 = 1 - 2 * (x * x + z * z), r12 = 2 * (y * z - w * x);
  const r20 = 2 * (x * z - w * y), r21 = 2 * (y * z + w * x), r22 = 1 - 2 * (x * x + y * y);
  const n = usdNumber;
  const [tx, ty, tz] = c.position;
  return `( (${n(r00)}, ${n(r10)}, ${n(r20)}, 0), (${n(r01)}, ${n(r11)}, ${n(r21)}, 0), (${n(r02)}, ${n(r12)}, ${n(r22)}, 0), (${n(tx)}, ${n(ty)}, ${n(tz)}, 1) )`;
}

/** Shortest round-trip decimal; USD's parser reads exponents ("1e-7") too. */
function usdNumber(v: number): string {
  return String(v);
}

/** A double-quoted USD string: backslash and quote escaped, control characters (never in our ids) dropped to spaces. */
function usdString(s: string): string {
  return `"${s.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}
