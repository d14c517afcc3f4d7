// Camera and tracking-source commands: which camera the walls show, and an operator's live source tuning.
import { ZodError } from 'zod';
import type { TrackingHub } from '../../../camera-bridge/TrackingHub.ts';
import type { InnerFrustumSettings } from '../../frame/InnerFrustumSettings.ts';
import type { CommandHandlers } from '../../live/CommandRegistry.ts';
import type { AuditEntry } from '../../protocol/audit.ts';
import { formatIssuePath } from '../../protocol/formatIssuePath.ts';
import type { ServerMessage } from '../../protocol/LiveMessages.ts';

export interface CameraCommandDeps {
  hub: TrackingHub;
  /** Where the active camera is kept (the frame composer). */
  selection: { activeCameraId: string | null };
  broadcast: (message: ServerMessage) => void;
  /** Each camera's inner-frustum settings (the frame composer's). */
  frustums: InnerFrustumSettings;
  /** Cameras the stage lists: their frusta may be set up before they first report. */
  stageCameraIds: readonly string[];
  /** The pan-stop test's switch, read when each frame is encoded. */
  calibration: { grid: boolean };
  /** The status of the camera's move when one is under way (running, paused), else null. */
  moveUnderWay: (cameraId: string) => string | null;
  /** The audit log and the consoles' audit feed: removing a source is an operator's decision on the record. */
  record: (entry: AuditEntry) => void;
}

export function cameraCommands(deps: CameraCommandDeps): CommandHandlers<'camera.select' | 'camera.frustum' | 'walls.calibration' | 'camera.offset' | 'source.configure' | 'source.remove'> {
  const { hub, selection, broadcast, frustums, stageCameraIds, calibration } = deps;
  return {
    'camera.select': ({ cameraId }) => {
      if (!hub.cameraIds().includes(cameraId)) throw new Error(`VP_ERR_UNKNOWN_CAMERA: ${cameraId}`);
      selection.activeCameraId = cameraId;
      broadcast({ type: 'event', name: 'camera.selected', data: { cameraId } });
    },
    'camera.frustum': ({ cameraId, ...patch }) => {
      if (!hub.cameraIds().includes(cameraId) && !stageCameraIds.includes(cameraId)) throw new Error(`VP_ERR_UNKNOWN_CAMERA: ${cameraId}`);
      const { enabled, priority, overscanPct } = frustums.configure(cameraId, patch);
      const result = { cameraId, enabled, priority, overscanPct };
      broadcast({ type: 'event', name: 'camera.frustum', data: result });
      return result;
    },
    'walls.calibration': ({ grid }) => {
      calibration.grid = grid;
      broadcast({ type: 'event', name: 'walls.calibration', data: { grid } });
      return { grid };
    },
    'camera.offset': ({ sourceId, latencyOffsetMs }) => configureSource(hub, sourceId, { latencyOffsetMs }, []),
    'source.configure': ({ sourceId, patch }) => configureSource(hub, sourceId, patch, ['patch']),
    'source.remove': ({ sourceId }, { actor }) => {
      const cameraId = hub.source(sourceId)?.cameraId;
      // The move belongs to the director: an operator tidying sources must not end it behind their back.
      const move = cameraId !== undefined && hub.isOnlySourceOfCamera(sourceId) ? deps.moveUnderWay(cameraId) : null;
      if (move) throw new Error(`VP_ERR_SOURCE_IN_USE: camera ${cameraId} has a ${move} move; it needs ending (Abort) before its last source can be removed`);
      const result = hub.removeSource(sourceId);
      deps.record({ type: 'source.removed', actor: { kind: 'human', role: actor.role, clientId: actor.clientId }, data: result });
      broadcast({ type: 'event', name: 'source.removed', data: result });
      return result;
    },
  };
}

/**
 * The hub validates the patch again against its own ranges (camera-bridge SourceConfig) and throws a ZodError: it is
 * acked like any other argument error, `VP_ERR_BAD_ARGS: <field>: <reason>`, never as the raw issue list.
 */
function configureSource(hub: TrackingHub, sourceId: string, patch: object, argPath: string[]): ReturnType<TrackingHub['configureSource']> {
  try {
    return hub.configureSource(sourceId, patch);
  } catch (err) {
    if (!(err instanceof ZodError)) throw err;
    const issue = err.issues[0]!;
    throw new Error(`VP_ERR_BAD_ARGS: ${formatIssuePath([...argPath, ...issue.path])}: ${issue.message}`);
  }
}
