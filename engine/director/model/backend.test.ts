import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activeTfBackend, backendFailure, backendOrder, firstWorkingBackend, initTfBackend, localWasmFolderUrl, NATIVE_BACKEND_PACKAGE, requestedUnavailable, type TfBackendName } from './backend.ts';

/** An attempt that brings up only `working`, recording every name it was asked for. */
function fakeAttempt(working: readonly TfBackendName[]): { tried: TfBackendName[]; attempt: (name: TfBackendName) => Promise<boolean> } {
  const tried: TfBackendName[] = [];
  return { tried, attempt: async (name) => (tried.push(name), working.includes(name)) };
}

/** Whether native TensorFlow is installed here and registers with this tf.js, which is when initTfBackend can pick it. */
async function nativeBackendLoads(): Promise<boolean> {
  try {
    const specifier = NATIVE_BACKEND_PACKAGE; // a variable, as in backend.ts: the package is optional
    await import(specifier);
  } catch {
    return false;
  }
  return tf.findBackendFactory('tensorflow') !== null;
}

describe('backend selection', () => {
  it('prefers native TensorFlow, then wasm, then plain JS, stopping at the first that comes up', async () => {
    const order = backendOrder(undefined);
    expect(order).toEqual(['tensorflow', 'wasm', 'cpu']);
    const all = fakeAttempt(['tensorflow', 'wasm', 'cpu']);
    expect(await firstWorkingBackend(order, all.attempt)).toBe('tensorflow');
    expect(all.tried).toEqual(['tensorflow']);
    const noNative = fakeAttempt(['wasm', 'cpu']);
    expect(await firstWorkingBackend(order, noNative.attempt)).toBe('wasm');
    expect(noNative.tried).toEqual(['tensorflow', 'wasm']);
    const jsOnly = fakeAttempt(['cpu']);
    expect(await firstWorkingBackend(order, jsOnly.attempt)).toBe('cpu');
    expect(jsOnly.tried).toEqual(['tensorflow', 'wasm', 'cpu']);
    expect(await firstWorkingBackend(order, fakeAttempt([]).attempt)).toBeNull();
  });

  it('VP_TF_BACKEND forces one backend with plain JS behind it; anything else keeps the default order', async () => {
    expect(backendOrder('wasm')).toEqual(['wasm', 'cpu']);
    expect(backendOrder('cpu')).toEqual(['cpu', 'cpu']);
    expect(backendOrder('tensorflow')).toEqual(['tensorflow', 'cpu']);
    const forcedNative = fakeAttempt(['wasm', 'cpu']); // asked for native TensorFlow on a machine without it
    expect(await firstWorkingBackend(backendOrder('tensorflow'), forcedNative.attempt)).toBe('cpu');
    expect(forcedNative.tried).toEqual(['tensorflow', 'cpu']);
    for (const other of ['', 'webgl', 'WASM']) expect(backendOrder(other)).toEqual(['tensorflow', 'wasm', 'cpu']);
  });
});

describe('a requested backend that does not load', () => {
  it('is reported with its reason; a fallback nobody asked to avoid is not', () => {
    const reasons = new Map<TfBackendName, string>([['tensorflow', 'not installed']]);
    expect(requestedUnavailable('tensorflow', 'cpu', reasons)).toEqual({ requested: 'tensorflow', reason: 'not installed' });
    expect(requestedUnavailable('wasm', 'cpu', new Map())).toEqual({ requested: 'wasm', reason: 'tf.js could not initialise it' });
    expect(requestedUnavailable('tensorflow', 'tensorflow', reasons)).toBeNull();
    expect(requestedUnavailable(undefined, 'cpu', reasons)).toBeNull(); // the default order falling back is normal
  });

  it('says a missing native package in words', () => {
    const missing = Object.assign(new Error("Cannot find package '@tensorflow/tfjs-node-gpu'"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(backendFailure('tensorflow', missing)).toBe(`${NATIVE_BACKEND_PACKAGE} is not installed (an optional dependency: its install downloads native TensorFlow)`);
    expect(backendFailure('wasm', new Error('no SIMD'))).toBe('no SIMD');
  });
});

describe('initTfBackend', () => {
  const fetchSpy = vi.fn(() => Promise.reject(new Error('network is off limits')));
  const realFetch = globalThis.fetch;
  beforeAll(() => {
    globalThis.fetch = fetchSpy as unknown as typeof fetch;
    vi.stubEnv('VP_TF_BACKEND', ''); // the default preference, whatever the shell running the tests forces
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
    vi.unstubAllEnvs();
  });

  it('runs on native TensorFlow when it loads here, else on wasm from local files, without touching the network', async () => {
    expect(activeTfBackend()).toBeNull();
    const expected = (await nativeBackendLoads()) ? 'tensorflow' : 'wasm';
    const info = await initTfBackend();
    expect(info.backend).toBe(expected);
    expect(activeTfBackend()).toBe(expected);
    expect(tf.getBackend()).toBe(expected);
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
