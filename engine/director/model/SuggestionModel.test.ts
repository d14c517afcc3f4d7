import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_KINDS } from './modelKinds.ts';
import { initTfBackend } from './backend.ts';
import { FEATURE_COUNT, FEATURE_LAYOUT_VERSION } from './features.ts';
import { DEFAULT_MODEL_DIR } from './ModelSuggestionSource.ts';
import { SuggestionModel } from './SuggestionModel.ts';
import { fitSuggestionModel } from '../training/fitSuggestionModel.ts';
import { heuristicDirector } from '../training/heuristicDirector.ts';
import { modelRankings, scoreRankings } from '../training/scoreDirectors.ts';
import { generateSituations } from '../training/shotGrammar.ts';
import { datasetFromSituations } from '../training/SuggestionDataset.ts';

describe('SuggestionModel', () => {
  let tmp: string;
  beforeAll(async () => {
    await initTfBackend();
    tmp = await mkdtemp(join(tmpdir(), 'vantage-model-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('predict is synchronous, sums to 1, decodes every kind and leaks no tensors', () => {
    const model = SuggestionModel.create();
    const f = new Float32Array(FEATURE_COUNT).fill(0.1);
    model.predict(f); // warm-up
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      const p = model.predict(f);
      expect(p.kindProbabilities).toHaveLength(MODEL_KINDS.length);
      expect(p.kindProbabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(Object.keys(p.params).sort()).toEqual([...MODEL_KINDS].sort());
    }
    model.predictBatch(new Float32Array(FEATURE_COUNT * 8), 8);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('saves model.json + weights.bin + meta.json and loads them back to identical predictions', async () => {
    const model = SuggestionModel.create({ seed: 9 });
    await fitSuggestionModel(model, datasetFromSituations(generateSituations(300, 7)), { epochs: 1, batchSize: 64 });
    const meta = await model.save(tmp, { metrics: { note: 'test' } });
    expect(JSON.parse(await readFile(join(tmp, 'meta.json'), 'utf8'))).toEqual(meta);
    expect(meta.featureLayoutVersion).toBe(FEATURE_LAYOUT_VERSION);
    expect(meta.modelVersion).toBe(model.modelVersion);
    const modelJson = JSON.parse(await readFile(join(tmp, 'model.json'), 'utf8'));
    expect(modelJson.weightsManifest[0].paths).toEqual(['./weights.bin']);
    const loaded = await SuggestionModel.load(tmp);
    expect(loaded.modelVersion).toBe(model.modelVersion);
    const f = new Float32Array(FEATURE_COUNT).map((_, i) => Math.sin(i));
    expect(Array.from(loaded.predict(f).kindProbabilities)).toEqual(Array.from(model.predict(f).kindProbabilities));
    model.dispose();
    loaded.dispose();
  });

  it('the shipped weights load, stay small, and beat the heuristic on a held-out set', async () => {
    const model = await SuggestionModel.load(DEFAULT_MODEL_DIR);
    expect(model.modelVersion).toMatch(/^vantage-director-\d{8}-[0-9a-f]{8}$/);
    expect(model.meta?.featureLayoutVersion).toBe(FEATURE_LAYOUT_VERSION);
    expect(model.net.countParams() * 4).toBeLessThan(1024 * 1024);
    const heldOut = generateSituations(1000, 77_001); // not a training seed
    const shipped = scoreRankings(heldOut, modelRankings(model, heldOut));
    const heuristic = scoreRankings(heldOut, heldOut.map((s) => heuristicDirector(s.input)));
    expect(shipped.top1).toBeGreaterThan(heuristic.top1 + 0.1);
    expect(shipped.top3).toBeGreaterThan(heuristic.top3 + 0.1);
    expect(shipped.magnitudeMaeNormalised).toBeLessThan(heuristic.magnitudeMaeNormalised);
    model.dispose();
  });

  it('stampVersion names the model after the date and its current weights, the hash save writes', async () => {
    const model = SuggestionModel.create({ seed: 12 });
    expect(model.modelVersion).toBe('vantage-director-untrained-64x64');
    model.stampVersion(new Date('2024-03-05T12:00:00Z'));
    expect(model.modelVersion).toMatch(/^vantage-director-20240305-[0-9a-f]{8}$/);
    const stamped = model.modelVersion;
    expect((await model.save(tmp)).modelVersion).toBe(stamped); // same weights → same hash → save keeps the stamp
    model.dispose();
  });

  it('refuses weights trained on another feature layout', async () => {
    const model = SuggestionModel.create();
    await model.save(tmp);
    const metaPath = join(tmp, 'meta.json');
    const meta = JSON.parse(await readFile(metaPath, 'utf8'));
    await writeFile(metaPath, JSON.stringify({ ...meta, featureLayoutVersion: FEATURE_LAYOUT_VERSION + 1 }));
    await expect(SuggestionModel.load(tmp)).rejects.toThrow(/VP_ERR_MODEL_FEATURES/);
    model.dispose();
  });
});
