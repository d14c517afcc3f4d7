import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activeTfBackend, initTfBackend, localWasmFolderUrl } from './backend.ts';

describe('initTfBackend', () => {
  const fetchSpy = vi.fn(() => Promise.reject(new Error('network is off limits')));
  const realFetch = globalThis.fetch;
  beforeAll(() => {
    globalThis.fetch = fetchSpy as unknown as typeof fetch;
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
  });

  it('picks wasm here (no tfjs-node-gpu), from local files without touching the network', async () => {
    expect(activeTfBackend()).toBeNull();
    const info = await initTfBackend();
    expect(info.backend).toBe('wasm');
    expect(activeTfBackend()).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(localWasmFolderUrl()).toMatch(/^file:\/\/.*tfjs-backend-wasm\/dist\/$/);
    expect(Array.from(await tf.tidy(() => tf.add(tf.tensor1d([1, 2]), 1)).data())).toEqual([2, 3]);
  });

  it('is idempotent: concurrent and later calls share the first result', async () => {
    const [a, b] = await Promise.all([initTfBackend(), initTfBackend()]);
    expect(a).toBe(b);
    expect(await initTfBackend()).toBe(a);
  });
});
