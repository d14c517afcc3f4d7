// The last few moves and decisions, newest first: the AI reads them (no stacked moves, learn from rejections).
import type { DecisionKind } from './DirectorInput.ts';
import type { RecentMove } from './DirectorInput.ts';

/** Moves remembered. */
export const RECENT_MOVES_KEPT = 8;

interface Ended {
  kind: RecentMove['kind'];
  decision: DecisionKind;
  /** Engine time it ended (or was decided on), s. */
  endedAtS: number;
}

export class RecentMoves {
  private readonly moves: Ended[] = [];

  push(move: Omit<RecentMove, 'endedAgoS'>, endedAtS: number): void {
    this.moves.unshift({ ...move, endedAtS });
    this.moves.length = Math.min(this.moves.length, RECENT_MOVES_KEPT);
  }

  /** Newest first, with their ages at `nowS`. */
  withAges(nowS: number): RecentMove[] {
    return this.moves.map((m) => ({ kind: m.kind, decision: m.decision, endedAgoS: Math.max(0, nowS - m.endedAtS) }));
  }
}
