// Scores ranked move proposals against expert labels: top-1/top-3 kind accuracy and parameter errors.
import { MODEL_KINDS, type ModelKind } from '../model/modelKinds.ts';
import { encodeFeatures, FEATURE_COUNT } from '../model/features.ts';
import { decodeMoveNumbers, labelNumbers, PARAM_COUNT, primaryMagnitude } from '../model/moveParams.ts';
import { rankByProbability } from '../model/suggest.ts';
import { KIND_COUNT, type SuggestionModel } from '../model/SuggestionModel.ts';
import type { RankedMove } from './heuristicDirector.ts';
import type { LabelledSituation } from './shotGrammar.ts';

export interface DirectorScores {
  n: number;
  top1: number;
  top3: number;
  /** Mean |predicted - label| of the signed primary number, normalised as in moveParams.ts (top-1 correct, not hold). */
  magnitudeMaeNormalised: number;
  /** Same, in natural units per group. */
  distanceMaeM: number;
  angleMaeDeg: number;
  framingMae: number;
  /** Mean |predicted - label| duration over top-1 correct, seconds. */
  durationMaeS: number;
  /** Top-1 accuracy per labelled kind. */
  perKind: Record<string, { n: number; top1: number }>;
}

const DISTANCE_KINDS = new Set<ModelKind>(['dolly', 'truck', 'pedestal', 'crane']);
const ANGLE_KINDS = new Set<ModelKind>(['pan', 'tilt', 'roll', 'orbit']);
const FRAMING_KINDS = new Set<ModelKind>(['push-in', 'pull-out']);

/** Score one ranking per situation (same order). */
export function scoreRankings(situations: readonly LabelledSituation[], rankings: readonly RankedMove[][]): DirectorScores {
  let top1 = 0;
  let top3 = 0;
  const mag = new Mean();
  const dist = new Mean();
  const ang = new Mean();
  const fr = new Mean();
  const dur = new Mean();
  const perKind: Record<string, { n: number; top1: number }> = {};
  situations.forEach((s, i) => {
    const ranking = rankings[i] ?? [];
    const label = s.label;
    const pk = (perKind[label.kind] ??= { n: 0, top1: 0 });
    pk.n++;
    const first = ranking[0];
    if (ranking.slice(0, 3).some((r) => r.kind === label.kind)) top3++;
    if (!first || first.kind !== label.kind) return;
    top1++;
    pk.top1++;
    const want = labelNumbers(label);
    dur.add(Math.abs(first.numbers.durationS - want.durationS));
    const a = primaryMagnitude(label.kind, first.numbers);
    const b = primaryMagnitude(label.kind, want);
    if (a !== undefined && b !== undefined) mag.add(Math.abs(a - b));
    if (DISTANCE_KINDS.has(label.kind) && first.numbers.distanceM !== undefined && want.distanceM !== undefined) {
      dist.add(Math.abs(first.numbers.distanceM - want.distanceM));
    }
    if (ANGLE_KINDS.has(label.kind) && first.numbers.angleRad !== undefined && want.angleRad !== undefined) {
      ang.add((Math.abs(first.numbers.angleRad - want.angleRad) * 180) / Math.PI);
    }
    if (FRAMING_KINDS.has(label.kind) && first.numbers.subjectHeightFraction !== undefined && want.subjectHeightFraction !== undefined) {
      fr.add(Math.abs(first.numbers.subjectHeightFraction - want.subjectHeightFraction));
    }
  });
  for (const v of Object.values(perKind)) v.top1 = v.n === 0 ? 0 : v.top1 / v.n;
  const n = Math.max(1, situations.length);
  return {
    n: situations.length,
    top1: top1 / n,
    top3: top3 / n,
    magnitudeMaeNormalised: mag.value(),
    distanceMaeM: dist.value(),
    angleMaeDeg: ang.value(),
    framingMae: fr.value(),
    durationMaeS: dur.value(),
    perKind,
  };
}

/** The model's full ranking (all kinds, most probable first) for each situation, batched. */
export function modelRankings(model: SuggestionModel, situations: readonly Pick<LabelledSituation, 'input'>[], batchSize = 1024): RankedMove[][] {
  const out: RankedMove[][] = [];
  const rows = new Float32Array(batchSize * FEATURE_COUNT);
  const row = new Float32Array(FEATURE_COUNT);
  for (let start = 0; start < situations.length; start += batchSize) {
    const n = Math.min(batchSize, situations.length - start);
    for (let r = 0; r < n; r++) {
      encodeFeatures(situations[start + r]!.input, row);
      rows.set(row, r * FEATURE_COUNT);
    }
    const p = model.predictBatch(rows, n);
    for (let r = 0; r < n; r++) {
      const probs = p.kindProbabilities.subarray(r * KIND_COUNT, (r + 1) * KIND_COUNT);
      const params = p.params.subarray(r * PARAM_COUNT, (r + 1) * PARAM_COUNT);
      out.push(rankByProbability(probs).map((k) => ({ kind: MODEL_KINDS[k] as ModelKind, numbers: decodeMoveNumbers(MODEL_KINDS[k] as ModelKind, params) })));
    }
  }
  return out;
}

class Mean {
  private sum = 0;
  private count = 0;
  add(x: number): void {
    this.sum += x;
    this.count++;
  }
  value(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }
}
