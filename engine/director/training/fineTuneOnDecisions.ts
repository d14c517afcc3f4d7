// Folds a director's recorded decisions back into the model: a few epochs on them, mixed with fresh generated data against forgetting.
import { modelKindOf } from '../model/modelKinds.ts';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { labelNumbers, type MoveNumbers } from '../model/moveParams.ts';
import { parseDecisionLines, type DecisionRecord } from '../model/PreferenceRanker.ts';
import type { SuggestionModel } from '../model/SuggestionModel.ts';
import { fitSuggestionModel, type EpochLogs, type FitOptions } from './fitSuggestionModel.ts';
import { concatDatasets, emptyDataset, generateDataset, setRow, type SuggestionDataset } from './SuggestionDataset.ts';

export interface FineTuneOptions {
  /** Default 3. */
  epochs?: number;
  /** Generated (expert-labelled) rows mixed in; default max(2000, 4 × the decision rows). */
  generatedSamples?: number;
  /** Each usable decision is repeated this many times (it is rarer and more trusted). Default 4. */
  repeat?: number;
  /** Lower than first training so the model moves, not jumps. Default 1e-3. */
  learningRate?: number;
  batchSize?: number;
  seed?: number;
  onEpoch?: (epoch: number, logs: EpochLogs) => void;
}

/**
 * Decisions → training rows. Accepted: the suggested kind (with its parameters when recorded);
 * modified: the director's final kind and parameters; rejected: no row (a rejection says what
 * not to do, which is the PreferenceRanker's job, not a label).
 */
export function decisionsToDataset(records: readonly DecisionRecord[], repeat = 1): SuggestionDataset {
  const usable = records.filter((r) => r.decision !== 'rejected');
  const ds = emptyDataset(usable.length * repeat);
  let i = 0;
  for (const r of usable) {
    const decided = r.decision === 'accepted' ? r.suggestedKind : r.finalKind;
    const kind = modelKindOf(decided); // an aim teaches "turn to it" (see modelKinds.ts)
    // Parameters only count when they belong to the labelled kind; otherwise only the kind is learnt.
    const numbers: MoveNumbers = r.finalParams && r.finalParams.kind === decided && decided === kind ? labelNumbers(r.finalParams) : { durationS: Number.NaN };
    for (let k = 0; k < repeat; k++) setRow(ds, i++, r.features, kind, numbers);
  }
  return ds;
}

/** Fine-tune `model` in place on `records` plus generated data. */
export async function fineTuneOnDecisions(
  model: SuggestionModel,
  records: readonly DecisionRecord[],
  options: FineTuneOptions = {},
): Promise<{ decisionRows: number; generatedRows: number; history: EpochLogs[] }> {
  const decisions = decisionsToDataset(records, options.repeat ?? 4);
  const generatedRows = options.generatedSamples ?? Math.max(2000, 4 * decisions.size);
  const mixed = concatDatasets(decisions, generateDataset(generatedRows, options.seed ?? 4242));
  const fit: FitOptions = {
    epochs: options.epochs ?? 3,
    batchSize: options.batchSize ?? 128,
    learningRate: options.learningRate ?? 1e-3,
    seed: options.seed ?? 4242,
  };
  if (options.onEpoch) fit.onEpoch = options.onEpoch;
  const history = await fitSuggestionModel(model, mixed, fit);
  return { decisionRows: decisions.size, generatedRows, history };
}

/** Every DecisionRecord in the `.jsonl` files of `dir` (invalid lines skipped and counted). */
export async function readDecisionDir(dir: string): Promise<{ records: DecisionRecord[]; files: number; skipped: number }> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort();
  const records: DecisionRecord[] = [];
  let skipped = 0;
  for (const name of names) {
    const parsed = parseDecisionLines(await readFile(join(dir, name), 'utf8'));
    records.push(...parsed.records);
    skipped += parsed.skipped;
  }
  return { records, files: names.length, skipped };
}
