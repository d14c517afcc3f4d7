// Per tick: sample every camera at the frame time, compute each wall section's inner-frustum projection for the
// active camera, and serialise the pieces of the `frame` message once (LiveServer concatenates them per client).
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { copyQuat } from '../../camera-bridge/math/quaternion.ts';
import { copyVec3 } from '../../camera-bridge/math/vec3.ts';
import { createPoseAt } from '../../camera-bridge/PoseHistory.ts';
import type { TrackingHub } from '../../camera-bridge/TrackingHub.ts';
import type { FramePayload } from '../live/LiveServer.ts';
import { createInnerFrustumFootprint, horizontalFovRad, innerFrustumFootprint } from '../projection/innerFrustumFootprint.ts';
import { createOffAxisResult, offAxisProjection } from '../projection/offAxisProjection.ts';
import type { Stage } from '../stage/Stage.ts';

/** Inner frustum drawn this much larger than the lens sees: margin for tracking latency and lens breathing. */
export const INNER_FRUSTUM_OVERSCAN = 1.15;
export const NEAR_M = 0.05;
export const FAR_M = 2000;
/** Lens assumed until a source reports one: 35 mm on Super 35. */
const DEFAULT_LENS = { focalLengthMm: 35, sensorWidthMm: 24.89 };
const DEFAULT_ASPECT = 16 / 9;

/** Where the pose offset of an active move (AI director) plugs in; identity when none. */
export type CameraPoseModifier = (cameraId: string, position: Vec3, rotation: Quat) => void;

interface CameraSlot {
  id: string;
  position: Vec3;
  rotation: Quat;
  /** Sensor aspect of the stage camera with this id, or 16:9. */
  aspect: number;
}

export class FrameBuilder {
  activeCameraId: string | null = null;
  modifyPose: CameraPoseModifier | undefined;
  private readonly pose = createPoseAt();
  private readonly offAxis = createOffAxisResult();
  private readonly footprint = createInnerFrustumFootprint();
  private readonly slots = new Map<string, CameraSlot>();
  private readonly wallJson = new Map<string, string>();

  constructor(
    private readonly stage: Stage,
    private readonly hub: TrackingHub,
  ) {
    this.activeCameraId = stage.cameras[0]?.id ?? null;
  }

  /**
   * The frame for engine time `nowS`; `frame`/`timeS`/`timecode` come from the frame clock,
   * `moveJson` is the active move's state (MoveStateWire) already serialised, or `null`.
   */
  build(frame: number, timeS: number, timecode: string, nowS: number, moveJson = 'null'): FramePayload {
    // An active camera that never reported falls back to the first live one, so walls show something.
    const ids = this.hub.cameraIds();
    if (this.activeCameraId === null || !ids.includes(this.activeCameraId)) {
      const fallback = ids.find((id) => !this.hub.isCameraStale(id, nowS)) ?? ids[0] ?? this.activeCameraId;
      if (fallback !== undefined) this.activeCameraId = fallback;
    }

    const cameraParts: string[] = [];
    let active: CameraSlot | undefined;
    let activeHFovRad = 0;
    for (const id of ids) {
      const pose = this.hub.sampleCamera(id, nowS, this.pose);
      if (!pose) continue;
      const slot = this.slot(id);
      copyVec3(pose.position, slot.position);
      copyQuat(pose.rotation, slot.rotation);
      this.modifyPose?.(id, slot.position, slot.rotation);
      const lens = this.hub.latestSample(id)?.lens ?? DEFAULT_LENS;
      const hFov = horizontalFovRad(lens.focalLengthMm, lens.sensorWidthMm);
      const vFov = 2 * Math.atan(Math.tan(hFov / 2) / slot.aspect);
      if (id === this.activeCameraId) {
        active = slot;
        activeHFovRad = hFov;
      }
      cameraParts.push(
        `{"id":${JSON.stringify(id)},"position":${nums(slot.position, 5)},"rotation":${nums(slot.rotation, 6)},` +
          `"lens":${JSON.stringify(lens)},"vFovRad":${round(vFov, 6)},"aspect":${round(slot.aspect, 6)},"stale":${this.hub.isCameraStale(id, nowS)}}`,
      );
    }

    this.wallJson.clear();
    for (const wall of this.stage.walls) {
      const sections: string[] = [];
      for (const s of wall.sections) {
        if (!active) {
          sections.push('{"projection":null,"view":null,"footprint":null}');
          continue;
        }
        const proj = offAxisProjection(s.pa, s.pb, s.pc, active.position, NEAR_M, FAR_M, this.offAxis);
        const fp = proj ? innerFrustumFootprint(s.pa, s.pb, s.pc, active.position, active.rotation, activeHFovRad, active.aspect, INNER_FRUSTUM_OVERSCAN, this.footprint) : undefined;
        sections.push(
          proj && fp?.visible
            ? `{"projection":${nums(proj.projection, 6)},"view":${nums(proj.view, 6)},"footprint":${nums(fp.corners, 5)}}`
            : '{"projection":null,"view":null,"footprint":null}',
        );
      }
      this.wallJson.set(wall.id, `{"sections":[${sections.join(',')}]}`);
    }

    const subjectParts: string[] = [];
    for (const s of this.hub.subjectList()) {
      subjectParts.push(`{"id":${JSON.stringify(s.subjectId)},"position":${nums(s.position, 4)},"velocity":${nums(s.velocity, 3)}}`);
    }
    const head =
      `"type":"frame","frame":${frame},"timeS":${round(timeS, 6)},"timecode":${JSON.stringify(timecode)},` +
      `"activeCameraId":${JSON.stringify(this.activeCameraId)},"cameras":[${cameraParts.join(',')}],` +
      `"move":${moveJson},"subjects":[${subjectParts.join(',')}]`;
    return { frame, head, walls: this.wallJson };
  }

  private slot(id: string): CameraSlot {
    let slot = this.slots.get(id);
    if (!slot) {
      const cam = this.stage.cameras.find((c) => c.id === id);
      slot = { id, position: [0, 0, 0], rotation: [0, 0, 0, 1], aspect: cam ? cam.sensorWidthMm / cam.sensorHeightMm : DEFAULT_ASPECT };
      this.slots.set(id, slot);
    }
    return slot;
  }
}

function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

/** A JSON array of rounded numbers: full doubles would triple the message size for no visible gain. */
function nums(values: ArrayLike<number>, decimals: number): string {
  let out = '[';
  for (let i = 0; i < values.length; i++) out += (i ? ',' : '') + round(values[i]!, decimals);
  return out + ']';
}
