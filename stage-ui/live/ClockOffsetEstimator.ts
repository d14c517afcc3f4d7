// NTP-style estimate of the engine clock as seen from this page: each ping/pong gives an offset and a round trip;
// the sample with the shortest round trip among the recent ones is the least disturbed by queueing, and half its
// round trip bounds the error (RFC 5905's clock filter, reduced to what one LAN hop needs). Pure: tested by hand.

/** One ping/pong exchange: the page's clock in ms (performance.now), the engine's in s (its frame clock). */
export interface ClockExchange {
  clientSendMs: number;
  engineReceiveS: number;
  engineSendS: number;
  clientReceiveMs: number;
}

/** Recent exchanges the filter chooses from: a few seconds at the default ping rate. */
export const CLOCK_WINDOW = 16;

export class ClockOffsetEstimator {
  private readonly offsets: number[] = [];
  private readonly delays: number[] = [];
  private best = -1;

  constructor(private readonly window = CLOCK_WINDOW) {}

  /** Folds one exchange in; an impossible one (negative round trip, non-finite) is ignored and false returned. */
  add(x: ClockExchange): boolean {
    const t1 = x.engineReceiveS * 1000;
    const t2 = x.engineSendS * 1000;
    const delayMs = x.clientReceiveMs - x.clientSendMs - (t2 - t1);
    const offsetMs = (t1 - x.clientSendMs + (t2 - x.clientReceiveMs)) / 2;
    if (!Number.isFinite(delayMs) || !Number.isFinite(offsetMs) || delayMs < 0 || t2 < t1) return false;
    this.offsets.push(offsetMs);
    this.delays.push(delayMs);
    if (this.offsets.length > this.window) {
      this.offsets.shift();
      this.delays.shift();
    }
    this.best = 0;
    for (let i = 1; i < this.delays.length; i++) if (this.delays[i]! < this.delays[this.best]!) this.best = i;
    return true;
  }

  /** Engine time minus page time, ms; null before the first exchange. */
  get offsetMs(): number | null {
    return this.best < 0 ? null : this.offsets[this.best]!;
  }

  /** Bound on the offset's error: half the chosen exchange's round trip, ms (Infinity before the first). */
  get errorMs(): number {
    return this.best < 0 ? Infinity : this.delays[this.best]! / 2;
  }

  /** Exchanges folded in (at most the window). */
  get samples(): number {
    return this.offsets.length;
  }

  /** The engine's time at page time `clientMs`, s; null before the first exchange. */
  engineTimeS(clientMs: number): number | null {
    const o = this.offsetMs;
    return o === null ? null : (clientMs + o) / 1000;
  }
}
