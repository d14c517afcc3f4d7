// One Euro filter (Casiez, Roussel, Vogel, CHI 2012): low jitter at rest, low lag when moving.
// Vector form: the cutoff adapts to the speed of the whole vector, so axes stay in step.

/** Tuning; frequencies in hertz. */
export interface OneEuroParams {
  /** Cutoff at rest: lower = less jitter, more lag when slow. */
  minCutoffHz: number;
  /** Speed coefficient: higher = less lag when fast. Units: cutoff Hz per (unit/s). */
  beta: number;
  /** Cutoff for the derivative estimate. */
  dCutoffHz: number;
}

export const DEFAULT_ONE_EURO: OneEuroParams = { minCutoffHz: 1.5, beta: 0.5, dCutoffHz: 1 };

/** Smoothing factor of a first-order low-pass at `cutoffHz` for a step of `dtS` seconds. */
export function oneEuroAlpha(cutoffHz: number, dtS: number): number {
  const tau = 1 / (2 * Math.PI * cutoffHz); // time constant, s
  return 1 / (1 + tau / dtS);
}

export class OneEuroFilter {
  params: OneEuroParams;
  /** Filtered value; valid once `initialized`. */
  readonly value: Float64Array;
  private readonly dx: Float64Array; // filtered derivative, units/s
  private lastTimeS = 0;
  private lastDtS = 0; // the last step that was not a gap, s
  initialized = false;
  /**
   * A silence longer than this (the tracker stopped, s) is not time the value moved through: once a stream has a
   * cadence, the sample after a silence is smoothed as if it followed the last one at the last interval. Counting the
   * silence as elapsed time would let it through almost unfiltered, jumping the filter's whole lag at once.
   */
  maxGapS: number;

  constructor(dimensions: number, params: OneEuroParams = DEFAULT_ONE_EURO, maxGapS = Infinity) {
    this.params = { ...params };
    this.value = new Float64Array(dimensions);
    this.dx = new Float64Array(dimensions);
    this.maxGapS = maxGapS;
  }

  reset(): void {
    this.initialized = false;
    this.lastDtS = 0;
    this.dx.fill(0);
  }

  /**
   * Feed a sample taken at `timeS`; returns the filtered vector (this.value, not a copy).
   * A sample not after the previous one resets nothing and passes through unfiltered in time.
   */
  filter(x: ArrayLike<number>, timeS: number): Float64Array {
    const n = this.value.length;
    if (!this.initialized) {
      for (let i = 0; i < n; i++) this.value[i] = x[i]!;
      this.dx.fill(0);
      this.lastTimeS = timeS;
      this.initialized = true;
      return this.value;
    }
    let dtS = timeS - this.lastTimeS;
    if (!(dtS > 0)) {
      // Same-timestamp or reordered sample: keep state, nothing sensible to smooth over.
      return this.value;
    }
    this.lastTimeS = timeS;
    if (dtS <= this.maxGapS) this.lastDtS = dtS;
    else if (this.lastDtS > 0) dtS = this.lastDtS; // a sender that never streamed keeps its real spacing

    const aD = oneEuroAlpha(this.params.dCutoffHz, dtS);
    let speedSq = 0;
    for (let i = 0; i < n; i++) {
      const rawDx = (x[i]! - this.value[i]!) / dtS;
      const d = this.dx[i]! + aD * (rawDx - this.dx[i]!);
      this.dx[i] = d;
      speedSq += d * d;
    }
    const cutoffHz = this.params.minCutoffHz + this.params.beta * Math.sqrt(speedSq);
    const a = oneEuroAlpha(cutoffHz, dtS);
    for (let i = 0; i < n; i++) this.value[i] = this.value[i]! + a * (x[i]! - this.value[i]!);
    return this.value;
  }
}
