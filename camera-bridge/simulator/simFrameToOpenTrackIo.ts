// One simulator frame as an OpenTrackIO 1.0.1 sample in a single OTrk datagram (what a real tracker would send).
import { AxisMapping, Z_UP_TO_Y_UP } from '../AxisMapping.ts';
import { quatFromPanTiltRollYUp } from '../math/quaternion.ts';
import { buildOpenTrackIoSample, encodeOpenTrackIoPackets, openTrackIoTransformFromPose } from '../opentrackio/index.ts';
import type { SimFrame } from './Simulator.ts';

const Z_UP = new AxisMapping(Z_UP_TO_Y_UP);
const SENSOR_MM = { width: 24.89, height: 18.66 };

export function simFrameToOpenTrackIo(frame: SimFrame, sequenceNumber: number): Uint8Array {
  const { pose } = frame;
  const rotation = quatFromPanTiltRollYUp(pose.panDeg, pose.tiltDeg, pose.rollDeg, [0, 0, 0, 1]);
  const sourceNumber = Number(/(\d+)$/.exec(frame.cameraId)?.[1] ?? 1);
  // Split via integer nanoseconds so rounding can never carry into (or lose) a whole second.
  const totalNs = Math.round(frame.unixTimeS * 1e9);
  const seconds = Math.floor(totalNs / 1e9);
  const sample = buildOpenTrackIoSample({
    sourceNumber,
    sampleId: `urn:uuid:00000000-0000-4000-8000-${String(sequenceNumber).padStart(12, '0')}`,
    timing: { mode: 'external', sampleTimestamp: { seconds, nanoseconds: totalNs - seconds * 1e9 } },
    tracker: { status: 'Optical Good' },
    transforms: [openTrackIoTransformFromPose(pose.position, rotation, Z_UP)],
    lens: { pinholeFocalLength: pose.focalLengthMm, focusDistance: pose.focusM, fStop: 2.8 },
    static: { camera: { activeSensorPhysicalDimensions: SENSOR_MM } },
  });
  const [packet] = encodeOpenTrackIoPackets(sample, { sequenceNumber, maxSegmentPayloadBytes: 32767 });
  return packet!;
}
