// A take's camera as OpenTrackIO 1.0.1 samples in one JSON document: what a tracker would have sent, frame by frame.
import { AxisMapping, Z_UP_TO_Y_UP } from '../../../camera-bridge/AxisMapping.ts';
import { buildOpenTrackIoSample, openTrackIoTransformFromPose } from '../../../camera-bridge/opentrackio/encodeOpenTrackIo.ts';
import type { OpenTrackIoSampleInput } from '../../../camera-bridge/opentrackio/OpenTrackIoSample.ts';
import { frameRateFromFps } from '../../clock/FrameRate.ts';
import type { TakeFrame, TakeManifest } from '../TakeFrame.ts';
import { cameraTrack } from './cameraTrack.ts';

/** The mapping our decoder reads OpenTrackIO with: engine (x, y, z) = (X, Z, −Y); the encoder applies its inverse. */
const Z_UP = new AxisMapping(Z_UP_TO_Y_UP);
const TIMECODE_RE = /^(\d{2}):(\d{2}):(\d{2})([:;])(\d{2})$/;

/**
 * `{ cameraId, manifest, samples }`, one OpenTrackIO 1.0.1 sample per frame the camera is in, one sample per line.
 * - Axes: OpenTrackIO's Z up, +Y forward, +X right, metres; pan/tilt/roll in its own convention (see
 *   OpenTrackIoTransforms.ts), one transform per sample holding the final (move-offset) pose.
 * - Lens: `pinholeFocalLength` mm, `focusDistance` m, `fStop`, each only when known (the schema wants > 0);
 *   sensor size in `static.camera.activeSensorPhysicalDimensions` (mm) on every sample, `static.camera.label` = camera id.
 * - Timing: `timecode` from the frame's label at the take's exact rate (30000/1001 for 29.97, `dropFrame` from the
 *   ';'), `sampleRate` the same, `sequenceNumber` the take-relative frame. No `sampleTimestamp`: the take stores
 *   engine time, not PTP time, and a made-up one would mislead.
 * Throws VP_ERR_BAD_FPS when manifest.fps is not an engine rate.
 */
export function toOpenTrackIoJson(manifest: TakeManifest, frames: readonly TakeFrame[], cameraId: string): string {
  const rate = frameRateFromFps(manifest.fps);
  const frameRate = { num: rate.num, denom: rate.den };
  const lines: string[] = [];
  for (const { index, timecode, camera: c } of cameraTrack(manifest, frames, cameraId)) {
    const lens: NonNullable<OpenTrackIoSampleInput['lens']> = { pinholeFocalLength: c.focalLengthMm };
    if (c.focusDistanceM !== null && c.focusDistanceM > 0) lens.focusDistance = c.focusDistanceM;
    if (c.iris !== null && c.iris > 0) lens.fStop = c.iris;
    const timing: NonNullable<OpenTrackIoSampleInput['timing']> = { sampleRate: frameRate };
    const tc = TIMECODE_RE.exec(timecode);
    if (tc) {
      timing.timecode = { hours: Number(tc[1]), minutes: Number(tc[2]), seconds: Number(tc[3]), frames: Number(tc[5]), frameRate, dropFrame: tc[4] === ';' };
    }
    if (index >= 0) timing.sequenceNumber = index; // uint32 in the schema
    const sample = buildOpenTrackIoSample({
      timing,
      tracker: { slate: manifest.slate },
      transforms: [openTrackIoTransformFromPose(c.position, c.rotation, Z_UP, cameraId)],
      lens,
      static: { camera: { activeSensorPhysicalDimensions: { width: c.sensorWidthMm, height: c.sensorHeightMm }, label: cameraId } },
    });
    lines.push(JSON.stringify(sample));
  }
  // By hand, so each sample is one line: diffable and greppable, without pretty-printing's size.
  return `{"cameraId":${JSON.stringify(cameraId)},"manifest":${JSON.stringify(manifest)},"samples":[\n${lines.join(',\n')}\n]}\n`;
}
