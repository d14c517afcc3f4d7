// A token bucket: `rateHz` sustained, up to `burst` at once; refills continuously from the engine clock.

export class TokenBucket {
  private tokens: number;
  private lastS: number;

  constructor(
    readonly rateHz: number,
    readonly burst: number,
    nowS: number,
  ) {
    this.tokens = burst;
    this.lastS = nowS;
  }

  /** Takes one token if there is one (true), else false; `nowS` never runs backwards the bucket. */
  take(nowS: number): boolean {
    if (nowS > this.lastS) {
      this.tokens = Math.min(this.burst, this.tokens + (nowS - this.lastS) * this.rateHz);
      this.lastS = nowS;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
