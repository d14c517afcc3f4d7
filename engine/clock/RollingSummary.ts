// Percentiles over the last N values in a preallocated ring: push is O(1) and allocation-free, summarize sorts a copy.

/** Nearest-rank percentiles and the maximum of the values in the window; NaN when it is empty. */
export interface PercentileSummary {
  /** How many values the summary covers (at most the window's capacity). */
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export class RollingSummary {
  /** The last `capacity` values; slot `next` is overwritten next. */
  private readonly ring: Float64Array;
  /** Sorted copy made by `summarize`, preallocated so a summary allocates only its result. */
  private readonly scratch: Float64Array;
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`RollingSummary capacity must be a positive integer, got ${capacity}`);
    this.ring = new Float64Array(capacity);
    this.scratch = new Float64Array(capacity);
  }

  /** Values currently in the window. */
  get size(): number {
    return this.count;
  }

  /** Per-frame path: overwrite the oldest value. */
  push(value: number): void {
    this.ring[this.next] = value;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    if (this.count < this.capacity) this.count++;
  }

  clear(): void {
    this.next = 0;
    this.count = 0;
  }

  /** O(n log n): call at human speed (health endpoint, end of a benchmark), not per frame. */
  summarize(): PercentileSummary {
    const n = this.count;
    if (n === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN };
    const sorted = this.scratch.subarray(0, n);
    sorted.set(this.ring.subarray(0, n)); // order is irrelevant once sorted, so the ring's wrap point does not matter
    sorted.sort();
    return { n, p50: nearestRank(sorted, 0.5), p99: nearestRank(sorted, 0.99), max: sorted[n - 1]! };
  }
}

/** Nearest-rank percentile of an ascending, non-empty array; q in [0, 1]. */
function nearestRank(sorted: Float64Array, q: number): number {
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}
