// The camera poses a move would pass through, sampled evenly in time: the console's ghost path and end frustum.
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { easingFunction } from '../moves/easing.ts';
import { moveOffsetAt, type MoveStart } from '../moves/moveOffsetAt.ts';
import { applyPoseOffset, createPoseOffset } from '../moves/PoseOffset.ts';
import type { GhostPathWire } from '../protocol/LiveMessages.ts';
import type { MoveSpec } from '../protocol/MoveSpec.ts';

/** Samples from start to end inclusive: GHOST_SAMPLES + 1 poses. */
export const GHOST_SAMPLES = 24;

/** `start` is where the camera is now (tracked + any offset in place), with its lens and resolved target. */
export function ghostPath(spec: MoveSpec, start: MoveStart): GhostPathWire {
  const ease = easingFunction(spec.easing);
  const offset = createPoseOffset();
  const positions: number[] = [];
  const rotations: number[] = [];
  for (let i = 0; i <= GHOST_SAMPLES; i++) {
    moveOffsetAt(spec, start, ease(i / GHOST_SAMPLES), offset);
    const p: Vec3 = [...start.position];
    const q: Quat = [...start.rotation];
    applyPoseOffset(offset, p, q);
    positions.push(...p.map((v) => Math.round(v * 1e4) / 1e4));
    rotations.push(...q.map((v) => Math.round(v * 1e5) / 1e5));
  }
  return { positions, rotations };
}
