// Learns one director's taste during a session: bounded per-kind and per-context weights added to the model's logits.
import { z } from 'zod';
import { MOVE_KINDS, MoveSpecSchema, type MoveKind, type MoveSpec } from '../../protocol/MoveSpec.ts';
import { MODEL_KINDS, modelKindOf, type ModelKind } from './modelKinds.ts';
import { FEATURE_COUNT, FEATURE_INDEX, SCENE_AGE_SCALE_S, SUBJECT_FEATURE } from './features.ts';
import { SCENE_START_S, STILL_SPEED_MPS } from './readSituation.ts';

export type DecisionVerdict = 'accepted' | 'rejected' | 'modified';

/** One human decision on one suggestion, as exported (one JSON object per line). */
export interface DecisionRecord {
  /** The model's feature vector for the situation (features.ts layout). */
  features: number[];
  suggestedKind: MoveKind;
  decision: DecisionVerdict;
  /** What ran: the suggested kind when accepted, the director's kind when modified (rejected: the suggested kind). */
  finalKind: MoveKind;
  finalParams?: MoveSpec;
}

export const DecisionRecordSchema = z.strictObject({
  features: z.array(z.number().finite()).length(FEATURE_COUNT),
  suggestedKind: z.enum(MOVE_KINDS),
  decision: z.enum(['accepted', 'rejected', 'modified']),
  finalKind: z.enum(MOVE_KINDS),
  finalParams: MoveSpecSchema.optional(),
});

/**
 * Context buckets, read from the feature vector so that imported records bucket the same way:
 * the opening seconds of a scene, then by how many subjects there are and whether one walks.
 */
export const CONTEXT_BUCKETS = ['opening', 'empty', 'solo-still', 'solo-moving', 'pair-still', 'pair-moving'] as const;
export type ContextBucket = (typeof CONTEXT_BUCKETS)[number];

export interface PreferenceRankerOptions {
  /** Step size of the per-kind weights. Default 0.3. */
  learningRate?: number;
  /** Step size of the per-context weights. Default 0.5. */
  bucketLearningRate?: number;
  /** Each weight stays within ±maxWeight (logit units; 3 ≈ ×20 odds). Default 3. */
  maxWeight?: number;
  /** The model's kind probabilities for a feature vector, used when `record` is not given them. */
  baseProbabilities?: (features: ArrayLike<number>) => ArrayLike<number>;
}

/** The `speed` feature is tanh(speed / 0.5 m/s): a subject counts as walking above STILL_SPEED_MPS. */
const MOVING_SPEED_FEATURE = Math.tanh(STILL_SPEED_MPS / 0.5);
const OPENING_AGE_FEATURE = SCENE_START_S / (SCENE_START_S + SCENE_AGE_SCALE_S);
/** A "modified, same kind" decision counts this much of an acceptance (the numbers were off, not the idea). */
const SAME_KIND_MODIFIED_WEIGHT = 0.75;
const PROBABILITY_FLOOR = 1e-6;
const UNIFORM: readonly number[] = MODEL_KINDS.map(() => 1 / MODEL_KINDS.length);

/**
 * Re-ranking is q = softmax(log p_model + w_kind + w_bucket,kind). Each decision is one observation
 * of the director's choice, and the weights take a gradient step on its log-likelihood under q
 * (multinomial logistic regression with the model's logits as a fixed offset):
 *  - accepted c (or modified into c): maximise log q_c → w_k += η (1[k = c] − q_k);
 *  - rejected r: maximise log(1 − q_r) → w_r −= η q_r, every other w_k += η q_r q_k / (1 − q_r).
 * Steps are large exactly when the model was confidently wrong for this director and vanish once
 * the ranking agrees with them. Both terms are clamped to ±maxWeight, so the re-ranking moves any
 * kind's odds by at most e^(2·maxWeight) (≈ 400× at the default): a move the model rules out stays
 * out, and a move it is near-certain of is outvoted only by a long, consistent record. The model
 * decides what is possible; the weights reorder plausible moves. q needs the model's
 * probabilities for the situation: pass them to `record`, or give the ranker `baseProbabilities`
 * (imports replay through it); without either, a uniform prior stands in.
 */
export class PreferenceRanker {
  private readonly lr: number;
  private readonly bucketLr: number;
  private readonly maxWeight: number;
  private readonly baseProbabilities: ((features: ArrayLike<number>) => ArrayLike<number>) | undefined;
  private readonly global = new Float64Array(MODEL_KINDS.length);
  private readonly buckets = new Map<ContextBucket, Float64Array>();
  private readonly log: DecisionRecord[] = [];
  private readonly scratch = new Float32Array(MODEL_KINDS.length); // q during an update

  constructor(options: PreferenceRankerOptions = {}) {
    this.lr = options.learningRate ?? 0.3;
    this.bucketLr = options.bucketLearningRate ?? 0.5;
    this.maxWeight = options.maxWeight ?? 3;
    this.baseProbabilities = options.baseProbabilities;
  }

  /** Every decision seen (recorded or imported), oldest first. */
  get decisions(): readonly DecisionRecord[] {
    return this.log;
  }

  /**
   * Learn from one decision. `probabilities` are the model's kind probabilities for
   * `rec.features` (MODEL_KINDS order); see the class comment for what happens without them.
   */
  record(rec: DecisionRecord, probabilities?: ArrayLike<number>): void {
    this.log.push(rec);
    const p = probabilities ?? this.baseProbabilities?.(rec.features) ?? UNIFORM;
    const bucket = contextBucket(rec.features);
    if (rec.decision === 'accepted') this.choose(rec.suggestedKind, p, rec.features, bucket, 1);
    else if (rec.decision === 'rejected') this.reject(rec.suggestedKind, p, rec.features, bucket);
    else if (rec.finalKind === rec.suggestedKind) this.choose(rec.suggestedKind, p, rec.features, bucket, SAME_KIND_MODIFIED_WEIGHT);
    else {
      this.reject(rec.suggestedKind, p, rec.features, bucket);
      this.choose(rec.finalKind, p, rec.features, bucket, 1);
    }
  }

  /** The logit offset for `kind` in the context of `features`. */
  weight(kind: MoveKind, features: ArrayLike<number>): number {
    const k = MODEL_KINDS.indexOf(modelKindOf(kind));
    return (this.global[k] ?? 0) + (this.buckets.get(contextBucket(features))?.[k] ?? 0);
  }

  /** softmax(log p + w) into `out` (MODEL_KINDS order). */
  rerank(probabilities: ArrayLike<number>, features: ArrayLike<number>, out = new Float32Array(MODEL_KINDS.length)): Float32Array {
    const b = this.buckets.get(contextBucket(features));
    let max = -Infinity;
    const logits = new Float64Array(MODEL_KINDS.length);
    for (let k = 0; k < MODEL_KINDS.length; k++) {
      logits[k] = Math.log(Math.max(probabilities[k] ?? 0, PROBABILITY_FLOOR)) + (this.global[k] ?? 0) + (b?.[k] ?? 0);
      if ((logits[k] as number) > max) max = logits[k] as number;
    }
    let sum = 0;
    for (let k = 0; k < MODEL_KINDS.length; k++) {
      const e = Math.exp((logits[k] as number) - max);
      out[k] = e;
      sum += e;
    }
    for (let k = 0; k < MODEL_KINDS.length; k++) out[k] = (out[k] as number) / sum;
    return out;
  }

  /** Current weights, for the console and the audit log. */
  snapshot(): { global: Record<ModelKind, number>; buckets: Partial<Record<ContextBucket, Record<ModelKind, number>>> } {
    const asRecord = (w: Float64Array): Record<ModelKind, number> =>
      Object.fromEntries(MODEL_KINDS.map((k, i) => [k, Math.round((w[i] ?? 0) * 1000) / 1000])) as Record<ModelKind, number>;
    const buckets: Partial<Record<ContextBucket, Record<ModelKind, number>>> = {};
    for (const [name, w] of this.buckets) buckets[name] = asRecord(w);
    return { global: asRecord(this.global), buckets };
  }

  /** All decisions as JSON lines (one record per line, trailing newline). */
  exportDecisions(): string {
    return this.log.map((r) => JSON.stringify(r)).join('\n') + (this.log.length > 0 ? '\n' : '');
  }

  /**
   * Replay JSON-lines decisions through `record` (so the weights learn from them, with
   * `baseProbabilities` when the ranker has it). Lines that are
   * blank are ignored; lines that do not parse or validate are counted and skipped, never thrown.
   */
  importDecisions(jsonl: string): { imported: number; skipped: number } {
    const { records, skipped } = parseDecisionLines(jsonl);
    for (const r of records) this.record(r);
    return { imported: records.length, skipped };
  }

  /** Forget everything learned this session. */
  reset(): void {
    this.global.fill(0);
    this.buckets.clear();
    this.log.length = 0;
  }

  /** Gradient step on log q_kind. */
  private choose(kind: MoveKind, p: ArrayLike<number>, features: ArrayLike<number>, bucket: ContextBucket, scale: number): void {
    const q = this.rerank(p, features, this.scratch);
    const c = MODEL_KINDS.indexOf(modelKindOf(kind));
    for (let k = 0; k < MODEL_KINDS.length; k++) this.step(k, bucket, scale * ((k === c ? 1 : 0) - (q[k] as number)));
  }

  /** Gradient step on log(1 − q_kind). */
  private reject(kind: MoveKind, p: ArrayLike<number>, features: ArrayLike<number>, bucket: ContextBucket): void {
    const q = this.rerank(p, features, this.scratch);
    const r = MODEL_KINDS.indexOf(modelKindOf(kind));
    const qr = Math.min(q[r] as number, 1 - 1e-6);
    for (let k = 0; k < MODEL_KINDS.length; k++) this.step(k, bucket, k === r ? -qr : (qr * (q[k] as number)) / (1 - qr));
  }

  private step(k: number, bucket: ContextBucket, gradient: number): void {
    let b = this.buckets.get(bucket);
    if (!b) {
      b = new Float64Array(MODEL_KINDS.length);
      this.buckets.set(bucket, b);
    }
    this.global[k] = clampWeight((this.global[k] ?? 0) + this.lr * gradient, this.maxWeight);
    b[k] = clampWeight((b[k] ?? 0) + this.bucketLr * gradient, this.maxWeight);
  }
}

/** Parse JSON lines of DecisionRecord; invalid lines are counted, not thrown. */
export function parseDecisionLines(jsonl: string): { records: DecisionRecord[]; skipped: number } {
  const records: DecisionRecord[] = [];
  let skipped = 0;
  for (const line of jsonl.split('\n')) {
    const text = line.trim();
    if (text === '') continue;
    try {
      const parsed = DecisionRecordSchema.safeParse(JSON.parse(text));
      if (parsed.success) records.push(parsed.data as DecisionRecord);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { records, skipped };
}

/** Which context bucket a feature vector falls in. */
export function contextBucket(features: ArrayLike<number>): ContextBucket {
  if ((features[FEATURE_INDEX.sceneAge] ?? 1) < OPENING_AGE_FEATURE) return 'opening';
  const s0 = (features[FEATURE_INDEX.subject0 + SUBJECT_FEATURE.present] ?? 0) > 0.5;
  const s1 = (features[FEATURE_INDEX.subject1 + SUBJECT_FEATURE.present] ?? 0) > 0.5;
  if (!s0) return 'empty';
  const moving =
    (features[FEATURE_INDEX.subject0 + SUBJECT_FEATURE.speed] ?? 0) > MOVING_SPEED_FEATURE ||
    (s1 && (features[FEATURE_INDEX.subject1 + SUBJECT_FEATURE.speed] ?? 0) > MOVING_SPEED_FEATURE);
  if (s1) return moving ? 'pair-moving' : 'pair-still';
  return moving ? 'solo-moving' : 'solo-still';
}

function clampWeight(w: number, max: number): number {
  return w > max ? max : w < -max ? -max : w;
}
