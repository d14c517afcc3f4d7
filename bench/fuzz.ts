// `npm run fuzz -- --packets 1000000 [--commands 100000] [--seed N]`: fuzzes a real engine on loopback through every
// door, prints what went in and how the engine answered, writes JSON to bench/results/, exits 1 if an invariant broke.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runFuzz, startFuzzEngine, type FuzzResult } from './suites/fuzzRun.ts';

const USAGE = 'usage: npm run fuzz -- [--packets N per UDP port, default 1000000] [--commands N per WebSocket endpoint, default 100000] [--connections N, default 5] [--seed N]';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} takes a whole number\n${USAGE}`);
  return value;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return console.log(USAGE);
  const packetsPerPort = flag('packets', 1_000_000);
  const commands = flag('commands', 100_000);
  const seed = flag('seed', (Math.random() * 2 ** 32) >>> 0) >>> 0;
  console.log(`seed ${seed} (replay with --seed ${seed})`);
  const te = await startFuzzEngine();
  const t0 = performance.now();
  let result: FuzzResult;
  try {
    result = await runFuzz(te, { packetsPerPort, liveMessages: commands, ingestMessages: commands, seed, connections: flag('connections', 5), log: (line) => console.log(line) });
  } finally {
    await te.close();
  }
  const totalS = Math.round((performance.now() - t0) / 10) / 100;
  print(result, totalS);
  const date = new Date().toISOString();
  const dir = path.join(import.meta.dirname, 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `fuzz-${date}.json`.replace(/:/g, '-'));
  await writeFile(file, JSON.stringify({ date, node: process.version, cpu: os.cpus()[0]?.model, cores: os.cpus().length, totalS, ...result }, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  process.exitCode = result.problems.length ? 1 : 0;
}

function print(r: FuzzResult, totalS: number): void {
  console.log(`\nUDP datagrams per port (fuzz phase ${r.fuzzS} s, whole run ${totalS} s)`);
  console.table(
    Object.fromEntries(
      r.udp.map((u) => [
        u.protocol,
        { sent: u.sent, MB: Math.round(u.sentBytes / 1e4) / 100, received: u.received, 'received %': u.receivedPct, decoded: u.decoded, pending: u.pending, rejected: u.rejected, 'hub updates': u.updates, 'hub refused': u.refused },
      ]),
    ),
  );
  for (const u of r.udp) console.log(`${u.protocol} rejected by reason: ${JSON.stringify(u.rejectedByReason)}`);
  console.log('\nWebSocket messages');
  console.table({
    '/live': { sent: r.live.sent, 'closing frames': r.live.closingSent, reopened: r.live.reopened, 'unexpected closes': r.live.unexpectedCloses, 'server rejected': r.live.rejectedMessages, unanswered: r.live.unanswered, 'presented sent': r.live.presentedSent },
    '/ingest': { sent: r.ingest.sent, 'closing frames': r.ingest.closingSent, reopened: r.ingest.reopened, 'unexpected closes': r.ingest.unexpectedCloses, 'server counted': r.ingest.messages, 'hub updates': r.ingest.updates, rejected: r.ingest.rejected },
  });
  console.log(`/live answers: ${JSON.stringify(r.live.replies)}`);
  console.log(`/ingest answers: ${JSON.stringify(r.ingest.replies)}`);
  const e = r.engine;
  console.log(`\nengine: ${e.frames} frames during the fuzz, ${e.skippedFrames} skipped, ${e.tickErrors} tick errors, tick p99 ${e.tickMsP99} ms, AI worker restarts ${e.workerRestarts}, uncaught errors ${e.uncaughtErrors.length}, process warnings ${e.warnings.length}`);
  console.log(`frames checked: ${r.frames.checked}; unparseable ${r.frames.unparseable.length}, non-finite paths ${r.frames.nonFinite.length}, null-where-number paths ${r.frames.nullWhereNumber.length}`);
  console.table(Object.fromEntries(r.goodSamples.map((g) => [g.protocol, { camera: g.cameraId, sent: g.sentM.join(' '), frame: g.frameM?.join(' ') ?? '-', ok: g.ok }])));
  console.log(r.problems.length ? `\n${r.problems.length} PROBLEMS:\n- ${r.problems.join('\n- ')}` : '\nno problems: every counter adds up, every frame number is finite, good samples apply');
}

await main();
