// `npm run bench`: runs every suite (each in a fresh process), prints a summary and writes JSON to bench/results/.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runIngestLatency } from './suites/ingestLatency.ts';
import { runIngestThroughput } from './suites/ingestThroughput.ts';
import { runFanout } from './suites/fanout.ts';
import { runSuggestionLatency } from './suites/suggestionLatency.ts';
import { runRecording } from './suites/recording.ts';
import { runFrusta } from './suites/frusta.ts';
import { runLatencyToPixel } from './suites/latencyToPixel.ts';
import { runRenderSync } from './suites/renderSync.ts';

const SUITES = ['ingest-throughput', 'ingest-latency', 'fanout', 'suggestions', 'recording', 'frusta', 'latency-to-pixel', 'render-sync'] as const;
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('-'));
const want = (name: string) => only.length === 0 || only.includes(name);
/** Set in a child: write the results here instead of bench/results/. */
const resultFile = args.includes('--result-file') ? args[args.indexOf('--result-file') + 1] : undefined;

/**
 * Several suites: each runs in its own process, so one suite's heap (millions of decoded packets) and JIT state never
 * shape the next one's GC pauses and latencies. The child prints its tables; the parent merges the JSON.
 */
async function runEachInItsOwnProcess(names: readonly string[]): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vantage-bench-'));
  const merged: Record<string, unknown> = {};
  try {
    for (const name of names) {
      const file = path.join(dir, `${name}.json`);
      const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, name, '--result-file', file], { stdio: 'inherit' });
      if (child.status !== 0) throw new Error(`bench suite ${name} failed (exit ${child.status})`);
      Object.assign(merged, JSON.parse(await readFile(file, 'utf8')));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return merged;
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
  };
  const selected = SUITES.filter(want);
  if (!resultFile && selected.length > 1) {
    Object.assign(results, await runEachInItsOwnProcess(selected));
    await save(results);
    return;
  }
  if (want('ingest-throughput')) {
    const r = runIngestThroughput();
    results.ingestThroughput = r;
    console.log(`\ningest throughput (${r.cameras} cameras, one core; bare loop ${r.baselineNoopPerS.toLocaleString()}/s)`);
    console.table(r.results);
  }
  if (want('ingest-latency')) {
    const r = await runIngestLatency();
    results.ingestLatency = r;
    console.log(`\ningest latency, ms (${r.cameras} cameras × ${r.rateHz} Hz, OSC over loopback UDP)`);
    console.table({ 'bare dgram (baseline)': r.baselineBareDgram, 'engine: receive → hub': r.engine });
    console.log(`engine p99 / baseline p99 = ${r.p99Ratio} (${r.repetitions} alternating pairs pooled; per pair ${r.p99RatioPerPair.join(' ')})`);
  }
  if (want('fanout')) {
    const r = await runFanout();
    results.fanout = r;
    console.log(`\n/live frame fan-out at ${r.fps} fps, publish → client receive, ms (engine under 8 cameras × 240 Hz OSC load; AI director thread: ${r.aiThread})`);
    console.log(`${r.repetitions} alternating engine/baseline runs per row, samples pooled`);
    console.table(
      Object.fromEntries(
        r.rows.flatMap((row) => [
          [`${row.clients} clients: bare ws (baseline)`, { bytes: row.frameBytes, ...row.baselineBareWs }],
          [`${row.clients} clients: engine /live`, { bytes: row.frameBytes, ...row.engine, 'p99 ratio': row.p99Ratio, 'per pair': row.p99RatioPerPair.join(' ') }],
        ]),
      ),
    );
    console.log(`engine tick processing (last run), ms: p50 ${r.tickProcessingMs.p50}  p99 ${r.tickProcessingMs.p99}  max ${r.tickProcessingMs.max}`);
    console.log(`engine tick lateness (jitter) under load, median run at the most clients, ms: p50 ${r.tickJitterMs.p50}  p99 ${r.tickJitterMs.p99}  max ${r.tickJitterMs.max}; skipped frames ${r.skippedFrames}`);
    console.log(`tick lateness p99 of every engine run (1, 8, 32 clients), ms: ${r.tickJitterP99PerRun.join(' ')}`);
    console.log(`bare FrameClock lateness (no engine, no load), ms: p50 ${r.bareClockJitterMs.p50}  p99 ${r.bareClockJitterMs.p99}  max ${r.bareClockJitterMs.max}`);
  }
  if (want('suggestions')) {
    const r = await runSuggestionLatency();
    results.suggestionLatency = r;
    console.log(`\nAI director latency, ms (backend ${r.backend}, model ${r.modelVersion})`);
    console.table({ 'inference: input → 4 ranked suggestions': r.inference, [`end to end (model on ${r.endToEndThread} thread): OSC subject move → /live suggestions`]: r.endToEnd });
  }
  if (want('recording')) {
    const r = await runRecording();
    results.recording = r;
    console.log(`\ntake recording overhead (${r.clients} clients on /live, 8 × 240 Hz OSC; ${r.repetitions} alternating pairs), ms`);
    console.table({
      'tick processing: no take': r.tickProcessingMs.withoutTake,
      'tick processing: recording': { ...r.tickProcessingMs.withTake, 'p99 ratio': r.tickProcessingMs.p99Ratio },
      'fan-out: no take': r.fanoutMs.withoutTake,
      'fan-out: recording': { ...r.fanoutMs.withTake, 'p99 ratio': r.fanoutMs.p99Ratio },
    });
    console.log(`take writes: ${r.write.framesPerS} frames/s, ${r.write.bytesPerS} B/s (${r.write.bytesPerFrame} B/frame), ${r.write.droppedFrames} frames dropped`);
  }
  if (want('frusta')) {
    const r = await runFrusta();
    results.frusta = r;
    console.log(`\ninner frusta on the demo stage (13 sections): frame build (compose + encode), and a real engine with ${r.clients} clients under 8 × 240 Hz OSC (${r.repetitions} runs each, rotated)`);
    console.table(
      Object.fromEntries(
        r.rows.map((row) => [
          `${row.innerFrusta} camera${row.innerFrusta > 1 ? 's' : ''}`,
          { 'build p50 µs': row.buildUs.p50, 'build p99 µs': row.buildUs.p99, 'frame bytes': row.frameBytes, 'tick p50 ms': row.tickMs.p50, 'tick p99 ms': row.tickMs.p99, 'fan-out p50 ms': row.fanoutMs.p50, 'fan-out p99 ms': row.fanoutMs.p99 },
        ]),
      ),
    );
  }
  if (want('latency-to-pixel')) {
    const r = await runLatencyToPixel();
    results.latencyToPixel = r;
    console.log(`\ntracking packet → pixel on the page, headless Chromium, ${r.rateHz} Hz OSC, engine at ${r.fps} fps, present lead ${r.presentLeadMs} ms`);
    console.table({
      'bare ws page (baseline)': { ...r.baseline.ms, 'p50 refreshes': r.baseline.frames.p50, 'p99 refreshes': r.baseline.frames.p99, 'refresh ms': r.baseline.refreshMs, unseen: r.baseline.unseen, 'pixels match': r.baseline.pixelsMatch },
      'engine wall page': { ...r.engine.ms, 'p50 refreshes': r.engine.frames.p50, 'p99 refreshes': r.engine.frames.p99, 'refresh ms': r.engine.refreshMs, unseen: r.engine.unseen, 'pixels match': r.engine.pixelsMatch },
    });
    console.log(`engine p99 − baseline p99 = ${r.p99ExtraMs} ms (goal: within one tick + one refresh = ${r.goalMs} ms)`);
  }
  if (want('render-sync')) {
    const r = await runRenderSync();
    results.renderSync = r;
    console.log(`\n${r.nodes} wall render nodes in ${r.browsers} headless Chromiums at scale ${r.scale}, engine at ${r.fps} fps, present lead ${r.presentLeadMs} ms`);
    console.log(`frames in the window ${r.framesInWindow}: shown by every node ${r.framesShownByAll}, by two or more ${r.framesShownByTwoOrMore} (${r.nodesPerFrame} nodes each on average)`);
    console.log(`skew among the nodes that showed a frame, ms: p50 ${r.skewMs.p50}  p99 ${r.skewMs.p99}  max ${r.skewMs.max}  (${r.skewRefreshes.p50} / ${r.skewRefreshes.p99} refreshes of the slowest node)`);
    console.table(r.perNode);
  }
  if (resultFile) {
    const { date: _d, node: _n, cpu: _c, cores: _k, ...suites } = results;
    await writeFile(resultFile, JSON.stringify(suites));
    return;
  }
  await save(results);
}

async function save(results: Record<string, unknown>): Promise<void> {
  const dir = path.join(import.meta.dirname, 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `bench-${results.date as string}.json`.replace(/:/g, '-'));
  const text = JSON.stringify(results, null, 2);
  await writeFile(file, text);
  await writeFile(path.join(dir, 'latest.json'), text);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

void main();
