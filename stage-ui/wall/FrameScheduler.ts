// Which engine frame a render node shows at a display refresh: the newest one whose presentation time has come by
// the time this refresh reaches the screen, so every node shows the same frame at the same instant (within its clock
// error) however early or late each received it. Pure: tested by hand.

export interface ScheduledFrame {
  frame: number;
  /** Engine time the frame is meant to be on screen, s. */
  presentAtS: number;
}

/** Frames held waiting for their time: more than a few means the node is far behind, and old ones are worthless. */
export const MAX_QUEUED_FRAMES = 8;

export class FrameScheduler<F extends ScheduledFrame> {
  private readonly queue: F[] = [];
  private lastShown = -1;
  /** Frames that were due but never shown (a newer one was due at the same refresh, or the queue overflowed). */
  dropped = 0;

  /** A frame from the engine; older than the one on screen, or already queued, it is ignored. */
  push(f: F): void {
    if (f.frame <= this.lastShown || this.queue.some((q) => q.frame === f.frame)) return;
    let at = this.queue.length;
    while (at > 0 && this.queue[at - 1]!.frame > f.frame) at--;
    this.queue.splice(at, 0, f);
    if (this.queue.length > MAX_QUEUED_FRAMES) {
      this.queue.shift();
      this.dropped++;
    }
  }

  /**
   * The frame to draw for a refresh that reaches the screen at engine time `displayAtS`, or null to keep what is
   * shown. Without a clock estimate yet (`null`), the newest frame, as a node did before it could schedule.
   */
  pick(displayAtS: number | null): F | null {
    if (this.queue.length === 0) return null;
    let due = -1;
    if (displayAtS === null) due = this.queue.length - 1;
    else for (let i = 0; i < this.queue.length; i++) if (this.queue[i]!.presentAtS <= displayAtS) due = i;
    if (due < 0) return null;
    const f = this.queue[due]!;
    this.dropped += due;
    this.queue.splice(0, due + 1);
    this.lastShown = f.frame;
    return f;
  }

  /** After a reconnect the engine's frame numbers may restart: forget what was shown. */
  reset(): void {
    this.queue.length = 0;
    this.lastShown = -1;
  }

  get queued(): number {
    return this.queue.length;
  }
}
