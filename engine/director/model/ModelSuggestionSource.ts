// The shipped model as the engine's suggestion source: suggest with the session's preferences, learn from every decision.
import { fileURLToPath } from 'node:url';
import type { DecisionKind, DirectorInput } from '../DirectorInput.ts';
import type { MoveSpec, Suggestion } from '../../protocol/MoveSpec.ts';
import { initTfBackend, type BackendUnavailable } from './backend.ts';
import { encodeFeatures, FEATURE_COUNT } from './features.ts';
import { PreferenceRanker, type DecisionRecord } from './PreferenceRanker.ts';
import { suggestMoves } from './suggest.ts';
import { SuggestionModel } from './SuggestionModel.ts';

/** Where `npm run train` writes and the engine loads the model from. */
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../../assets/models/director/', import.meta.url));

/**
 * Kinds the (re-ranked) model gives less than this are not shown: a 0 % "roll for a dutch angle" is noise on a
 * director's screen, not an option.
 */
export const SHOWN_MIN_CONFIDENCE = 0.03;

/** Matches engine/director/SuggestionSource.ts structurally (kept import-free so the two can evolve apart). */
export class ModelSuggestionSource {
  /** This session's learned taste; export its decisions with `ranker.exportDecisions()`. */
  readonly ranker: PreferenceRanker;

  constructor(
    readonly model: SuggestionModel,
    readonly backend: string,
    ranker = new PreferenceRanker({ baseProbabilities: (features) => model.predict(features).kindProbabilities }),
    /** The backend VP_TF_BACKEND asked for when it could not load (the model runs on `backend` instead). */
    readonly backendUnavailable: BackendUnavailable | null = null,
  ) {
    this.ranker = ranker;
  }

  /** Initialise tf.js and load the model (default: the shipped one). */
  static async load(dir = DEFAULT_MODEL_DIR): Promise<ModelSuggestionSource> {
    const { backend, unavailable } = await initTfBackend();
    const model = await SuggestionModel.load(dir);
    return new ModelSuggestionSource(model, backend, undefined, unavailable);
  }

  get modelVersion(): string {
    return this.model.modelVersion;
  }

  suggest(input: DirectorInput, count: number, nowS: number): Suggestion[] {
    return suggestMoves(this.model, input, { count, nowS, ranker: this.ranker, minConfidence: SHOWN_MIN_CONFIDENCE });
  }

  recordDecision(input: DirectorInput, suggestion: Suggestion, decision: Exclude<DecisionKind, 'human-only'>, final?: MoveSpec): void {
    const features = encodeFeatures(input, new Float32Array(FEATURE_COUNT));
    const record: DecisionRecord = {
      features: Array.from(features, (x) => Math.round(x * 1e6) / 1e6), // 6 decimals keep the JSON lines short
      suggestedKind: suggestion.kind,
      decision,
      finalKind: final?.kind ?? suggestion.kind,
    };
    const finalParams = final ?? (decision === 'accepted' ? suggestion.params : undefined);
    if (finalParams) record.finalParams = finalParams;
    this.ranker.record(record, this.model.predict(features).kindProbabilities);
  }
}
