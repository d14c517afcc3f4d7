// CLI (`npm run eval`): model vs heuristic vs random on a held-out generated set, the preference-adaptation experiment, inference latency.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initTfBackend } from '../model/backend.ts';
import { DEFAULT_MODEL_DIR } from '../model/ModelSuggestionSource.ts';
import { suggestMoves } from '../model/suggest.ts';
import { SuggestionModel } from '../model/SuggestionModel.ts';
import { heuristicDirector } from './heuristicDirector.ts';
import { runPreferenceExperiment, type PreferenceExperimentResult } from './preferenceExperiment.ts';
import { randomDirector } from './randomDirector.ts';
import { modelRankings, scoreRankings, type DirectorScores } from './scoreDirectors.ts';
import { scoreOutcomes, topSpecOf, type OutcomeScores } from './scoreOutcomes.ts';
import { sceneSituations, type SceneStage } from './sceneSituations.ts';
import { evalTake } from './evalTake.ts';
import { DEMO_STAGE_CONFIG } from '../../stage/demoStage.ts';
import { parseSceneManifest } from '../../protocol/SceneManifest.ts';
import type { DirectorInput } from '../DirectorInput.ts';
import { FAIRNESS_TOLERANCE, framingShares, symmetricSituations, type FramingShares } from './framingFairness.ts';
import { SeededRandom } from './SeededRandom.ts';
import { generateSituations } from './shotGrammar.ts';

const USAGE = `Usage: npm run eval -- [options]
  --model DIR              model folder (default assets/models/director)
  --samples N              held-out generated situations (default 5000)
  --seed N                 held-out seed, never a training seed (default 9001)
  --scene-samples N        situations per demo scene (default 1000)
  --experiment-count N     situations in the preference experiment (default 200)
  --experiment-seed N      (default 2024)
  --latency-runs N         suggestMoves calls timed per backend (default 1000)
  --out FILE               JSON results (default bench/results/eval-latest.json)
  --take ID                only: re-run the AI on a recorded take's decisions (data dir: --data-dir, default VP_DATA_DIR or ./data)
  --help`;

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: DEFAULT_MODEL_DIR },
    samples: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '9001' },
    'scene-samples': { type: 'string', default: '1000' },
    'experiment-count': { type: 'string', default: '200' },
    'experiment-seed': { type: 'string', default: '2024' },
    'latency-runs': { type: 'string', default: '1000' },
    out: { type: 'string', default: 'bench/results/eval-latest.json' },
    take: { type: 'string' },
    'data-dir': { type: 'string', default: process.env.VP_DATA_DIR ?? './data' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(USAGE + '\n');
  process.exit(0);
}
const samples = Number(values.samples);
const seed = Number(values.seed);
const sceneSamples = Number(values['scene-samples']);
const SCENES_DIR = resolve('scenes');
const experimentCount = Number(values['experiment-count']);
const experimentSeed = Number(values['experiment-seed']);
const latencyRuns = Number(values['latency-runs']);
const say = (line = ''): void => void process.stdout.write(line + '\n');

const { backend } = await initTfBackend();
const model = await SuggestionModel.load(resolve(values.model));
say(`model ${model.modelVersion} on tf.js backend '${backend}'`);
if (values.take) {
  const r = await evalTake(model, resolve(values['data-dir']), values.take, resolve('scenes'));
  say(`\nTake ${r.takeId}: ${r.decisions} decisions on suggestions, replayed through the model on their recorded frames`);
  table(['frame', 'decision', 'kind', 'model top 3 now'], r.replays.map((x) => [String(x.frame), x.decision, x.kind, x.nowTop3.join(', ')]));
  say(`accepted/adjusted kinds in the top 3 again: ${pct(r.keptAgreement)}; rejected kinds still ranked first: ${pct(r.rejectedStillFirst)}`);
  const takeOut = resolve(values.out.replace(/eval-latest\.json$/, `eval-take-${r.takeId}.json`));
  await mkdir(dirname(takeOut), { recursive: true });
  await writeFile(takeOut, JSON.stringify(r, null, 2) + '\n');
  say(`wrote ${takeOut}`);
  model.dispose();
  process.exit(0);
}

// ---- held-out accuracy -------------------------------------------------------------------------
const heldOut = generateSituations(samples, seed);
const rng = new SeededRandom(seed + 1);
const scores: Record<'model' | 'heuristic' | 'random', DirectorScores> = {
  model: scoreRankings(heldOut, modelRankings(model, heldOut)),
  heuristic: scoreRankings(heldOut, heldOut.map((s) => heuristicDirector(s.input))),
  random: scoreRankings(heldOut, heldOut.map(() => randomDirector(rng))),
};
say();
say(`Held-out set: ${samples} generated situations, seed ${seed} (expert labels)`);
say(`Parameter errors are over top-1-correct situations (magnitude: signed, normalised as in moveParams.ts).`);
table(
  ['director', 'top-1', 'top-3', 'magnitude MAE', 'distance MAE', 'angle MAE', 'framing MAE', 'duration MAE'],
  (['model', 'heuristic', 'random'] as const).map((name) => {
    const s = scores[name];
    return [name, pct(s.top1), pct(s.top3), s.magnitudeMaeNormalised.toFixed(3), `${s.distanceMaeM.toFixed(2)} m`, `${s.angleMaeDeg.toFixed(1)}°`, s.framingMae.toFixed(3), `${s.durationMaeS.toFixed(2)} s`];
  }),
);
say();
say('Top-1 by labelled kind (n):');
table(
  ['kind', 'n', 'model', 'heuristic', 'random'],
  Object.keys(scores.model.perKind)
    .sort((a, b) => (scores.model.perKind[b]?.n ?? 0) - (scores.model.perKind[a]?.n ?? 0))
    .map((k) => [k, String(scores.model.perKind[k]?.n ?? 0), pct(scores.model.perKind[k]?.top1 ?? 0), pct(scores.heuristic.perKind[k]?.top1 ?? 0), pct(scores.random.perKind[k]?.top1 ?? 0)]),
);

// ---- outcomes: does the top suggestion deliver the shot it names? ---------------------------------------
// Each director's top move raw (its first ranked kind that builds) and gated (first that also keeps its promise and
// the safe volume, as suggestMoves shows them), on the held-out set and on the three demo scenes' real POIs.
type OutcomeRow = OutcomeScores;
function outcomeRows(inputs: readonly DirectorInput[], rankSeed: number): Record<string, OutcomeRow> {
  const rankedModel = modelRankings(model, inputs.map((input) => ({ input })));
  const rankedHeuristic = inputs.map((input) => heuristicDirector(input));
  const rankRng = new SeededRandom(rankSeed);
  const rankedRandom = inputs.map(() => randomDirector(rankRng));
  const rows: Record<string, OutcomeRow> = {};
  for (const [name, ranked] of [['model', rankedModel], ['heuristic', rankedHeuristic], ['random', rankedRandom]] as const) {
    rows[`${name} (raw)`] = scoreOutcomes(inputs, inputs.map((input, i) => topSpecOf(input, ranked[i]!)));
    rows[`${name} (gated)`] = scoreOutcomes(inputs, inputs.map((input, i) => topSpecOf(input, ranked[i]!, true)));
  }
  rows['model (shipped: suggestMoves)'] = scoreOutcomes(inputs, inputs.map((input) => suggestMoves(model, input, { count: 1 })[0]?.params));
  return rows;
}
function outcomeTable(rows: Record<string, OutcomeRow>): void {
  table(
    ['director', 'targeted', 'target in frame at end', 'promise kept', 'turns (pan/tilt/aim) centred', 'shot-size error', 'inside safe volume'],
    Object.entries(rows).map(([name, o]) => [
      name,
      `${o.targeted} of ${o.suggestions}`,
      pct(o.endInFrame / Math.max(1, o.targeted)),
      pct(o.kept / Math.max(1, o.targeted)),
      `${pct(o.turnsCentred / Math.max(1, o.turnsToTarget))} of ${o.turnsToTarget}`,
      o.framedMoves ? `${pct(o.shotSizeRelError)} (${o.framedMoves})` : '–',
      pct(o.insideSafeVolume / Math.max(1, o.suggestions)),
    ]),
  );
}
const outcomes = outcomeRows(heldOut.map((s) => s.input), seed + 2);
say();
say('Outcomes of the top suggestion, played through the move planner with the camera\'s lens (targeted = names a subject, point of interest or pair):');
outcomeTable(outcomes);

const sceneOutcomes: Record<string, Record<string, OutcomeRow>> = {};
const demo = DEMO_STAGE_CONFIG;
const stageForScenes: SceneStage = {
  safeVolume: { min: [...demo.safeVolume.min], max: [...demo.safeVolume.max] },
  sensorWidthMm: demo.cameras[0]!.sensorWidthMm,
  sensorHeightMm: demo.cameras[0]!.sensorHeightMm,
  floor: { minX: -3.5, maxX: 3.5, minZ: -3, maxZ: 2 },
};
for (const file of (await readdir(SCENES_DIR)).filter((f) => f.endsWith('.json')).sort()) {
  const scene = parseSceneManifest(JSON.parse(await readFile(join(SCENES_DIR, file), 'utf8')), file);
  const inputs = sceneSituations(scene, stageForScenes, sceneSamples, seed + 100 + Object.keys(sceneOutcomes).length);
  sceneOutcomes[scene.id] = outcomeRows(inputs, seed + 200);
  say();
  say(`Outcomes on the demo scene '${scene.id}' (${scene.pointsOfInterest.length} real points of interest, demo stage, ${sceneSamples} situations from its camera marks):`);
  outcomeTable(sceneOutcomes[scene.id]!);
}

// ---- fair framing: people placed symmetrically, names and input order shuffled -----------------------------
const fairness: Record<string, FramingShares> = {};
for (const people of [2, 3, 4]) fairness[`${people} people`] = framingShares(symmetricSituations(1000, people, seed + 10 + people), (input) => suggestMoves(model, input, { count: 4 }));
say();
say(`Framing balance: share of the suggestions (top 4) that frame a person, per person; fair = 1/N ± ${FAIRNESS_TOLERANCE * 100} points`);
table(
  ['situation', 'framed', 'by name', 'by input order', 'worst deviation', 'fair'],
  Object.entries(fairness).map(([name, f]) => [
    name,
    String(f.framed),
    Object.entries(f.byName).sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, s]) => `${n} ${pct(s)}`).join(', '),
    f.byInputOrder.map(pct).join(', '),
    `${(100 * f.worstDeviation).toFixed(1)} pts`,
    f.fair ? 'yes' : 'NO',
  ]),
);

// ---- preference adaptation ----------------------------------------------------------------------
const experiment = runPreferenceExperiment(model, { count: experimentCount, seed: experimentSeed });
const repeats: PreferenceExperimentResult[] = [1, 2, 3, 4, 5].map((i) => runPreferenceExperiment(model, { count: experimentCount, seed: experimentSeed + 1000 * i }));
const mean = (f: (r: PreferenceExperimentResult) => number): number => repeats.reduce((a, r) => a + f(r), 0) / repeats.length;
say();
say(`Preference adaptation: simulated director (loves ${experiment.taste.loves.join(', ')}; rejects ${experiment.taste.hates.join(', ')}) decides on the top 3 of ${experimentCount} situations, online`);
table(
  ['ranking', 'top-1 accepted', 'top-1 accepted (2nd half)', 'any of top-3 acceptable', `top-1 mean of 5 more seeds`],
  [
    ['base model', pct(experiment.baseTop1Acceptance), pct(experiment.baseTop1AcceptanceSecondHalf), pct(experiment.baseTop3Acceptance), pct(mean((r) => r.baseTop1Acceptance))],
    ['+ PreferenceRanker', pct(experiment.adaptedTop1Acceptance), pct(experiment.adaptedTop1AcceptanceSecondHalf), pct(experiment.adaptedTop3Acceptance), pct(mean((r) => r.adaptedTop1Acceptance))],
  ],
);
say(`learned per-kind weights: ${Object.entries(experiment.finalWeights).map(([k, w]) => `${k} ${w >= 0 ? '+' : ''}${w.toFixed(2)}`).join(', ')}`);

// ---- latency ----------------------------------------------------------------------------------------
const latencyInputs = generateSituations(Math.min(latencyRuns, 2000), seed + 7).map((s) => s.input);
const latency: Record<string, { p50Ms: number; p99Ms: number; maxMs: number; runs: number; tensorsLeaked: number }> = {};
tf.env().set('PROD', true); // no console nag from the cpu backend about tfjs-node
for (const name of [...new Set([backend, 'cpu'])]) {
  if (!(await tf.setBackend(name))) continue;
  await tf.ready();
  const times: number[] = [];
  for (let i = 0; i < 50; i++) suggestMoves(model, latencyInputs[i % latencyInputs.length]!, { count: 3 }); // warm-up
  const tensorsBefore = tf.memory().numTensors;
  for (let i = 0; i < latencyRuns; i++) {
    const t = performance.now();
    suggestMoves(model, latencyInputs[i % latencyInputs.length]!, { count: 3 });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  latency[name] = {
    p50Ms: round(times[Math.floor(times.length * 0.5)] ?? 0, 3),
    p99Ms: round(times[Math.floor(times.length * 0.99)] ?? 0, 3),
    maxMs: round(times[times.length - 1] ?? 0, 3),
    runs: latencyRuns,
    tensorsLeaked: tf.memory().numTensors - tensorsBefore,
  };
}
await tf.setBackend(backend);
say();
say('suggestMoves latency (top 3, features + model + rationale + hash + validation):');
table(
  ['backend', 'p50', 'p99', 'max', 'runs', 'tensors leaked'],
  Object.entries(latency).map(([b, l]) => [b, `${l.p50Ms.toFixed(2)} ms`, `${l.p99Ms.toFixed(2)} ms`, `${l.maxMs.toFixed(2)} ms`, String(l.runs), String(l.tensorsLeaked)]),
);

const outFile = resolve(values.out);
await mkdir(dirname(outFile), { recursive: true });
await writeFile(
  outFile,
  JSON.stringify(
    {
      createdAt: new Date().toISOString(),
      modelVersion: model.modelVersion,
      backend,
      heldOut: { samples, seed, ...scores },
      outcomes,
      sceneOutcomes,
      fairness,
      preferenceExperiment: {
        ...experiment,
        repeats: repeats.map((r) => ({ seed: r.seed, baseTop1Acceptance: r.baseTop1Acceptance, adaptedTop1Acceptance: r.adaptedTop1Acceptance })),
      },
      latency,
    },
    null,
    2,
  ) + '\n',
);
say();
say(`wrote ${outFile}`);
model.dispose();

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => '| ' + cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ') + ' |';
  say(line(header));
  say('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) say(line(r));
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
