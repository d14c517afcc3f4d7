// Plays accepted camera moves as a virtual offset on one tracked camera: start, pause, resume, scrub, speed, adjust, abort, reset, never a jump.
//
// Driven by engine time, no timers: each tick the engine calls `update(nowS)` once, then the frame composer calls
// `apply(cameraId, position, rotation)` (a CameraPoseModifier) to add the offset to the tracked pose in place.
// Commands take the engine time they apply at. Ticks create no objects (scratch is preallocated; V8 may still box
// doubles passed between functions it did not inline); commands and events may allocate.
//
// Model. The output offset at engine time t is plan(progress(t)):
// - plan (MovePlan): the accepted move as one C¹ path over progress 0..1, composed onto the offset already in place
//   when it started. Moves accumulate: a finished (or aborted) move's offset stays, the next starts from it.
//   Adjustments reshape the path beyond the current progress with zero slope, so they cause no jump by themselves.
// - progress = move time / duration, and move time follows engine time through a MoveTimeline whose rate only ever
//   changes along smoothstep ramps (pause, resume, setSpeed, abort, duration changes), and whose scrubs stop,
//   travel along the path to the scrubbed point and pick up speed again. Position and velocity stay continuous.
// - A new path never replaces a moving one mid-motion: `start` or `reset` during a move lets the old move
//   decelerate to a stop first (reported finished with outcome 'superseded' at once); the new move shows as
//   running at progress 0 until the hand-over, and commands aimed at it take effect from then (moveHandover.ts).
// - Limits bound the offset's motion: a move that would exceed them is stretched before it starts (state
//   `durationS` > `requestedDurationS`, `stretched: true`; the same on an adjustment), setSpeed is capped, and ramps
//   and scrubs take as long as the limits need, at least `blendS` (fitToLimits.ts).
// - Safe volume: the final position is clamped into the box, never pulling in a tracked camera that is itself
//   outside; a new move or reset starts from its clamped base (safeVolumeClamp.ts).
// This file decides which commands apply and reports them; MovePlayback.ts plans and times the path, and
// moveCommandChecks.ts vets the input. Option, event and state types: moveTypes.ts (re-exported here).
import type { Vec3 } from '../../camera-bridge/CameraSample.ts';
import { MOVE_DURATION_RANGE_S, type MoveKind, type MoveSpec } from '../protocol/MoveSpec.ts';
import { checkAdjustment, checkStart, clampSpeed, OK, refuse } from './moveCommandChecks.ts';
import type { MoveStart } from './moveOffsetAt.ts';
import { MovePlayback } from './MovePlayback.ts';
import { createMoveState, DEFAULT_BLEND_S, DEFAULT_MOVE_LIMITS, DEFAULT_RESET_DURATION_S, type MoveOutcome, type MoveState, type MoveStatus, type SafeVolume } from './moveTypes.ts';
import type { CameraPoseModifier, MoveAdjustment, MoveCommandResult, MoveControllerOptions, MoveEvent, MoveEventType, MoveLimits } from './moveTypes.ts';
import { applyPoseOffset, copyPoseOffset, createPoseOffset, identityPoseOffset, isIdentityPoseOffset, type PoseOffset } from './PoseOffset.ts';
import { clampBaseToSafeVolume, clampToSafeVolume } from './safeVolumeClamp.ts';
import { TrackedPose } from './TrackedPose.ts';

export * from './moveTypes.ts';

export class MoveController {
  readonly cameraId: string;
  readonly limits: MoveLimits;
  /** Changeable between ticks (stage config reload). */
  safeVolume: SafeVolume | undefined;
  readonly blendS: number;
  readonly resetDurationS: number;
  private readonly onEvent: ((event: MoveEvent) => void) | undefined;

  private status: MoveStatus = 'idle';
  private moveId: string | null = null;
  private kind: MoveKind | 'reset' | null = null;
  private spec: MoveSpec | null = null;
  private nowS = 0;
  /** The path, its clock and its timing; while it is not active the output is `base`. */
  private readonly playback: MovePlayback;
  /** Offset kept when no move is playing (what finished and aborted moves leave behind). */
  private readonly base = createPoseOffset();
  /** Output at the last update or command. */
  private readonly output = createPoseOffset();
  private readonly newBase = createPoseOffset(); // where a new move or reset begins

  /** Our camera's latest tracked pose: what the safe volume and resets are measured against. */
  private readonly tracked = new TrackedPose();

  constructor(options: MoveControllerOptions) {
    this.cameraId = options.cameraId;
    this.limits = { ...DEFAULT_MOVE_LIMITS, ...options.limits };
    this.safeVolume = options.safeVolume;
    this.blendS = options.blendS ?? DEFAULT_BLEND_S;
    this.resetDurationS = Math.max(MOVE_DURATION_RANGE_S.min, options.resetDurationS ?? DEFAULT_RESET_DURATION_S);
    this.onEvent = options.onEvent;
    this.playback = new MovePlayback(this.limits, this.blendS);
  }

  // ---- commands ------------------------------------------------------------------------------------------------

  /**
   * Starts `spec` at `nowS` from the offset in place (a moving move first decelerates, see the header). `tracked` is
   * the camera's TRACKED pose (no offset) with the resolved target and lens. Without `tracked.targetPosition` a
   * `point` target supplies it; a subject/poi target must be resolved by the caller. Without any target, aimed
   * kinds use a point FALLBACK_TARGET_DISTANCE_M ahead (moveOffsetAt).
   */
  start(moveId: string, spec: MoveSpec, tracked: MoveStart, nowS: number): MoveCommandResult {
    const checked = checkStart(moveId, spec, tracked);
    if (!checked.ok) return checked;
    this.tracked.note(tracked.position, tracked.rotation);
    const superseded = this.supersede(nowS);
    const s = checked.spec;
    this.playback.planMove(s, tracked, this.newBase, checked.targetPosition);
    this.playback.begin(nowS, s.durationS, s.speed ?? 1);
    return this.launch(moveId, s.kind, s, superseded, nowS);
  }

  /** Decelerates to a stop (rate ramp) and holds until `resume`. No-op when already paused. */
  pause(nowS: number): MoveCommandResult {
    if (this.status === 'paused') return OK;
    if (this.status !== 'running') return refuse('VP_ERR_MOVE_NOT_ACTIVE', `cannot pause while ${this.status}`);
    this.playback.rampTo(nowS, 0);
    this.status = 'paused';
    return this.reported('move.paused', nowS);
  }

  /** Accelerates back to `speed`. No-op when already running. */
  resume(nowS: number): MoveCommandResult {
    if (this.status === 'running') return OK;
    if (this.status !== 'paused') return refuse('VP_ERR_MOVE_NOT_ACTIVE', `cannot resume while ${this.status}`);
    this.playback.rampTo(nowS, this.playback.speed);
    this.status = 'running';
    return this.reported('move.resumed', nowS);
  }

  /**
   * Playback rate, clamped to MOVE_SPEED_RANGE and then capped to what the limits allow on this path (state().speed
   * says what was granted). Progress stays continuous: the rate ramps. While paused it applies on resume.
   */
  setSpeed(multiplier: number, nowS: number): MoveCommandResult {
    if (!Number.isFinite(multiplier) || multiplier <= 0) return refuse('VP_ERR_MOVE_INVALID', 'speed must be a positive number');
    if (!this.isPlaying()) return refuse('VP_ERR_MOVE_NOT_ACTIVE', `cannot change speed while ${this.status}`);
    const pb = this.playback;
    pb.speed = Math.min(clampSpeed(multiplier), pb.rateCap());
    if (this.spec) this.spec.speed = pb.speed;
    if (this.status === 'running') pb.rampTo(nowS, pb.speed);
    return this.reported('move.speed', nowS);
  }

  /**
   * Jumps the timeline to `progress` (0..1, clamped) without jumping the camera: it stops, travels along the path to
   * that point (at least `blendS`, longer if the limits need it), then picks up speed again, or holds if paused.
   */
  scrub(progress: number, nowS: number): MoveCommandResult {
    if (!Number.isFinite(progress)) return refuse('VP_ERR_MOVE_INVALID', 'progress must be a number');
    if (!this.isPlaying()) return refuse('VP_ERR_MOVE_NOT_ACTIVE', `cannot scrub while ${this.status}`);
    this.playback.seekTo(nowS, progress, this.status === 'running' ? this.playback.speed : 0);
    return this.reported('move.scrubbed', nowS);
  }

  /**
   * Changes the running (or paused) move from `nowS` on. distanceM, angleRad, framing, easing and target reshape
   * the path beyond the current progress with zero slope (MovePlan), measured from the move's original start (a
   * dolly adjusted to 3 m ends 3 m from where it started); durationS and speed retime it along a rate ramp, keeping
   * progress. The result is stretched if it would break the limits. A subject/poi target needs `targetPosition`;
   * a `point` target carries its own; a move that started without a target keeps its fallback rules (a crane still
   * pivots on the camera). The kind cannot change.
   */
  adjust(changes: MoveAdjustment, nowS: number, targetPosition?: Vec3): MoveCommandResult {
    const current = this.spec;
    if (!current || !this.isPlaying()) return refuse('VP_ERR_MOVE_NOT_ACTIVE', `cannot adjust while ${this.status}`);
    const pb = this.playback;
    const p = this.progressAt(pb.anchorS(nowS));
    const checked = checkAdjustment(current, changes, targetPosition, p, pb.canAdjust(p));
    if (!checked.ok) return checked;
    const s = checked.spec;
    s.speed = clampSpeed(changes.speed ?? pb.speed);
    // A new durationS replaces the (stretched) one; otherwise the current one is re-fitted to the new path.
    const durationS = changes.durationS !== undefined ? s.durationS : pb.durationS;
    pb.adjust(nowS, p, s, checked.targetPosition, durationS, s.speed, this.status === 'running' ? s.speed : 0);
    this.spec = s;
    return this.reported('move.adjusted', nowS);
  }

  /**
   * Decelerates to a stop (rate ramp) and holds there: the offset reached is kept, like a finished move's (`reset`
   * eases it away). The state is 'aborting' until stopped, then 'finished' (a reset: 'idle'). No-op while aborting.
   */
  abort(nowS: number): MoveCommandResult {
    if (this.status === 'aborting') return OK;
    if (!this.isPlaying()) return refuse('VP_ERR_MOVE_NOT_ACTIVE', `cannot abort while ${this.status}`);
    this.playback.rampTo(nowS, 0);
    this.status = 'aborting';
    this.refresh(nowS);
    // A reset reports only how it ended (reset.finished, outcome 'aborted').
    if (this.kind !== 'reset') this.emit('move.aborted', nowS);
    return OK;
  }

  /**
   * Eases the accumulated offset back to none over `resetDurationS` (stretched by the limits), superseding any move
   * in progress (it decelerates first, see the header). No-op when there is no offset and nothing playing.
   */
  reset(nowS: number): MoveCommandResult {
    const superseded = this.supersede(nowS);
    if (!superseded && isIdentityPoseOffset(this.newBase)) {
      identityPoseOffset(this.base);
      this.refresh(nowS);
      return OK;
    }
    this.playback.planReset(this.newBase, this.tracked.rotation); // identity if never seen
    this.playback.begin(nowS, this.resetDurationS, 1);
    return this.launch(null, 'reset', null, superseded, nowS);
  }

  // ---- per tick ------------------------------------------------------------------------------------------------

  /** Advances to engine time `nowS`: hands over, finishes moves, computes the offset `apply` adds. */
  update(nowS: number): void {
    const pb = this.playback;
    pb.expireHandover(nowS);
    const outcome = pb.active && this.status !== 'paused' ? pb.endAt(nowS, this.status === 'aborting') : null;
    if (outcome) this.finish(nowS, outcome);
    this.refresh(nowS);
  }

  /** CameraPoseModifier: adds the current offset to our camera's tracked pose in place, inside the safe volume. */
  readonly apply: CameraPoseModifier = (cameraId, position, rotation) => {
    if (cameraId !== this.cameraId) return;
    this.tracked.note(position, rotation);
    applyPoseOffset(this.output, position, rotation);
    if (this.safeVolume) clampToSafeVolume(position, this.tracked.positionM, this.safeVolume);
  };

  /** The offset `apply` adds (as of the last update or command), before the safe-volume clamp. Live view. */
  offset(): Readonly<PoseOffset> {
    return this.output;
  }

  /** Timeline state as of the last update or command; written into `out` when given (no allocation per frame). */
  state(out?: MoveState): MoveState {
    const s = out ?? createMoveState();
    const progress = this.progressAt(this.nowS);
    s.moveId = this.moveId;
    s.kind = this.kind;
    s.status = this.status;
    this.playback.writeTiming(progress, s);
    s.spec = this.spec;
    return s;
  }

  // ---- internals -----------------------------------------------------------------------------------------------

  private isPlaying(): boolean {
    return this.playback.active && (this.status === 'running' || this.status === 'paused');
  }

  /** Where every command that changed something ends: the output follows at once, then the audit hears of it. */
  private reported(type: MoveEventType, nowS: number): MoveCommandResult {
    this.refresh(nowS);
    this.emit(type, nowS);
    return OK;
  }

  private refresh(nowS: number): void {
    this.nowS = nowS;
    const pb = this.playback;
    if (pb.isHandingOver(nowS)) pb.outgoingOffsetAt(nowS, this.output);
    else if (!pb.active) copyPoseOffset(this.base, this.output);
    else pb.pathOffsetAt(this.progressAt(nowS), this.output);
  }

  private progressAt(tS: number): number {
    if (this.playback.durationS <= 0) return this.status === 'idle' ? 0 : 1; // no length to divide by: at one end
    return this.playback.progressAt(tS);
  }

  /**
   * Before a new path: a move still in motion stops first (MovePlayback.supersede). The new path begins at `newBase`:
   * where everything comes to rest (the stop pose, or the current offset), its position kept in the safe volume.
   * Returns the superseded move's event, sent by `launch`.
   */
  private supersede(nowS: number): MoveEvent | null {
    let superseded: MoveEvent | null = null;
    if (this.playback.active) {
      const type = this.kind === 'reset' ? 'reset.finished' : 'move.finished';
      superseded = { type, moveId: this.moveId, atS: nowS, progress: this.progressAt(nowS), outcome: 'superseded' };
      this.playback.supersede(nowS, this.newBase);
    } else {
      copyPoseOffset(this.base, this.newBase);
    }
    if (this.safeVolume && this.tracked.seen) clampBaseToSafeVolume(this.newBase, this.tracked.positionM, this.safeVolume);
    return superseded;
  }

  /** Start and reset alike, once the new path has begun playing: record it, tell who it replaced, then announce it. */
  private launch(moveId: string | null, kind: MoveKind | 'reset', spec: MoveSpec | null, superseded: MoveEvent | null, nowS: number): MoveCommandResult {
    this.status = 'running';
    this.moveId = moveId;
    this.kind = kind;
    this.spec = spec;
    this.refresh(nowS);
    if (superseded) this.onEvent?.(superseded);
    this.emit(kind === 'reset' ? 'reset.started' : 'move.started', nowS);
    return OK;
  }

  private finish(nowS: number, outcome: MoveOutcome): void {
    const progress = outcome === 'completed' ? 1 : this.progressAt(nowS);
    const wasReset = this.kind === 'reset';
    if (wasReset && outcome === 'completed') identityPoseOffset(this.base);
    else this.playback.pathOffsetAt(progress, this.base);
    this.playback.stopAt(nowS, progress);
    this.status = wasReset ? 'idle' : 'finished';
    if (wasReset) this.kind = null;
    this.refresh(nowS);
    this.onEvent?.({ type: wasReset ? 'reset.finished' : 'move.finished', moveId: this.moveId, atS: nowS, progress, outcome });
  }

  private emit(type: MoveEventType, atS: number): void {
    this.onEvent?.({ type, moveId: this.moveId, atS, progress: this.progressAt(atS) });
  }
}
