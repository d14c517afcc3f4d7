// The cost of recording a take: the same engine run (8 clients on /live, 8 × 240 Hz OSC) without and with a take
// recording, alternating A B / B A, side by side: tick processing p99, fan-out p99, and what the take wrote.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BENCH_REPETITIONS, type Summary } from '../stats.ts';
import { engineRun, pooled, type EngineRun } from './fanout.ts';

const CLIENTS = 8;

export interface RecordingResult {
  clients: number;
  repetitions: number;
  /** Tick processing, ms: p50 and p99 of each run's own summary, averaged over the runs. */
  tickProcessingMs: { withoutTake: { p50: number; p99: number }; withTake: { p50: number; p99: number }; p99Ratio: number };
  fanoutMs: { withoutTake: Summary & { missing: number }; withTake: Summary & { missing: number }; p99Ratio: number };
  write: { framesPerS: number; bytesPerS: number; bytesPerFrame: number; droppedFrames: number };
}

export async function runRecording(): Promise<RecordingResult> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-bench-recording-'));
  const without: EngineRun[] = [];
  const withTake: EngineRun[] = [];
  await engineRun(CLIENTS, dataDir); // warm-up, discarded
  for (let rep = 0; rep < BENCH_REPETITIONS; rep++) {
    if (rep % 2 === 0) {
      without.push(await engineRun(CLIENTS, dataDir));
      withTake.push(await engineRun(CLIENTS, dataDir, true));
    } else {
      withTake.push(await engineRun(CLIENTS, dataDir, true));
      without.push(await engineRun(CLIENTS, dataDir));
    }
  }
  await rm(dataDir, { recursive: true, force: true });
  const mean = (runs: EngineRun[], k: 'p50' | 'p99') => round(runs.reduce((a, r) => a + r.tickMs[k], 0) / runs.length);
  const a = pooled(without.map((r) => r.latencies));
  const b = pooled(withTake.map((r) => r.latencies));
  const rec = withTake.map((r) => r.recorded!);
  const seconds = rec.reduce((x, r) => x + r.durationS, 0);
  const bytes = rec.reduce((x, r) => x + r.bytes, 0);
  const frames = rec.reduce((x, r) => x + r.frames, 0);
  const tick = { withoutTake: { p50: mean(without, 'p50'), p99: mean(without, 'p99') }, withTake: { p50: mean(withTake, 'p50'), p99: mean(withTake, 'p99') } };
  return {
    clients: CLIENTS,
    repetitions: BENCH_REPETITIONS,
    tickProcessingMs: { ...tick, p99Ratio: round(tick.withTake.p99 / tick.withoutTake.p99) },
    fanoutMs: { withoutTake: a, withTake: b, p99Ratio: round(b.p99 / a.p99) },
    write: { framesPerS: round(frames / seconds), bytesPerS: Math.round(bytes / seconds), bytesPerFrame: Math.round(bytes / frames), droppedFrames: rec.reduce((x, r) => x + r.dropped, 0) },
  };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
