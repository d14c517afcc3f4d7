// One tick's frame as typed, preallocated data: the composer writes it, the encoder turns it into the `frame`
// message (FrameMessage). Reused every tick: nothing here is allocated per frame once the cameras are known.
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import type { LensWire, MoveStateWire } from '../protocol/LiveMessages.ts';
import type { CameraFrustumSettings } from './InnerFrustumSettings.ts';

export interface CameraSnapshot {
  id: string;
  /** Tracked (filtered) pose at the frame time, before the move offset, m (what a take records as tracked). */
  trackedPosition: Vec3;
  trackedRotation: Quat;
  /** Tracked pose plus the active move's offset, as the walls show it (predicted for when the LEDs emit), m. */
  position: Vec3;
  rotation: Quat;
  /** Tracked pose plus the move's offset at the frame time itself (what a take records), m. */
  framePosition: Vec3;
  frameRotation: Quat;
  /** The camera's latest lens (a live object of the hub's, or the default). */
  lens: Readonly<LensWire>;
  vFovRad: number;
  hFovRad: number;
  /** Sensor width / height. */
  aspect: number;
  stale: boolean;
  /** Its inner frustum's settings and colour (the settings registry's live object). */
  frustum: Readonly<CameraFrustumSettings>;
}

/** One camera's inner frustum on one section. */
export interface InnerFrustumSnapshot {
  cameraId: string;
  /** Column-major 4×4. */
  readonly projection: Float64Array;
  readonly view: Float64Array;
  /** (u, v) of the camera image's corners on the section: BL, BR, TR, TL. */
  readonly footprint: Float64Array;
}

export interface SectionSnapshot {
  /** The first `count` entries are the frusta on this section, top first (a pool that only grows). */
  frusta: InnerFrustumSnapshot[];
  count: number;
}

export interface WallSnapshot {
  id: string;
  sections: SectionSnapshot[];
}

/** What the active move looks like this frame (MoveStateWire's timing fields); `plan` changes only with `planRevision`. */
export interface MoveSnapshot extends Pick<MoveStateWire, 'moveId' | 'kind' | 'status' | 'progress' | 'elapsedS' | 'durationS' | 'speed'> {
  /** Bumped whenever `plan` may have changed (start, any command): the encoder re-serialises it only then. */
  planRevision: number;
  plan: Pick<MoveStateWire, 'spec' | 'provenance' | 'suggestionId' | 'path'>;
}

/** Talent as the hub tracks it (the hub's own objects, read during the tick). */
export interface SubjectSnapshot {
  readonly subjectId: string;
  readonly position: Readonly<Vec3>;
  /** m/s */
  readonly velocity: Readonly<Vec3>;
  /** No position within the subject timeout (the hub's flag, set by its per-tick check before the frame is composed). */
  readonly stale: boolean;
}

/** Takes as the frame reports them: what is recording (a tally everywhere), what is playing. */
export interface TakeSnapshot {
  recording: { takeId: string; slate: string; takeNumber: number; frames: number } | null;
  playback: { takeId: string; status: 'playing' | 'paused'; index: number; frameCount: number; frame: number; timecode: string } | null;
}

export interface FrameSnapshot {
  frame: number;
  /** Frame time on the engine timeline, s. */
  timeS: number;
  /** Engine clock time it is meant to be on screen, s. */
  presentAtS: number;
  timecode: string;
  activeCameraId: string | null;
  /** The first `cameraCount` entries are this frame's cameras (a pool that only grows). */
  cameras: CameraSnapshot[];
  cameraCount: number;
  /** Valid when `hasMove`. */
  move: MoveSnapshot;
  hasMove: boolean;
  subjects: readonly SubjectSnapshot[];
  /** Inner-frustum projections of every enabled camera, one entry per stage wall in stage order. */
  walls: WallSnapshot[];
  /** Set by the engine before encoding; both null most of the time (then the frame has no `take`). */
  take: TakeSnapshot;
  /** The pan-stop test is on: walls show the calibration grid in the inner frusta. */
  calibrationGrid: boolean;
}

export function createCameraSnapshot(id: string, aspect: number, frustum: Readonly<CameraFrustumSettings>): CameraSnapshot {
  return {
    id,
    trackedPosition: [0, 0, 0],
    trackedRotation: [0, 0, 0, 1],
    position: [0, 0, 0],
    rotation: [0, 0, 0, 1],
    framePosition: [0, 0, 0],
    frameRotation: [0, 0, 0, 1],
    lens: { focalLengthMm: 0, sensorWidthMm: 0 },
    vFovRad: 0,
    hFovRad: 0,
    aspect,
    stale: true,
    frustum,
  };
}

export function createSectionSnapshot(): SectionSnapshot {
  return { frusta: [], count: 0 };
}

export function createInnerFrustumSnapshot(): InnerFrustumSnapshot {
  return { cameraId: '', projection: new Float64Array(16), view: new Float64Array(16), footprint: new Float64Array(8) };
}

export function createMoveSnapshot(): MoveSnapshot {
  return {
    moveId: '',
    kind: 'hold',
    status: 'idle',
    progress: 0,
    elapsedS: 0,
    durationS: 0,
    speed: 1,
    planRevision: -1,
    plan: { spec: { kind: 'hold', durationS: 1, easing: 'linear' }, provenance: 'human-only', suggestionId: null, path: { positions: [], rotations: [] } },
  };
}
