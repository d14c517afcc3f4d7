import { describe, expect, it } from 'vitest';
import { MODEL_KINDS, type ModelKind } from './modelKinds.ts';
import { FEATURE_COUNT, FEATURE_INDEX, SUBJECT_FEATURE } from './features.ts';
import { contextBucket, PreferenceRanker, type DecisionRecord } from './PreferenceRanker.ts';

/** A settled scene with one still subject. */
function soloStill(): number[] {
  const f = new Array<number>(FEATURE_COUNT).fill(0);
  f[FEATURE_INDEX.sceneAge] = 0.9;
  f[FEATURE_INDEX.subject0 + SUBJECT_FEATURE.present] = 1;
  return f;
}

const uniform = new Float32Array(MODEL_KINDS.length).fill(1 / MODEL_KINDS.length);
const rank = (p: Float32Array, kind: ModelKind): number => Array.from(p).filter((x) => x > (p[MODEL_KINDS.indexOf(kind)] as number)).length;

describe('PreferenceRanker', () => {
  it('moves a consistently accepted kind up and a consistently rejected kind down', () => {
    const ranker = new PreferenceRanker();
    const f = soloStill();
    // The model prefers pan, then hold, then orbit.
    const probs = new Float32Array(MODEL_KINDS.length).fill(0.02);
    probs[MODEL_KINDS.indexOf('pan')] = 0.5;
    probs[MODEL_KINDS.indexOf('hold')] = 0.2;
    probs[MODEL_KINDS.indexOf('orbit')] = 0.12;
    expect(rank(ranker.rerank(probs, f), 'pan')).toBe(0);
    for (let i = 0; i < 8; i++) {
      ranker.record({ features: f, suggestedKind: 'pan', decision: 'rejected', finalKind: 'pan' }, probs);
      ranker.record({ features: f, suggestedKind: 'orbit', decision: 'accepted', finalKind: 'orbit' }, probs);
    }
    const after = ranker.rerank(probs, f);
    expect(rank(after, 'orbit')).toBe(0);
    expect(rank(after, 'pan')).toBeGreaterThan(1);
    expect(after[MODEL_KINDS.indexOf('orbit')]).toBeGreaterThan(probs[MODEL_KINDS.indexOf('orbit')] as number);
    expect(after.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('learns an accepted aim as a turn: it moves pan, the kind the network ranks, up', () => {
    const ranker = new PreferenceRanker();
    const f = soloStill();
    for (let i = 0; i < 4; i++) ranker.record({ features: f, suggestedKind: 'aim', decision: 'accepted', finalKind: 'aim' });
    expect(ranker.weight('pan', f)).toBeGreaterThan(0);
    expect(ranker.weight('aim', f)).toBe(ranker.weight('pan', f));
    expect(Object.keys(ranker.snapshot().global)).toEqual([...MODEL_KINDS]);
  });

  it('a modification to another kind counts against the suggestion and for the final kind', () => {
    const ranker = new PreferenceRanker();
    const f = soloStill();
    ranker.record({ features: f, suggestedKind: 'roll', decision: 'modified', finalKind: 'push-in' });
    expect(ranker.weight('roll', f)).toBeLessThan(0);
    expect(ranker.weight('push-in', f)).toBeGreaterThan(0);
    ranker.record({ features: f, suggestedKind: 'truck', decision: 'modified', finalKind: 'truck' });
    expect(ranker.weight('truck', f)).toBeGreaterThan(0); // right kind, numbers tweaked
  });

  it('keeps weights bounded and learns per context bucket', () => {
    const ranker = new PreferenceRanker({ maxWeight: 2 });
    const still = soloStill();
    const empty = new Array<number>(FEATURE_COUNT).fill(0);
    empty[FEATURE_INDEX.sceneAge] = 0.9;
    for (let i = 0; i < 500; i++) ranker.record({ features: still, suggestedKind: 'pan', decision: 'rejected', finalKind: 'pan' });
    const snap = ranker.snapshot();
    expect(snap.global.pan).toBeGreaterThanOrEqual(-2);
    expect(snap.buckets['solo-still']?.pan).toBeGreaterThanOrEqual(-2);
    expect(ranker.weight('pan', still)).toBeLessThan(ranker.weight('pan', empty)); // the bucket weight only applies to its context
    // A kind the model is sure of survives a streak of rejections.
    const sure = new Float32Array(MODEL_KINDS.length).fill(0.0001);
    sure[MODEL_KINDS.indexOf('pan')] = 0.999;
    expect(rank(ranker.rerank(sure, still), 'pan')).toBe(0);
  });

  it('exports and imports decisions as JSON lines, replaying the same weights and skipping bad lines', () => {
    const a = new PreferenceRanker();
    const f = soloStill();
    const records: DecisionRecord[] = [
      { features: f, suggestedKind: 'push-in', decision: 'accepted', finalKind: 'push-in', finalParams: { kind: 'push-in', durationS: 4, easing: 'ease-in-out', framing: { subjectHeightFraction: 0.6 } } },
      { features: f, suggestedKind: 'pan', decision: 'rejected', finalKind: 'pan' },
      { features: f, suggestedKind: 'roll', decision: 'modified', finalKind: 'orbit' },
    ];
    for (const r of records) a.record(r);
    const jsonl = a.exportDecisions();
    expect(jsonl.trim().split('\n')).toHaveLength(3);
    expect(JSON.parse(jsonl.split('\n')[0] as string)).toEqual(records[0]);

    const b = new PreferenceRanker();
    const result = b.importDecisions(jsonl + 'not json\n{"features":[1,2],"suggestedKind":"pan","decision":"accepted","finalKind":"pan"}\n\n');
    expect(result).toEqual({ imported: 3, skipped: 2 });
    expect(b.snapshot()).toEqual(a.snapshot());
    expect(b.decisions).toHaveLength(3);
    b.reset();
    expect(b.decisions).toHaveLength(0);
    expect(b.weight('pan', f)).toBe(0);
  });

  it('buckets contexts from the feature vector', () => {
    const f = soloStill();
    expect(contextBucket(f)).toBe('solo-still');
    f[FEATURE_INDEX.subject0 + SUBJECT_FEATURE.speed] = Math.tanh(2);
    expect(contextBucket(f)).toBe('solo-moving');
    f[FEATURE_INDEX.subject1 + SUBJECT_FEATURE.present] = 1;
    expect(contextBucket(f)).toBe('pair-moving');
    f[FEATURE_INDEX.sceneAge] = 0.1;
    expect(contextBucket(f)).toBe('opening');
    const empty = new Array<number>(FEATURE_COUNT).fill(0);
    empty[FEATURE_INDEX.sceneAge] = 0.9;
    expect(contextBucket(empty)).toBe('empty');
  });
});
