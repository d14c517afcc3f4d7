import { appendFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTakeFixture } from './export/takeFixture.ts';
import { encodeRecord, RECORD_TYPE } from './takeRecords.ts';
import { RECORDS_FILE, TakeStore } from './TakeStore.ts';

let dataDir: string;
beforeEach(async () => void (dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-takestore-'))));
afterEach(async () => rm(dataDir, { recursive: true, force: true }));

/** A take on disk as the recorder writes it: its manifest and every frame as a record. */
async function writeTake(state: 'recording' | 'complete') {
  const { manifest, frames } = buildTakeFixture();
  const store = new TakeStore(dataDir);
  await mkdir(store.folder(manifest.id), { recursive: true });
  await store.writeManifest({ ...manifest, state });
  const file = path.join(store.folder(manifest.id), RECORDS_FILE);
  const parts = frames.map((f) => encodeRecord(RECORD_TYPE.frame, Buffer.from(JSON.stringify(f))));
  await writeFile(file, Buffer.concat(parts));
  return { store, manifest, frames, file, parts };
}

describe('TakeStore', () => {
  it('reads back every frame exactly as written', async () => {
    const { store, manifest, frames } = await writeTake('complete');
    const read = await store.read(manifest.id);
    expect(read.frames).toEqual(frames);
    expect(read.corruptRegions).toBe(0);
    expect((await store.list()).map((m) => m.id)).toEqual([manifest.id]);
    await expect(store.read('../../etc')).rejects.toThrow(/VP_ERR_UNKNOWN_TAKE/);
  });

  it('flipped bytes in the middle of the file: the rest is read, the damage reported', async () => {
    const { store, manifest, frames, file, parts } = await writeTake('complete');
    const buf = await readFile(file);
    const at = parts.slice(0, 20).reduce((a, p) => a + p.length, 0) + 30; // inside frame 20's payload
    for (let i = 0; i < 8; i++) buf[at + i]! ^= 0xa5;
    await writeFile(file, buf);
    const read = await store.read(manifest.id);
    expect(read.frames.map((f) => f.frame)).toEqual(frames.filter((_, i) => i !== 20).map((f) => f.frame));
    expect(read.corruptRegions).toBe(1);
    expect(read.manifest.corruptRegions).toBe(1);
  });

  it('recovers a take an unclean stop left recording: cut at the last good record, summarised, marked recovered', async () => {
    const { store, manifest, frames, file } = await writeTake('recording');
    const good = (await stat(file)).size;
    await appendFile(file, encodeRecord(RECORD_TYPE.frame, Buffer.from(JSON.stringify(frames[0]))).subarray(0, 40)); // torn mid-write
    const [recovered] = await store.recover();
    expect(recovered).toMatchObject({ id: manifest.id, state: 'recovered', frameCount: frames.length, firstFrame: frames[0]!.frame, timecodeIn: frames[0]!.timecode, timecodeOut: frames.at(-1)!.timecode, corruptRegions: 0 });
    expect(recovered!.note).toMatch(/40 torn bytes cut/);
    expect((await stat(file)).size).toBe(good);
    expect((await store.manifest(manifest.id)).state).toBe('recovered');
    expect(await store.recover()).toEqual([]); // once
    expect(await store.nextTakeNumber(manifest.slate)).toBe(manifest.takeNumber + 1);
  });
});
