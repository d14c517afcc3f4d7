// The MoveController's vocabulary: its options and limits, the pose-modifier contract, command results, events and state.
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import type { MoveKind, MoveSpec } from '../protocol/MoveSpec.ts';

/**
 * Adds an offset to one camera's tracked pose in place, once per camera per tick. Declared here so engine/moves
 * depends on nothing in engine/frame: whatever composes the frame only needs a function of this shape.
 */
export type CameraPoseModifier = (cameraId: string, position: Vec3, rotation: Quat) => void;

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

export interface MoveControllerOptions {
  /** The tracked camera this controller offsets; `apply` leaves every other camera alone. */
  cameraId: string;
  limits?: Partial<MoveLimits>;
  safeVolume?: SafeVolume;
  /** Shortest rate ramp or scrub, s (default DEFAULT_BLEND_S). */
  blendS?: number;
  /** Planned length of `reset`, s (default DEFAULT_RESET_DURATION_S). */
  resetDurationS?: number;
  /** Audit hook; called after the controller's state is consistent. */
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

/** A MoveState at rest: no move, nothing done (what `state()` fills when given no object to write into). */
export function createMoveState(): MoveState {
  return {
    moveId: null, kind: null, status: 'idle', progress: 0, elapsedS: 0, durationS: 0,
    requestedDurationS: 0, stretched: false, speed: 1, remainingS: 0, spec: null,
  };
}

export type MoveErrorCode =
  | 'VP_ERR_MOVE_INVALID'
  | 'VP_ERR_MOVE_NOT_ACTIVE'
  | 'VP_ERR_MOVE_ADJUST_KIND'
  | 'VP_ERR_MOVE_TARGET_UNRESOLVED'
  | 'VP_ERR_MOVE_FINISHING'
  | 'VP_ERR_MOVE_ADJUST_LIMIT';

/** Commands never throw; a refusal carries a stable code (for the `ack`) and a human reason. */
export type MoveCommandResult = { ok: true } | MoveRefusal;
export type MoveRefusal = { ok: false; code: MoveErrorCode; reason: string };

/** Fields to change mid-move; `kind` may only repeat the current kind. */
export type MoveAdjustment = Partial<MoveSpec>;
