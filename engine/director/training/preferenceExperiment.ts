// Simulates a director with a consistent taste deciding on top-3 suggestions, to measure how fast PreferenceRanker adapts.
import { MODEL_KINDS, type ModelKind } from '../model/modelKinds.ts';
import { encodeFeatures, FEATURE_COUNT } from '../model/features.ts';
import { inputsHash } from '../model/inputsHash.ts';
import { PreferenceRanker, type PreferenceRankerOptions } from '../model/PreferenceRanker.ts';
import { readSituation, SETTLE_S, type SituationReading } from '../model/readSituation.ts';
import { rankByProbability } from '../model/suggest.ts';
import type { SuggestionModel } from '../model/SuggestionModel.ts';
import { expertDirector } from './expertDirector.ts';
import { SeededRandom } from './SeededRandom.ts';
import { generateSituations, type LabelledSituation } from './shotGrammar.ts';

export interface DirectorTaste {
  /** Proposed whenever they make sense, accepted over the expert's choice. */
  loves: readonly ModelKind[];
  /** Never accepted. */
  hates: readonly ModelKind[];
}

/** The taste of the experiment in the brief: loves orbits and push-ins, rejects rolls and pans. */
export const ORBIT_AND_PUSH_IN_LOVER: DirectorTaste = { loves: ['orbit', 'push-in'], hates: ['roll', 'pan'] };

export interface PreferenceExperimentResult {
  situations: number;
  seed: number;
  taste: DirectorTaste;
  /** Share of situations whose first suggestion the director accepts. */
  baseTop1Acceptance: number;
  adaptedTop1Acceptance: number;
  /** Same, over the second half only (after the ranker has seen ~100 situations). */
  baseTop1AcceptanceSecondHalf: number;
  adaptedTop1AcceptanceSecondHalf: number;
  /** Share where any of the top 3 is acceptable. */
  baseTop3Acceptance: number;
  adaptedTop3Acceptance: number;
  finalWeights: Record<ModelKind, number>;
}

/**
 * Run `count` generated situations (seeded) past a simulated director. Per situation the base
 * model's ranking and the adapted ranking (model + PreferenceRanker) are scored before the
 * director decides; the director then walks the adapted top 3: rejects what it does not want,
 * accepts the first it does, and when none fits modifies the first into what it wanted. Every
 * decision goes to the ranker, online.
 */
export function runPreferenceExperiment(
  model: SuggestionModel,
  options: { count?: number; seed?: number; taste?: DirectorTaste; ranker?: PreferenceRankerOptions } = {},
): PreferenceExperimentResult {
  const count = options.count ?? 200;
  const seed = options.seed ?? 2024;
  const taste = options.taste ?? ORBIT_AND_PUSH_IN_LOVER;
  const ranker = new PreferenceRanker(options.ranker);
  const situations = generateSituations(count, seed);
  const features = new Float32Array(FEATURE_COUNT);
  const half = Math.floor(count / 2);
  let base1 = 0;
  let adapted1 = 0;
  let base1Late = 0;
  let adapted1Late = 0;
  let base3 = 0;
  let adapted3 = 0;
  situations.forEach((s, i) => {
    encodeFeatures(s.input, features);
    const probs = model.predict(features).kindProbabilities;
    const acceptable = acceptableKinds(s, taste);
    const baseTop = rankByProbability(probs).slice(0, 3).map((k) => MODEL_KINDS[k] as ModelKind);
    const adaptedTop = rankByProbability(ranker.rerank(probs, features)).slice(0, 3).map((k) => MODEL_KINDS[k] as ModelKind);
    const b1 = acceptable.has(baseTop[0] as ModelKind) ? 1 : 0;
    const a1 = acceptable.has(adaptedTop[0] as ModelKind) ? 1 : 0;
    base1 += b1;
    adapted1 += a1;
    if (i >= half) {
      base1Late += b1;
      adapted1Late += a1;
    }
    if (baseTop.some((k) => acceptable.has(k))) base3++;
    if (adaptedTop.some((k) => acceptable.has(k))) adapted3++;

    const f = Array.from(features);
    let decided = false;
    for (const kind of adaptedTop) {
      if (acceptable.has(kind)) {
        ranker.record({ features: f, suggestedKind: kind, decision: 'accepted', finalKind: kind }, probs);
        decided = true;
        break;
      }
      ranker.record({ features: f, suggestedKind: kind, decision: 'rejected', finalKind: kind }, probs);
    }
    if (!decided) {
      ranker.record({ features: f, suggestedKind: adaptedTop[0] as ModelKind, decision: 'modified', finalKind: wantedKind(s, taste) }, probs);
    }
  });
  const late = Math.max(1, count - half);
  return {
    situations: count,
    seed,
    taste,
    baseTop1Acceptance: base1 / count,
    adaptedTop1Acceptance: adapted1 / count,
    baseTop1AcceptanceSecondHalf: base1Late / late,
    adaptedTop1AcceptanceSecondHalf: adapted1Late / late,
    baseTop3Acceptance: base3 / count,
    adaptedTop3Acceptance: adapted3 / count,
    finalWeights: ranker.snapshot().global,
  };
}

/** How often the expert must pick a kind in a situation for the director to find it reasonable. */
const REASONABLE_SHARE = 0.2;
/** Expert re-draws per situation used to find its reasonable kinds. */
const EXPERT_DRAWS = 24;

/**
 * What this director accepts here: any move the expert director would reasonably make (picked in
 * at least 20% of its re-draws for this very situation, the label included) unless it is hated,
 * plus any loved kind that makes sense now; nothing new while a move is running or has just ended.
 * When that leaves nothing, holding is fine.
 */
export function acceptableKinds(s: LabelledSituation, taste: DirectorTaste): Set<ModelKind> {
  const r = readSituation(s.input);
  const out = new Set<ModelKind>();
  for (const k of reasonableKinds(s)) if (!taste.hates.includes(k)) out.add(k);
  const busy = r.moved && r.sinceMoveS < SETTLE_S;
  if (!busy) for (const k of taste.loves) if (!taste.hates.includes(k) && makesSense(k, r)) out.add(k);
  if (out.size === 0) out.add('hold');
  return out;
}

/** The label's kind plus every kind the expert picks in ≥ 20% of re-draws (seeded by the input). */
export function reasonableKinds(s: LabelledSituation): Set<ModelKind> {
  const rng = new SeededRandom(Number.parseInt(inputsHash(s.input).slice(0, 8), 16));
  const counts = new Map<ModelKind, number>();
  for (let i = 0; i < EXPERT_DRAWS; i++) {
    const k = expertDirector(s.input, rng).kind;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const out = new Set<ModelKind>([s.label.kind]);
  for (const [k, n] of counts) if (n / EXPERT_DRAWS >= REASONABLE_SHARE) out.add(k);
  return out;
}

/** The kind the director changes a suggestion into when none of the top 3 fits. */
export function wantedKind(s: LabelledSituation, taste: DirectorTaste): ModelKind {
  const r = readSituation(s.input);
  const busy = r.moved && r.sinceMoveS < SETTLE_S;
  if (!busy) for (const k of taste.loves) if (!taste.hates.includes(k) && makesSense(k, r)) return k;
  return taste.hates.includes(s.label.kind) ? 'hold' : s.label.kind;
}

/** Whether a loved kind is a sensible move here (the simulated director is opinionated, not careless). */
function makesSense(kind: ModelKind, r: SituationReading): boolean {
  switch (kind) {
    case 'orbit':
      return r.s0 !== undefined && r.s0.view.inFrame && !r.s0.moving;
    case 'push-in': {
      const framed = (r.s0?.view.inFrame && r.s0.view.heightFraction < 0.6) || (r.poi?.view.inFrame && r.poi.view.heightFraction < 0.6);
      return Boolean(framed) && r.allow.forward;
    }
    default:
      return false;
  }
}
