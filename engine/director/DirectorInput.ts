// What the AI director sees at one moment: camera, subjects, points of interest, recent history (engine frame, SI units).
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import type { MoveKind } from '../protocol/MoveSpec.ts';

export interface DirectorSubject {
  id: string;
  position: Vec3;
  /** m/s */
  velocity: Vec3;
}

export interface PointOfInterest {
  id: string;
  name: string;
  position: Vec3;
  /** Preferred framing, fraction of frame height a 1.8 m subject there would fill. */
  suggestedSubjectHeightFraction?: number;
}

export type DecisionKind = 'accepted' | 'rejected' | 'modified' | 'human-only';

export interface RecentMove {
  kind: MoveKind;
  /** Seconds since it ended (0 while running). */
  endedAgoS: number;
  decision: DecisionKind;
}

export interface DirectorInput {
  camera: { position: Vec3; rotation: Quat; focalLengthMm: number; sensorWidthMm: number; sensorHeightMm: number };
  subjects: DirectorSubject[];
  pois: PointOfInterest[];
  /** Newest first. */
  recentMoves: RecentMove[];
  /** Seconds since the current scene was loaded (reveals are for scene starts). */
  sceneAgeS: number;
  /** Stage safe volume, if any, metres. */
  safeVolume?: { min: Vec3; max: Vec3 };
  /** The other tracked cameras (fresh ones), where they are now: a move must not drive into their shots. */
  otherCameras?: DirectorCamera[];
}

/** A camera's pose and lens, metres and millimetres. */
export interface DirectorCamera {
  id: string;
  position: Vec3;
  rotation: Quat;
  focalLengthMm: number;
  sensorWidthMm: number;
  sensorHeightMm: number;
}
