// `npm run soak -- --minutes 30`: a real engine process under a shoot's load (bench/suites/soakRun.ts) for that long;
// prints a row per sample, each minute's tick lateness and pass/fail goals, and writes bench/results/soak-<time>.json.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { rssGrowth } from './suites/soakFigures.ts';
import { runSoak, type SoakResult, type SoakSample } from './suites/soakRun.ts';

const args = process.argv.slice(2);
const MINUTES = numberFlag('--minutes', 30);
/**
 * Warm-up: JIT tiers, the heap growing to its working size, the AI model's first inferences. Goals start after it.
 * Three minutes (half of shorter runs): in every run so far RSS climbs to ~330 MB, drops by ~45 MB at 110-130 s
 * as V8 hands start-up memory back, and settles by 140 s; a floor taken inside that dip read as 15 MB of "growth".
 */
const WARM_UP_S = numberFlag('--warm-up-s', Math.min(180, (MINUTES * 60) / 2));
const SAMPLE_EVERY_S = numberFlag('--sample-s', 10);
const RSS_GROWTH_GOAL_MB = 5;
/** Fds allowed beyond the warm-up's highest count: a sample can land while a couple of clients reconnect. */
const FD_SLACK = 10;

interface SoakGoal {
  name: string;
  pass: boolean;
  detail: string;
}

/** One printed column: header, width, the sample's value. */
const COLUMNS: [string, number, (s: SoakSample) => number | string][] = [
  ['t s', 6, (s) => s.atS],
  ['RSS MB', 8, (s) => s.rssMb.toFixed(1)],
  ['heap MB', 8, (s) => s.heapUsedMb.toFixed(1)],
  ['ext MB', 7, (s) => s.externalMb.toFixed(1)],
  ['fds', 5, (s) => s.fds],
  ['thr', 4, (s) => s.threads],
  ['cpu %', 6, (s) => s.cpuPct],
  ['late p99 ms', 12, (s) => s.lateP99Ms.toFixed(2)],
  ['late max ms', 12, (s) => s.lateMaxMs.toFixed(2)],
  ['tick p99 ms', 12, (s) => s.tickP99Ms.toFixed(2)],
  ['skipped', 8, (s) => s.skippedFrames],
  ['clients', 8, (s) => s.liveClients],
  ['take frames', 12, (s) => s.takeFrames],
  ['take MB', 8, (s) => s.takeRecordsMb.toFixed(1)],
  ['client frames', 14, (s) => s.clientFrames],
  ['gaps', 6, (s) => s.clientFrameGaps],
  ['reconnects', 11, (s) => s.reconnects],
  ['errors', 7, (s) => s.clientErrors],
];

async function main(): Promise<void> {
  if (!(MINUTES > 0) || !(SAMPLE_EVERY_S > 0) || !(WARM_UP_S >= 0)) {
    process.stderr.write('usage: npm run soak -- [--minutes 30] [--warm-up-s 180] [--sample-s 10]\n');
    process.exitCode = 2;
    return;
  }
  const date = new Date().toISOString();
  console.log(`soak: ${MINUTES} min on a real engine process (8 cameras × 240 Hz OSC, 8 render nodes + 8 consoles, 2 reconnects every 3 s, a take recording); warm-up ${WARM_UP_S} s`);
  console.log(COLUMNS.map(([h, w]) => h.padStart(w)).join(''));
  const result = await runSoak({ minutes: MINUTES, warmUpS: WARM_UP_S, sampleEveryS: SAMPLE_EVERY_S, onSample: (s) => console.log(COLUMNS.map(([, w, v]) => String(v(s)).padStart(w)).join('')) });
  const goals = soakGoals(result);
  console.log('\nper minute, ms (lateness: the highest of the 20 s health windows read in the minute)');
  console.table(Object.fromEntries(result.minutes.map((m) => [`minute ${m.minute}`, { 'tick lateness p99': m.lateP99Ms, 'tick processing p99': m.tickP99Ms }])));
  console.log(`AI director on the ${result.aiThread ?? '?'} thread, tfjs ${result.tfjsBackend ?? '?'}; OSC sent ${result.sender.datagrams} datagrams, ${result.sender.skippedTicks} ticks skipped, ${result.sender.sendErrors} send errors; the hub refused ${JSON.stringify(result.hubRefused)}`);
  console.log(`clients: ${result.clients.frames} frames read, ${result.clients.frameGaps} frame numbers missed, ${result.clients.reconnects} planned reconnects`);
  for (const e of result.clients.firstErrors.slice(0, 10)) console.log(`  client error: ${e}`);
  for (const l of result.engine.firstLogLines.slice(0, 10)) console.log(`  engine log: ${l}`);
  if (result.failure) console.log(`the run ended early: ${result.failure}`);
  console.log('');
  for (const g of goals) console.log(`${g.pass ? 'PASS' : 'FAIL'}  ${g.name}: ${g.detail}`);
  const dir = path.join(import.meta.dirname, 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `soak-${date}.json`.replace(/:/g, '-'));
  await writeFile(file, JSON.stringify({ date, node: process.version, cpu: os.cpus()[0]?.model, cores: os.cpus().length, ...result, goals }, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  // A goal missed is a line above, not a stack trace; the exit status still tells a script.
  if (goals.some((g) => !g.pass)) process.exitCode = 1;
}

/** The pass/fail lines: memory, fds, lateness, the take, the clients, the engine process. */
function soakGoals(r: SoakResult): SoakGoal[] {
  const warm = r.samples.filter((s) => s.atS < r.options.warmUpS);
  const after = r.samples.filter((s) => s.atS >= r.options.warmUpS);
  const { fromMb, toMb, growthMb } = rssGrowth(r.samples, r.options.warmUpS);
  const fdWarm = Math.max(...warm.map((s) => s.fds));
  const fdAfter = Math.max(...after.map((s) => s.fds));
  // Flat: the later half's median minute no worse than 1.5 × the earlier half's + 1 ms. One noisy minute on a shared
  // box is not a trend; a leak (a growing heap, more GC) makes every later minute worse. Warm-up minutes are left out
  // when at least two minutes remain.
  const steady = r.minutes.filter((m) => (m.minute - 1) * 60 >= r.options.warmUpS);
  const mins = (steady.length >= 2 ? steady : r.minutes).map((m) => m.lateP99Ms);
  const half = Math.floor(mins.length / 2);
  const [early, late] = [median(mins.slice(0, half)), median(mins.slice(-half))];
  const growing = r.samples.length >= 2 && r.samples.every((s, i) => i === 0 || s.takeFrames > r.samples[i - 1]!.takeFrames);
  const stopped = r.take.stoppedAs;
  return [
    { name: 'RSS growth after warm-up', pass: after.length >= 6 && growthMb <= RSS_GROWTH_GOAL_MB, detail: `${growthMb} MB (floor of the first quarter after warm-up ${fromMb} → of the last quarter ${toMb} MB; slope ${rssSlopeMbPerMin(after)} MB/min; goal ≤ ${RSS_GROWTH_GOAL_MB} MB)` },
    { name: 'no fd growth', pass: warm.length > 0 && after.length > 0 && fdAfter <= fdWarm + FD_SLACK, detail: `max ${fdAfter} after warm-up vs ${fdWarm} during it (slack ${FD_SLACK})` },
    { name: 'tick lateness p99 flat per minute', pass: mins.length >= 2 && mins.every(Number.isFinite) && late <= early * 1.5 + 1, detail: `per minute ${r.minutes.map((m) => m.lateP99Ms).join(' ')} ms; later half's median ${late} vs earlier half's ${early} (goal ≤ 1.5 × + 1 ms)` },
    { name: 'take recording, frames growing', pass: r.take.recordingAtEnd && growing && stopped?.state === 'complete', detail: `${r.samples.at(-1)?.takeFrames ?? 0} frames at the last sample, growing at every sample: ${growing}; stopped as ${stopped?.state ?? '—'} with ${stopped?.frameCount ?? 0} frames${stopped?.note ? ` (${stopped.note})` : ''}` },
    { name: 'no client errors', pass: r.clients.errors === 0, detail: `${r.clients.errors} errors besides ${r.clients.reconnects} planned reconnects${r.clients.firstErrors[0] ? `; first: ${r.clients.firstErrors[0]}` : ''}` },
    { name: 'engine up throughout, clean exit', pass: !r.engine.diedDuringRun && r.engine.exit === 0 && !r.failure, detail: `exit ${r.engine.exit}; its log: ${r.engine.logErrors} errors, ${r.engine.logWarnings} warnings` },
  ];
}

/** Least-squares slope of RSS over time, MB per minute. */
function rssSlopeMbPerMin(samples: SoakSample[]): number {
  const n = samples.length;
  if (n < 2) return NaN;
  const meanS = samples.reduce((a, s) => a + s.atS, 0) / n;
  const meanMb = samples.reduce((a, s) => a + s.rssMb, 0) / n;
  const num = samples.reduce((a, s) => a + (s.atS - meanS) * (s.rssMb - meanMb), 0);
  const den = samples.reduce((a, s) => a + (s.atS - meanS) ** 2, 0);
  return Math.round((num / den) * 60 * 100) / 100;
}

/** The lower middle value (NaN for none). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[(sorted.length - 1) >> 1]!;
}

function numberFlag(name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

await main();
