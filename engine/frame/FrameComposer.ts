// Per tick: samples every camera at the frame time, adds its move offset, and computes each wall section's
// inner-frustum projections and footprints for every enabled camera, in priority order, into one reused FrameSnapshot.
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
import {
  createCameraSnapshot,
  createInnerFrustumSnapshot,
  createMoveSnapshot,
  createSectionSnapshot,
  type CameraSnapshot,
  type FrameSnapshot,
  type MoveSnapshot,
  type SubjectSnapshot,
} from './FrameSnapshot.ts';
import { InnerFrustumSettings } from './InnerFrustumSettings.ts';
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
  /** Per-camera frustum settings; default: from the stage's cameras. */
  frustumSettings?: InnerFrustumSettings;
  /**
   * Frames are meant for the screen `presentLeadS` after their tick, and LEDs emit them `displayDelayS` after that:
   * the walls' poses are predicted for then (bounded by the pose history's extrapolation limit; held for a stale
   * camera). Default 0 and 0: the pose at the tick.
   */
  timing?: { presentLeadS: number; displayDelayS: number };
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
  private readonly cameraById = new Map<string, CameraSnapshot & { listed: boolean }>();
  private readonly pose = createPoseAt();
  private readonly offAxis = createOffAxisResult();
  private readonly footprint = createInnerFrustumFootprint();
  /** This frame's cameras with an enabled frustum, top first (reused). */
  private readonly drawOrder: CameraSnapshot[] = [];
  readonly frustumSettings: InnerFrustumSettings;
  readonly timing: { presentLeadS: number; displayDelayS: number };
  private readonly predicted = createPoseAt();

  constructor(options: FrameComposerOptions) {
    this.stage = options.stage;
    this.hub = options.hub;
    this.offsets = options.offsets;
    this.moves = options.moves;
    this.replay = options.replay;
    this.frustumSettings = options.frustumSettings ?? new InnerFrustumSettings(options.stage.cameras);
    this.timing = options.timing ?? { presentLeadS: 0, displayDelayS: 0 };
    this.liveSubjects = options.hub.subjectList();
    this.activeCameraId = options.stage.cameras[0]?.id ?? null;
    this.snapshot = {
      frame: 0,
      timeS: 0,
      presentAtS: 0,
      timecode: '',
      activeCameraId: null,
      cameras: [],
      cameraCount: 0,
      move: createMoveSnapshot(),
      hasMove: false,
      subjects: options.hub.subjectList(),
      walls: options.stage.walls.map((w) => ({ id: w.id, sections: w.sections.map(() => createSectionSnapshot()) })),
      take: { recording: null, playback: null },
      calibrationGrid: false,
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
    snap.presentAtS = nowS + this.timing.presentLeadS;
    // When the wall's light reaches the camera: the walls show the camera where it will be then.
    const emitAtS = snap.presentAtS + this.timing.displayDelayS;
    const replayed = this.replay?.next() ?? null;
    if (replayed) return this.composeReplay(replayed);
    snap.activeCameraId = this.activeCameraId;
    snap.subjects = this.liveSubjects;

    let count = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const pose = this.hub.sampleCamera(id, nowS, this.pose);
      if (!pose) continue;
      const cam = this.cameraSlot(id);
      copyVec3(pose.position, cam.trackedPosition);
      copyQuat(pose.rotation, cam.trackedRotation);
      cam.stale = this.hub.isCameraStale(id, nowS);
      // Predicted for when the wall emits it; a stale camera holds its last measured pose instead of drifting on.
      const latest = this.hub.latestSample(id);
      const predictAtS = cam.stale ? Math.min(nowS, latest?.tS ?? nowS) : emitAtS;
      const shown = predictAtS === nowS ? pose : (this.hub.sampleCamera(id, predictAtS, this.predicted) ?? pose);
      copyVec3(shown.position, cam.position);
      copyQuat(shown.rotation, cam.rotation);
      this.offsets.apply(id, cam.position, cam.rotation);
      // The camera at the frame's own time, for takes (post matches it to the plate's timecode). Applied last: the
      // move controller notes the tracked pose it is given, and moves start from where the camera is, not ahead of it.
      copyVec3(pose.position, cam.framePosition);
      copyQuat(pose.rotation, cam.frameRotation);
      this.offsets.apply(id, cam.framePosition, cam.frameRotation);
      const lens = latest?.lens ?? DEFAULT_LENS;
      cam.lens = lens;
      // A camera the stage does not list takes its aspect from the sensor its source reports.
      if (!cam.listed && lens.sensorHeightMm) cam.aspect = lens.sensorWidthMm / lens.sensorHeightMm;
      cam.hFovRad = horizontalFovRad(lens.focalLengthMm, lens.sensorWidthMm);
      cam.vFovRad = 2 * Math.atan(Math.tan(cam.hFovRad / 2) / cam.aspect);
      snap.cameras[count++] = cam;
    }
    snap.cameraCount = count;
    snap.hasMove = this.activeCameraId !== null && (this.moves?.activeMove(this.activeCameraId, snap.move) ?? false);
    this.composeWalls();
    return snap;
  }

  /** The recorded frame's cameras, lenses, active camera and talent, exactly as recorded; no live move on top. */
  private composeReplay(f: TakeFrame): FrameSnapshot {
    const snap = this.snapshot;
    snap.activeCameraId = f.activeCameraId;
    for (let i = 0; i < f.cameras.length; i++) {
      const c = f.cameras[i]!;
      const cam = this.cameraSlot(c.id);
      copyVec3(c.trackedPosition, cam.trackedPosition);
      copyQuat(c.trackedRotation, cam.trackedRotation);
      copyVec3(c.position, cam.position);
      copyQuat(c.rotation, cam.rotation);
      copyVec3(c.position, cam.framePosition);
      copyQuat(c.rotation, cam.frameRotation);
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
      cam.hFovRad = horizontalFovRad(c.focalLengthMm, c.sensorWidthMm);
      cam.vFovRad = 2 * Math.atan(Math.tan(cam.hFovRad / 2) / cam.aspect);
      cam.stale = c.stale;
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
    this.composeWalls();
    return snap;
  }

  /** Every enabled camera's frustum on every section it reaches, top (lowest priority number) first. */
  private composeWalls(): void {
    const order = this.sortDrawOrder();
    const walls = this.stage.walls;
    for (let w = 0; w < walls.length; w++) {
      const sections = walls[w]!.sections;
      const out = this.snapshot.walls[w]!.sections;
      for (let i = 0; i < sections.length; i++) {
        const s = sections[i]!;
        const o = out[i]!;
        o.count = 0;
        for (let k = 0; k < order.length; k++) {
          const cam = order[k]!;
          const proj = offAxisProjection(s.pa, s.pb, s.pc, cam.position, NEAR_M, FAR_M, this.offAxis);
          if (!proj) continue;
          // The crew's margin, times what the lens's distortion needs beyond the undistorted image.
          const overscan = (1 + cam.frustum.overscanPct / 100) * (cam.lens.distortionOverscan ?? 1);
          const fp = innerFrustumFootprint(s.pa, s.pb, s.pc, cam.position, cam.rotation, cam.hFovRad, cam.aspect, overscan, this.footprint);
          if (!fp.visible) continue;
          let slot = o.frusta[o.count];
          if (!slot) o.frusta.push((slot = createInnerFrustumSnapshot()));
          o.count++;
          slot.cameraId = cam.id;
          slot.projection.set(proj.projection);
          slot.view.set(proj.view);
          slot.footprint.set(fp.corners);
        }
      }
    }
  }

  /** This frame's enabled cameras by priority (ties: registration order); insertion sort, no allocation. */
  private sortDrawOrder(): readonly CameraSnapshot[] {
    const order = this.drawOrder;
    order.length = 0;
    const snap = this.snapshot;
    for (let i = 0; i < snap.cameraCount; i++) {
      const cam = snap.cameras[i]!;
      if (!cam.frustum.enabled) continue;
      let at = order.length;
      order.push(cam);
      while (at > 0 && order[at - 1]!.frustum.priority > cam.frustum.priority) {
        order[at] = order[at - 1]!;
        at--;
      }
      order[at] = cam;
    }
    return order;
  }

  private cameraSlot(id: string): CameraSnapshot & { listed: boolean } {
    let cam = this.cameraById.get(id);
    if (!cam) {
      const stageCam = this.stage.cameras.find((c) => c.id === id);
      cam = Object.assign(createCameraSnapshot(id, stageCam ? stageCam.sensorWidthMm / stageCam.sensorHeightMm : DEFAULT_ASPECT, this.frustumSettings.get(id)), { listed: !!stageCam });
      this.cameraById.set(id, cam);
    }
    return cam;
  }
}
