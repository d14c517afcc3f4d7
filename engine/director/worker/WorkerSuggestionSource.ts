// The engine's suggestion source when the model runs in a worker thread: requests go out as messages, answers come
// back as promises; a worker that dies is restarted on the next request (which waits for it: at most one start per
// RESTART_INTERVAL_MS, so a worker that keeps dying cannot storm) and re-learns the session's decisions before it
// answers, so a crash costs the director none of what the AI learnt.
import type { Worker } from 'node:worker_threads';
import type { SourceLog } from '../loadSuggestionSource.ts';
import type { DecisionKind, DirectorInput } from '../DirectorInput.ts';
import type { MoveSpec, Suggestion } from '../../protocol/MoveSpec.ts';
import type { SuggestionSource } from '../SuggestionSource.ts';
import { startTsWorker } from '../../worker/startTsWorker.ts';
import type { FromSuggestionWorker, SuggestionWorkerData, ToSuggestionWorker } from './SuggestionWorkerMessages.ts';

const ENTRY = new URL('./suggestionWorker.ts', import.meta.url);
/** A request unanswered this long fails (the refresh is retried later), ms. Inference takes a few ms. */
export const SUGGEST_TIMEOUT_MS = 5000;
/** Loading tf.js and the model in a fresh thread, ms (about 1 s here). */
export const START_TIMEOUT_MS = 30_000;
/** After the worker dies, wait at least this long before starting another, ms (no restart storm). */
export const RESTART_INTERVAL_MS = 5000;
/** Decisions kept for a restarted worker to re-learn (a session's worth; the oldest go first). */
export const MAX_REMEMBERED_DECISIONS = 2000;

export interface WorkerSuggestionSourceOptions extends SuggestionWorkerData {
  log: SourceLog & { warn(data: Record<string, unknown>, msg: string): void };
  /** Default RESTART_INTERVAL_MS. */
  restartIntervalMs?: number;
}

/** A decision of this session, and whether a worker has written it to the decisions file. */
type Remembered = Omit<Extract<ToSuggestionWorker, { type: 'decision' }>, 'type' | 'relearn'> & { onDisk: boolean };

interface Pending {
  resolve: (s: Suggestion[]) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class WorkerSuggestionSource implements SuggestionSource {
  private readonly options: WorkerSuggestionSourceOptions;
  private worker: Worker | null = null;
  private starting: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly decisions: Remembered[] = [];
  private nextId = 1;
  private lastStartMs = -Infinity;
  private closed = false;
  private info: { backend: string; backendUnavailable: { requested: string; reason: string } | null; modelVersion: string } = { backend: 'unknown', backendUnavailable: null, modelVersion: 'unknown' };
  /** Worker-side inference time of the last answer, ms (the round trip adds a message hop each way). */
  lastInferenceMs = 0;
  /** Workers started after the first (crashes recovered). */
  restarts = 0;

  private constructor(options: WorkerSuggestionSourceOptions) {
    this.options = options;
  }

  /** Starts the worker and resolves once its model is loaded; rejects with the worker's reason if it cannot load. */
  static async start(options: WorkerSuggestionSourceOptions): Promise<WorkerSuggestionSource> {
    const source = new WorkerSuggestionSource(options);
    await source.spawn();
    return source;
  }

  get backend(): string {
    return this.info.backend;
  }

  get modelVersion(): string {
    return this.info.modelVersion;
  }

  get backendUnavailable(): { requested: string; reason: string } | null {
    return this.info.backendUnavailable;
  }

  /** Whether a worker is up now. */
  get running(): boolean {
    return this.worker !== null && this.starting === null;
  }

  async suggest(input: DirectorInput, count: number, nowS: number): Promise<Suggestion[]> {
    if (this.closed) throw new Error('VP_ERR_AI_WORKER_CLOSED: the suggestion worker was closed');
    if (!this.worker) {
      const waitMs = this.lastStartMs + (this.options.restartIntervalMs ?? RESTART_INTERVAL_MS) - performance.now();
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs).unref());
      if (this.closed) throw new Error('VP_ERR_AI_WORKER_CLOSED: the suggestion worker was closed');
    }
    if (!this.worker) {
      this.restarts++;
      await this.spawn();
      this.options.log.info({ restarts: this.restarts, relearnedDecisions: this.decisions.length }, 'suggestion worker restarted');
    }
    if (this.starting) await this.starting;
    const worker = this.worker;
    if (!worker) throw new Error('VP_ERR_AI_WORKER_DOWN: the suggestion worker stopped');
    const id = this.nextId++;
    return new Promise<Suggestion[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`VP_ERR_AI_WORKER_TIMEOUT: no answer in ${SUGGEST_TIMEOUT_MS} ms`));
      }, SUGGEST_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      this.send(worker, { type: 'suggest', id, input, count, nowS });
    });
  }

  recordDecision(input: DirectorInput, suggestion: Suggestion, decision: Exclude<DecisionKind, 'human-only'>, final?: MoveSpec): void {
    // The audit log already holds the decision; this copy feeds learning, and the next worker re-learns it.
    const d: Remembered = { input, suggestion, decision, ...(final && { final }), onDisk: this.worker !== null && this.starting === null };
    if (this.decisions.push(d) > MAX_REMEMBERED_DECISIONS) this.decisions.shift();
    if (d.onDisk) this.send(this.worker!, { type: 'decision', input, suggestion, decision, ...(final && { final }) });
    else this.options.log.warn({ suggestionId: suggestion.id, decision }, 'suggestion worker down: the decision is learned when it is back');
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failPending('VP_ERR_AI_WORKER_CLOSED: the suggestion worker was closed');
    if (worker) await worker.terminate();
  }

  private send(worker: Worker, message: ToSuggestionWorker): void {
    worker.postMessage(message);
  }

  private spawn(): Promise<void> {
    this.lastStartMs = performance.now();
    const data: SuggestionWorkerData = { dataDir: this.options.dataDir, ...(this.options.modelDir && { modelDir: this.options.modelDir }) };
    const worker = startTsWorker(ENTRY, data, 'vantage-ai-director');
    this.worker = worker;
    const starting = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`VP_ERR_AI_WORKER_START: model not loaded in ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      const fail = (err: Error): void => {
        clearTimeout(timer);
        if (this.worker === worker) this.worker = null;
        void worker.terminate();
        reject(err);
      };
      worker.on('message', (m: FromSuggestionWorker) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          this.info = { backend: m.backend, backendUnavailable: m.backendUnavailable, modelVersion: m.modelVersion };
          this.relearn(worker); // before any request: messages to a worker are handled in order
          resolve();
        } else if (m.type === 'load-failed') fail(new Error(`VP_ERR_AI_MODEL_LOAD: ${m.error}`));
        else this.onMessage(m);
      });
      worker.on('error', (err) => {
        this.died(worker, `VP_ERR_AI_WORKER_DOWN: the suggestion worker failed: ${err.message}`);
        fail(err);
      });
      worker.on('exit', (code) => {
        this.died(worker, `VP_ERR_AI_WORKER_DOWN: the suggestion worker exited (code ${code})`);
        fail(new Error(`VP_ERR_AI_WORKER_DOWN: exited with code ${code} while loading`)); // no-op once ready
      });
    });
    this.starting = starting;
    // `starting` is awaited by whoever spawned; a later failure is reported through `exit`, so never unhandled.
    starting.then(
      () => void (this.starting === starting && (this.starting = null)),
      () => void (this.starting === starting && (this.starting = null)),
    );
    return starting;
  }

  /** A fresh worker learns the session's decisions again; those no worker wrote yet it also writes. */
  private relearn(worker: Worker): void {
    for (const { onDisk, ...d } of this.decisions) this.send(worker, { type: 'decision', ...d, ...(onDisk && { relearn: true as const }) });
    for (const d of this.decisions) d.onDisk = true;
  }

  private onMessage(m: Exclude<FromSuggestionWorker, { type: 'ready' | 'load-failed' }>): void {
    if (m.type === 'log') {
      this.options.log[m.level](m.data, m.msg);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return; // timed out already
    this.pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.type === 'suggestions') {
      this.lastInferenceMs = m.inferenceMs;
      p.resolve(m.suggestions);
    } else p.reject(new Error(m.error));
  }

  /** The current worker stopped (crash or error): its requests fail, the next request starts a new one. */
  private died(worker: Worker, reason: string): void {
    if (this.worker !== worker) return; // replaced or closed on purpose
    this.worker = null;
    this.failPending(reason);
    this.options.log.error({ reason }, 'suggestion worker stopped; it restarts on a later refresh');
  }

  private failPending(reason: string): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error(reason));
    }
    this.pending.clear();
  }
}
