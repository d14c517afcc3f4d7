// Plays a recorded take back as the engine's tracking (source `take:<id>`): one recorded frame per engine tick at
// speed 1, so the walls and consoles get the recorded poses and lenses frame for frame, exactly as recorded.
import type { TakeFrame, TakeManifest } from './TakeFrame.ts';

export type PlaybackStatus = 'playing' | 'paused';

export interface PlaybackState {
  takeId: string;
  sourceId: string;
  status: PlaybackStatus;
  /** Index into the take's frames of the frame on the walls. */
  index: number;
  frameCount: number;
  speed: number;
  loop: boolean;
}

export interface PlayOptions {
  fromFrame?: number;
  speed?: number;
  loop?: boolean;
}

export class TakePlayer {
  private manifest: TakeManifest | null = null;
  private frames: readonly TakeFrame[] = [];
  private position = 0; // fractional index
  private status: PlaybackStatus = 'paused';
  private speed = 1;
  private loop = false;
  /** Index of the frame the last `next()` returned. */
  private shownIndex = 0;

  get active(): boolean {
    return this.manifest !== null;
  }

  /** Starts `frames` of `manifest` from `fromFrame` (a take frame number, default its first). */
  play(manifest: TakeManifest, frames: readonly TakeFrame[], options: PlayOptions = {}): PlaybackState {
    if (frames.length === 0) throw new Error(`VP_ERR_EMPTY_TAKE: take ${manifest.id} has no frames`);
    this.manifest = manifest;
    this.frames = frames;
    this.speed = options.speed ?? 1;
    this.loop = options.loop ?? false;
    this.position = options.fromFrame === undefined ? 0 : this.indexOf(options.fromFrame);
    this.status = 'playing';
    return this.state()!;
  }

  pause(): PlaybackState {
    this.require();
    this.status = 'paused';
    return this.state()!;
  }

  resume(): PlaybackState {
    this.require();
    this.status = 'playing';
    return this.state()!;
  }

  /** To a take frame number (paused or playing, as it was). */
  seek(frame: number): PlaybackState {
    this.require();
    this.position = this.indexOf(frame);
    return this.state()!;
  }

  stop(): void {
    this.manifest = null;
    this.frames = [];
  }

  /** The frame for this tick, then one tick's worth of playback; null when nothing plays (it ended: live again). */
  next(): TakeFrame | null {
    if (!this.manifest) return null;
    this.shownIndex = Math.min(this.frames.length - 1, Math.floor(this.position));
    const frame = this.frames[this.shownIndex]!;
    if (this.status === 'playing') {
      this.position += this.speed;
      if (this.position >= this.frames.length) {
        if (this.loop) this.position %= this.frames.length;
        else {
          const last = frame;
          this.stop();
          return last;
        }
      }
    }
    return frame;
  }

  /** Index of the frame on the walls now (the last `next()`), not of the one coming. */
  get shown(): number {
    return this.shownIndex;
  }

  state(): PlaybackState | null {
    if (!this.manifest) return null;
    return { takeId: this.manifest.id, sourceId: `take:${this.manifest.id}`, status: this.status, index: Math.floor(this.position), frameCount: this.frames.length, speed: this.speed, loop: this.loop };
  }

  private indexOf(frame: number): number {
    const i = this.frames.findIndex((f) => f.frame >= frame);
    return i < 0 ? this.frames.length - 1 : i;
  }

  private require(): void {
    if (!this.manifest) throw new Error('VP_ERR_NOT_PLAYING: no take is playing');
  }
}
