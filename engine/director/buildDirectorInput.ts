// Snapshot of what the AI director needs, taken from the hub and the stage at one moment (a copy: safe to keep).
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import type { TrackingHub } from '../../camera-bridge/TrackingHub.ts';
import type { Stage } from '../stage/Stage.ts';
import type { DirectorInput, PointOfInterest, RecentMove } from './DirectorInput.ts';

/** Until a lens is reported: 35 mm on Super 35. */
const DEFAULT_LENS = { focalLengthMm: 35, sensorWidthMm: 24.89 };

export interface DirectorContext {
  hub: TrackingHub;
  stage: Stage;
  pois: readonly PointOfInterest[];
  recentMoves: readonly RecentMove[];
  sceneAgeS: number;
}

/** The active camera's pose is the one the walls show (tracked + move offset), passed in by the caller. */
export function buildDirectorInput(ctx: DirectorContext, cameraId: string, position: Readonly<Vec3>, rotation: Readonly<Quat>): DirectorInput {
  const lens = ctx.hub.latestSample(cameraId)?.lens ?? DEFAULT_LENS;
  const stageCamera = ctx.stage.cameras.find((c) => c.id === cameraId);
  const sensorWidthMm = lens.sensorWidthMm;
  // Sensor height from the stage camera's aspect; 16:9 when the camera is not on the stage.
  const sensorHeightMm = stageCamera ? (sensorWidthMm * stageCamera.sensorHeightMm) / stageCamera.sensorWidthMm : (sensorWidthMm * 9) / 16;
  return {
    camera: { position: [...position], rotation: [...rotation], focalLengthMm: lens.focalLengthMm, sensorWidthMm, sensorHeightMm },
    subjects: ctx.hub.subjectList().map((s) => ({ id: s.subjectId, position: [...s.position], velocity: [...s.velocity] })),
    pois: ctx.pois.map((p) => ({ ...p, position: [...p.position] })),
    recentMoves: ctx.recentMoves.map((m) => ({ ...m })),
    sceneAgeS: ctx.sceneAgeS,
    ...(ctx.stage.safeVolume && { safeVolume: { min: [...ctx.stage.safeVolume.min], max: [...ctx.stage.safeVolume.max] } }),
  };
}
