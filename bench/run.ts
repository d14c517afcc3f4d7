// `npm run bench`: runs every suite, prints a summary and writes JSON to bench/results/.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runIngestLatency } from './suites/ingestLatency.ts';
import { runIngestThroughput } from './suites/ingestThroughput.ts';

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const want = (name: string) => only.length === 0 || only.includes(name);

async function main(): Promise<void> {
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
  };
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
    console.log(`engine p99 / baseline p99 = ${r.p99Ratio}`);
  }
  const dir = path.join(import.meta.dirname, 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `bench-${results.date as string}.json`.replace(/:/g, '-'));
  const text = JSON.stringify(results, null, 2);
  await writeFile(file, text);
  await writeFile(path.join(dir, 'latest.json'), text);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

void main();
