// The soak's figures from its samples: lateness per minute, and RSS growth measured floor to floor.
import type { SoakMinute, SoakSample } from './soakRun.ts';

/** Per minute, the highest lateness and tick p99 of the samples in it. */
export function perMinute(samples: SoakSample[]): SoakMinute[] {
  const out: SoakMinute[] = [];
  for (let minute = 1; (minute - 1) * 60 < (samples.at(-1)?.atS ?? 0); minute++) {
    const inIt = samples.filter((s) => s.atS > (minute - 1) * 60 && s.atS <= minute * 60);
    if (inIt.length > 0) out.push({ minute, lateP99Ms: Math.max(...inIt.map((s) => s.lateP99Ms)), tickP99Ms: Math.max(...inIt.map((s) => s.tickP99Ms)) });
  }
  return out;
}

/**
 * RSS growth after warm-up, MB: the floor (lowest sample) of the last quarter of the samples after warm-up minus that
 * of the first quarter (3 samples at least). V8's heap swings by tens of MB between major GCs, so one sample (or a
 * median of a few) says where the GC cycle was; a leak raises the floor every GC returns to.
 */
export function rssGrowth(samples: SoakSample[], warmUpS: number): { fromMb: number; toMb: number; growthMb: number } {
  const after = samples.filter((s) => s.atS >= warmUpS);
  const n = Math.max(3, Math.floor(after.length / 4));
  const [fromMb, toMb] = [Math.min(...after.slice(0, n).map((s) => s.rssMb)), Math.min(...after.slice(-n).map((s) => s.rssMb))];
  return { fromMb, toMb, growthMb: round(toMb - fromMb, 1) };
}

export const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
