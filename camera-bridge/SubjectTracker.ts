// Tracked talent: the last position and velocity of each subject, and its life cycle (stale after a time without a
// position, fresh again with the next one). The TrackingHub validates updates and emits the events.
import type { Vec3 } from './CameraSample.ts';
import { copyVec3 } from './math/vec3.ts';

export interface SubjectState {
  subjectId: string;
  /** When the position was measured, engine clock, s. */
  tS: number;
  position: Vec3;
  /** m/s, from the last two samples. */
  velocity: Vec3;
  /** When the last position arrived, engine clock, s. */
  lastSeenS: number;
  /** No position for longer than the subject timeout, as of the last `checkStale` (between ticks: `isStale`). */
  stale: boolean;
}

export class SubjectTracker {
  private readonly byId = new Map<string, SubjectState>();
  /** The same states in first-seen order: a live view per-frame code reads without allocating. */
  private readonly states: SubjectState[] = [];

  constructor(
    /** A subject with no position for this long is stale, s. */
    readonly staleTimeoutS: number,
    /** Bound on distinct subjects so garbage ids cannot grow memory. */
    readonly maxSubjects: number,
  ) {}

  list(): readonly SubjectState[] {
    return this.states;
  }

  /** Stale when no position arrived within the timeout; an unknown subject is stale too. */
  isStale(subjectId: string, nowS: number): boolean {
    const s = this.byId.get(subjectId);
    return !s || nowS - s.lastSeenS > this.staleTimeoutS;
  }

  /**
   * A validated position measured at `tS` that arrived at `receiveTimeS`. Returns the subject's state and whether it
   * was stale until now, or undefined when the subject limit refuses a new id.
   */
  update(subjectId: string, position: Readonly<Vec3>, tS: number, receiveTimeS: number): { state: SubjectState; wasStale: boolean } | undefined {
    let s = this.byId.get(subjectId);
    if (!s) {
      if (this.byId.size >= this.maxSubjects) return undefined;
      s = { subjectId, tS, position: [...position], velocity: [0, 0, 0], lastSeenS: receiveTimeS, stale: false };
      this.byId.set(subjectId, s);
      this.states.push(s);
      return { state: s, wasStale: false };
    }
    const dtS = tS - s.tS;
    if (receiveTimeS - s.lastSeenS > this.staleTimeoutS) {
      // Back after a gap: the difference from the last position is no velocity; start over as at first sight.
      s.velocity.fill(0);
    } else if (dtS > 0) {
      for (let i = 0; i < 3; i++) s.velocity[i] = (position[i]! - s.position[i]!) / dtS;
    }
    copyVec3(position, s.position);
    s.tS = tS;
    s.lastSeenS = receiveTimeS;
    const wasStale = s.stale;
    s.stale = false;
    return { state: s, wasStale };
  }

  /** Flags subjects that went stale; `onStale` hears each once per transition. */
  checkStale(nowS: number, onStale: (s: SubjectState) => void): void {
    for (const s of this.states) {
      if (!s.stale && nowS - s.lastSeenS > this.staleTimeoutS) {
        s.stale = true;
        onStale(s);
      }
    }
  }
}
