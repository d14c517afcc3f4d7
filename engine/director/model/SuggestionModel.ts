// The suggestion network: a small shared MLP with a move-kind head and a per-kind parameter head (tf.js layers).
// Inference, loading and saving only; training lives in engine/director/training/fitSuggestionModel.ts.
import { createHash } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { MODEL_KINDS, type ModelKind } from './modelKinds.ts';
import { FEATURE_COUNT, FEATURE_LAYOUT_VERSION, FEATURE_NAMES } from './features.ts';
import { fileSystemIOHandler, WEIGHTS_FILE } from './fileSystemIOHandler.ts';
import { decodeMoveNumbers, PARAM_COUNT, PARAMS_PER_KIND, type MoveNumbers } from './moveParams.ts';

export const META_FILE = 'meta.json';
export const KIND_COUNT = MODEL_KINDS.length;

/**
 * Architecture (why this shape):
 * - Input: the FEATURE_COUNT-long vector from features.ts, already scaled to about [-1, 1], so no
 *   normalisation layer is stored with the model.
 * - Trunk: Dense(64, ReLU) → Dense(64, ReLU), shared by both heads. The labels are thresholded
 *   rules with interactions (scene start × volume limits, pair × 180° side, last move × decision);
 *   two ReLU layers carve those regions, and 11.5k weights (46 kB) keep inference well under a millisecond.
 * - Kind head: Dense(11) logits, softmax at inference; trained with cross-entropy.
 * - Parameter head: Dense(33) linear = for every kind [primary, secondary, duration], normalised
 *   as in moveParams.ts. Per-kind slots (rather than one shared "magnitude") because a pan angle,
 *   a truck distance and a push-in framing have nothing in common; the loss is a masked MSE over the
 *   labelled kind's applicable slots only, so a kind's numbers are learnt from that kind's examples.
 * - Easing: a fixed rule in suggest.ts, no head. Easing never changes which move is proposed, the
 *   expert picks ease-in-out ~85% of the time with a follow/hold pattern a rule states exactly, and a
 *   rule is auditable by the director; a head would learn the same majority vote with a new way to
 *   be wrong.
 */
export const DEFAULT_HIDDEN_UNITS: readonly number[] = [64, 64];

export interface SuggestionModelOptions {
  /** Units per trunk layer. */
  hiddenUnits?: readonly number[];
  /** Seeds the weight initialisers (training shuffles take their own seed). */
  seed?: number;
}

export interface ModelPrediction {
  /** MODEL_KINDS order, sums to 1. */
  kindProbabilities: Float32Array;
  /** The raw normalised parameter head (PARAM_COUNT). */
  rawParams: Float32Array;
  /** Decoded numbers per kind, natural units. */
  params: Record<ModelKind, MoveNumbers>;
}

export interface BatchPrediction {
  /** n × KIND_COUNT */
  kindProbabilities: Float32Array;
  /** n × PARAM_COUNT */
  params: Float32Array;
}

/** Saved next to the weights (meta.json). */
export interface ModelMeta {
  modelVersion: string;
  createdAt: string;
  featureLayoutVersion: number;
  featureCount: number;
  featureNames: readonly string[];
  moveKinds: readonly string[];
  paramsPerKind: number;
  architecture: { hiddenUnits: readonly number[]; parameterCount: number; weightsBytes: number };
  training?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
}

export class SuggestionModel {
  /** `vantage-director-<yyyymmdd>-<first 8 hex of sha256(weights)>`; "untrained-…" before training or load. */
  modelVersion: string;
  meta: ModelMeta | null = null;

  private constructor(
    readonly net: tf.LayersModel,
    readonly hiddenUnits: readonly number[],
  ) {
    this.modelVersion = `vantage-director-untrained-${hiddenUnits.join('x')}`;
  }

  /** A fresh, untrained network. Needs an initialised tf.js backend (initTfBackend). */
  static create(options: SuggestionModelOptions = {}): SuggestionModel {
    const hidden = options.hiddenUnits ?? DEFAULT_HIDDEN_UNITS;
    const seed = options.seed ?? 1;
    const input = tf.input({ shape: [FEATURE_COUNT], name: 'features' });
    let h: tf.SymbolicTensor = input;
    hidden.forEach((units, i) => {
      h = tf.layers
        .dense({ units, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: seed + i }), name: `trunk_${i}` })
        .apply(h) as tf.SymbolicTensor;
    });
    const kindLogits = tf.layers
      .dense({ units: KIND_COUNT, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 100 }), name: 'kind_logits' })
      .apply(h) as tf.SymbolicTensor;
    const params = tf.layers
      .dense({ units: PARAM_COUNT, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 101 }), name: 'move_params' })
      .apply(h) as tf.SymbolicTensor;
    const net = tf.model({ inputs: input, outputs: [kindLogits, params], name: 'vantage_director' });
    return new SuggestionModel(net, hidden);
  }

  /** Load `model.json` + `weights.bin` (+ `meta.json` when present) from `dir`. */
  static async load(dir: string): Promise<SuggestionModel> {
    const net = await tf.loadLayersModel(fileSystemIOHandler(dir));
    let meta: ModelMeta | null = null;
    try {
      meta = JSON.parse(await readFile(join(dir, META_FILE), 'utf8')) as ModelMeta;
    } catch {
      meta = null;
    }
    if (meta && meta.featureLayoutVersion !== FEATURE_LAYOUT_VERSION) {
      net.dispose();
      throw new Error(`VP_ERR_MODEL_FEATURES: model in ${dir} expects feature layout v${meta.featureLayoutVersion}, code has v${FEATURE_LAYOUT_VERSION}`);
    }
    const hidden = net.layers.filter((l) => l.name.startsWith('trunk_')).map((l) => (l.getConfig() as { units: number }).units);
    const model = new SuggestionModel(net, hidden);
    model.meta = meta;
    model.modelVersion = meta?.modelVersion ?? `vantage-director-unversioned-${await weightsHash(join(dir, WEIGHTS_FILE))}`;
    return model;
  }

  /** Re-derive `modelVersion` from the current weights, after training has changed them. */
  stampVersion(now = new Date()): void {
    this.modelVersion = `vantage-director-${dateStamp(now)}-${this.weightsHashSync()}`;
  }

  /** One feature vector → kind probabilities and decoded parameters. Synchronous; leaves no tensors behind. */
  predict(features: ArrayLike<number>): ModelPrediction {
    const out = this.predictBatch(features, 1);
    const params = {} as Record<ModelKind, MoveNumbers>;
    for (const kind of MODEL_KINDS) params[kind] = decodeMoveNumbers(kind, out.params);
    return { kindProbabilities: out.kindProbabilities, rawParams: out.params, params };
  }

  /** `n` feature rows (row-major, n × FEATURE_COUNT) at once. */
  predictBatch(features: ArrayLike<number>, n: number): BatchPrediction {
    if (features.length < n * FEATURE_COUNT) throw new RangeError(`VP_ERR_FEATURES_LENGTH: need ${n * FEATURE_COUNT} floats, got ${features.length}`);
    const [probs, params] = tf.tidy(() => {
      const rows =
        features instanceof Float32Array
          ? features.subarray(0, n * FEATURE_COUNT)
          : Float32Array.from({ length: n * FEATURE_COUNT }, (_, i) => features[i] as number);
      const x = tf.tensor2d(rows, [n, FEATURE_COUNT]);
      const [logits, p] = this.net.predict(x) as tf.Tensor[];
      return [tf.softmax(logits as tf.Tensor), p as tf.Tensor];
    });
    try {
      return { kindProbabilities: probs.dataSync() as Float32Array, params: params.dataSync() as Float32Array };
    } finally {
      probs.dispose();
      params.dispose();
    }
  }

  /**
   * Write `model.json`, `weights.bin` and `meta.json` into `dir`; `extra` lands in meta (training
   * details, metrics). Returns the meta written.
   */
  async save(dir: string, extra: Pick<ModelMeta, 'training' | 'metrics'> = {}): Promise<ModelMeta> {
    await mkdir(dir, { recursive: true });
    await this.net.save(fileSystemIOHandler(dir));
    const hash = await weightsHash(join(dir, WEIGHTS_FILE));
    if (!this.modelVersion.endsWith(hash)) this.modelVersion = `vantage-director-${dateStamp(new Date())}-${hash}`;
    const meta: ModelMeta = {
      modelVersion: this.modelVersion,
      createdAt: new Date().toISOString(),
      featureLayoutVersion: FEATURE_LAYOUT_VERSION,
      featureCount: FEATURE_COUNT,
      featureNames: FEATURE_NAMES,
      moveKinds: MODEL_KINDS,
      paramsPerKind: PARAMS_PER_KIND,
      architecture: { hiddenUnits: this.hiddenUnits, parameterCount: this.net.countParams(), weightsBytes: this.net.countParams() * 4 },
      ...extra,
    };
    await writeFile(join(dir, META_FILE), JSON.stringify(meta, null, 2) + '\n');
    this.meta = meta;
    return meta;
  }

  dispose(): void {
    this.net.dispose();
  }

  /** Hash of the current weights, the same bytes `save` writes. */
  private weightsHashSync(): string {
    const h = createHash('sha256');
    for (const w of this.net.getWeights()) {
      const data = w.dataSync() as Float32Array;
      h.update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    }
    return h.digest('hex').slice(0, 8);
  }
}

async function weightsHash(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex').slice(0, 8);
}

function dateStamp(d: Date): string {
  return d.toISOString().slice(0, 10).replaceAll('-', '');
}
