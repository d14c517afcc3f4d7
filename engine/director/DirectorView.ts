// What the AI director may see of the stage: the active camera, tracked poses and lenses, talent, the safe volume.
// The engine implements it over the tracking hub and the stage; tests implement it by hand.
import type { Vec3 } from '../../camera-bridge/CameraSample.ts';
import type { PoseAt } from '../../camera-bridge/PoseHistory.ts';
import type { DirectorCamera } from './DirectorInput.ts';

export interface DirectorLens {
  focalLengthMm: number;
  sensorWidthMm: number;
  /** From the stage camera's sensor aspect; 16:9 for a camera the stage does not list. */
  sensorHeightMm: number;
}

export interface DirectorSubjectView {
  readonly subjectId: string;
  readonly position: Readonly<Vec3>;
  /** m/s */
  readonly velocity: Readonly<Vec3>;
}

export interface DirectorView {
  /** The camera the walls show: suggestions and moves are for it. */
  activeCameraId(): string | null;
  /** Tracked (filtered, no move offset) pose at engine time `nowS`, written into `out`; undefined before it reported. */
  trackedPose(cameraId: string, nowS: number, out: PoseAt): PoseAt | undefined;
  /** Whether the camera's tracking is stale at `nowS` (no source delivered within the timeout); absent = never. */
  isStale?(cameraId: string, nowS: number): boolean;
  /** Position of the camera's newest sample (change detection); undefined before it reported. */
  latestPosition(cameraId: string): Readonly<Vec3> | undefined;
  /** The camera's lens now (defaults until a source reports one). */
  lens(cameraId: string): DirectorLens;
  /** Tracked talent. */
  subjects(): readonly DirectorSubjectView[];
  /** The fresh tracked cameras other than `cameraId`, where they are at `nowS` (copies); absent = none known. */
  otherCameras?(cameraId: string, nowS: number): DirectorCamera[];
  /** Box moves keep the camera inside, m. */
  readonly safeVolume: { readonly min: Readonly<Vec3>; readonly max: Readonly<Vec3> } | undefined;
}
