import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTfBackend } from '../model/backend.ts';
import { DEFAULT_MODEL_DIR } from '../model/ModelSuggestionSource.ts';
import { suggestMoves } from '../model/suggest.ts';
import { SuggestionModel } from '../model/SuggestionModel.ts';
import { framingShares, symmetricSituations } from './framingFairness.ts';

describe('fair framing of symmetrically placed people', () => {
  let model: SuggestionModel;
  beforeAll(async () => {
    await initTfBackend();
    model = await SuggestionModel.load(DEFAULT_MODEL_DIR);
  });
  afterAll(() => model.dispose());

  it.each([2, 3, 4])('%i people: no one, by name or by input order, gets more than a fair share ± 10 points', (people) => {
    const shares = framingShares(symmetricSituations(300, people, 700 + people), (input) => suggestMoves(model, input, { count: 4 }));
    expect(shares.framed).toBeGreaterThan(100);
    expect(shares.worstDeviation, JSON.stringify(shares)).toBeLessThanOrEqual(0.1);
  });

  it('the check itself fails for a director that always frames the first person listed', () => {
    const first = framingShares(symmetricSituations(100, 2, 1), (input) => [
      { id: 'x', kind: 'pan', params: { kind: 'pan', angleRad: 0.1, durationS: 2, easing: 'linear', target: { type: 'subject', id: input.subjects[0]!.id } }, durationS: 2, easing: 'linear', target: null, confidence: 1, rationale: '', modelVersion: '', inputsHash: '', createdAtS: 0 },
    ]);
    expect(first.byInputOrder[0]).toBe(1);
    expect(first.fair).toBe(false);
  });
});
