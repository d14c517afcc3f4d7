// The soak, short: two minutes of a real engine process under a shoot's load (8 cameras × 240 Hz of OSC, 8 render
// nodes and 8 consoles reading every frame, two of them reconnecting every 3 s, the AI on, a take recording) must not
// grow its memory or its open files, must report its tick lateness every minute and keep the take recording.
// `npm run soak` runs the same thing for 30 minutes against the tighter goals.
import { describe, expect, it } from 'vitest';
import { rssGrowth } from '../../bench/suites/soakFigures.ts';
import { runSoak } from '../../bench/suites/soakRun.ts';

const MINUTES = 2;
const WARM_UP_S = 30;
/**
 * RSS growth allowed after the 30 s warm-up, MB (floor of the first quarter vs floor of the last, see rssGrowth). The
 * goal for a long soak is 5 MB; two minutes can't be held to it. Between major GCs this engine's RSS climbs ~15-20 MB
 * a minute here and a GC brings it back 25-45 MB (279-324 MB within one 3-minute run on the 2-core box), and a 2-minute
 * run may hold no major GC after its warm-up, so the last floor can sit ~20 MB above the first with no leak at all. 30 MB
 * still catches a gross leak (frames kept per client: 16 clients × 50 fps × kilobytes is megabytes a second); a slow
 * one is what the 30-minute run is for.
 */
const RSS_GROWTH_BOUND_MB = 30;
/** Fds beyond the warm-up's highest count: a sample can land while two clients reconnect (one socket each, or two). */
const FD_SLACK = 10;

describe('soak: a real engine process for 2 minutes', () => {
  it('keeps memory and fds flat, reports tick lateness each minute and keeps the take recording', { timeout: 240_000 }, async () => {
    const r = await runSoak({ minutes: MINUTES, warmUpS: WARM_UP_S });
    // What the run saw, for whoever reads a failure.
    console.log(r.samples.map((s) => `${s.atS} s: RSS ${s.rssMb} MB, ${s.fds} fds, late p99 ${s.lateP99Ms} ms, take ${s.takeFrames} frames, ${s.clientErrors} client errors`).join('\n'));
    expect(r.failure).toBeUndefined();
    expect(r.samples.map((s) => s.atS)).toEqual(Array.from({ length: (MINUTES * 60) / 10 + 1 }, (_, i) => i * 10));

    const rss = rssGrowth(r.samples, WARM_UP_S);
    expect(rss.growthMb, `RSS floor ${rss.fromMb} → ${rss.toMb} MB`).toBeLessThanOrEqual(RSS_GROWTH_BOUND_MB);

    const fdsWarm = Math.max(...r.samples.filter((s) => s.atS < WARM_UP_S).map((s) => s.fds));
    const fdsAfter = Math.max(...r.samples.filter((s) => s.atS >= WARM_UP_S).map((s) => s.fds));
    expect(fdsAfter).toBeLessThanOrEqual(fdsWarm + FD_SLACK);

    expect(r.minutes.map((m) => m.minute)).toEqual([1, 2]);
    for (const m of r.minutes) expect(m.lateP99Ms).toBeGreaterThan(0);

    const frames = r.samples.map((s) => s.takeFrames);
    for (let i = 1; i < frames.length; i++) expect(frames[i], `take frames at ${r.samples[i]!.atS} s`).toBeGreaterThan(frames[i - 1]!);
    expect(r.take.recordingAtEnd).toBe(true);
    expect(r.take.stoppedAs?.state).toBe('complete');
    expect(r.take.stoppedAs!.frameCount).toBeGreaterThanOrEqual(frames.at(-1)!);

    // The planned reconnects happened, and nothing else went wrong for a client.
    expect(r.clients.reconnects).toBeGreaterThanOrEqual(2 * (Math.floor((MINUTES * 60) / 3) - 2));
    expect(r.clients.firstErrors).toEqual([]);
    expect(r.engine.diedDuringRun).toBe(false);
    expect(r.engine.exit).toBe(0);
  });
});
