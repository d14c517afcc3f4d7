// Per tick: samples every camera at the frame time, adds its move offset, and computes each wall section's
// inner-frustum projection and footprint for the active camera, into one reused FrameSnapshot.
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { copyQuat } from '../../camera-bridge/math/quaternion.ts';
import { copyVec3 } from '../../camera-bridge/math/vec3.ts';
import { createPoseAt } from '../../camera-bridge/PoseHistory.ts';
import type { TrackingHub } from '../../camera-bridge/TrackingHub.ts';
import { createInnerFrustumFootprint, horizontalFovRad, innerFrustumFootprint } from '../projection/innerFrustumFootprint.ts';
import { createOffAxisResult, FAR_M, NEAR_M, offAxisProjection } from '../projection/offAxisProjection.ts';
import type { LensWire } from '../protocol/LiveMessages.ts';
import type { Stage } from '../stage/Stage.ts';
import type { TakeFrame } from '../takes/TakeFrame.ts';
import { createCameraSnapshot, createMoveSnapshot, createSectionSnapshot, type CameraSnapshot, type FrameSnapshot, type MoveSnapshot, type SubjectSnapshot } from './FrameSnapshot.ts';

/** Inner frustum drawn this much larger than the lens sees: margin for tracking latency and lens breathing. */
export const INNER_FRUSTUM_OVERSCAN = 1.15;
/** Lens assumed until a source reports one: 35 mm on Super 35. */
export const DEFAULT_LENS: Readonly<LensWire> = { focalLengthMm: 35, sensorWidthMm: 24.89 };
const DEFAULT_ASPECT = 16 / 9;

/** Adds a camera's move offset to its tracked pose, in place (engine/moves CameraMoves). */
export interface PoseOffsetSource {
  apply(cameraId: string, position: Vec3, rotation: Quat): void;
}

/** Writes the active move of a camera into `out`; false when it has none to show (the AI director). */
export interface ActiveMoveSource {
  activeMove(cameraId: string, out: MoveSnapshot): boolean;
}

/** A take playing back: the recorded frame for this tick, or null for live tracking (engine/takes TakePlayer). */
export interface ReplaySource {
  next(): TakeFrame | null;
}

export interface FrameComposerOptions {
  stage: Stage;
  hub: TrackingHub;
  offsets: PoseOffsetSource;
  moves?: ActiveMoveSource;
  replay?: ReplaySource;
}

export class FrameComposer {
  /** Camera whose inner frustum the walls show; `camera.select` changes it. */
  activeCameraId: string | null;
  private readonly stage: Stage;
  private readonly hub: TrackingHub;
  private readonly offsets: PoseOffsetSource;
  private readonly moves: ActiveMoveSource | undefined;
  private readonly replay: ReplaySource | undefined;
  private readonly liveSubjects: readonly SubjectSnapshot[];
  private readonly replayLens = new Map<string, LensWire>();
  private readonly replaySubjects: { subjectId: string; position: Vec3; velocity: Vec3; stale: boolean }[] = [];
  private readonly snapshot: FrameSnapshot;
  private readonly cameraById = new Map<string, CameraSnapshot>();
  private readonly pose = createPoseAt();
  private readonly offAxis = createOffAxisResult();
  private readonly footprint = createInnerFrustumFootprint();

  constructor(options: FrameComposerOptions) {
    this.stage = options.stage;
    this.hub = options.hub;
    this.offsets = options.offsets;
    this.moves = options.moves;
    this.replay = options.replay;
    this.liveSubjects = options.hub.subjectList();
    this.activeCameraId = options.stage.cameras[0]?.id ?? null;
    this.snapshot = {
      frame: 0,
      timeS: 0,
      timecode: '',
      activeCameraId: null,
      cameras: [],
      cameraCount: 0,
      move: createMoveSnapshot(),
      hasMove: false,
      subjects: options.hub.subjectList(),
      walls: options.stage.walls.map((w) => ({ id: w.id, sections: w.sections.map(() => createSectionSnapshot()) })),
      take: { recording: null, playback: null },
    };
  }

  /** The frame for engine time `nowS`; `frame`/`timeS`/`timecode` come from the frame clock. The result is reused. */
  compose(frame: number, timeS: number, timecode: string, nowS: number): FrameSnapshot {
    const snap = this.snapshot;
    const ids = this.hub.cameraIds();
    // An active camera that never reported falls back to the first live one, so walls show something.
    if (this.activeCameraId === null || !ids.includes(this.activeCameraId)) {
      const fallback = ids.find((id) => !this.hub.isCameraStale(id, nowS)) ?? ids[0] ?? this.activeCameraId;
      if (fallback !== undefined) this.activeCameraId = fallback;
    }
    snap.frame = frame;
    snap.timeS = timeS;
    snap.timecode = timecode;
    const replayed = this.replay?.next() ?? null;
    if (replayed) return this.composeReplay(replayed);
    snap.activeCameraId = this.activeCameraId;
    snap.subjects = this.liveSubjects;

    let active: CameraSnapshot | undefined;
    let activeHFovRad = 0;
    let count = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const pose = this.hub.sampleCamera(id, nowS, this.pose);
      if (!pose) continue;
      const cam = this.cameraSlot(id);
      copyVec3(pose.position, cam.trackedPosition);
      copyQuat(pose.rotation, cam.trackedRotation);
      copyVec3(pose.position, cam.position);
      copyQuat(pose.rotation, cam.rotation);
      this.offsets.apply(id, cam.position, cam.rotation);
      cam.lens = this.hub.latestSample(id)?.lens ?? DEFAULT_LENS;
      const hFovRad = horizontalFovRad(cam.lens.focalLengthMm, cam.lens.sensorWidthMm);
      cam.vFovRad = 2 * Math.atan(Math.tan(hFovRad / 2) / cam.aspect);
      cam.stale = this.hub.isCameraStale(id, nowS);
      if (id === this.activeCameraId) {
        active = cam;
        activeHFovRad = hFovRad;
      }
      snap.cameras[count++] = cam;
    }
    snap.cameraCount = count;
    snap.hasMove = this.activeCameraId !== null && (this.moves?.activeMove(this.activeCameraId, snap.move) ?? false);
    this.composeWalls(active, activeHFovRad);
    return snap;
  }

  /** The recorded frame's cameras, lenses, active camera and talent, exactly as recorded; no live move on top. */
  private composeReplay(f: TakeFrame): FrameSnapshot {
    const snap = this.snapshot;
    snap.activeCameraId = f.activeCameraId;
    let active: CameraSnapshot | undefined;
    let activeHFovRad = 0;
    for (let i = 0; i < f.cameras.length; i++) {
      const c = f.cameras[i]!;
      const cam = this.cameraSlot(c.id);
      copyVec3(c.trackedPosition, cam.trackedPosition);
      copyQuat(c.trackedRotation, cam.trackedRotation);
      copyVec3(c.position, cam.position);
      copyQuat(c.rotation, cam.rotation);
      let lens = this.replayLens.get(c.id);
      if (!lens) this.replayLens.set(c.id, (lens = { focalLengthMm: 0, sensorWidthMm: 0 }));
      lens.focalLengthMm = c.focalLengthMm;
      lens.sensorWidthMm = c.sensorWidthMm;
      if (c.focusDistanceM === null) delete lens.focusM;
      else lens.focusM = c.focusDistanceM;
      if (c.iris === null) delete lens.iris;
      else lens.iris = c.iris;
      cam.lens = lens;
      cam.aspect = c.sensorWidthMm / c.sensorHeightMm;
      const hFovRad = horizontalFovRad(c.focalLengthMm, c.sensorWidthMm);
      cam.vFovRad = 2 * Math.atan(Math.tan(hFovRad / 2) / cam.aspect);
      cam.stale = c.stale;
      if (c.id === f.activeCameraId) [active, activeHFovRad] = [cam, hFovRad];
      snap.cameras[i] = cam;
    }
    snap.cameraCount = f.cameras.length;
    for (let i = 0; i < f.subjects.length; i++) {
      const s = f.subjects[i]!;
      let out = this.replaySubjects[i];
      if (!out) this.replaySubjects.push((out = { subjectId: '', position: [0, 0, 0], velocity: [0, 0, 0], stale: false }));
      out.subjectId = s.id;
      copyVec3(s.position, out.position);
      out.stale = s.stale;
    }
    this.replaySubjects.length = f.subjects.length;
    snap.subjects = this.replaySubjects;
    snap.hasMove = false;
    this.composeWalls(active, activeHFovRad);
    return snap;
  }

  private composeWalls(active: CameraSnapshot | undefined, hFovRad: number): void {
    const walls = this.stage.walls;
    for (let w = 0; w < walls.length; w++) {
      const sections = walls[w]!.sections;
      const out = this.snapshot.walls[w]!.sections;
      for (let i = 0; i < sections.length; i++) {
        const s = sections[i]!;
        const o = out[i]!;
        o.visible = false;
        if (!active) continue;
        const proj = offAxisProjection(s.pa, s.pb, s.pc, active.position, NEAR_M, FAR_M, this.offAxis);
        if (!proj) continue;
        const fp = innerFrustumFootprint(s.pa, s.pb, s.pc, active.position, active.rotation, hFovRad, active.aspect, INNER_FRUSTUM_OVERSCAN, this.footprint);
        if (!fp.visible) continue;
        o.visible = true;
        o.projection.set(proj.projection);
        o.view.set(proj.view);
        o.footprint.set(fp.corners);
      }
    }
  }

  private cameraSlot(id: string): CameraSnapshot {
    let cam = this.cameraById.get(id);
    if (!cam) {
      const stageCam = this.stage.cameras.find((c) => c.id === id);
      cam = createCameraSnapshot(id, stageCam ? stageCam.sensorWidthMm / stageCam.sensorHeightMm : DEFAULT_ASPECT);
      this.cameraById.set(id, cam);
    }
    return cam;
  }
}
