// The last 60 s of each tracking source's rate and latency (one sample per health poll), in fixed ring buffers.

/** Samples kept per source: 60 s at one poll every 500 ms. */
export const HISTORY_SAMPLES = 120;

export interface SourceSeries {
  /** Hz, oldest first once read through `ordered`. */
  rate: Float32Array;
  /** ms; NaN where the source reported no latency. */
  latency: Float32Array;
  /** Next write position. */
  head: number;
  count: number;
}

export class HealthHistory {
  private readonly series = new Map<string, SourceSeries>();

  push(sourceId: string, rateHz: number, latencyMs: number | null): void {
    let s = this.series.get(sourceId);
    if (!s) {
      s = { rate: new Float32Array(HISTORY_SAMPLES), latency: new Float32Array(HISTORY_SAMPLES), head: 0, count: 0 };
      this.series.set(sourceId, s);
    }
    s.rate[s.head] = rateHz;
    s.latency[s.head] = latencyMs ?? Number.NaN;
    s.head = (s.head + 1) % HISTORY_SAMPLES;
    s.count = Math.min(HISTORY_SAMPLES, s.count + 1);
  }

  /** Forgets a removed source (it starts afresh if it reports again). */
  delete(sourceId: string): void {
    this.series.delete(sourceId);
  }

  get(sourceId: string): SourceSeries | undefined {
    return this.series.get(sourceId);
  }
}

/** Index into the ring of the i-th oldest sample. */
export function ringIndex(s: SourceSeries, i: number): number {
  return (s.head - s.count + i + HISTORY_SAMPLES) % HISTORY_SAMPLES;
}
