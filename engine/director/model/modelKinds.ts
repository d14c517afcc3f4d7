// The move kinds the network ranks: its output order, which the shipped weights were trained on.
import type { MoveKind } from '../../protocol/MoveSpec.ts';

/**
 * Every MoveKind but `aim`. The network decides what (turn to the arch); geometry decides how: a ranked pan or tilt
 * towards a target becomes an aim when framing the target takes both axes (suggest.ts).
 */
export const MODEL_KINDS = ['dolly', 'truck', 'pedestal', 'pan', 'tilt', 'roll', 'orbit', 'crane', 'push-in', 'pull-out', 'hold'] as const satisfies readonly MoveKind[];
export type ModelKind = (typeof MODEL_KINDS)[number];

/** The network's kind a move counts as in its history and in a director's preferences: an aim is a turn, as a pan. */
export function modelKindOf(kind: MoveKind): ModelKind {
  return kind === 'aim' ? 'pan' : kind;
}
