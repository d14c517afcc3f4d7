// VP_TF_BACKEND=tensorflow on a machine without native TensorFlow (the optional @tensorflow/tfjs-node-gpu): the engine
// still starts, on the next backend, and says why once in its log and for as long as it holds in health.
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineHealthWire } from '../../engine/protocol/health.ts';
import { startEngineProcess, type EngineProcess } from '../support/engineProcess.ts';
import { waitFor } from '../support/startTestEngine.ts';

const nativeInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node-gpu');
    return true;
  } catch {
    return false;
  }
})();

let engine: EngineProcess | undefined;
let dataDir = '';
afterAll(async () => {
  await engine?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(nativeInstalled)('a requested tf.js backend that cannot load', () => {
  it('says so once in the log and in health, and the AI runs on another backend', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-tf-fallback-'));
    engine = await startEngineProcess({ VP_DATA_DIR: dataDir, VP_TF_BACKEND: 'tensorflow' }, 90_000);
    const health = (await (await fetch(engine.url('/api/health'))).json()) as EngineHealthWire;
    expect(health.tfjsBackend).toBe('cpu');
    expect(health.tfjsBackendUnavailable).toEqual({ requested: 'tensorflow', reason: expect.stringContaining('@tensorflow/tfjs-node-gpu is not installed') });
    await waitFor(() => engine!.output().includes('VP_TF_BACKEND=tensorflow could not load'), 5000, 'the log line');
    const lines = engine.output().split('\n').filter((l) => l.includes('VP_TF_BACKEND=tensorflow could not load'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('the AI director runs on cpu');
  }, 120_000);
});
