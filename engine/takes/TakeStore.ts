// Takes on disk: <dataDir>/takes/<takeId>/manifest.json and records.vptk. Lists and reads them, and on start cuts a
// take an unclean stop left `recording` at its last good record and marks it `recovered`.
import { mkdirSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AuditRecordWire } from '../protocol/audit.ts';
import type { TakeFrame, TakeManifest } from './TakeFrame.ts';
import { decodeRecords, RECORD_TYPE } from './takeRecords.ts';

export const MANIFEST_FILE = 'manifest.json';
export const RECORDS_FILE = 'records.vptk';

const ManifestSchema = z.object({
  id: z.string().min(1).max(128),
  slate: z.string().max(64),
  takeNumber: z.number().int().min(1),
  description: z.string().max(2000),
  state: z.enum(['recording', 'complete', 'recovered', 'failed']),
  note: z.string().max(2000).optional(),
  fps: z.number().positive(),
  timecodeIn: z.string(),
  timecodeOut: z.string().nullable(),
  firstFrame: z.number().int(),
  frameCount: z.number().int().min(0),
  durationS: z.number().min(0),
  sceneId: z.string(),
  stageName: z.string(),
  engineVersion: z.string(),
  modelVersion: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  corruptRegions: z.number().int().min(0),
});

export interface TakeContents {
  manifest: TakeManifest;
  frames: TakeFrame[];
  /** With `takeFrame`: the frame on the walls when the record was made. */
  audit: (AuditRecordWire & { takeFrame?: number })[];
  /** Damaged regions skipped while reading (and records that were not valid JSON). */
  corruptRegions: number;
}

/** What takeIdFor makes: letters, digits, `_` and `-`, nothing a path could climb with. */
export const TAKE_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** A take id safe as a folder name: slate, take number and start time. */
export function takeIdFor(slate: string, takeNumber: number, startedAt: Date): string {
  const safe = slate.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40) || 'take';
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${safe}-T${String(takeNumber).padStart(2, '0')}-${stamp}`;
}

export class TakeStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'takes');
    mkdirSync(this.dir, { recursive: true });
  }

  /** The take's folder; an id that is not a take id (`..`, a slash) throws, so no caller can leave the takes folder. */
  folder(takeId: string): string {
    if (!TAKE_ID_PATTERN.test(takeId)) throw Object.assign(new Error(`VP_ERR_UNKNOWN_TAKE: no take "${takeId.slice(0, 64)}"`), { code: 'VP_ERR_UNKNOWN_TAKE' });
    return path.join(this.dir, takeId);
  }

  /** Manifests of every readable take, newest first; unreadable folders are skipped. */
  async list(): Promise<TakeManifest[]> {
    const out: TakeManifest[] = [];
    for (const entry of await readdir(this.dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const m = await this.manifest(entry.name).catch(() => undefined);
      if (m) out.push(m);
    }
    return out.sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  }

  async manifest(takeId: string): Promise<TakeManifest> {
    if (!/^[A-Za-z0-9_.-]+$/.test(takeId) || takeId.startsWith('.')) throw new Error(`VP_ERR_UNKNOWN_TAKE: ${takeId}`);
    const text = await readFile(path.join(this.folder(takeId), MANIFEST_FILE), 'utf8').catch(() => {
      throw new Error(`VP_ERR_UNKNOWN_TAKE: no take ${takeId}`);
    });
    return ManifestSchema.parse(JSON.parse(text)) as TakeManifest;
  }

  /**
   * Writes a manifest atomically (temp file, then rename): a crash never leaves half a manifest. On a full disk there
   * is no room for the second copy, so the manifest is rewritten in its own block instead: how a take ended (failed,
   * ENOSPC) is then on the disk that stopped it. A take folder deleted mid-take is made again for it.
   */
  async writeManifest(m: TakeManifest): Promise<void> {
    const folder = this.folder(m.id);
    const file = path.join(folder, MANIFEST_FILE);
    const text = JSON.stringify(m, null, 2) + '\n';
    await mkdir(folder, { recursive: true });
    try {
      await writeFile(`${file}.tmp`, text);
      await rename(`${file}.tmp`, file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOSPC' && code !== 'EDQUOT') throw err;
      await rm(`${file}.tmp`, { force: true });
      const handle = await open(file, 'r+');
      try {
        await handle.write(text, 0);
        await handle.truncate(Buffer.byteLength(text));
      } finally {
        await handle.close();
      }
    }
  }

  /** The next take number for `slate`: one more than the highest recorded. */
  async nextTakeNumber(slate: string): Promise<number> {
    return 1 + Math.max(0, ...(await this.list()).filter((m) => m.slate === slate).map((m) => m.takeNumber));
  }

  async read(takeId: string): Promise<TakeContents> {
    const manifest = await this.manifest(takeId);
    const buf = await readFile(path.join(this.folder(takeId), RECORDS_FILE)).catch(() => Buffer.alloc(0));
    const decoded = decodeRecords(buf);
    const frames: TakeFrame[] = [];
    const audit: TakeContents['audit'] = [];
    let corrupt = decoded.corruptRegions;
    for (const r of decoded.records) {
      try {
        const value: unknown = JSON.parse(r.payload.toString('utf8'));
        if (r.type === RECORD_TYPE.frame) frames.push(value as TakeFrame);
        else audit.push(value as AuditRecordWire);
      } catch {
        corrupt++; // a checksum-valid record we could not parse: written by a broken engine, counted all the same
      }
    }
    return { manifest: { ...manifest, corruptRegions: corrupt }, frames, audit, corruptRegions: corrupt };
  }

  /** Takes left `recording` by an unclean stop: cut at the last good record, summarised from it, marked recovered. */
  async recover(): Promise<TakeManifest[]> {
    const recovered: TakeManifest[] = [];
    for (const m of await this.list()) {
      if (m.state !== 'recording') continue;
      const file = path.join(this.folder(m.id), RECORDS_FILE);
      const buf = await readFile(file).catch(() => Buffer.alloc(0));
      const decoded = decodeRecords(buf);
      if (decoded.goodEnd < buf.length) await truncate(file, decoded.goodEnd);
      const { frames, corruptRegions } = await this.read(m.id);
      const last = frames.at(-1);
      const fixed: TakeManifest = {
        ...m,
        state: 'recovered',
        note: `recovered after an unclean stop: ${frames.length} frames kept, ${buf.length - decoded.goodEnd} torn bytes cut, ${corruptRegions} damaged regions skipped`,
        frameCount: frames.length,
        firstFrame: frames[0]?.frame ?? m.firstFrame,
        timecodeIn: frames[0]?.timecode ?? m.timecodeIn,
        timecodeOut: last?.timecode ?? m.timecodeIn,
        durationS: frames.length / m.fps,
        endedAt: new Date().toISOString(),
        corruptRegions,
      };
      await this.writeManifest(fixed);
      recovered.push(fixed);
    }
    return recovered;
  }
}
