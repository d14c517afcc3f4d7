// The AI director's two seams as the engine fills them: its view of the stage (tracking hub, stage cameras, the
// frame composer's active camera) and its outbox (the audit log on disk, then the consoles over /live).
import type { SubjectState } from '../../camera-bridge/SubjectTracker.ts';
import type { TrackingHub } from '../../camera-bridge/TrackingHub.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import type { DirectorOutbox } from '../director/DirectorOutbox.ts';
import type { DirectorCamera } from '../director/DirectorInput.ts';
import type { DirectorLens, DirectorView } from '../director/DirectorView.ts';
import { DEFAULT_LENS } from '../frame/FrameComposer.ts';
import type { LiveClient } from '../live/LiveClient.ts';
import type { LiveServer } from '../live/LiveServer.ts';
import type { Stage } from '../stage/Stage.ts';

export function createDirectorView(hub: TrackingHub, stage: Stage, selection: { readonly activeCameraId: string | null }): DirectorView {
  const lensOf = (cameraId: string): DirectorLens => {
    const lens = hub.latestSample(cameraId)?.lens ?? DEFAULT_LENS;
    const stageCamera = stage.cameras.find((c) => c.id === cameraId);
    const sensorWidthMm = lens.sensorWidthMm;
    // Sensor height from the stage camera's aspect, else the one the source reports, else 16:9.
    const sensorHeightMm = stageCamera
      ? (sensorWidthMm * stageCamera.sensorHeightMm) / stageCamera.sensorWidthMm
      : (lens.sensorHeightMm ?? (sensorWidthMm * 9) / 16);
    return { focalLengthMm: lens.focalLengthMm, sensorWidthMm, sensorHeightMm };
  };
  const fresh: SubjectState[] = []; // the fresh subjects, refilled by each subjects() call (the session reads it every tick)
  return {
    activeCameraId: () => selection.activeCameraId,
    trackedPose: (cameraId, nowS, out) => hub.sampleCamera(cameraId, nowS, out),
    isStale: (cameraId, nowS) => hub.isCameraStale(cameraId, nowS),
    latestPosition: (cameraId) => hub.latestSample(cameraId)?.position,
    lens: (cameraId) => lensOf(cameraId),
    // Stale talent (no position within the subject timeout) is left out: the director neither frames nor names it.
    subjects: () => {
      const nowS = hub.clock.nowS();
      fresh.length = 0;
      for (const s of hub.subjectList()) if (!hub.isSubjectStale(s.subjectId, nowS)) fresh.push(s);
      return fresh;
    },
    otherCameras: (cameraId, nowS) => {
      const out: DirectorCamera[] = [];
      for (const id of hub.cameraIds()) {
        if (id === cameraId || hub.isCameraStale(id, nowS)) continue;
        const pose = hub.sampleCamera(id, nowS);
        if (!pose) continue;
        out.push({ id, position: [...pose.position], rotation: [...pose.rotation], ...lensOf(id) });
      }
      return out;
    },
    safeVolume: stage.safeVolume,
  };
}

/** Suggestions and audit events go to consoles, not render nodes (see LiveClient.receivesDirectorTraffic). */
const wantsDirectorTraffic = (c: LiveClient): boolean => c.receivesDirectorTraffic;

export function createDirectorOutbox(audit: AuditLog, live: LiveServer): DirectorOutbox {
  return {
    // To disk first, then to the consoles as an `audit` event (never re-read from the file).
    record: (entry) => {
      const record = audit.append(entry);
      live.broadcast({ type: 'event', name: 'audit', data: record }, wantsDirectorTraffic);
      return record;
    },
    suggestions: (message) => live.broadcast(message, wantsDirectorTraffic),
  };
}
