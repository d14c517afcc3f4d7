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
