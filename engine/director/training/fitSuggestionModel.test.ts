import { beforeAll, describe, expect, it } from 'vitest';
import { initTfBackend } from '../model/backend.ts';
import { FEATURE_COUNT } from '../model/features.ts';
import { SuggestionModel } from '../model/SuggestionModel.ts';
import { fitSuggestionModel, type EpochLogs } from './fitSuggestionModel.ts';
import { randomDirector } from './randomDirector.ts';
import { modelRankings, scoreRankings } from './scoreDirectors.ts';
import { SeededRandom } from './SeededRandom.ts';
import { generateSituations } from './shotGrammar.ts';
import { datasetFromSituations } from './SuggestionDataset.ts';

describe('fitSuggestionModel', () => {
  beforeAll(async () => {
    await initTfBackend();
  });

  it('a model trained here on 2000 generated situations lowers every loss and beats the random baseline', async () => {
    const model = SuggestionModel.create({ seed: 3 });
    const untrainedVersion = model.modelVersion;
    const ds = datasetFromSituations(generateSituations(2000, 101));
    const batchesPerEpoch = Math.ceil(ds.size / 64);
    const batchCalls: [number, number][] = [];
    const epochCalls: [number, EpochLogs][] = [];
    const history = await fitSuggestionModel(model, ds, {
      epochs: 6,
      batchSize: 64,
      learningRate: 5e-3,
      seed: 3,
      onBatch: (done, total) => batchCalls.push([done, total]),
      onEpoch: (epoch, logs) => void epochCalls.push([epoch, logs]),
    });
    expect(history).toHaveLength(6);
    for (const l of history) {
      for (const x of [l.loss, l.kindLoss, l.paramLoss]) expect(Number.isFinite(x) && x >= 0).toBe(true);
      expect(l.loss).toBeCloseTo(l.kindLoss + l.paramLoss, 5); // paramLossWeight defaults to 1
    }
    const first = history[0]!;
    const last = history[5]!;
    expect(last.kindLoss).toBeLessThan(first.kindLoss);
    expect(last.paramLoss).toBeLessThan(first.paramLoss);
    expect(last.loss).toBeLessThan(first.loss);
    // Progress callbacks: every epoch once with the logs it returns, every batch once, counting up to the total.
    expect(epochCalls).toEqual(history.map((l, i) => [i, l]));
    expect(batchCalls).toEqual(Array.from({ length: 6 * batchesPerEpoch }, (_, i) => [i + 1, 6 * batchesPerEpoch]));
    expect(model.modelVersion).toMatch(/^vantage-director-\d{8}-[0-9a-f]{8}$/);
    expect(model.modelVersion).not.toBe(untrainedVersion);
    const heldOut = generateSituations(1000, 102);
    const trained = scoreRankings(heldOut, modelRankings(model, heldOut));
    const rng = new SeededRandom(5);
    const random = scoreRankings(heldOut, heldOut.map(() => randomDirector(rng)));
    expect(trained.top1).toBeGreaterThan(random.top1 + 0.2);
    expect(trained.top3).toBeGreaterThan(random.top3 + 0.2);
    model.dispose();
  });

  it('replays exactly from its seeds: same data, options and init give the same losses, weights and weights hash', async () => {
    const ds = datasetFromSituations(generateSituations(300, 11));
    const run = async (): Promise<{ history: EpochLogs[]; out: number[]; version: string }> => {
      const model = SuggestionModel.create({ seed: 4 });
      const history = await fitSuggestionModel(model, ds, { epochs: 2, batchSize: 32, seed: 8 });
      const out = Array.from(model.predict(new Float32Array(FEATURE_COUNT).fill(0.2)).kindProbabilities);
      const version = model.modelVersion;
      model.dispose();
      return { history: history.map((l) => ({ ...l, seconds: 0 })), out, version };
    };
    const a = await run();
    const b = await run();
    expect(b.history).toEqual(a.history);
    expect(b.out).toEqual(a.out);
    expect(b.version.slice(-8)).toBe(a.version.slice(-8)); // the weights hash; the date part is today's
  });
});
