// The move the director session is running: who started it, from which suggestion, its ghost path; and how it
// appears in a frame.
import type { MoveSnapshot } from '../frame/FrameSnapshot.ts';
import type { MoveState } from '../moves/MoveController.ts';
import type { AuditActorWire } from '../protocol/audit.ts';
import type { GhostPathWire, ProvenanceWire } from '../protocol/LiveMessages.ts';
import type { Suggestion } from '../protocol/MoveSpec.ts';
import type { DirectorInput } from './DirectorInput.ts';

export interface ActiveMove {
  moveId: string;
  /** The camera it runs on (the hero when it started). */
  cameraId: string;
  provenance: ProvenanceWire;
  suggestionId: string | null;
  /** Who started it: later controller events are recorded under the same person. */
  actor: AuditActorWire;
  path: GhostPathWire;
  /** Input the suggestion was made from, for learning when the director modifies the move. */
  input: DirectorInput | null;
  suggestion: Suggestion | null;
  /** Bumped by every command on it: the frame encoder re-serialises the plan then. */
  revision: number;
}

/** Writes `a` in controller state `s` into `out` (allocation-free); false when `s` is not that move, or a reset. */
export function writeMoveSnapshot(a: Readonly<ActiveMove>, s: Readonly<MoveState>, out: MoveSnapshot): boolean {
  if (s.moveId !== a.moveId || !s.spec || s.kind === 'reset' || s.kind === null) return false;
  out.moveId = a.moveId;
  out.kind = s.kind;
  out.status = s.status;
  out.progress = s.progress;
  out.elapsedS = s.elapsedS;
  out.durationS = s.durationS;
  out.speed = s.speed;
  out.planRevision = a.revision;
  out.plan.spec = s.spec;
  out.plan.provenance = a.provenance;
  out.plan.suggestionId = a.suggestionId;
  out.plan.path = a.path;
  return true;
}
