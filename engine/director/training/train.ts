// CLI (`npm run train`): generate expert-labelled situations, train the suggestion model, save weights + meta to assets/models/director.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { initTfBackend } from '../model/backend.ts';
import { FEATURE_COUNT } from '../model/features.ts';
import { DEFAULT_MODEL_DIR } from '../model/ModelSuggestionSource.ts';
import { SuggestionModel } from '../model/SuggestionModel.ts';
import { decisionsToDataset, readDecisionDir } from './fineTuneOnDecisions.ts';
import { fitSuggestionModel } from './fitSuggestionModel.ts';
import { heuristicDirector } from './heuristicDirector.ts';
import { createProgressBar } from './progressBar.ts';
import { modelRankings, scoreRankings } from './scoreDirectors.ts';
import { generateSituations, type LabelledSituation } from './shotGrammar.ts';
import { concatDatasets, datasetFromSituations } from './SuggestionDataset.ts';

const USAGE = `Usage: npm run train -- [options]
  --samples N            generated training situations (default 240000)
  --epochs N             (default 10)
  --seed N               generator, init and shuffle seed (default 1)
  --out DIR              where model.json, weights.bin, meta.json go (default assets/models/director)
  --from-decisions DIR   fold the .jsonl decision records in DIR into the training set
  --batch-size N         (default 128)
  --learning-rate X      peak Adam rate, cosine-decayed (default 0.005)
  --hidden A,B           trunk widths (default 64,64)
  --val-samples N        held-out generated situations for the metrics in meta.json (default 5000)
  --help`;

const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '240000' },
    epochs: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: DEFAULT_MODEL_DIR },
    'from-decisions': { type: 'string' },
    'batch-size': { type: 'string', default: '128' },
    'learning-rate': { type: 'string', default: '0.005' },
    hidden: { type: 'string', default: '64,64' },
    'val-samples': { type: 'string', default: '5000' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(USAGE + '\n');
  process.exit(0);
}

const samples = positiveInt(values.samples, 'samples');
const epochs = positiveInt(values.epochs, 'epochs');
const seed = positiveInt(values.seed, 'seed');
const batchSize = positiveInt(values['batch-size'], 'batch-size');
const valSamples = positiveInt(values['val-samples'], 'val-samples');
const learningRate = Number(values['learning-rate']);
const hiddenUnits = values.hidden.split(',').map((s) => positiveInt(s, 'hidden'));
const outDir = resolve(values.out);
const log = (line: string): void => void process.stderr.write(line + '\n');

const t0 = performance.now();
const { backend } = await initTfBackend();
log(`tf.js backend: ${backend}`);

const genBar = createProgressBar(process.stderr, 'generate');
const situations: LabelledSituation[] = [];
const chunk = 5000;
for (let done = 0; done < samples; done += chunk) {
  situations.push(...generateSituations(Math.min(chunk, samples - done), seed * 1_000_003 + done));
  genBar.update(Math.min(done + chunk, samples), samples, `${Math.min(done + chunk, samples)} situations`);
}
genBar.end();
let dataset = datasetFromSituations(situations);

let decisionInfo: { files: number; records: number; usableRows: number; skipped: number } | undefined;
if (values['from-decisions']) {
  const dir = resolve(values['from-decisions']);
  const { records, files, skipped } = await readDecisionDir(dir);
  const rows = decisionsToDataset(records, 4);
  dataset = concatDatasets(dataset, rows);
  decisionInfo = { files, records: records.length, usableRows: rows.size, skipped };
  log(`decisions: ${records.length} records from ${files} file(s) in ${dir} → ${rows.size} training rows (×4), ${skipped} invalid line(s) skipped`);
}

const model = SuggestionModel.create({ hiddenUnits, seed });
log(`model: ${dataset.size} rows × ${FEATURE_COUNT} features → trunk ${hiddenUnits.join('-')} ReLU → kind softmax(11) + params(33); ${model.net.countParams()} weights`);
const trainBar = createProgressBar(process.stderr, 'train   ');
let epochLine = '';
const tTrain = performance.now();
const history = await fitSuggestionModel(model, dataset, {
  epochs,
  batchSize,
  learningRate,
  seed,
  onBatch: (done, total) => trainBar.update(done, total, epochLine),
  onEpoch: (epoch, l) => {
    epochLine = `epoch ${epoch + 1}/${epochs} loss ${l.loss.toFixed(3)} (kind ${l.kindLoss.toFixed(3)}, params ${l.paramLoss.toFixed(3)})`;
  },
});
trainBar.end(epochLine);
const trainSeconds = (performance.now() - tTrain) / 1000;

// Held-out check from a seed the training set never used.
const valSeed = seed * 1_000_003 + 900_001;
const val = generateSituations(valSamples, valSeed);
const modelScores = scoreRankings(val, modelRankings(model, val));
const heuristicScores = scoreRankings(val, val.map((s) => heuristicDirector(s.input)));
const last = history[history.length - 1];
const meta = await model.save(outDir, {
  training: {
    generatedSamples: samples,
    decisionRows: decisionInfo?.usableRows ?? 0,
    decisions: decisionInfo ?? null,
    trainingRows: dataset.size,
    epochs,
    batchSize,
    learningRate,
    seed,
    backend,
    trainSeconds: round(trainSeconds, 1),
    totalSeconds: round((performance.now() - t0) / 1000, 1),
    finalLoss: last ? { loss: round(last.loss, 4), kind: round(last.kindLoss, 4), params: round(last.paramLoss, 4) } : null,
  },
  metrics: {
    heldOut: { samples: valSamples, seed: valSeed },
    model: { top1: round(modelScores.top1, 4), top3: round(modelScores.top3, 4), magnitudeMae: round(modelScores.magnitudeMaeNormalised, 4), durationMaeS: round(modelScores.durationMaeS, 3) },
    heuristic: { top1: round(heuristicScores.top1, 4), top3: round(heuristicScores.top3, 4) },
  },
});
model.dispose();

log(`held-out (${valSamples}): model top-1 ${pct(modelScores.top1)} top-3 ${pct(modelScores.top3)} | heuristic top-1 ${pct(heuristicScores.top1)} top-3 ${pct(heuristicScores.top3)}`);
process.stdout.write(
  `${meta.modelVersion}: ${dataset.size} rows, ${epochs} epochs, ${round(trainSeconds, 1)} s training on ${backend}, ${meta.architecture.weightsBytes} weight bytes → ${outDir}\n`,
);

function positiveInt(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) {
    process.stderr.write(`VP_ERR_CLI_ARG: --${name} must be a positive integer, got "${v}"\n${USAGE}\n`);
    process.exit(2);
  }
  return n;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

