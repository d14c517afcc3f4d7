// The time source every receiver and the hub read; injected so tests can drive time by hand.

export interface EngineClock {
  /** Monotonic engine time, seconds since the engine started. */
  nowS(): number;
  /** Wall-clock Unix time, seconds; only used to relate sender timestamps to engine time. */
  unixNowS(): number;
}

/** Real clock: `process.hrtime` for monotonic time, `Date.now` for the wall clock. */
export function createSystemClock(): EngineClock {
  const origin = process.hrtime.bigint();
  return {
    nowS: () => Number(process.hrtime.bigint() - origin) / 1e9,
    unixNowS: () => Date.now() / 1000,
  };
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
