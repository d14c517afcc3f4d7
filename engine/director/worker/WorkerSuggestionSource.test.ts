import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelSuggestionSource } from '../model/ModelSuggestionSource.ts';
import { generateSituations } from '../training/shotGrammar.ts';
import { ONE_SUBJECT_INPUT as input } from '../../../test/support/directorInputs.ts';
import { WorkerSuggestionSource } from './WorkerSuggestionSource.ts';

function recordingLog() {
  const lines: { level: string; msg: string; data: Record<string, unknown> }[] = [];
  const at = (level: string) => (data: Record<string, unknown>, msg: string) => void lines.push({ level, msg, data });
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('WorkerSuggestionSource (the model in a real worker thread)', () => {
  let dataDir: string;
  let source: WorkerSuggestionSource;
  const { lines, log } = recordingLog();

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-worker-'));
    source = await WorkerSuggestionSource.start({ dataDir, log, restartIntervalMs: 0 });
  });
  afterAll(async () => {
    await source.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loads the shipped model there and answers exactly as the model on this thread does', async () => {
    const here = await ModelSuggestionSource.load();
    expect(source.backend).toBe(here.backend);
    expect(source.modelVersion).toBe(here.modelVersion);
    expect(lines.some((l) => l.level === 'info' && /model loaded/.test(l.msg))).toBe(true); // the worker's log reached us
    for (const { input: situation } of generateSituations(5, 99)) {
      const there = await source.suggest(situation, 4, 3);
      expect(there).toEqual(here.suggest(situation, 4, 3));
      expect(there.length).toBeGreaterThan(0);
    }
    expect(source.lastInferenceMs).toBeGreaterThan(0);
  });

  it('learns from decisions in the worker and writes them for training', async () => {
    const first = (await source.suggest(input, 1, 0))[0]!;
    for (let i = 0; i < 10; i++) {
      source.recordDecision(input, first, 'modified', { kind: 'orbit', angleRad: 0.4, durationS: 6, easing: 'ease-in-out', target: { type: 'subject', id: 'ana' } });
    }
    // Messages to one worker arrive in order: this answer comes after all ten decisions were learned.
    expect((await source.suggest(input, 1, 0))[0]?.kind).toBe('orbit');
    const [file] = await readdir(path.join(dataDir, 'decisions'));
    const records = (await readFile(path.join(dataDir, 'decisions', file!), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(10);
    expect(records[0]).toMatchObject({ suggestedKind: first.kind, decision: 'modified', finalKind: 'orbit' });
  });

  it('a worker that dies fails what it had in flight and is replaced on the next request', async () => {
    const worker = (source as unknown as { worker: Worker }).worker;
    const inFlight = source.suggest(input, 2, 0).then(
      (s) => `answered ${s.length}`,
      (e: Error) => e.message,
    );
    await worker.terminate();
    expect(await inFlight).toMatch(/^answered [12]$|VP_ERR_AI_WORKER_DOWN/); // kinds under 3 % are not shown
    expect(source.running).toBe(false);
    expect(lines.some((l) => l.level === 'error' && /worker stopped/.test(l.msg))).toBe(true);
    expect(await source.suggest(input, 2, 0)).toHaveLength(2);
    expect(source.restarts).toBe(1);
    expect(source.running).toBe(true);
  });

  it('a restarted worker re-learns the session\'s decisions, writing down only those no worker had', async () => {
    // The ten orbit decisions were learnt by the worker that died above; a fresh model ranks something else first.
    expect((await ModelSuggestionSource.load()).suggest(input, 1, 0)[0]?.kind).not.toBe('orbit');
    expect((await source.suggest(input, 1, 0))[0]?.kind).toBe('orbit');
    expect(lines.some((l) => l.level === 'info' && l.msg === 'suggestion worker restarted' && l.data.relearnedDecisions === 10)).toBe(true);
    await (source as unknown as { worker: Worker }).worker.terminate();
    const shown = (await ModelSuggestionSource.load()).suggest(input, 1, 0)[0]!;
    source.recordDecision(input, shown, 'rejected'); // while it is down
    expect(lines.some((l) => l.level === 'warn' && /learned when it is back/.test(l.msg))).toBe(true);
    await source.suggest(input, 1, 0);
    expect(source.restarts).toBe(2);
    const files = await readdir(path.join(dataDir, 'decisions'));
    const records = (await Promise.all(files.map((f) => readFile(path.join(dataDir, 'decisions', f), 'utf8')))).flatMap((t) => t.trim().split('\n').filter(Boolean));
    expect(records).toHaveLength(11); // the ten once, and the one made while no worker was up
  });

  it('fails to start with the reason when the model cannot load', async () => {
    const other = recordingLog();
    await expect(WorkerSuggestionSource.start({ dataDir, modelDir: path.join(dataDir, 'no-model-here'), log: other.log })).rejects.toThrow(/VP_ERR_AI_MODEL_LOAD/);
  });

  it('refuses requests once closed', async () => {
    const other = await WorkerSuggestionSource.start({ dataDir, log: recordingLog().log });
    await other.close();
    await expect(other.suggest(input, 1, 0)).rejects.toThrow(/VP_ERR_AI_WORKER_CLOSED/);
  });
});
