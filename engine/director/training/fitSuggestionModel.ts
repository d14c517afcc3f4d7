// Trains the suggestion network on a SuggestionDataset: the training loop the runtime model never loads.
import * as tf from '@tensorflow/tfjs';
import { FEATURE_COUNT } from '../model/features.ts';
import { PARAM_COUNT } from '../model/moveParams.ts';
import { KIND_COUNT, type SuggestionModel } from '../model/SuggestionModel.ts';
import { SeededRandom } from './SeededRandom.ts';
import type { SuggestionDataset } from './SuggestionDataset.ts';

export interface FitOptions {
  epochs: number;
  batchSize: number;
  /** Peak Adam learning rate; decays on a cosine to a tenth of it by the last epoch. Default 3e-3. */
  learningRate?: number;
  /** Weight of the parameter loss against the kind cross-entropy. Default 1. */
  paramLossWeight?: number;
  /** Shuffle seed. */
  seed?: number;
  onEpoch?: (epoch: number, logs: EpochLogs) => void | Promise<void>;
  /** Called after every batch (progress bars). */
  onBatch?: (batchesDone: number, batchesTotal: number) => void;
}

/** One epoch's mean losses over its rows, and how long it took (reported, never relied on). */
export interface EpochLogs {
  loss: number;
  kindLoss: number;
  paramLoss: number;
  seconds: number;
}

/** Anything an optimizer step needs to change mid-training. */
class DecayingAdam extends tf.AdamOptimizer {
  setLearningRate(lr: number): void {
    this.learningRate = lr;
  }
}

/**
 * Train `model` in place with Adam on cross-entropy + masked parameter MSE (a hand-written loop:
 * tf.layers' fit cannot mask a loss by a second target tensor), then restamp its `modelVersion`
 * from the new weights. Resolves with per-epoch logs.
 */
export async function fitSuggestionModel(model: SuggestionModel, ds: SuggestionDataset, options: FitOptions): Promise<EpochLogs[]> {
  const batchSize = Math.max(1, Math.min(options.batchSize, ds.size));
  const peakLr = options.learningRate ?? 3e-3;
  const lambda = options.paramLossWeight ?? 1;
  const rng = new SeededRandom(options.seed ?? 7);
  const optimizer = new DecayingAdam(peakLr, 0.9, 0.999, 1e-7);
  const vars = model.net.trainableWeights.map((w) => w.read() as tf.Variable);
  const order = Array.from({ length: ds.size }, (_, i) => i);
  const batches = Math.ceil(ds.size / batchSize);
  const xb = new Float32Array(batchSize * FEATURE_COUNT); // batch scratch
  const kb = new Float32Array(batchSize * KIND_COUNT);
  const pb = new Float32Array(batchSize * PARAM_COUNT);
  const mb = new Float32Array(batchSize * PARAM_COUNT);
  const history: EpochLogs[] = [];
  let done = 0;
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const t0 = performance.now();
      const progress = options.epochs <= 1 ? 1 : epoch / (options.epochs - 1);
      optimizer.setLearningRate(peakLr * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress))));
      rng.shuffle(order);
      let kindSum = 0;
      let paramSum = 0;
      let seen = 0;
      for (let b = 0; b < batches; b++) {
        const start = b * batchSize;
        const n = Math.min(batchSize, ds.size - start);
        kb.fill(0);
        for (let r = 0; r < n; r++) {
          const i = order[start + r] as number;
          xb.set(ds.features.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT), r * FEATURE_COUNT);
          kb[r * KIND_COUNT + (ds.kinds[i] as number)] = 1;
          pb.set(ds.params.subarray(i * PARAM_COUNT, (i + 1) * PARAM_COUNT), r * PARAM_COUNT);
          mb.set(ds.paramMask.subarray(i * PARAM_COUNT, (i + 1) * PARAM_COUNT), r * PARAM_COUNT);
        }
        let losses: tf.Tensor | null = null; // [kind loss, param loss], kept out of the step's tidy
        tf.tidy(() => {
          const x = tf.tensor2d(xb.subarray(0, n * FEATURE_COUNT), [n, FEATURE_COUNT]);
          const yk = tf.tensor2d(kb.subarray(0, n * KIND_COUNT), [n, KIND_COUNT]);
          const yp = tf.tensor2d(pb.subarray(0, n * PARAM_COUNT), [n, PARAM_COUNT]);
          const ym = tf.tensor2d(mb.subarray(0, n * PARAM_COUNT), [n, PARAM_COUNT]);
          optimizer.minimize(
            () => {
              const [logits, params] = model.net.apply(x, { training: true }) as tf.Tensor[];
              const kindLoss = tf.losses.softmaxCrossEntropy(yk, logits as tf.Tensor);
              // Masked MSE: only the labelled kind's applicable slots count.
              const paramLoss = tf.div(tf.sum(tf.mul(ym, tf.square(tf.sub(params as tf.Tensor, yp)))), tf.maximum(tf.sum(ym), 1));
              losses = tf.keep(tf.stack([kindLoss, paramLoss]));
              return tf.add(kindLoss, tf.mul(paramLoss, lambda)) as tf.Scalar;
            },
            false,
            vars,
          );
        });
        const kept = losses as tf.Tensor | null;
        const [kl, pl] = kept ? kept.dataSync() : [0, 0];
        kept?.dispose();
        kindSum += (kl ?? 0) * n;
        paramSum += (pl ?? 0) * n;
        seen += n;
        done++;
        options.onBatch?.(done, batches * options.epochs);
      }
      const logs: EpochLogs = {
        loss: (kindSum + lambda * paramSum) / seen,
        kindLoss: kindSum / seen,
        paramLoss: paramSum / seen,
        seconds: (performance.now() - t0) / 1000,
      };
      history.push(logs);
      await options.onEpoch?.(epoch, logs);
      await new Promise<void>((resolve) => setImmediate(resolve)); // let timers and I/O run between epochs
    }
  } finally {
    optimizer.dispose();
  }
  model.stampVersion();
  return history;
}
