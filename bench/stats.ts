// Percentiles and summaries for benchmark samples (milliseconds or whatever unit the caller uses).

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending-sorted array; q in [0, 1]. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(values: ArrayLike<number>, digits = 4): Summary {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const r = (v: number) => Math.round(v * 10 ** digits) / 10 ** digits;
  return {
    n: sorted.length,
    mean: r(sum / sorted.length),
    p50: r(percentile(sorted, 0.5)),
    p90: r(percentile(sorted, 0.9)),
    p99: r(percentile(sorted, 0.99)),
    max: r(sorted[sorted.length - 1] ?? NaN),
  };
}

/**
 * Engine/baseline pairs per side-by-side comparison (`VP_BENCH_REPS`, default 5): the pairs alternate and their
 * samples are pooled, because one short run's p99 rests on a handful of samples and one burst of OS noise.
 */
export const BENCH_REPETITIONS = Number(process.env.VP_BENCH_REPS ?? 5);

/** p99 of `engine` samples over p99 of `baseline` samples, to 2 decimals. */
export function p99Ratio(engine: Pick<Summary, 'p99'>, baseline: Pick<Summary, 'p99'>): number {
  return Math.round((engine.p99 / baseline.p99) * 100) / 100;
}
