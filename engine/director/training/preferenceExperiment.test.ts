import { beforeAll, describe, expect, it } from 'vitest';
import { initTfBackend } from '../model/backend.ts';
import { DEFAULT_MODEL_DIR } from '../model/ModelSuggestionSource.ts';
import { SuggestionModel } from '../model/SuggestionModel.ts';
import { acceptableKinds, ORBIT_AND_PUSH_IN_LOVER, runPreferenceExperiment } from './preferenceExperiment.ts';
import { generateSituations } from './shotGrammar.ts';

describe('preference experiment', () => {
  let model: SuggestionModel;
  beforeAll(async () => {
    await initTfBackend();
    model = await SuggestionModel.load(DEFAULT_MODEL_DIR);
  });

  it('the simulated director never accepts a hated kind', () => {
    for (const s of generateSituations(500, 3)) {
      const ok = acceptableKinds(s, ORBIT_AND_PUSH_IN_LOVER);
      expect(ok.has('pan') || ok.has('roll')).toBe(false);
      expect(ok.size).toBeGreaterThan(0);
    }
  });

  it('PreferenceRanker adapting online raises top-1 acceptance over the base model', () => {
    const r = runPreferenceExperiment(model, { count: 200, seed: 2024 });
    expect(r.adaptedTop1Acceptance).toBeGreaterThan(r.baseTop1Acceptance + 0.05);
    expect(r.adaptedTop1AcceptanceSecondHalf).toBeGreaterThan(r.baseTop1AcceptanceSecondHalf);
    expect(r.finalWeights.pan).toBeLessThan(0);
    expect(r.finalWeights['push-in']).toBeGreaterThan(0);
  });
});
