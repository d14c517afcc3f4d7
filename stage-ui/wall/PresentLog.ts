// What a render node put on screen and when, for benchmarks and tests to read back (`vantageWall.presentLog()`):
// a fixed ring, nothing allocated per frame.

/** Two minutes at 50 fps. */
export const PRESENT_LOG_FRAMES = 6000;

export class PresentLog {
  private readonly frames = new Float64Array(PRESENT_LOG_FRAMES);
  private readonly atUnixMs = new Float64Array(PRESENT_LOG_FRAMES);
  private readonly focal = new Float64Array(PRESENT_LOG_FRAMES);
  private count = 0;

  push(frame: number, atUnixMs: number, focalLengthMm: number): void {
    const i = this.count % PRESENT_LOG_FRAMES;
    this.frames[i] = frame;
    this.atUnixMs[i] = atUnixMs;
    this.focal[i] = focalLengthMm;
    this.count++;
  }

  /** Oldest first. */
  read(): { frames: number[]; atUnixMs: number[]; focalLengthMm: number[] } {
    const n = Math.min(this.count, PRESENT_LOG_FRAMES);
    const start = this.count - n;
    const out = { frames: [] as number[], atUnixMs: [] as number[], focalLengthMm: [] as number[] };
    for (let k = start; k < this.count; k++) {
      const i = k % PRESENT_LOG_FRAMES;
      out.frames.push(this.frames[i]!);
      out.atUnixMs.push(this.atUnixMs[i]!);
      out.focalLengthMm.push(this.focal[i]!);
    }
    return out;
  }
}
