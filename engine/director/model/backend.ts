// Picks the tf.js backend once per process: native TensorFlow (GPU) when installed, else WebAssembly from local files, else plain JS.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** Backends in order of preference; `VP_TF_BACKEND` (one of these names) forces one. */
export type TfBackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface TfBackendInfo {
  /** The backend tf.js runs on now. */
  backend: string;
  /** Set when VP_TF_BACKEND asked for a backend that could not be brought up: which one, and why. */
  unavailable: BackendUnavailable | null;
}

/** A requested backend that did not load, and why (`reason` in words for the log and health). */
export interface BackendUnavailable {
  requested: TfBackendName;
  reason: string;
}

/**
 * `@tensorflow/tfjs-node-gpu` is an optionalDependency: absent on most machines. The specifier
 * lives in a variable so that neither tsc nor the test bundler insists on resolving it.
 */
export const NATIVE_BACKEND_PACKAGE = '@tensorflow/tfjs-node-gpu';

/** Brings one backend up and says whether tf.js now runs on it; injected in tests to check the order without native TensorFlow. */
export type BackendAttempt = (name: TfBackendName) => Promise<boolean>;

let initPromise: Promise<TfBackendInfo> | null = null;

/**
 * Initialise tf.js once; later calls return the first call's promise (idempotent, safe to race).
 * The wasm binaries are read from node_modules through a file:// URL: nothing is fetched over
 * the network, so the engine starts on an air-gapped stage.
 */
export function initTfBackend(): Promise<TfBackendInfo> {
  initPromise ??= pickBackend();
  return initPromise;
}

/** The active backend's name, or null before `initTfBackend` has settled. */
export function activeTfBackend(): string | null {
  return initPromise === null ? null : tf.getBackend() ?? null;
}

/** Folder holding `tfjs-backend-wasm*.wasm`, as a file:// URL with a trailing slash. */
export function localWasmFolderUrl(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return pathToFileURL(join(dirname(pkg), 'dist') + '/').href;
}

/** Backends to try, best first: the one `forced` names (VP_TF_BACKEND) then cpu, else tensorflow → wasm → cpu. */
export function backendOrder(forced: string | undefined): TfBackendName[] {
  return forced === 'cpu' || forced === 'wasm' || forced === 'tensorflow' ? [forced, 'cpu'] : ['tensorflow', 'wasm', 'cpu'];
}

/** The first backend in `order` that `attempt` brings up, or null when none does. */
export async function firstWorkingBackend(order: readonly TfBackendName[], attempt: BackendAttempt): Promise<TfBackendName | null> {
  for (const name of order) {
    if (await attempt(name)) return name;
  }
  return null;
}

async function pickBackend(): Promise<TfBackendInfo> {
  const order = backendOrder(process.env.VP_TF_BACKEND);
  const reasons = new Map<TfBackendName, string>();
  const picked = await firstWorkingBackend(order, (name) => tryBackend(name, reasons));
  // cpu is always registered by @tensorflow/tfjs; reaching null means tf.js itself is broken.
  if (picked === null) throw new Error('VP_ERR_TF_BACKEND: no tf.js backend could be initialised');
  return { backend: tf.getBackend(), unavailable: requestedUnavailable(process.env.VP_TF_BACKEND, picked, reasons) };
}

/** The requested backend when it is not the one picked (none requested: null; falling back unasked is normal). */
export function requestedUnavailable(requested: string | undefined, picked: TfBackendName, reasons: ReadonlyMap<TfBackendName, string>): BackendUnavailable | null {
  const first = backendOrder(requested)[0]!;
  if (requested !== first || picked === first) return null;
  return { requested: first, reason: reasons.get(first) ?? 'tf.js could not initialise it' };
}

/** Why a backend did not come up, in words: a missing optional package is the usual case for `tensorflow`. */
export function backendFailure(name: TfBackendName, err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (name === 'tensorflow' && (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND')) {
    return `${NATIVE_BACKEND_PACKAGE} is not installed (an optional dependency: its install downloads native TensorFlow)`;
  }
  return err instanceof Error ? err.message : String(err);
}

async function tryBackend(name: TfBackendName, reasons: Map<TfBackendName, string>): Promise<boolean> {
  try {
    if (name === 'tensorflow') {
      const specifier = NATIVE_BACKEND_PACKAGE;
      await import(specifier); // registers the 'tensorflow' backend as a side effect
    } else if (name === 'wasm') {
      setWasmPaths(localWasmFolderUrl());
    }
    // The plain-JS backend nags on console.warn about tfjs-node on first use; PROD silences tf.js's
    // console warnings so that the engine's logs stay structured (pino) only.
    if (name === 'cpu') tf.env().set('PROD', true);
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    if (ok && tf.getBackend() === name) return true;
    reasons.set(name, 'tf.js could not initialise it');
    return false;
  } catch (err) {
    reasons.set(name, backendFailure(name, err));
    return false;
  }
}
