// Camera and tracking-source commands: which camera the walls show, and an operator's live source tuning.
import type { TrackingHub } from '../../../camera-bridge/TrackingHub.ts';
import type { CommandHandlers } from '../../live/CommandRegistry.ts';
import type { ServerMessage } from '../../protocol/LiveMessages.ts';

export interface CameraCommandDeps {
  hub: TrackingHub;
  /** Where the active camera is kept (the frame composer). */
  selection: { activeCameraId: string | null };
  broadcast: (message: ServerMessage) => void;
}

export function cameraCommands({ hub, selection, broadcast }: CameraCommandDeps): CommandHandlers<'camera.select' | 'camera.offset' | 'source.configure'> {
  return {
    'camera.select': ({ cameraId }) => {
      if (!hub.cameraIds().includes(cameraId)) throw new Error(`VP_ERR_UNKNOWN_CAMERA: ${cameraId}`);
      selection.activeCameraId = cameraId;
      broadcast({ type: 'event', name: 'camera.selected', data: { cameraId } });
    },
    'camera.offset': ({ sourceId, latencyOffsetMs }) => hub.configureSource(sourceId, { latencyOffsetMs }),
    // The hub validates the patch again against its own ranges (camera-bridge SourceConfig).
    'source.configure': ({ sourceId, patch }) => hub.configureSource(sourceId, patch),
  };
}
