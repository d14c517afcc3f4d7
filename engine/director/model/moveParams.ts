// The labelled move a director would make, and how its numbers map to and from the model's normalised parameter head.
import { type Easing, type MoveTarget } from '../../protocol/MoveSpec.ts';
import { MODEL_KINDS, type ModelKind } from './modelKinds.ts';
import { clamp } from './sceneGeometry.ts';

/** What the expert director (or a human decision) says should happen in one situation. */
export interface MoveLabel {
  kind: ModelKind;
  /** Signed as in MoveSpec; for push-in / pull-out the (positive) travel towards / away from the target. */
  distanceM?: number;
  /** Signed as in MoveSpec; for crane the swing about the vertical. */
  angleRad?: number;
  durationS: number;
  easing: Easing;
  target: MoveTarget | null;
  /** push-in / pull-out end framing. */
  framing?: { subjectHeightFraction: number };
}

/** The numbers of one move in natural units, as decoded from the parameter head. */
export interface MoveNumbers {
  distanceM?: number;
  angleRad?: number;
  subjectHeightFraction?: number;
  durationS: number;
}

/**
 * Per kind the head predicts three normalised numbers: [primary, secondary, duration].
 *  - dolly, truck, pedestal: primary = distanceM / 3
 *  - pan, tilt, orbit: primary = angleRad / (π/2); roll: primary = angleRad / 0.25
 *  - crane: primary = rise distanceM / 2, secondary = swing angleRad / 0.5
 *  - push-in, pull-out: primary = (framing - 0.4) / 0.3, secondary = travel distanceM / 3
 *  - hold: duration only
 *  - duration for every kind: (durationS - 5 s) / 4 s
 * A slot a kind does not use is masked out of the loss (and ignored when decoding).
 */
export const PARAMS_PER_KIND = 3;
export const PARAM_COUNT = MODEL_KINDS.length * PARAMS_PER_KIND;

const DIST_SCALE_M = 3;
const CRANE_RISE_SCALE_M = 2;
const CRANE_SWING_SCALE_RAD = 0.5;
const ANGLE_SCALE_RAD = Math.PI / 2;
const ROLL_SCALE_RAD = 0.25;
const FRAMING_CENTRE = 0.4;
const FRAMING_SCALE = 0.3;
const DURATION_CENTRE_S = 5;
const DURATION_SCALE_S = 4;

export const MIN_DURATION_S = 0.5;
export const MAX_DURATION_S = 30;

const PRIMARY = 0;
const SECONDARY = 1;
const DURATION = 2;

/** Offset of `kind`'s three numbers in the parameter vector. */
export function paramOffset(kind: ModelKind): number {
  return MODEL_KINDS.indexOf(kind) * PARAMS_PER_KIND;
}

/**
 * Write the normalised targets of `numbers` for `kind` into `values`/`mask` (both PARAM_COUNT
 * long, starting at `base`); every other kind's slots get mask 0.
 */
export function encodeMoveNumbers(kind: ModelKind, numbers: MoveNumbers, values: Float32Array, mask: Float32Array, base = 0): void {
  values.fill(0, base, base + PARAM_COUNT);
  mask.fill(0, base, base + PARAM_COUNT);
  const o = base + paramOffset(kind);
  const set = (slot: number, v: number | undefined): void => {
    if (v === undefined || !Number.isFinite(v)) return;
    values[o + slot] = v;
    mask[o + slot] = 1;
  };
  set(DURATION, (numbers.durationS - DURATION_CENTRE_S) / DURATION_SCALE_S);
  switch (kind) {
    case 'dolly':
    case 'truck':
    case 'pedestal':
      set(PRIMARY, numbers.distanceM === undefined ? undefined : numbers.distanceM / DIST_SCALE_M);
      break;
    case 'pan':
    case 'tilt':
    case 'orbit':
      set(PRIMARY, numbers.angleRad === undefined ? undefined : numbers.angleRad / ANGLE_SCALE_RAD);
      break;
    case 'roll':
      set(PRIMARY, numbers.angleRad === undefined ? undefined : numbers.angleRad / ROLL_SCALE_RAD);
      break;
    case 'crane':
      set(PRIMARY, numbers.distanceM === undefined ? undefined : numbers.distanceM / CRANE_RISE_SCALE_M);
      set(SECONDARY, numbers.angleRad === undefined ? undefined : numbers.angleRad / CRANE_SWING_SCALE_RAD);
      break;
    case 'push-in':
    case 'pull-out':
      set(PRIMARY, numbers.subjectHeightFraction === undefined ? undefined : (numbers.subjectHeightFraction - FRAMING_CENTRE) / FRAMING_SCALE);
      set(SECONDARY, numbers.distanceM === undefined ? undefined : numbers.distanceM / DIST_SCALE_M);
      break;
    case 'hold':
      break;
  }
}

/** Read `kind`'s numbers back in natural units from a parameter vector (clamped to MoveSpec ranges). */
export function decodeMoveNumbers(kind: ModelKind, params: ArrayLike<number>, base = 0): MoveNumbers {
  const o = base + paramOffset(kind);
  const primary = params[o + PRIMARY] ?? 0;
  const secondary = params[o + SECONDARY] ?? 0;
  const durationS = clamp(DURATION_CENTRE_S + DURATION_SCALE_S * (params[o + DURATION] ?? 0), MIN_DURATION_S, MAX_DURATION_S);
  switch (kind) {
    case 'dolly':
    case 'truck':
    case 'pedestal':
      return { distanceM: clamp(primary * DIST_SCALE_M, -50, 50), durationS };
    case 'pan':
    case 'tilt':
    case 'orbit':
      return { angleRad: clamp(primary * ANGLE_SCALE_RAD, -2 * Math.PI, 2 * Math.PI), durationS };
    case 'roll':
      return { angleRad: clamp(primary * ROLL_SCALE_RAD, -Math.PI / 2, Math.PI / 2), durationS };
    case 'crane':
      return { distanceM: clamp(primary * CRANE_RISE_SCALE_M, -50, 50), angleRad: clamp(secondary * CRANE_SWING_SCALE_RAD, -Math.PI, Math.PI), durationS };
    case 'push-in':
    case 'pull-out':
      return {
        subjectHeightFraction: clamp(FRAMING_CENTRE + FRAMING_SCALE * primary, 0.05, 1),
        distanceM: clamp(Math.abs(secondary * DIST_SCALE_M), 0, 50),
        durationS,
      };
    case 'hold':
      return { durationS };
  }
}

/** The numbers of a label (or a MoveSpec-like record) in natural units. */
export function labelNumbers(label: Pick<MoveLabel, 'distanceM' | 'angleRad' | 'durationS' | 'framing'>): MoveNumbers {
  const n: MoveNumbers = { durationS: label.durationS };
  if (label.distanceM !== undefined) n.distanceM = label.distanceM;
  if (label.angleRad !== undefined) n.angleRad = label.angleRad;
  if (label.framing !== undefined) n.subjectHeightFraction = label.framing.subjectHeightFraction;
  return n;
}

/**
 * The one number that best describes a move's size, normalised like the head's primary slot
 * (used for the "magnitude" error in evaluation); undefined for hold.
 */
export function primaryMagnitude(kind: ModelKind, n: MoveNumbers): number | undefined {
  switch (kind) {
    case 'dolly':
    case 'truck':
    case 'pedestal':
      return n.distanceM === undefined ? undefined : n.distanceM / DIST_SCALE_M;
    case 'pan':
    case 'tilt':
    case 'orbit':
      return n.angleRad === undefined ? undefined : n.angleRad / ANGLE_SCALE_RAD;
    case 'roll':
      return n.angleRad === undefined ? undefined : n.angleRad / ROLL_SCALE_RAD;
    case 'crane':
      return n.distanceM === undefined ? undefined : n.distanceM / CRANE_RISE_SCALE_M;
    case 'push-in':
    case 'pull-out':
      return n.subjectHeightFraction === undefined ? undefined : (n.subjectHeightFraction - FRAMING_CENTRE) / FRAMING_SCALE;
    case 'hold':
      return undefined;
  }
}
