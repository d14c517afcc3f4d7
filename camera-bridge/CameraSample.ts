// The normalised tracking types every protocol adapter produces (the README's "How a sample flows" and "Coordinates and units").

/** Metres, stage space: right-handed, Y up, origin at the LED volume's floor centre. */
export type Vec3 = [x: number, y: number, z: number];

/** Unit quaternion `[x, y, z, w]`. */
export type Quat = [x: number, y: number, z: number, w: number];

/** Lens state; focal length and sensor width in millimetres, focus in metres. */
export interface LensSample {
  focalLengthMm: number;
  sensorWidthMm: number;
  focusM?: number;
  /** f-stop (the OpenTrackIO `fStop`), dimensionless. */
  iris?: number;
  /** Normalised zoom 0..1 where a source reports one. */
  zoom?: number;
  /** Active sensor height, mm (OpenTrackIO static data); with the width it gives the image aspect. */
  sensorHeightMm?: number;
  /** Lens distortion as the source describes it (OpenTrackIO `lens.distortion[0]`). */
  distortion?: LensDistortion;
  /** How much larger than the undistorted image the distorted one must be rendered (≥ 1, OpenTrackIO `distortionOverscan`). */
  distortionOverscan?: number;
  /** Entrance pupil in front of the sensor along the lens axis, m (OpenTrackIO `entrancePupilOffset`). */
  entrancePupilOffsetM?: number;
  /** Shift of the projection centre from the sensor centre, mm, +x right, +y up (OpenTrackIO `projectionOffset`). */
  projectionOffsetMm?: [x: number, y: number];
}

/** Brown-Conrady style coefficients, dimensionless; `model` names the convention (OpenTrackIO default "Brown-Conrady D-U"). */
export interface LensDistortion {
  model: string;
  radial: number[];
  tangential: number[];
}

/** One tracked camera pose at engine time `tS`. */
export interface CameraSample {
  sourceId: string;
  cameraId: string;
  /** When the pose was measured, engine clock, s. */
  tS: number;
  timecode?: string;
  position: Vec3;
  rotation: Quat;
  lens?: LensSample;
}

/** The protocols the bridge speaks; also the prefix of every source id. */
export type TrackingProtocol = 'osc' | 'ws' | 'freed' | 'opentrackio' | 'sim';

/**
 * What a decoder hands to the hub: a (possibly partial) camera update or a subject position.
 * Partial because OSC sends pose and lens on separate addresses; the hub merges them.
 */
export type TrackingUpdate = CameraUpdate | SubjectUpdate;

export interface CameraUpdate {
  kind: 'camera';
  cameraId: string;
  /**
   * When the sender says the pose was measured, as Unix seconds (OSC bundle timetag,
   * OpenTrackIO sampleTimestamp). Absent means "at receive time".
   */
  sourceTimeUnixS?: number;
  timecode?: string;
  position?: Vec3;
  rotation?: Quat;
  lens?: Partial<LensSample>;
  /** Raw encoder values (FreeD zoom/focus) for per-source lens tables. */
  encoders?: { zoom?: number; focus?: number };
  /** Tracker status where the protocol reports one (OpenTrackIO `tracker.status`). */
  status?: string;
}

export interface SubjectUpdate {
  kind: 'subject';
  subjectId: string;
  sourceTimeUnixS?: number;
  position: Vec3;
}
