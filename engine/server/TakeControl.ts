// Takes in the running engine: records frames and audit records into the take store, plays takes back on the walls,
// and reports both in every frame (`take`). The tick calls `beforeCompose`-free hooks only: capture and status.
import type { FrameSnapshot } from '../frame/FrameSnapshot.ts';
import type { ReplaySource } from '../frame/FrameComposer.ts';
import type { Logger } from '../log/createLogger.ts';
import type { AuditEntry, AuditRecordWire } from '../protocol/audit.ts';
import type { EventMessage } from '../protocol/LiveMessages.ts';
import type { TakeManifestWire, TakePlaybackWire } from '../protocol/takes.ts';
import type { TakeFrame } from '../takes/TakeFrame.ts';
import { TakePlayer, type PlayOptions } from '../takes/TakePlayer.ts';
import { TakeRecorder, type TakeStartOptions } from '../takes/TakeRecorder.ts';
import { TakeStore } from '../takes/TakeStore.ts';

export interface TakeControlOptions {
  dataDir: string;
  fps: number;
  log: Logger;
  context: () => { sceneId: string; stageName: string; engineVersion: string; modelVersion: string | null };
  /** The frame and timecode now: where a take starts. */
  now: () => { frame: number; timecode: string };
  audit: (entry: AuditEntry) => AuditRecordWire;
  broadcast: (message: EventMessage) => void;
  recordsFile?: (takeId: string) => string;
}

export class TakeControl implements ReplaySource {
  readonly store: TakeStore;
  readonly recorder: TakeRecorder;
  private readonly player = new TakePlayer();
  private shown: TakeFrame | null = null;
  /** The playing take as it was when `shown` was taken (the last frame of a take ends playback as it is shown). */
  private shownState: ReturnType<TakePlayer['state']> = null;
  /**
   * A start still opening its files: the recorder only knows it records once they are open, so a second `take.start`
   * in the same tick would pass its check too and leave one take's file handle and flush timer behind forever.
   */
  private starting = false;

  constructor(private readonly options: TakeControlOptions) {
    this.store = new TakeStore(options.dataDir);
    this.recorder = new TakeRecorder({
      store: this.store,
      fps: options.fps,
      context: options.context,
      ...(options.recordsFile && { recordsFile: options.recordsFile }),
      onFailed: (m, err) => {
        options.log.error({ err, takeId: m.id }, 'take recording failed: stopped, the show goes on');
        options.broadcast({ type: 'event', name: 'take.failed', data: m });
      },
    });
  }

  /** On start: takes an unclean stop left recording are cut at their last good record and marked recovered. */
  async recover(): Promise<TakeManifestWire[]> {
    const recovered = await this.store.recover();
    for (const m of recovered) this.options.log.warn({ takeId: m.id, note: m.note }, 'take recovered');
    return recovered;
  }

  async start(opts: TakeStartOptions, actor: AuditEntry['actor']): Promise<TakeManifestWire> {
    if (this.starting) throw new Error('VP_ERR_TAKE_RECORDING: a take is starting; stop it first');
    const { frame, timecode } = this.options.now();
    this.starting = true;
    const m = await this.recorder.start(opts, frame + 1, timecode).finally(() => (this.starting = false));
    this.options.audit({ type: 'take.started', actor, data: { takeId: m.id, slate: m.slate, takeNumber: m.takeNumber } });
    this.options.broadcast({ type: 'event', name: 'take.started', data: m });
    return m;
  }

  async stop(actor: AuditEntry['actor']): Promise<TakeManifestWire> {
    const id = this.recorder.current?.id;
    if (id) this.options.audit({ type: 'take.stopped', actor, data: { takeId: id } }); // into the take, as its last record
    const m = await this.recorder.stop();
    this.options.broadcast({ type: 'event', name: 'take.stopped', data: m });
    return m;
  }

  async play(takeId: string, opts: PlayOptions): Promise<TakePlaybackWire> {
    const { manifest, frames } = await this.store.read(takeId);
    return this.player.play(manifest, frames, opts);
  }

  pause = (): TakePlaybackWire => this.player.pause();
  resume = (): TakePlaybackWire => this.player.resume();
  seek = (frame: number): TakePlaybackWire => this.player.seek(frame);
  stopPlayback(): void {
    this.player.stop();
  }

  /** ReplaySource: the recorded frame for this tick while a take plays. */
  next(): TakeFrame | null {
    this.shownState = this.player.state();
    this.shown = this.player.next();
    return this.shown;
  }

  /** The tick, after composing: the frame goes into a recording take, and `snap.take` says what records and plays. */
  afterCompose(snap: FrameSnapshot, sceneId: string): void {
    this.recorder.capture(snap, sceneId);
    const rec = this.recorder.current;
    snap.take.recording = rec ? { takeId: rec.id, slate: rec.slate, takeNumber: rec.takeNumber, frames: this.recorder.capturedFrames } : null;
    const play = this.shownState;
    snap.take.playback = play && this.shown ? { takeId: play.takeId, status: play.status, index: this.player.shown, frameCount: play.frameCount, frame: this.shown.frame, timecode: this.shown.timecode } : null;
  }

  /** Every audit record: a recording take keeps a copy. */
  onAudit(record: AuditRecordWire): void {
    this.recorder.audit(record);
  }

  async close(): Promise<void> {
    if (this.recorder.current) await this.recorder.stop().catch(() => {});
  }
}
