// A known take for the export tests: one camera on an analytic path (pan, tilt, a little roll, a 24→50 mm zoom), one decoy.
import type { Vec3 } from '../../../camera-bridge/CameraSample.ts';
import { quatFromPanTiltRollYUp } from '../../../camera-bridge/math/quaternion.ts';
import { frameRateFromFps } from '../../clock/FrameRate.ts';
import { frameToTimecode, timecodeToFrame } from '../../clock/Timecode.ts';
import type { TakeCameraFrame, TakeFrame, TakeManifest } from '../TakeFrame.ts';

export const FIXTURE_FPS = 50;
export const FIXTURE_FIRST_FRAME = 1000;
export const FIXTURE_TIMECODE_IN = '00:00:20:00';
export const FIXTURE_FRAME_COUNT = 50;
export const FIXTURE_CAMERA_ID = 'cam-A';
/** Present in every frame, on another path: an export of FIXTURE_CAMERA_ID must not contain it. */
export const FIXTURE_OTHER_CAMERA_ID = 'cam-B';
/** Take-relative frames where FIXTURE_CAMERA_ID drops out (tracker lost): exports skip them. */
export const FIXTURE_CAMERA_GAP: readonly number[] = [20, 21, 22];
export const FIXTURE_SENSOR_MM = { width: 24.89, height: 18.66 };
/** The move offset added to the tracked position: exports must carry the final pose, not the tracked one. */
const MOVE_OFFSET_M: Vec3 = [0.5, 0, -0.25];

/** Where the camera is meant to be at one frame: the truth the tests compare every format against. */
export interface FixturePose {
  /** Take-relative frame, 0-based. */
  index: number;
  panDeg: number;
  tiltDeg: number;
  rollDeg: number;
  positionM: Vec3;
  focalLengthMm: number;
  focusDistanceM: number | null;
  iris: number | null;
}

/** The analytic path of FIXTURE_CAMERA_ID at take-relative frame `index`. */
export function fixturePose(index: number): FixturePose {
  const t = index / (FIXTURE_FRAME_COUNT - 1); // 0..1 over the take
  return {
    index,
    panDeg: -40 + 130 * t,
    tiltDeg: -10 + 25 * Math.sin(Math.PI * t),
    rollDeg: 3 * Math.sin(2 * Math.PI * t),
    positionM: [2 * Math.sin(Math.PI * t) + MOVE_OFFSET_M[0], 1.5 + 0.2 * t + MOVE_OFFSET_M[1], 3 - 4 * t + MOVE_OFFSET_M[2]],
    focalLengthMm: 24 + 26 * t,
    focusDistanceM: index % 7 === 3 ? null : 2 + t,
    iris: index % 11 === 5 ? null : 2.8,
  };
}

/** The camera frame a take stores for `pose`. Every fifth frame stores -q (the same rotation), as a filter may. */
export function cameraFrameFromPose(id: string, pose: FixturePose): TakeCameraFrame {
  const rotation = quatFromPanTiltRollYUp(pose.panDeg, pose.tiltDeg, pose.rollDeg, [0, 0, 0, 1]);
  if (pose.index % 5 === 4) for (let k = 0; k < 4; k++) rotation[k] = -rotation[k]!;
  const p = pose.positionM;
  return {
    id,
    trackedPosition: [p[0] - MOVE_OFFSET_M[0], p[1] - MOVE_OFFSET_M[1], p[2] - MOVE_OFFSET_M[2]],
    trackedRotation: quatFromPanTiltRollYUp(pose.panDeg - 10, pose.tiltDeg, pose.rollDeg, [0, 0, 0, 1]),
    position: [p[0], p[1], p[2]],
    rotation,
    focalLengthMm: pose.focalLengthMm,
    sensorWidthMm: FIXTURE_SENSOR_MM.width,
    sensorHeightMm: FIXTURE_SENSOR_MM.height,
    focusDistanceM: pose.focusDistanceM,
    iris: pose.iris,
    stale: false,
  };
}

export interface TakeFixture {
  manifest: TakeManifest;
  frames: TakeFrame[];
  /** The poses of FIXTURE_CAMERA_ID actually in the take (the gap left out), in order. */
  poses: FixturePose[];
}

/**
 * A take of `poses.length` frames from FIXTURE_FIRST_FRAME; FIXTURE_CAMERA_ID follows `poses` except where
 * `skip` says, FIXTURE_OTHER_CAMERA_ID sits still. Defaults: the 50-frame analytic path with FIXTURE_CAMERA_GAP.
 */
export function buildTakeFixture(
  poses: readonly FixturePose[] = Array.from({ length: FIXTURE_FRAME_COUNT }, (_, i) => fixturePose(i)),
  skip: readonly number[] = poses.length === FIXTURE_FRAME_COUNT ? FIXTURE_CAMERA_GAP : [],
): TakeFixture {
  const rate = frameRateFromFps(FIXTURE_FPS);
  const tcStart = timecodeToFrame(FIXTURE_TIMECODE_IN, rate);
  const frames: TakeFrame[] = poses.map((pose, i) => {
    const cameras = [cameraFrameFromPose(FIXTURE_OTHER_CAMERA_ID, { ...fixturePose(0), index: i, panDeg: 170, positionM: [-3, 2, 1] })];
    if (!skip.includes(i)) cameras.unshift(cameraFrameFromPose(FIXTURE_CAMERA_ID, pose));
    return {
      frame: FIXTURE_FIRST_FRAME + i,
      timeS: 12.5 + i / FIXTURE_FPS,
      timecode: frameToTimecode(i, rate, tcStart),
      sceneId: 'scene-desert',
      activeCameraId: FIXTURE_CAMERA_ID,
      cameras,
      move: null,
      subjects: [],
    };
  });
  const manifest: TakeManifest = {
    id: 'take-0001',
    slate: 'A012',
    takeNumber: 3,
    description: 'dolly in past the rock',
    state: 'complete',
    fps: FIXTURE_FPS,
    timecodeIn: FIXTURE_TIMECODE_IN,
    timecodeOut: frames.at(-1)!.timecode,
    firstFrame: FIXTURE_FIRST_FRAME,
    frameCount: frames.length,
    durationS: frames.length / FIXTURE_FPS,
    sceneId: 'scene-desert',
    stageName: 'Stage 1',
    engineVersion: '0.1.0',
    modelVersion: null,
    startedAt: '2025-01-01T10:00:00.000Z',
    endedAt: '2025-01-01T10:00:01.000Z',
    corruptRegions: 0,
  };
  return { manifest, frames, poses: poses.filter((_, i) => !skip.includes(i)) };
}

/** A pose at frame `index` with everything but the given fields at rest (identity rotation, 35 mm, origin). */
export function restPose(index: number, fields: Partial<Omit<FixturePose, 'index'>> = {}): FixturePose {
  return { index, panDeg: 0, tiltDeg: 0, rollDeg: 0, positionM: [0, 0, 0], focalLengthMm: 35, focusDistanceM: null, iris: null, ...fields };
}
