// Tests for the OpenTrackIO JSON export: every sample read back through our own OpenTrackIO decoder and compared with the path.
import { describe, expect, it } from 'vitest';
import { AxisMapping, Z_UP_TO_Y_UP } from '../../../camera-bridge/AxisMapping.ts';
import type { CameraUpdate } from '../../../camera-bridge/CameraSample.ts';
import { quatAngle, quatFromPanTiltRollYUp } from '../../../camera-bridge/math/quaternion.ts';
import { decodeOpenTrackIoPayload } from '../../../camera-bridge/opentrackio/decodeOpenTrackIo.ts';
import { parseOpenTrackIoSample } from '../../../camera-bridge/opentrackio/OpenTrackIoSample.ts';
import { OtrkEncoding } from '../../../camera-bridge/opentrackio/OtrkHeader.ts';
import { buildTakeFixture, FIXTURE_CAMERA_ID, FIXTURE_SENSOR_MM, restPose } from './takeFixture.ts';
import { toOpenTrackIoJson } from './toOpenTrackIoJson.ts';

const zUp = new AxisMapping(Z_UP_TO_Y_UP);
const utf8 = new TextEncoder();

interface ExportDoc {
  cameraId: string;
  manifest: unknown;
  samples: Record<string, any>[];
}

/** A sample as a datagram's payload would carry it, through the decoder's whole JSON → schema → engine path. */
function decode(sample: unknown): CameraUpdate {
  const result = decodeOpenTrackIoPayload(utf8.encode(JSON.stringify(sample)), OtrkEncoding.Json, zUp);
  if (result.ok !== true) throw new Error(`rejected: ${JSON.stringify(result)}`);
  const [update] = result.updates;
  expect(update?.kind).toBe('camera');
  return update as CameraUpdate;
}

describe('toOpenTrackIoJson', () => {
  it('holds the manifest, the camera id and one valid OpenTrackIO 1.0.1 sample per frame the camera is in', () => {
    const { manifest, frames, poses } = buildTakeFixture();
    const text = toOpenTrackIoJson(manifest, frames, FIXTURE_CAMERA_ID);
    const doc = JSON.parse(text) as ExportDoc;
    expect(doc.manifest).toEqual(manifest);
    expect(doc.cameraId).toBe(FIXTURE_CAMERA_ID);
    expect(doc.samples).toHaveLength(poses.length);
    expect(text.split('\n')).toHaveLength(poses.length + 3); // opening line, one per sample, closing line, final LF
    for (const sample of doc.samples) {
      expect(parseOpenTrackIoSample(sample).ok).toBe(true);
      expect(sample.protocol).toEqual({ name: 'OpenTrackIO', version: [1, 0, 1] });
    }
  });

  it('decodes back to the path: positions, rotations, lens and timecode', () => {
    const { manifest, frames, poses } = buildTakeFixture();
    const doc = JSON.parse(toOpenTrackIoJson(manifest, frames, FIXTURE_CAMERA_ID)) as ExportDoc;
    doc.samples.forEach((sample, i) => {
      const pose = poses[i]!;
      const update = decode(sample);
      for (let k = 0; k < 3; k++) expect(Math.abs(update.position![k]! - pose.positionM[k]!)).toBeLessThan(1e-6);
      const expected = quatFromPanTiltRollYUp(pose.panDeg, pose.tiltDeg, pose.rollDeg, [0, 0, 0, 1]);
      expect(quatAngle(update.rotation!, expected)).toBeLessThan(1e-6);
      expect(update.lens!.focalLengthMm).toBeCloseTo(pose.focalLengthMm, 12);
      expect(update.lens!.sensorWidthMm).toBe(FIXTURE_SENSOR_MM.width);
      expect(update.lens!.focusM).toBe(pose.focusDistanceM ?? undefined);
      expect(update.lens!.iris).toBe(pose.iris ?? undefined);
      expect(update.timecode).toBe(`00:00:20:${String(pose.index).padStart(2, '0')}`);
      expect(sample.timing.sequenceNumber).toBe(pose.index);
      expect(sample.timing.timecode.frameRate).toEqual({ num: 50, denom: 1 });
      expect(sample.static.camera.activeSensorPhysicalDimensions).toEqual(FIXTURE_SENSOR_MM);
    });
  });

  it('writes an engine pan of +90 at (1, 3, -2) as OpenTrackIO pan +90 at (1, 2, 3) (Z up, +Y forward)', () => {
    const { manifest, frames } = buildTakeFixture([restPose(0, { panDeg: 90, positionM: [1, 3, -2] })]);
    const [t] = (JSON.parse(toOpenTrackIoJson(manifest, frames, FIXTURE_CAMERA_ID)) as ExportDoc).samples[0]!.transforms;
    expect(t.translation.x).toBeCloseTo(1, 12);
    expect(t.translation.y).toBeCloseTo(2, 12);
    expect(t.translation.z).toBeCloseTo(3, 12);
    expect(t.rotation.pan).toBeCloseTo(90, 9);
    expect(t.rotation.tilt).toBeCloseTo(0, 9);
    expect(t.rotation.roll).toBeCloseTo(0, 9);
  });

  it('marks drop-frame timecode at 29.97 with the exact 30000/1001 rate', () => {
    const { manifest, frames } = buildTakeFixture([restPose(0)]);
    frames[0]!.timecode = '00:01:00;02';
    const [sample] = (JSON.parse(toOpenTrackIoJson({ ...manifest, fps: 29.97 }, frames, FIXTURE_CAMERA_ID)) as ExportDoc).samples;
    expect(sample!.timing.timecode).toEqual({ hours: 0, minutes: 1, seconds: 0, frames: 2, frameRate: { num: 30000, denom: 1001 }, dropFrame: true });
    expect(sample!.timing.sampleRate).toEqual({ num: 30000, denom: 1001 });
    expect(decode(sample).timecode).toBe('00:01:00:02'); // our decoder does not keep the ';'
  });
});
