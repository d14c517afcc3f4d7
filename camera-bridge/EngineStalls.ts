// Silence that counts against a tracking source. The hub checks for stale sources every tick; when the engine itself
// stalls (a GC pause, a box whose cores are busy elsewhere, the embedded simulator's timer on the same thread), no
// sample can be received, and the ones sent meanwhile wait in the socket until after the first tick that follows.
// Judging a source by that silence flagged healthy rigs stale and fresh again on every stall. So the last stall,
// the span between two checks further apart than `minStallS`, does not count as the source's silence.

export class EngineStalls {
  private lastCheckS = Number.NaN;
  private stallStartS = -Infinity;
  private stallEndS = -Infinity;
  /** Stalls seen so far. */
  count = 0;

  constructor(private readonly minStallS: number) {}

  /** Call at every stale check, with its engine time, before judging any source. */
  check(nowS: number): void {
    if (nowS - this.lastCheckS > this.minStallS) {
      this.stallStartS = this.lastCheckS;
      this.stallEndS = nowS;
      this.count++;
    }
    this.lastCheckS = nowS;
  }

  /** Seconds from `lastSeenS` to `nowS` the engine was listening: the span less its overlap with the last stall. */
  silentS(lastSeenS: number, nowS: number): number {
    const overlapS = Math.min(nowS, this.stallEndS) - Math.max(lastSeenS, this.stallStartS);
    return nowS - lastSeenS - Math.max(0, overlapS);
  }
}
