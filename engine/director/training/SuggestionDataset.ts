// Flat, typed-array training sets for the suggestion model: features, kind labels and masked parameter targets.
import { MODEL_KINDS, type ModelKind } from '../model/modelKinds.ts';
import { encodeFeatures, FEATURE_COUNT } from '../model/features.ts';
import { encodeMoveNumbers, labelNumbers, PARAM_COUNT, type MoveNumbers } from '../model/moveParams.ts';
import { generateSituations, type LabelledSituation } from './shotGrammar.ts';

export interface SuggestionDataset {
  size: number;
  /** size × FEATURE_COUNT */
  features: Float32Array;
  /** Index into MODEL_KINDS per row. */
  kinds: Int32Array;
  /** size × PARAM_COUNT normalised targets (see moveParams.ts). */
  params: Float32Array;
  /** size × PARAM_COUNT, 1 where a target applies. */
  paramMask: Float32Array;
}

export function emptyDataset(size: number): SuggestionDataset {
  return {
    size,
    features: new Float32Array(size * FEATURE_COUNT),
    kinds: new Int32Array(size),
    params: new Float32Array(size * PARAM_COUNT),
    paramMask: new Float32Array(size * PARAM_COUNT),
  };
}

/** Encode labelled situations. */
export function datasetFromSituations(situations: readonly LabelledSituation[]): SuggestionDataset {
  const ds = emptyDataset(situations.length);
  const row = new Float32Array(FEATURE_COUNT);
  situations.forEach((s, i) => {
    encodeFeatures(s.input, row);
    setRow(ds, i, row, s.label.kind, labelNumbers(s.label));
  });
  return ds;
}

/** Generate and encode `count` situations from `seed`. */
export function generateDataset(count: number, seed: number): SuggestionDataset {
  return datasetFromSituations(generateSituations(count, seed));
}

/** Write one row. */
export function setRow(ds: SuggestionDataset, i: number, features: ArrayLike<number>, kind: ModelKind, numbers: MoveNumbers): void {
  for (let j = 0; j < FEATURE_COUNT; j++) ds.features[i * FEATURE_COUNT + j] = features[j] ?? 0;
  ds.kinds[i] = MODEL_KINDS.indexOf(kind);
  encodeMoveNumbers(kind, numbers, ds.params, ds.paramMask, i * PARAM_COUNT);
}

/** Rows of `a` then rows of `b`. */
export function concatDatasets(a: SuggestionDataset, b: SuggestionDataset): SuggestionDataset {
  const ds = emptyDataset(a.size + b.size);
  ds.features.set(a.features, 0);
  ds.features.set(b.features, a.features.length);
  ds.kinds.set(a.kinds, 0);
  ds.kinds.set(b.kinds, a.size);
  ds.params.set(a.params, 0);
  ds.params.set(b.params, a.params.length);
  ds.paramMask.set(a.paramMask, 0);
  ds.paramMask.set(b.paramMask, a.paramMask.length);
  return ds;
}

