// The latest tracked (un-offset) pose of one camera, seen by `start` or `apply`: what the safe volume and resets are measured against.
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { copyQuat } from '../../camera-bridge/math/quaternion.ts';
import { copyVec3 } from '../../camera-bridge/math/vec3.ts';

export class TrackedPose {
  /** False until the camera's pose has been seen once. */
  seen = false;
  /** Metres, stage frame. */
  readonly positionM: Vec3 = [0, 0, 0];
  /** Identity until seen. */
  readonly rotation: Quat = [0, 0, 0, 1];

  /** Remembers `position` and `rotation` by value: callers reuse their arrays every frame. */
  note(position: Readonly<Vec3>, rotation: Readonly<Quat>): void {
    this.seen = true;
    copyVec3(position, this.positionM);
    copyQuat(rotation, this.rotation);
  }
}
