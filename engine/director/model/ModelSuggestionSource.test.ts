import { beforeAll, describe, expect, it } from 'vitest';
import { ONE_SUBJECT_INPUT as input } from '../../../test/support/directorInputs.ts';
import { ModelSuggestionSource } from './ModelSuggestionSource.ts';

describe('ModelSuggestionSource', () => {
  let source: ModelSuggestionSource;
  beforeAll(async () => {
    source = await ModelSuggestionSource.load();
  });

  it('loads the shipped model on the wasm backend and suggests', () => {
    expect(source.backend).toBe('wasm');
    expect(source.modelVersion).toMatch(/^vantage-director-/);
    const out = source.suggest(input, 2, 7);
    expect(out).toHaveLength(2);
    expect(out[0]?.createdAtS).toBe(7);
  });

  it('learns from decisions: a modified suggestion is recorded with the final move and re-ranks later suggestions', () => {
    const first = source.suggest(input, 1, 0)[0]!;
    for (let i = 0; i < 10; i++) {
      source.recordDecision(input, first, 'modified', { kind: 'orbit', angleRad: 0.4, durationS: 6, easing: 'ease-in-out', target: { type: 'subject', id: 'ana' } });
    }
    expect(source.ranker.decisions).toHaveLength(10);
    expect(source.ranker.decisions[0]).toMatchObject({ suggestedKind: first.kind, decision: 'modified', finalKind: 'orbit', finalParams: { kind: 'orbit' } });
    expect(source.suggest(input, 1, 0)[0]?.kind).toBe('orbit');
  });
});
