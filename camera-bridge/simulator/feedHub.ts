// Feeds simulator frames straight into a TrackingHub (protocol "sim"): the embedded demo camera of `npm start`.
import type { Quat } from '../CameraSample.ts';
import { quatFromPanTiltRollYUp } from '../math/quaternion.ts';
import type { TrackingHub } from '../TrackingHub.ts';
import type { SimFrame } from './Simulator.ts';

/** Super 35 sensor width, mm. */
const SIM_SENSOR_WIDTH_MM = 24.89;

export function feedHub(hub: TrackingHub): (frame: SimFrame) => void {
  return (frame) => {
    const { pose } = frame;
    const rotation: Quat = quatFromPanTiltRollYUp(pose.panDeg, pose.tiltDeg, pose.rollDeg, [0, 0, 0, 1]);
    hub.ingest(
      'sim',
      {
        kind: 'camera',
        cameraId: frame.cameraId,
        sourceTimeUnixS: frame.unixTimeS,
        position: [pose.position[0], pose.position[1], pose.position[2]],
        rotation,
        lens: { focalLengthMm: pose.focalLengthMm, sensorWidthMm: SIM_SENSOR_WIDTH_MM, focusM: pose.focusM },
      },
      hub.clock.nowS(),
    );
  };
}
