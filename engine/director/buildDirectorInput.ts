// Snapshot of what the AI director needs, taken from its view of the stage at one moment (a copy: safe to keep).
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import type { DirectorInput, PointOfInterest, RecentMove } from './DirectorInput.ts';
import type { DirectorView } from './DirectorView.ts';

export interface DirectorContext {
  view: DirectorView;
  pois: readonly PointOfInterest[];
  recentMoves: readonly RecentMove[];
  sceneAgeS: number;
  /** Engine time of the input, s (where the other cameras are). */
  nowS: number;
}

/** The active camera's pose is the one the walls show (tracked + move offset), passed in by the caller. */
export function buildDirectorInput(ctx: DirectorContext, cameraId: string, position: Readonly<Vec3>, rotation: Readonly<Quat>): DirectorInput {
  const { focalLengthMm, sensorWidthMm, sensorHeightMm } = ctx.view.lens(cameraId);
  const safeVolume = ctx.view.safeVolume;
  return {
    camera: { position: [...position], rotation: [...rotation], focalLengthMm, sensorWidthMm, sensorHeightMm },
    subjects: ctx.view.subjects().map((s) => ({ id: s.subjectId, position: [...s.position], velocity: [...s.velocity] })),
    pois: ctx.pois.map((p) => ({ ...p, position: [...p.position] })),
    recentMoves: ctx.recentMoves.map((m) => ({ ...m })),
    sceneAgeS: ctx.sceneAgeS,
    ...(safeVolume && { safeVolume: { min: [...safeVolume.min], max: [...safeVolume.max] } }),
    ...(ctx.view.otherCameras && { otherCameras: ctx.view.otherCameras(cameraId, ctx.nowS) }),
  };
}
