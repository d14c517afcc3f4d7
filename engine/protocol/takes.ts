// Takes on the wire: one recorded frame as the take file stores it and the exports read it, and the take's manifest
// (GET /api/takes). Units in names: metres, radians, millimetres for lenses; engine axes (+Y up, camera looks down
// −Z, +X right).
import type { QuatWire as Quat, Vec3Wire as Vec3 } from './LiveMessages.ts';

export interface TakeCameraFrame {
  id: string;
  /** Tracked (filtered) pose, before any move offset. */
  trackedPosition: Vec3;
  trackedRotation: Quat;
  /** What the walls used: tracked pose with the active move's offset (the offset is final ∘ tracked⁻¹). */
  position: Vec3;
  rotation: Quat;
  focalLengthMm: number;
  sensorWidthMm: number;
  sensorHeightMm: number;
  /** null when the source does not report it. */
  focusDistanceM: number | null;
  /** f-number; null when not reported. */
  iris: number | null;
  stale: boolean;
}

export interface TakeSubjectFrame {
  id: string;
  position: Vec3;
  stale: boolean;
}

export interface TakeMoveFrame {
  moveId: string;
  kind: string;
  status: string;
  progress: number;
}

export interface TakeFrame {
  /** Engine frame number (the frame clock's). */
  frame: number;
  /** Engine time, s. */
  timeS: number;
  /** SMPTE timecode of the frame, HH:MM:SS:FF (';' before the frames when drop-frame). */
  timecode: string;
  sceneId: string;
  activeCameraId: string | null;
  cameras: TakeCameraFrame[];
  move: TakeMoveFrame | null;
  subjects: TakeSubjectFrame[];
}

export type TakeState = 'recording' | 'complete' | 'recovered' | 'failed';

/** Take metadata, after Unreal's TakeMetaData, plus what post needs to read the files. */
export interface TakeManifest {
  id: string;
  slate: string;
  takeNumber: number;
  description: string;
  state: TakeState;
  /** Why a take failed or how it was recovered. */
  note?: string;
  /** Frames per second of the frame clock (the take's rate). */
  fps: number;
  timecodeIn: string;
  /** null while recording. */
  timecodeOut: string | null;
  firstFrame: number;
  frameCount: number;
  durationS: number;
  sceneId: string;
  stageName: string;
  engineVersion: string;
  modelVersion: string | null;
  startedAt: string;
  endedAt: string | null;
  /** Byte ranges of the record file that failed their checksum and were skipped when it was last read. */
  corruptRegions: number;
}

export type TakeManifestWire = TakeManifest;

/** A playing take (take.play / pause / resume / seek answer with it). */
export interface TakePlaybackWire {
  takeId: string;
  /** `take:<takeId>`, the tracking source the walls follow. */
  sourceId: string;
  status: 'playing' | 'paused';
  /** Index of the frame on the walls, 0 … frameCount − 1. */
  index: number;
  frameCount: number;
  speed: number;
  loop: boolean;
}
