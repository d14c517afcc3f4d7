// Frames handed from the tick to the take writer: a preallocated ring of TakeFrame slots the tick fills in place
// (no allocation once every camera and subject has a slot) and the writer drains off the tick path.
import { copyQuat } from '../../camera-bridge/math/quaternion.ts';
import { copyVec3 } from '../../camera-bridge/math/vec3.ts';
import type { FrameSnapshot } from '../frame/FrameSnapshot.ts';
import type { TakeCameraFrame, TakeFrame, TakeSubjectFrame } from './TakeFrame.ts';

/** 5 s at 50 fps: the writer drains every 50 ms, so only a stalled disk fills it. */
export const RING_FRAMES = 256;

interface Slot {
  frame: TakeFrame;
  cameraPool: TakeCameraFrame[];
  cameraCount: number;
  subjectPool: TakeSubjectFrame[];
  subjectCount: number;
  move: { moveId: string; kind: string; status: string; progress: number };
  hasMove: boolean;
}

export class TakeFrameRing {
  private readonly slots: Slot[] = Array.from({ length: RING_FRAMES }, () => ({
    frame: { frame: 0, timeS: 0, timecode: '', sceneId: '', activeCameraId: null, cameras: [], move: null, subjects: [] },
    cameraPool: [],
    cameraCount: 0,
    subjectPool: [],
    subjectCount: 0,
    move: { moveId: '', kind: '', status: '', progress: 0 },
    hasMove: false,
  }));
  private head = 0; // next slot to fill
  private size = 0;
  /** Frames the tick could not hand over because the writer was behind (ring full). */
  dropped = 0;

  get length(): number {
    return this.size;
  }

  /** Copies `snap` into the next free slot (the tick's side). */
  push(snap: FrameSnapshot, sceneId: string): void {
    if (this.size === RING_FRAMES) {
      this.dropped++;
      return;
    }
    const slot = this.slots[this.head]!;
    const f = slot.frame;
    f.frame = snap.frame;
    f.timeS = snap.timeS;
    f.timecode = snap.timecode;
    f.sceneId = sceneId;
    f.activeCameraId = snap.activeCameraId;
    for (let i = 0; i < snap.cameraCount; i++) {
      const c = snap.cameras[i]!;
      let out = slot.cameraPool[i];
      if (!out) {
        out = { id: '', trackedPosition: [0, 0, 0], trackedRotation: [0, 0, 0, 1], position: [0, 0, 0], rotation: [0, 0, 0, 1], focalLengthMm: 0, sensorWidthMm: 0, sensorHeightMm: 0, focusDistanceM: null, iris: null, stale: false };
        slot.cameraPool.push(out);
      }
      out.id = c.id;
      copyVec3(c.trackedPosition, out.trackedPosition);
      copyQuat(c.trackedRotation, out.trackedRotation);
      // At the frame's time, not the walls' prediction: post matches it to the plate's timecode.
      copyVec3(c.framePosition, out.position);
      copyQuat(c.frameRotation, out.rotation);
      out.focalLengthMm = c.lens.focalLengthMm;
      out.sensorWidthMm = c.lens.sensorWidthMm;
      out.sensorHeightMm = c.lens.sensorWidthMm / c.aspect;
      out.focusDistanceM = c.lens.focusM ?? null;
      out.iris = c.lens.iris ?? null;
      out.stale = c.stale;
    }
    slot.cameraCount = snap.cameraCount;
    for (let i = 0; i < snap.subjects.length; i++) {
      const s = snap.subjects[i]!;
      let out = slot.subjectPool[i];
      if (!out) {
        out = { id: '', position: [0, 0, 0], stale: false };
        slot.subjectPool.push(out);
      }
      out.id = s.subjectId;
      copyVec3(s.position, out.position);
      out.stale = s.stale;
    }
    slot.subjectCount = snap.subjects.length;
    slot.hasMove = snap.hasMove;
    if (snap.hasMove) {
      slot.move.moveId = snap.move.moveId;
      slot.move.kind = snap.move.kind;
      slot.move.status = snap.move.status;
      slot.move.progress = snap.move.progress;
    }
    this.head = (this.head + 1) % RING_FRAMES;
    this.size++;
  }

  /** Takes every filled slot out as a plain TakeFrame (the writer's side; allocates, off the tick). */
  drain(out: TakeFrame[]): TakeFrame[] {
    let i = (this.head - this.size + RING_FRAMES) % RING_FRAMES;
    for (; this.size > 0; this.size--, i = (i + 1) % RING_FRAMES) {
      const s = this.slots[i]!;
      out.push({
        ...s.frame,
        cameras: s.cameraPool.slice(0, s.cameraCount).map((c) => ({ ...c, trackedPosition: [...c.trackedPosition], trackedRotation: [...c.trackedRotation], position: [...c.position], rotation: [...c.rotation] })),
        move: s.hasMove ? { ...s.move } : null,
        subjects: s.subjectPool.slice(0, s.subjectCount).map((x) => ({ ...x, position: [...x.position] })),
      });
    }
    return out;
  }

  clear(): void {
    this.size = 0;
    this.dropped = 0;
  }
}
