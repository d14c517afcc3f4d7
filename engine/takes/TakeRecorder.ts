// Records a take: the tick hands each frame to a preallocated ring (TakeFrameRing), audit records queue beside it,
// and a writer drains both every FLUSH_MS into the take's append-only record file, off the tick path. A write error
// (or the file deleted under it) ends the take as `failed` with the error, keeping its whole records; the engine and
// the walls carry on.
import { open, type FileHandle } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FrameSnapshot } from '../frame/FrameSnapshot.ts';
import type { AuditRecordWire } from '../protocol/audit.ts';
import type { TakeFrame, TakeManifest } from './TakeFrame.ts';
import { TakeFrameRing } from './TakeFrameRing.ts';
import { encodeRecord, RECORD_TYPE } from './takeRecords.ts';
import { RECORDS_FILE, takeIdFor, type TakeStore } from './TakeStore.ts';

/** The writer's period: a SIGKILL loses at most this much (plus one write in flight), ms. */
export const FLUSH_MS = 50;

export interface TakeStartOptions {
  slate?: string;
  takeNumber?: number;
  description?: string;
}

export interface TakeRecorderOptions {
  store: TakeStore;
  fps: number;
  /** What the manifest says about the engine at the start of a take. */
  context: () => { sceneId: string; stageName: string; engineVersion: string; modelVersion: string | null };
  /** The record file of a take (default: records.vptk in its folder). */
  recordsFile?: (takeId: string) => string;
  /** The take ended by itself (a write error): the engine tells the consoles. */
  onFailed?: (manifest: TakeManifest, err: unknown) => void;
}

export class TakeRecorder {
  private readonly ring = new TakeFrameRing();
  private readonly pendingAudit: (AuditRecordWire & { takeFrame: number })[] = [];
  private readonly drained: TakeFrame[] = [];
  private take: TakeManifest | null = null;
  private file: FileHandle | null = null;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  /** Frames written to the file this take, and the file's length after the last whole write, bytes. */
  private written = 0;
  private goodBytes = 0;
  /** Frames captured this take, and the last one's number (audit records are stamped with it). */
  private captured = 0;
  private lastFrame = 0;

  constructor(private readonly options: TakeRecorderOptions) {}

  /** The take being recorded (its manifest as of the last flush), or null. */
  get current(): Readonly<TakeManifest> | null {
    return this.take;
  }

  /** Frames captured so far this take (written or waiting in the ring). */
  get capturedFrames(): number {
    return this.captured;
  }

  get droppedFrames(): number {
    return this.ring.dropped;
  }

  async start(opts: TakeStartOptions, firstFrame: number, timecodeIn: string): Promise<TakeManifest> {
    if (this.take) throw new Error(`VP_ERR_TAKE_RECORDING: take ${this.take.id} is recording; stop it first`);
    const { store } = this.options;
    const slate = opts.slate ?? 'A001';
    const takeNumber = opts.takeNumber ?? (await store.nextTakeNumber(slate));
    const startedAt = new Date();
    const ctx = this.options.context();
    const id = takeIdFor(slate, takeNumber, startedAt);
    const manifest: TakeManifest = {
      id, slate, takeNumber, description: opts.description ?? '', state: 'recording',
      fps: this.options.fps, timecodeIn, timecodeOut: null, firstFrame, frameCount: 0, durationS: 0,
      sceneId: ctx.sceneId, stageName: ctx.stageName, engineVersion: ctx.engineVersion, modelVersion: ctx.modelVersion,
      startedAt: startedAt.toISOString(), endedAt: null, corruptRegions: 0,
    };
    await mkdir(store.folder(id), { recursive: true });
    const file = await open(this.options.recordsFile?.(id) ?? path.join(store.folder(id), RECORDS_FILE), 'a');
    await store.writeManifest(manifest);
    this.take = manifest;
    this.file = file;
    this.written = 0;
    this.goodBytes = (await file.stat()).size;
    this.captured = 0;
    this.ring.clear();
    this.pendingAudit.length = 0;
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    return { ...manifest };
  }

  /** The tick: copies the frame into the ring (nothing else happens on the tick path). */
  capture(snap: FrameSnapshot, sceneId: string): void {
    const take = this.take;
    if (!take) return;
    if (this.captured === 0) {
      // The take starts at its first captured frame (opening the file took a few ticks).
      take.firstFrame = snap.frame;
      take.timecodeIn = snap.timecode;
    }
    this.ring.push(snap, sceneId);
    this.captured++;
    this.lastFrame = snap.frame;
  }

  /** An audit record while recording: it goes into the take at the frame it happened. */
  audit(record: AuditRecordWire): void {
    // Stamped with the frame on the walls when it happened: audit times are on the wall clock, frames on the frame clock.
    if (this.take) this.pendingAudit.push({ ...record, takeFrame: this.captured > 0 ? this.lastFrame : this.take.firstFrame });
  }

  async stop(): Promise<TakeManifest> {
    const take = this.take;
    if (!take) throw new Error('VP_ERR_NOT_RECORDING: no take is recording');
    await this.flush();
    return this.finish(take.state === 'recording' ? 'complete' : take.state);
  }

  /** Drains the ring and the audit queue into the file; one write at a time. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.writeOnce());
    return this.writing;
  }

  private async writeOnce(): Promise<void> {
    const take = this.take;
    const file = this.file;
    if (!take || !file || take.state !== 'recording') return;
    this.drained.length = 0;
    this.ring.drain(this.drained);
    if (this.drained.length === 0 && this.pendingAudit.length === 0) return;
    const parts: Buffer[] = [];
    for (const f of this.drained) parts.push(encodeRecord(RECORD_TYPE.frame, Buffer.from(JSON.stringify(f))));
    for (const a of this.pendingAudit.splice(0)) parts.push(encodeRecord(RECORD_TYPE.audit, Buffer.from(JSON.stringify(a))));
    const bytes = Buffer.concat(parts);
    try {
      await writeAll(file, bytes);
      // A take folder deleted under us (a clean-up script, a disk swapped out) still takes writes, into a file nobody
      // can open again: the take would be lost without a word.
      if ((await file.stat()).nlink === 0) throw new Error(`VP_ERR_TAKE_FILE_GONE: ${RECORDS_FILE} was deleted while recording`);
    } catch (err) {
      await file.truncate(this.goodBytes).catch(() => {}); // whole records only; a full disk gets the torn one's bytes back
      take.state = 'failed';
      take.note = `recording stopped: ${(err as Error).message}`;
      await this.finish('failed').catch(() => {});
      this.options.onFailed?.({ ...take }, err);
      return;
    }
    this.goodBytes += bytes.length;
    this.written += this.drained.length;
    const last = this.drained.at(-1);
    if (last) {
      take.frameCount = this.written;
      take.timecodeOut = last.timecode;
      take.durationS = this.written / take.fps;
    }
  }

  private async finish(state: TakeManifest['state']): Promise<TakeManifest> {
    const take = this.take!;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.take = null;
    await this.file?.close().catch(() => {});
    this.file = null;
    const done: TakeManifest = { ...take, state, endedAt: new Date().toISOString() };
    if (this.ring.dropped > 0) done.note = `${done.note ? `${done.note}; ` : ''}${this.ring.dropped} frames dropped: the disk fell behind`;
    await this.options.store.writeManifest(done).catch(() => {});
    return done;
  }
}

/** FileHandle.write is one write(2): a disk filling up takes part of the buffer without an error; the next call says ENOSPC. */
async function writeAll(file: FileHandle, bytes: Buffer): Promise<void> {
  for (let at = 0; at < bytes.length; ) {
    const { bytesWritten } = await file.write(bytes, at, bytes.length - at);
    if (bytesWritten <= 0) throw new Error('VP_ERR_TAKE_WRITE: the disk took no bytes');
    at += bytesWritten;
  }
}
