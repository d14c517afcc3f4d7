import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTakeFixture } from '../../takes/export/takeFixture.ts';
import { encodeRecord, RECORD_TYPE } from '../../takes/takeRecords.ts';
import { RECORDS_FILE, TakeStore } from '../../takes/TakeStore.ts';
import { initTfBackend } from '../model/backend.ts';
import { DEFAULT_MODEL_DIR } from '../model/ModelSuggestionSource.ts';
import { SuggestionModel } from '../model/SuggestionModel.ts';
import { evalTake } from './evalTake.ts';

let model: SuggestionModel;
let dataDir: string;
beforeAll(async () => {
  await initTfBackend();
  model = await SuggestionModel.load(DEFAULT_MODEL_DIR);
  dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-evaltake-'));
});
afterAll(async () => {
  model.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

describe('evalTake', () => {
  it('replays each decision of a recorded take through the model on its recorded frame', async () => {
    const { manifest, frames } = buildTakeFixture();
    for (const f of frames) f.subjects = [{ id: 'ana', position: [0.5, 1.2, -3], stale: false }];
    const store = new TakeStore(dataDir);
    await mkdir(store.folder(manifest.id), { recursive: true });
    await store.writeManifest(manifest);
    const actor = { kind: 'human', role: 'director', clientId: 'c1' };
    const records = [
      ...frames.map((f) => encodeRecord(RECORD_TYPE.frame, Buffer.from(JSON.stringify(f)))),
      encodeRecord(RECORD_TYPE.audit, Buffer.from(JSON.stringify({ seq: 1, at: '', tS: frames[10]!.timeS, type: 'suggestion.accepted', actor, data: { kind: 'push-in' } }))),
      encodeRecord(RECORD_TYPE.audit, Buffer.from(JSON.stringify({ seq: 2, at: '', tS: frames[30]!.timeS, type: 'suggestion.rejected', actor, data: { kind: 'roll' } }))),
      encodeRecord(RECORD_TYPE.audit, Buffer.from(JSON.stringify({ seq: 3, at: '', tS: frames[31]!.timeS, type: 'move.finished', actor, data: {} }))),
    ];
    await writeFile(path.join(store.folder(manifest.id), RECORDS_FILE), Buffer.concat(records));
    const r = await evalTake(model, dataDir, manifest.id, path.resolve('scenes'));
    expect(r.decisions).toBe(2); // move.finished is not a decision on a suggestion
    expect(r.replays.map((x) => [x.frame, x.decision, x.kind])).toEqual([
      [frames[10]!.frame, 'suggestion.accepted', 'push-in'],
      [frames[30]!.frame, 'suggestion.rejected', 'roll'],
    ]);
    for (const x of r.replays) expect(x.nowTop3.length).toBeGreaterThan(0);
    expect(r.keptAgreement).toBe(r.replays[0]!.nowTop3.includes('push-in') ? 1 : 0);
    expect(r.rejectedStillFirst).toBe(r.replays[1]!.nowTop3[0] === 'roll' ? 1 : 0);
  });
});
