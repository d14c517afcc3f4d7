import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODEL_KINDS } from '../model/modelKinds.ts';
import { initTfBackend } from '../model/backend.ts';
import { encodeFeatures, FEATURE_COUNT } from '../model/features.ts';
import { PARAM_COUNT, paramOffset } from '../model/moveParams.ts';
import type { DecisionRecord } from '../model/PreferenceRanker.ts';
import { SuggestionModel } from '../model/SuggestionModel.ts';
import { decisionsToDataset, fineTuneOnDecisions, readDecisionDir } from './fineTuneOnDecisions.ts';
import { fitSuggestionModel } from './fitSuggestionModel.ts';
import { generateSituations } from './shotGrammar.ts';
import { datasetFromSituations } from './SuggestionDataset.ts';

describe('fineTuneOnDecisions', () => {
  beforeAll(async () => {
    await initTfBackend();
  });

  const f = Array.from(encodeFeatures(generateSituations(1, 5)[0]!.input, new Float32Array(FEATURE_COUNT)));
  const records: DecisionRecord[] = [
    { features: f, suggestedKind: 'pan', decision: 'rejected', finalKind: 'pan' },
    { features: f, suggestedKind: 'hold', decision: 'modified', finalKind: 'orbit', finalParams: { kind: 'orbit', angleRad: 0.5, durationS: 6, easing: 'ease-in-out' } },
    { features: f, suggestedKind: 'push-in', decision: 'accepted', finalKind: 'push-in' },
  ];

  it('turns accepted and modified decisions into rows (rejections are the ranker’s job)', () => {
    const ds = decisionsToDataset(records, 2);
    expect(ds.size).toBe(4);
    expect(Array.from(ds.kinds)).toEqual([MODEL_KINDS.indexOf('orbit'), MODEL_KINDS.indexOf('orbit'), MODEL_KINDS.indexOf('push-in'), MODEL_KINDS.indexOf('push-in')]);
    expect(ds.paramMask[paramOffset('orbit')]).toBe(1); // the director's angle is a target
    expect(ds.paramMask.subarray(2 * PARAM_COUNT, 3 * PARAM_COUNT).every((m) => m === 0)).toBe(true); // accepted without params: kind only
  });

  it('moves the model towards what the director chose', async () => {
    const model = SuggestionModel.create({ seed: 4 });
    await fitSuggestionModel(model, datasetFromSituations(generateSituations(1000, 6)), { epochs: 2, batchSize: 64 });
    const orbit = MODEL_KINDS.indexOf('orbit');
    const before = model.predict(f).kindProbabilities[orbit] as number;
    const many = Array.from({ length: 40 }, () => records[1] as DecisionRecord);
    const result = await fineTuneOnDecisions(model, many, { epochs: 2, generatedSamples: 600, seed: 8 });
    expect(result.decisionRows).toBe(160);
    expect(model.predict(f).kindProbabilities[orbit]).toBeGreaterThan(before);
    model.dispose();
  }, 30_000);

  it('reads every .jsonl file of a folder, skipping invalid lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vantage-decisions-'));
    try {
      await writeFile(join(dir, 'a.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
      await writeFile(join(dir, 'b.jsonl'), '{"broken": true}\n');
      await writeFile(join(dir, 'notes.txt'), 'ignored');
      expect(await readDecisionDir(dir)).toMatchObject({ files: 2, skipped: 1, records: records });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
