// Plays accepted camera moves as a virtual offset on one tracked camera: start, pause, resume, scrub, speed, adjust, abort, reset, never a jump.
//
// Driven by engine time, no timers: each tick the engine calls `update(nowS)` once, then the FrameBuilder calls
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
//   decelerate to a stop first (as an abort would; it is reported finished with outcome 'superseded' at once), and
//   the new path begins from that stop pose at the hand-over, started by its own easing like any move. Until then
//   the new move shows as running at progress 0, and commands aimed at it take effect from the hand-over.
//
// Limits (`maxSpeedMps`, `maxAngularSpeedRadPerS`, `maxAccelMps2`) bound the offset's motion, not what the tracked
// camera does. A move whose path would exceed them at its speed is stretched before it starts (state `durationS` >
// `requestedDurationS`, `stretched: true`; the same on an adjustment); setSpeed is capped to what the path allows;
// ramps and scrubs take as long as the limits need (at least `blendS`). Peaks are found by sampling the path and
// plans are timed to LIMIT_SAFETY of each limit to cover what sampling misses. Easings that start or end at speed
// (linear, ease-in, ease-out, overshooting beziers) start or stop at speed: that is what the spec asks for.
//
// Safe volume: each tick the final position is clamped into [min, max] per axis; the camera slides along the
// boundary (the one place velocity may change abruptly). An axis on which the tracked camera itself is outside is
// only kept from going further out, so with no offset the tracked pose is never altered. When a move or reset
// begins, the accumulated translation is first clamped the same way, so it starts from where the camera visibly
// is rather than from a point beyond the boundary (continuous on screen: the displayed position was clamped anyway).
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { multiplyQuat, normalizeQuat, quatAngle } from '../../camera-bridge/math/quaternion.ts';
import type { CameraPoseModifier } from '../frame/FrameBuilder.ts';
import { MoveSpecSchema, type MoveKind, type MoveSpec, type MoveTarget } from '../protocol/MoveSpec.ts';
import { easingFunction } from './easing.ts';
import type { MoveStart } from './moveOffsetAt.ts';
import { MovePlan, type PathPeaks } from './MovePlan.ts';
import {
  createMoveTimeline,
  isSeeking,
  isTimelineSettled,
  moveRateAt,
  moveTimeAt,
  setRamp,
  setSeek,
  stopMoveTime,
} from './moveTimeline.ts';
import { applyPoseOffset, copyPoseOffset, createPoseOffset, identityPoseOffset, isIdentityPoseOffset, type PoseOffset } from './PoseOffset.ts';

export interface MoveLimits {
  /** Peak speed of the offset, m/s. */
  maxSpeedMps: number;
  /** Peak angular speed of the camera orientation the offset produces, rad/s. */
  maxAngularSpeedRadPerS: number;
  /** Peak acceleration of the offset, m/s². */
  maxAccelMps2: number;
}

export const DEFAULT_MOVE_LIMITS: Readonly<MoveLimits> = { maxSpeedMps: 2, maxAngularSpeedRadPerS: 1.5, maxAccelMps2: 2 };
/** Shortest rate ramp or scrub, s. */
export const DEFAULT_BLEND_S = 0.3;
/** Planned length of `reset`, s (stretched if the limits need it). */
export const DEFAULT_RESET_DURATION_S = 2;

/** Stage-space box the final camera position is kept inside, metres. */
export interface SafeVolume {
  min: Vec3;
  max: Vec3;
}

export interface MoveExecutorOptions {
  /** The tracked camera this executor offsets; `apply` leaves every other camera alone. */
  cameraId: string;
  limits?: Partial<MoveLimits>;
  safeVolume?: SafeVolume;
  /** Shortest rate ramp or scrub, s (default DEFAULT_BLEND_S). */
  blendS?: number;
  /** Planned length of `reset`, s (default DEFAULT_RESET_DURATION_S). */
  resetDurationS?: number;
  /** Audit hook; called after the executor's state is consistent. */
  onEvent?: (event: MoveEvent) => void;
}

export type MoveStatus = 'idle' | 'running' | 'paused' | 'aborting' | 'finished';

/** How a move (or reset) came to rest. */
export type MoveOutcome = 'completed' | 'aborted' | 'superseded';

export type MoveEventType =
  | 'move.started'
  | 'move.paused'
  | 'move.resumed'
  | 'move.adjusted'
  | 'move.scrubbed'
  | 'move.speed'
  | 'move.aborted'
  | 'move.finished'
  | 'reset.started'
  | 'reset.finished';

export interface MoveEvent {
  type: MoveEventType;
  /** null for resets. */
  moveId: string | null;
  /** Engine time of the command or of the tick that saw it happen, s. */
  atS: number;
  /** 0..1 at that time. */
  progress: number;
  /** `*.finished` only. */
  outcome?: MoveOutcome;
}

/** What the `frame` message and the console timeline show. JSON-serialisable. */
export interface MoveState {
  moveId: string | null;
  kind: MoveKind | 'reset' | null;
  status: MoveStatus;
  /** 0..1 along the (possibly adjusted) path. */
  progress: number;
  /** Move seconds done (progress × durationS). */
  elapsedS: number;
  /** Planned length at speed 1 after limit stretching, s. */
  durationS: number;
  /** Length the spec asked for, s. */
  requestedDurationS: number;
  /** True when the limits made durationS longer than asked. */
  stretched: boolean;
  /** Playback rate while running (1 = as planned; capped by the limits). */
  speed: number;
  /** Engine seconds left at `speed` (0 once finished or idle). */
  remainingS: number;
  /** The spec as accepted and adjusted; null when idle or resetting. */
  spec: MoveSpec | null;
}

export type MoveErrorCode =
  | 'VP_ERR_MOVE_INVALID'
  | 'VP_ERR_MOVE_NOT_ACTIVE'
  | 'VP_ERR_MOVE_ADJUST_KIND'
  | 'VP_ERR_MOVE_TARGET_UNRESOLVED'
  | 'VP_ERR_MOVE_FINISHING'
  | 'VP_ERR_MOVE_ADJUST_LIMIT';

/** Commands never throw; a refusal carries a stable code (for the `ack`) and a human reason. */
export type MoveCommandResult = { ok: true } | { ok: false; code: MoveErrorCode; reason: string };

/** Fields to change mid-move; `kind` may only repeat the current kind. */
export type MoveAdjustment = Partial<MoveSpec>;

/** Fraction of each limit that plans are timed to: margin for sampling the path's peaks. */
const LIMIT_SAFETY = 0.97;
/** Longest rate ramp or scrub travel, s: beyond it a limit is given up rather than wait forever. */
const MAX_TRANSITION_S = 10;
/** Adjustments after this progress are refused: there is no path left to blend into. */
const ADJUST_PROGRESS_LIMIT = 0.999;
/** Samples of a candidate ramp or scrub when checking it against the limits. */
const PROBE_SAMPLES = 96;
/** Shortest plan, s (MoveSpec's minimum durationS). */
const MIN_DURATION_S = 0.1;
const MIN_SPEED = 0.1;
const MAX_SPEED = 4;

export class MoveExecutor {
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
  private requestedDurationS = 0;
  private stretched = false;
  private speed = 1;
  private nowS = 0;

  /** True while `plan` drives the output (pending, playing, paused or stopping); otherwise the output is `base`. */
  private planActive = false;
  private plan = new MovePlan();
  private timeline = createMoveTimeline();
  private readonly peaks: PathPeaks = { speedM: 0, angularRad: 0, accelM: 0 };
  /** Planned length of `plan` at speed 1 (after stretching), s. */
  private durationS = 0;

  /** A superseded move decelerating to a stop; drives the output until `handoverS`. */
  private outgoingActive = false;
  private handoverS = 0;
  private outgoing = new MovePlan();
  private outgoingTimeline = createMoveTimeline();
  private outgoingDurationS = 0;
  /** Where the outgoing move comes to rest. */
  private readonly outgoingStop = createPoseOffset();

  /** Offset kept when no move is playing (what finished and aborted moves leave behind). */
  private readonly base = createPoseOffset();
  /** Output at the last update or command. */
  private readonly output = createPoseOffset();

  // Latest tracked pose of our camera (from apply or start): what the safe volume and resets are measured against.
  private hasTracked = false;
  private readonly trackedPosition: Vec3 = [0, 0, 0];
  private readonly trackedRotation: Quat = [0, 0, 0, 1];

  private readonly newBase = createPoseOffset(); // where a new move or reset begins
  // Probing candidate ramps and scrubs against the limits.
  private readonly probe = createMoveTimeline();
  private readonly probeOffset = createPoseOffset();
  private readonly probePosition: Vec3 = [0, 0, 0];
  private readonly probePrev: Vec3 = [0, 0, 0];
  private readonly probePrevPrev: Vec3 = [0, 0, 0];
  private readonly probeRotation: Quat = [0, 0, 0, 1];
  private readonly probePrevRotation: Quat = [0, 0, 0, 1];

  constructor(options: MoveExecutorOptions) {
    this.cameraId = options.cameraId;
    this.limits = { ...DEFAULT_MOVE_LIMITS, ...options.limits };
    this.safeVolume = options.safeVolume;
    this.blendS = options.blendS ?? DEFAULT_BLEND_S;
    this.resetDurationS = Math.max(MIN_DURATION_S, options.resetDurationS ?? DEFAULT_RESET_DURATION_S);
    this.onEvent = options.onEvent;
  }

  // ---- commands ------------------------------------------------------------------------------------------------

  /**
   * Starts `spec` at `nowS`. `tracked` is the camera's TRACKED pose (no offset) with the resolved target and lens;
   * the move starts from the offset in place (a moving move first decelerates, see the header). Without
   * `tracked.targetPosition` a `point` target supplies it; a subject/poi target must be resolved by the caller.
   * Without any target, aimed kinds use a point FALLBACK_TARGET_DISTANCE_M ahead (moveOffsetAt).
   */
  start(moveId: string, spec: MoveSpec, tracked: MoveStart, nowS: number): MoveCommandResult {
    if (typeof moveId !== 'string' || moveId.length === 0) return fail('VP_ERR_MOVE_INVALID', 'moveId must be a non-empty string');
    const parsed = MoveSpecSchema.safeParse(spec);
    if (!parsed.success) return fail('VP_ERR_MOVE_INVALID', parsed.error.issues[0]?.message ?? 'invalid move spec');
    if (!isFiniteVec3(tracked.position) || !isFiniteQuat(tracked.rotation)) return fail('VP_ERR_MOVE_INVALID', 'tracked pose is not finite');
    const target = resolveTarget(parsed.data.target, tracked.targetPosition);
    if (target === null) return fail('VP_ERR_MOVE_TARGET_UNRESOLVED', `target ${describeTarget(parsed.data.target)} has no position`);

    this.noteTracked(tracked.position, tracked.rotation);
    const superseded = this.supersede(nowS);
    const base = this.clampBase(this.newBase);
    const effective: MoveStart = {
      position: [tracked.position[0] + base.translationM[0], tracked.position[1] + base.translationM[1], tracked.position[2] + base.translationM[2]],
      rotation: [0, 0, 0, 1],
      focalLengthMm: tracked.focalLengthMm,
      sensorHeightMm: tracked.sensorHeightMm,
    };
    multiplyQuat(base.rotationWorld, tracked.rotation, effective.rotation);
    multiplyQuat(effective.rotation, base.rotationLocal, effective.rotation);
    normalizeQuat(effective.rotation, effective.rotation);
    if (target) effective.targetPosition = [target[0], target[1], target[2]];
    if (tracked.targetIsFallback) effective.targetIsFallback = true;

    const s = parsed.data;
    this.plan.setMove(s, effective, base, tracked.rotation);
    this.launch({ requestedDurationS: s.durationS, speed: s.speed ?? 1, moveId, kind: s.kind, spec: s }, superseded, 'move.started', nowS);
    return OK;
  }

  /** Decelerates to a stop (rate ramp) and holds until `resume`. No-op when already paused. */
  pause(nowS: number): MoveCommandResult {
    if (this.status === 'paused') return OK;
    if (this.status !== 'running') return fail('VP_ERR_MOVE_NOT_ACTIVE', `cannot pause while ${this.status}`);
    this.retimeTo(nowS, 0);
    this.status = 'paused';
    this.refresh(nowS);
    this.emit('move.paused', nowS);
    return OK;
  }

  /** Accelerates back to `speed`. No-op when already running. */
  resume(nowS: number): MoveCommandResult {
    if (this.status === 'running') return OK;
    if (this.status !== 'paused') return fail('VP_ERR_MOVE_NOT_ACTIVE', `cannot resume while ${this.status}`);
    this.retimeTo(nowS, this.speed);
    this.status = 'running';
    this.refresh(nowS);
    this.emit('move.resumed', nowS);
    return OK;
  }

  /**
   * Playback rate, clamped to 0.1..4 and then capped to what the limits allow on this path (state().speed says
   * what was granted). Progress stays continuous: the rate ramps. While paused it applies on resume.
   */
  setSpeed(multiplier: number, nowS: number): MoveCommandResult {
    if (!Number.isFinite(multiplier) || multiplier <= 0) return fail('VP_ERR_MOVE_INVALID', 'speed must be a positive number');
    if (!this.isPlaying()) return fail('VP_ERR_MOVE_NOT_ACTIVE', `cannot change speed while ${this.status}`);
    this.speed = Math.min(Math.max(multiplier, MIN_SPEED), MAX_SPEED, this.rateCap(this.durationS));
    if (this.spec) this.spec.speed = this.speed;
    if (this.status === 'running') this.retimeTo(nowS, this.speed);
    this.refresh(nowS);
    this.emit('move.speed', nowS);
    return OK;
  }

  /**
   * Jumps the timeline to `progress` (0..1, clamped) without jumping the camera: it stops, travels along the path to
   * that point (at least `blendS`, longer if the limits need it), then picks up speed again if running or holds if
   * paused.
   */
  scrub(progress: number, nowS: number): MoveCommandResult {
    if (!Number.isFinite(progress)) return fail('VP_ERR_MOVE_INVALID', 'progress must be a number');
    if (!this.isPlaying()) return fail('VP_ERR_MOVE_NOT_ACTIVE', `cannot scrub while ${this.status}`);
    const tS = this.anchorS(nowS);
    const targetS = Math.min(1, Math.max(0, progress)) * this.durationS;
    const m = moveTimeAt(this.timeline, tS);
    const r = this.rateAt(nowS);
    const stopS = this.rampDuration(r, 0, m);
    const travelS = this.seekDuration(stopMoveTime(m, r, stopS), targetS);
    const follow = this.status === 'running' ? this.speed : 0;
    setSeek(this.timeline, tS, m, r, stopS, targetS, travelS, follow, this.rampDuration(0, follow, targetS));
    this.refresh(nowS);
    this.emit('move.scrubbed', nowS);
    return OK;
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
    if (!current || !this.isPlaying()) return fail('VP_ERR_MOVE_NOT_ACTIVE', `cannot adjust while ${this.status}`);
    if (changes.kind !== undefined && changes.kind !== current.kind) return fail('VP_ERR_MOVE_ADJUST_KIND', `a ${current.kind} cannot become a ${changes.kind}; start a new move`);
    const merged: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(changes)) if (value !== undefined) merged[key] = value;
    const parsed = MoveSpecSchema.safeParse(merged);
    if (!parsed.success) return fail('VP_ERR_MOVE_INVALID', parsed.error.issues[0]?.message ?? 'invalid adjustment');
    let newTarget: Readonly<Vec3> | undefined;
    if (targetPosition) {
      if (!isFiniteVec3(targetPosition)) return fail('VP_ERR_MOVE_INVALID', 'targetPosition is not finite');
      newTarget = targetPosition;
    } else if (changes.target) {
      const resolved = resolveTarget(changes.target, undefined);
      if (!resolved) return fail('VP_ERR_MOVE_TARGET_UNRESOLVED', `target ${describeTarget(changes.target)} has no position`);
      newTarget = resolved;
    }
    const tS = this.anchorS(nowS);
    const p = this.progressAt(tS);
    if (p >= ADJUST_PROGRESS_LIMIT) return fail('VP_ERR_MOVE_FINISHING', 'the move is finishing; start a new one');
    if (!this.plan.canAdjust(p)) return fail('VP_ERR_MOVE_ADJUST_LIMIT', 'too many adjustments to one move; start a new one');

    const m = moveTimeAt(this.timeline, tS);
    const r = this.rateAt(nowS);
    const s = parsed.data;
    this.plan.adjust(p, s, newTarget);
    this.plan.peaks(this.peaks);
    const oldDurationS = this.durationS;
    this.speed = Math.min(Math.max(changes.speed ?? this.speed, MIN_SPEED), MAX_SPEED);
    s.speed = this.speed;
    this.durationS = this.fitDuration(changes.durationS !== undefined ? s.durationS : oldDurationS, this.speed);
    this.requestedDurationS = s.durationS;
    this.stretched = this.durationS > s.durationS;
    // Same progress and progress rate as a moment ago, then a ramp to the (new) speed.
    const scale = this.durationS / oldDurationS;
    const rate0 = r * scale;
    const rate1 = this.status === 'running' ? this.speed : 0;
    setRamp(this.timeline, tS, m * scale, rate0, rate1, this.rampDuration(rate0, rate1, m * scale));
    this.spec = s;
    this.refresh(nowS);
    this.emit('move.adjusted', nowS);
    return OK;
  }

  /**
   * Decelerates to a stop (rate ramp) and holds there: the offset reached is kept, like a finished move's (`reset`
   * eases it away). The state is 'aborting' until stopped, then 'finished' (a reset: 'idle'). No-op while aborting.
   */
  abort(nowS: number): MoveCommandResult {
    if (this.status === 'aborting') return OK;
    if (!this.isPlaying()) return fail('VP_ERR_MOVE_NOT_ACTIVE', `cannot abort while ${this.status}`);
    this.retimeTo(nowS, 0);
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
    const base = this.clampBase(this.newBase);
    if (!superseded && isIdentityPoseOffset(base)) {
      identityPoseOffset(this.base);
      this.refresh(nowS);
      return OK;
    }
    this.plan.setReset(base, this.hasTracked ? this.trackedRotation : IDENTITY_QUAT, easingFunction('cubic'));
    this.launch({ requestedDurationS: this.resetDurationS, speed: 1, moveId: null, kind: 'reset', spec: null }, superseded, 'reset.started', nowS);
    return OK;
  }

  // ---- per tick ------------------------------------------------------------------------------------------------

  /** Advances to engine time `nowS`: hands over, finishes moves, computes the offset `apply` adds. */
  update(nowS: number): void {
    if (this.outgoingActive && nowS >= this.handoverS) this.outgoingActive = false;
    if (this.planActive && this.status !== 'paused' && !this.outgoingActive) {
      const m = moveTimeAt(this.timeline, nowS);
      if (!isSeeking(this.timeline, nowS) && m >= this.durationS) this.finish(nowS, this.status === 'aborting' ? 'aborted' : 'completed');
      else if (this.status === 'aborting' && isTimelineSettled(this.timeline, nowS)) this.finish(nowS, 'aborted');
    }
    this.refresh(nowS);
  }

  /** CameraPoseModifier: adds the current offset to our camera's tracked pose in place, inside the safe volume. */
  readonly apply: CameraPoseModifier = (cameraId, position, rotation) => {
    if (cameraId !== this.cameraId) return;
    this.noteTracked(position, rotation);
    applyPoseOffset(this.output, position, rotation);
    const sv = this.safeVolume;
    if (!sv) return;
    for (let i = 0; i < 3; i++) position[i] = clampAxis(position[i]!, this.trackedPosition[i]!, sv.min[i]!, sv.max[i]!);
  };

  /** The offset `apply` adds (as of the last update or command), before the safe-volume clamp. Live view. */
  offset(): Readonly<PoseOffset> {
    return this.output;
  }

  /** Timeline state as of the last update or command; written into `out` when given (no allocation per frame). */
  state(out?: MoveState): MoveState {
    const s: MoveState = out ?? {
      moveId: null, kind: null, status: 'idle', progress: 0, elapsedS: 0, durationS: 0,
      requestedDurationS: 0, stretched: false, speed: 1, remainingS: 0, spec: null,
    };
    const progress = this.progressAt(this.nowS);
    s.moveId = this.moveId;
    s.kind = this.kind;
    s.status = this.status;
    s.progress = progress;
    s.elapsedS = progress * this.durationS;
    s.durationS = this.durationS;
    s.requestedDurationS = this.requestedDurationS;
    s.stretched = this.stretched;
    s.speed = this.speed;
    s.remainingS = this.planActive ? ((1 - progress) * this.durationS) / this.speed : 0;
    s.spec = this.spec;
    return s;
  }

  // ---- internals -----------------------------------------------------------------------------------------------

  private isPlaying(): boolean {
    return this.planActive && (this.status === 'running' || this.status === 'paused');
  }

  private refresh(nowS: number): void {
    this.nowS = nowS;
    this.planOffsetAt(nowS, this.output);
  }

  /** Commands aimed at a move still waiting for its hand-over take effect from the hand-over. */
  private anchorS(nowS: number): number {
    return this.outgoingActive && nowS < this.handoverS ? this.handoverS : nowS;
  }

  /** Rate of `plan`'s clock at the command's anchor: a move waiting for its hand-over counts as at rest. */
  private rateAt(nowS: number): number {
    return this.outgoingActive && nowS < this.handoverS ? 0 : moveRateAt(this.timeline, nowS);
  }

  private progressAt(tS: number): number {
    if (this.durationS <= 0) return this.status === 'idle' ? 0 : 1;
    return clamp01(moveTimeAt(this.timeline, tS) / this.durationS);
  }

  private planOffsetAt(tS: number, out: PoseOffset): PoseOffset {
    if (this.outgoingActive && tS < this.handoverS) {
      return this.outgoing.offsetAt(clamp01(moveTimeAt(this.outgoingTimeline, tS) / this.outgoingDurationS), out);
    }
    if (!this.planActive) return copyPoseOffset(this.base, out);
    return this.plan.offsetAt(this.progressAt(tS), out);
  }

  /**
   * Before a new path: if a move is still in motion, it becomes the outgoing one and ramps to a stop; `newBase`
   * is where everything comes to rest (the stop pose, or the current offset). Returns the superseded move for its
   * event.
   */
  private supersede(nowS: number): { type: 'move.finished' | 'reset.finished'; moveId: string | null; progress: number } | null {
    if (!this.planActive) {
      copyPoseOffset(this.base, this.newBase);
      return null;
    }
    const info = {
      type: this.kind === 'reset' ? ('reset.finished' as const) : ('move.finished' as const),
      moveId: this.moveId,
      progress: this.progressAt(nowS),
    };
    if (this.outgoingActive && nowS < this.handoverS) {
      // The current move never got going: drop it; the outgoing one keeps stopping where it was going to.
      copyPoseOffset(this.outgoingStop, this.newBase);
      this.planActive = false;
      return info;
    }
    const m = moveTimeAt(this.timeline, nowS);
    const r = moveRateAt(this.timeline, nowS);
    const stopS = isTimelineSettled(this.timeline, nowS) && r === 0 ? 0 : this.rampDuration(r, 0, m);
    setRamp(this.timeline, nowS, m, r, 0, stopS);
    this.plan.offsetAt(clamp01(stopMoveTime(m, r, stopS) / this.durationS), this.newBase);
    if (stopS > 0) {
      // Swap the stopping move into the outgoing slot; the freed slot takes the new path.
      [this.plan, this.outgoing] = [this.outgoing, this.plan];
      [this.timeline, this.outgoingTimeline] = [this.outgoingTimeline, this.timeline];
      this.outgoingDurationS = this.durationS;
      copyPoseOffset(this.newBase, this.outgoingStop);
      this.outgoingActive = true;
      this.handoverS = nowS + stopS;
    }
    this.planActive = false;
    return info;
  }

  /** Times the freshly set `plan` (limits, stretch) and starts its clock: now, or at rest from the hand-over. */
  /** Start and reset alike, once `plan` holds the new path: run it, tell who it replaced, then announce it. */
  private launch(
    what: { requestedDurationS: number; speed: number; moveId: string | null; kind: MoveKind | 'reset'; spec: MoveSpec | null },
    superseded: ReturnType<MoveExecutor['supersede']>,
    event: 'move.started' | 'reset.started',
    nowS: number,
  ): void {
    this.speed = what.speed;
    this.beginPlan(what.requestedDurationS, nowS);
    this.moveId = what.moveId;
    this.kind = what.kind;
    this.spec = what.spec;
    this.refresh(nowS);
    if (superseded) this.emitFinished(superseded.type, superseded.moveId, nowS, superseded.progress, 'superseded');
    this.emit(event, nowS);
  }

  private beginPlan(requestedDurationS: number, nowS: number): void {
    this.planActive = true;
    this.plan.peaks(this.peaks);
    this.requestedDurationS = requestedDurationS;
    this.durationS = this.fitDuration(requestedDurationS, this.speed);
    this.stretched = this.durationS > requestedDurationS;
    // At once, as any move starts: its easing is what starts it gently.
    setRamp(this.timeline, this.anchorS(nowS), 0, this.speed, this.speed, 0);
    this.status = 'running';
  }

  private finish(nowS: number, outcome: MoveOutcome): void {
    const progress = outcome === 'completed' ? 1 : this.progressAt(nowS);
    const wasReset = this.kind === 'reset';
    if (wasReset && outcome === 'completed') identityPoseOffset(this.base);
    else this.plan.offsetAt(progress, this.base);
    this.planActive = false;
    setRamp(this.timeline, nowS, progress * this.durationS, 0, 0, 0);
    this.status = wasReset ? 'idle' : 'finished';
    if (wasReset) this.kind = null;
    this.refresh(nowS);
    this.emitFinished(wasReset ? 'reset.finished' : 'move.finished', this.moveId, nowS, progress, outcome);
  }

  /** Ramp to `rate`; mid-scrub a non-zero rate becomes the rate after arriving, while a stop stops where it is. */
  private retimeTo(nowS: number, rate: number): void {
    const tl = this.timeline;
    const tS = this.anchorS(nowS);
    if (rate > 0 && isSeeking(tl, tS)) {
      tl.rate1 = rate;
      tl.followDurationS = this.rampDuration(0, rate, tl.targetS);
      return;
    }
    const m = moveTimeAt(tl, tS);
    const r = this.rateAt(nowS);
    setRamp(tl, tS, m, r, rate, this.rampDuration(r, rate, m));
  }

  /** Highest playback rate at which `plan`, planned over `durationS`, stays within the limits. */
  private rateCap(durationS: number): number {
    const { maxSpeedMps, maxAngularSpeedRadPerS, maxAccelMps2 } = this.limits;
    const pk = this.peaks;
    let cap = Infinity;
    if (pk.speedM > 0) cap = Math.min(cap, (maxSpeedMps * durationS) / pk.speedM);
    if (pk.angularRad > 0) cap = Math.min(cap, (maxAngularSpeedRadPerS * durationS) / pk.angularRad);
    if (pk.accelM > 0) cap = Math.min(cap, durationS * Math.sqrt(maxAccelMps2 / pk.accelM));
    return cap * LIMIT_SAFETY;
  }

  /** `durationS`, stretched so the path at `speed` stays within the limits (the cap is linear in the duration). */
  private fitDuration(durationS: number, speed: number): number {
    const cap = this.rateCap(durationS);
    return speed > cap ? (durationS * speed) / cap : durationS;
  }

  /**
   * Shortest smoothstep rate ramp r0 → r1 from move time `moveS` (from blendS up) along which the camera stays
   * within the limits, checked by sampling the motion it produces. A ramp adds the path speed times the rate change
   * to the path's own acceleration, so long ramps are gentler; but a ramp down after an adjustment must also end
   * before the path speeds up, so the search starts short. Falls back to the least bad duration tried.
   */
  private rampDuration(r0: number, r1: number, moveS: number): number {
    if (Math.abs(r1 - r0) < 1e-12) return 0;
    let best = MAX_TRANSITION_S;
    let bestExcess = Infinity;
    for (let T = this.blendS; T < MAX_TRANSITION_S; T *= 1.2) {
      setRamp(this.probe, 0, moveS, r0, r1, T);
      const excess = this.limitExcess(T);
      if (excess <= 1) return T;
      if (excess < bestExcess) {
        bestExcess = excess;
        best = T;
      }
    }
    return best;
  }

  /** Shortest rest-to-rest smoothstep travel of the scrub from `fromS` to `toS` (move time) within the limits. */
  private seekDuration(fromS: number, toS: number): number {
    if (Math.abs(toS - fromS) < 1e-12) return this.blendS;
    let best = MAX_TRANSITION_S;
    let bestExcess = Infinity;
    for (let T = this.blendS; T < MAX_TRANSITION_S; T *= 1.1) {
      setSeek(this.probe, 0, fromS, 0, 0, toS, T, 0, 0);
      const excess = this.limitExcess(T);
      if (excess <= 1) return T;
      if (excess < bestExcess) {
        bestExcess = excess;
        best = T;
      }
    }
    return best;
  }

  /**
   * Worst ratio of speed, angular speed and acceleration to their limits while `probe` runs from engine time 0 to
   * `T` on the current plan (finite differences over PROBE_SAMPLES steps, with LIMIT_SAFETY headroom).
   */
  private limitExcess(T: number): number {
    const { maxSpeedMps, maxAngularSpeedRadPerS, maxAccelMps2 } = this.limits;
    const dt = T / PROBE_SAMPLES;
    let speed = 0, angular = 0, accel = 0;
    const p = this.probePosition, prev = this.probePrev, prevPrev = this.probePrevPrev;
    for (let i = 0; i <= PROBE_SAMPLES; i++) {
      const o = this.plan.offsetAt(clamp01(moveTimeAt(this.probe, i * dt) / this.durationS), this.probeOffset);
      p[0] = o.translationM[0]; p[1] = o.translationM[1]; p[2] = o.translationM[2];
      multiplyQuat(o.rotationWorld, this.plan.trackedRotation, this.probeRotation);
      multiplyQuat(this.probeRotation, o.rotationLocal, this.probeRotation);
      if (i > 0) {
        speed = Math.max(speed, Math.hypot(p[0] - prev[0], p[1] - prev[1], p[2] - prev[2]) / dt);
        angular = Math.max(angular, quatAngle(this.probeRotation, this.probePrevRotation) / dt);
      }
      if (i > 1) {
        accel = Math.max(accel, Math.hypot(p[0] - 2 * prev[0] + prevPrev[0], p[1] - 2 * prev[1] + prevPrev[1], p[2] - 2 * prev[2] + prevPrev[2]) / (dt * dt));
      }
      prevPrev[0] = prev[0]; prevPrev[1] = prev[1]; prevPrev[2] = prev[2];
      prev[0] = p[0]; prev[1] = p[1]; prev[2] = p[2];
      this.probePrevRotation[0] = this.probeRotation[0]; this.probePrevRotation[1] = this.probeRotation[1];
      this.probePrevRotation[2] = this.probeRotation[2]; this.probePrevRotation[3] = this.probeRotation[3];
    }
    return Math.max(speed / maxSpeedMps, angular / maxAngularSpeedRadPerS, accel / maxAccelMps2) / LIMIT_SAFETY;
  }

  /** Keeps a new base's final position inside the safe volume (see the header). */
  private clampBase(base: PoseOffset): PoseOffset {
    const sv = this.safeVolume;
    if (!sv || !this.hasTracked) return base;
    for (let i = 0; i < 3; i++) {
      const tracked = this.trackedPosition[i]!;
      base.translationM[i] = clampAxis(tracked + base.translationM[i]!, tracked, sv.min[i]!, sv.max[i]!) - tracked;
    }
    return base;
  }

  private noteTracked(position: Readonly<Vec3>, rotation: Readonly<Quat>): void {
    this.hasTracked = true;
    this.trackedPosition[0] = position[0]; this.trackedPosition[1] = position[1]; this.trackedPosition[2] = position[2];
    this.trackedRotation[0] = rotation[0]; this.trackedRotation[1] = rotation[1]; this.trackedRotation[2] = rotation[2]; this.trackedRotation[3] = rotation[3];
  }

  private emit(type: MoveEventType, atS: number): void {
    this.onEvent?.({ type, moveId: this.moveId, atS, progress: this.progressAt(atS) });
  }

  private emitFinished(type: 'move.finished' | 'reset.finished', moveId: string | null, atS: number, progress: number, outcome: MoveOutcome): void {
    this.onEvent?.({ type, moveId, atS, progress, outcome });
  }
}

const OK: MoveCommandResult = { ok: true };
const IDENTITY_QUAT: Readonly<Quat> = [0, 0, 0, 1];

function fail(code: MoveErrorCode, reason: string): MoveCommandResult {
  return { ok: false, code, reason };
}

function clamp01(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 1 : x;
}

/** Clamp into [min, max] widened to include the tracked value (never pulls in a camera that is itself outside). */
function clampAxis(p: number, tracked: number, min: number, max: number): number {
  const lo = Math.min(min, tracked);
  const hi = Math.max(max, tracked);
  return p < lo ? lo : p > hi ? hi : p;
}

/** Target position: the caller's, else a point target's own; undefined for no target; null when unresolvable. */
function resolveTarget(target: MoveTarget | undefined, position: Readonly<Vec3> | undefined): Readonly<Vec3> | undefined | null {
  if (position) return position;
  if (!target) return undefined;
  return target.type === 'point' ? target.position : null;
}

function describeTarget(target: MoveTarget | undefined): string {
  return target ? (target.type === 'point' ? 'point' : `${target.type} "${target.id}"`) : 'none';
}

function isFiniteVec3(v: Readonly<Vec3>): boolean {
  return Number.isFinite(v[0]) && Number.isFinite(v[1]) && Number.isFinite(v[2]);
}

function isFiniteQuat(q: Readonly<Quat>): boolean {
  return Number.isFinite(q[0]) && Number.isFinite(q[1]) && Number.isFinite(q[2]) && Number.isFinite(q[3]);
}
