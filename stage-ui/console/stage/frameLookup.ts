// Allocation-free lookups into a frame message, for useFrame callbacks that run 60 times a second.
import type { CameraFrameWire, FrameMessage, GhostPathWire, QuatWire, Vec3Wire } from '../../../engine/protocol/LiveMessages.ts';

export function findCamera(frame: FrameMessage | null, id: string | null): CameraFrameWire | undefined {
  if (!frame || id === null) return undefined;
  const cams = frame.cameras;
  for (let i = 0; i < cams.length; i++) if (cams[i]!.id === id) return cams[i];
  return undefined;
}

export function findSubject(frame: FrameMessage | null, id: string): FrameMessage['subjects'][number] | undefined {
  if (!frame) return undefined;
  const subjects = frame.subjects;
  for (let i = 0; i < subjects.length; i++) if (subjects[i]!.id === id) return subjects[i];
  return undefined;
}

/** Number of poses sampled along a ghost path. */
export function pathLength(path: GhostPathWire): number {
  return Math.min(Math.floor(path.positions.length / 3), Math.floor(path.rotations.length / 4));
}

/**
 * The path's positions as line points for drei's <Line>. Line2 needs two points, so a path of one pose (a hold, a
 * pure pan) is that point twice. Built at human speed (when the path changes), not per frame.
 */
export function pathLinePoints(path: GhostPathWire): [number, number, number][] {
  const n = pathLength(path);
  const out: [number, number, number][] = [];
  for (let i = 0; i < n; i++) out.push([path.positions[i * 3]!, path.positions[i * 3 + 1]!, path.positions[i * 3 + 2]!]);
  if (out.length === 1) out.push([...out[0]!]);
  return out;
}

/** The pose at sample `i` of a ghost path, written into `position` / `rotation`. */
export function pathPoseAt(path: GhostPathWire, i: number, position: Vec3Wire, rotation: QuatWire): boolean {
  const n = pathLength(path);
  if (n === 0) return false;
  const k = Math.max(0, Math.min(n - 1, i));
  position[0] = path.positions[k * 3]!;
  position[1] = path.positions[k * 3 + 1]!;
  position[2] = path.positions[k * 3 + 2]!;
  rotation[0] = path.rotations[k * 4]!;
  rotation[1] = path.rotations[k * 4 + 1]!;
  rotation[2] = path.rotations[k * 4 + 2]!;
  rotation[3] = path.rotations[k * 4 + 3]!;
  return true;
}
