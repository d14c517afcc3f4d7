// The time source every receiver and the hub read; injected so tests can drive time by hand.

export interface EngineClock {
  /** Monotonic engine time, seconds since the engine started. */
  nowS(): number;
  /** Wall-clock Unix time, seconds; only used to relate sender timestamps to engine time. */
  unixNowS(): number;
}

/** Real clock: `process.hrtime` for monotonic time; the wall clock from the same monotonic source. */
export function createSystemClock(): EngineClock {
  const origin = process.hrtime.bigint();
  return {
    nowS: () => Number(process.hrtime.bigint() - origin) / 1e9,
    unixNowS: unixNowHiResS,
  };
}

/**
 * Unix time, s, at sub-millisecond resolution and never stepping: the wall clock at process start plus monotonic
 * time since. Date.now() moves in 1 ms steps, and a step between two samples of a burst made the newer one look
 * older than the one before it (a sample's engine time is its arrival minus its age by this clock), so it was refused.
 */
export function unixNowHiResS(): number {
  return (performance.timeOrigin + performance.now()) / 1000;
}

/** Hand-driven clock for tests and offline tools. */
export class ManualClock implements EngineClock {
  constructor(
    public timeS = 0,
    public unixOffsetS = 1_700_000_000,
  ) {}
  nowS(): number {
    return this.timeS;
  }
  unixNowS(): number {
    return this.unixOffsetS + this.timeS;
  }
  advance(dtS: number): void {
    this.timeS += dtS;
  }
}
