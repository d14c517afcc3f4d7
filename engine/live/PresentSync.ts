// Frame presentation across render nodes: when each recent frame was meant to be on screen, and the spread of the
// times the nodes say it got there (their own clock-synced estimates), for health and the console's delay budget.
// Fixed rings, no allocation per frame.

/** Recent frames kept: 2.5 s at 50 fps. */
export const SYNC_WINDOW_FRAMES = 128;

export interface PresentSyncSummary {
  /** Frames two or more nodes reported in the window. */
  frames: number;
  /** Spread of the nodes' screen times per frame, ms. */
  skewMsP50: number | null;
  skewMsP99: number | null;
}

export class PresentSync {
  private readonly frame = new Float64Array(SYNC_WINDOW_FRAMES).fill(-1);
  private readonly presentAtS = new Float64Array(SYNC_WINDOW_FRAMES);
  private readonly minS = new Float64Array(SYNC_WINDOW_FRAMES);
  private readonly maxS = new Float64Array(SYNC_WINDOW_FRAMES);
  private readonly reports = new Uint16Array(SYNC_WINDOW_FRAMES);

  published(frame: number, presentAtS: number): void {
    const i = frame % SYNC_WINDOW_FRAMES;
    this.frame[i] = frame;
    this.presentAtS[i] = presentAtS;
    this.reports[i] = 0;
  }

  /** What the engine meant for `frame`, if it is recent. */
  presentAtOf(frame: number): number | undefined {
    const i = frame % SYNC_WINDOW_FRAMES;
    return this.frame[i] === frame ? this.presentAtS[i] : undefined;
  }

  presented(frame: number, screenAtS: number): void {
    const i = frame % SYNC_WINDOW_FRAMES;
    if (this.frame[i] !== frame) return;
    if (this.reports[i] === 0 || screenAtS < this.minS[i]!) this.minS[i] = screenAtS;
    if (this.reports[i] === 0 || screenAtS > this.maxS[i]!) this.maxS[i] = screenAtS;
    this.reports[i] = this.reports[i]! + 1;
  }

  summary(): PresentSyncSummary {
    const skews: number[] = [];
    for (let i = 0; i < SYNC_WINDOW_FRAMES; i++) if (this.frame[i]! >= 0 && this.reports[i]! >= 2) skews.push((this.maxS[i]! - this.minS[i]!) * 1000);
    skews.sort((a, b) => a - b);
    const at = (q: number) => (skews.length ? Math.round(skews[Math.min(skews.length - 1, Math.ceil(q * skews.length) - 1)]! * 100) / 100 : null);
    return { frames: skews.length, skewMsP50: at(0.5), skewMsP99: at(0.99) };
  }
}
