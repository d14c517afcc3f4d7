// The move vocabulary shared by the AI director, the executor, the console and the audit log (units in names).
import { z } from 'zod';

export const MOVE_KINDS = ['dolly', 'truck', 'pedestal', 'pan', 'tilt', 'aim', 'roll', 'orbit', 'crane', 'push-in', 'pull-out', 'hold'] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];

/** Playback rate multiplier range (1 = as planned): the one definition the schema, the commands and the controller use. */
export const MOVE_SPEED_RANGE = { min: 0.1, max: 4 } as const;
/** Planned move length range, s. */
export const MOVE_DURATION_RANGE_S = { min: 0.1, max: 120 } as const;

const finite = z.number().finite();
const Vec3Schema = z.tuple([finite, finite, finite]);

/** Named curves, or a CSS-style cubic bezier `[x1, y1, x2, y2]` (x in [0, 1]). */
export const EasingSchema = z.union([
  z.enum(['linear', 'ease-in', 'ease-out', 'ease-in-out', 'cubic']),
  z.strictObject({ bezier: z.tuple([finite.min(0).max(1), finite.min(-2).max(3), finite.min(0).max(1), finite.min(-2).max(3)]) }),
]);
export type Easing = z.infer<typeof EasingSchema>;

/** What a move frames or moves around. */
export const MoveTargetSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('subject'), id: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal('poi'), id: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal('point'), position: Vec3Schema }),
]);
export type MoveTarget = z.infer<typeof MoveTargetSchema>;

/**
 * One camera move. Signs, in the camera's own frame at the start of the move (engine: -Z forward, +Y up, +X right):
 * - dolly `distanceM` > 0 moves forward (in); truck > 0 moves right; pedestal > 0 moves up;
 * - pan `angleRad` > 0 turns left (about world +Y); tilt > 0 looks up; roll > 0 rolls counter-clockwise as seen by the camera;
 * - aim: pan `angleRad` and tilt `tiltRad` together (a head operator's diagonal move onto a target), in one eased turn;
 * - orbit `angleRad` > 0 circles counter-clockwise seen from above around `target`, keeping it framed;
 * - crane: `distanceM` rise (> 0 up) on a jib arc with `angleRad` swing about the vertical through `target` (or the camera);
 * - push-in / pull-out: towards / away from `target`; `framing.subjectHeightFraction` (0..1 of frame height) sets the
 *   end distance when given, else `distanceM`;
 * - hold: no motion for `durationS` (a deliberate "stay on this shot").
 */
export const MoveSpecSchema = z.strictObject({
  kind: z.enum(MOVE_KINDS),
  distanceM: finite.min(-50).max(50).optional(),
  angleRad: finite.min(-2 * Math.PI).max(2 * Math.PI).optional(),
  /** aim only: the tilt part, radians, + up. */
  tiltRad: finite.min(-Math.PI / 2).max(Math.PI / 2).optional(),
  durationS: finite.min(MOVE_DURATION_RANGE_S.min).max(MOVE_DURATION_RANGE_S.max),
  easing: EasingSchema,
  target: MoveTargetSchema.optional(),
  framing: z.strictObject({ subjectHeightFraction: finite.min(0.05).max(1) }).optional(),
  /** Playback rate multiplier, 1 = as planned. */
  speed: finite.min(MOVE_SPEED_RANGE.min).max(MOVE_SPEED_RANGE.max).optional(),
});
export type MoveSpec = z.infer<typeof MoveSpecSchema>;

/** An AI proposal as published on /live and written to the audit log. */
export interface Suggestion {
  id: string;
  kind: MoveKind;
  params: MoveSpec;
  durationS: number;
  easing: Easing;
  target: MoveTarget | null;
  /** 0..1 */
  confidence: number;
  /** One short human sentence: why this move, now. */
  rationale: string;
  modelVersion: string;
  /** sha256 of the canonical DirectorInput the suggestion was made from. */
  inputsHash: string;
  createdAtS: number;
}
