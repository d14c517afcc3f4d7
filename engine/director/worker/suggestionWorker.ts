// The AI director's worker thread: loads the model (tf.js, its own heap and GC) and answers suggestion requests, so
// inference never runs on the thread that ticks the frame clock. Decisions it learns from are written here too.
import { parentPort, workerData } from 'node:worker_threads';
import { loadSuggestionSource, type InProcessSuggestionSource, type SourceLog } from '../loadSuggestionSource.ts';
import type { FromSuggestionWorker, SuggestionWorkerData, ToSuggestionWorker } from './SuggestionWorkerMessages.ts';

const port = parentPort;
if (!port) throw new Error('suggestionWorker.ts runs as a worker thread (see WorkerSuggestionSource)');
const { dataDir, modelDir } = (workerData as { data: SuggestionWorkerData }).data;
const post = (m: FromSuggestionWorker): void => port.postMessage(m);

/** Log lines go to the engine's logger on the main thread. */
const log: SourceLog = {
  info: (data, msg) => post({ type: 'log', level: 'info', data: plain(data), msg }),
  error: (data, msg) => post({ type: 'log', level: 'error', data: plain(data), msg }),
};

let source: InProcessSuggestionSource;
try {
  source = await loadSuggestionSource(log, dataDir, modelDir);
} catch (err) {
  post({ type: 'load-failed', error: message(err) });
  process.exit(1);
}
port.on('message', (m: ToSuggestionWorker) => {
  if (m.type === 'suggest') {
    const t0 = performance.now();
    try {
      const suggestions = source.suggest(m.input, m.count, m.nowS);
      post({ type: 'suggestions', id: m.id, suggestions, inferenceMs: performance.now() - t0 });
    } catch (err) {
      post({ type: 'suggest-failed', id: m.id, error: message(err) });
    }
  } else if (m.type === 'decision') {
    try {
      if (m.relearn) source.relearn(m.input, m.suggestion, m.decision, m.final);
      else source.recordDecision(m.input, m.suggestion, m.decision, m.final);
    } catch (err) {
      log.error({ err: message(err) }, 'could not learn from a director decision');
    }
  }
});
post({ type: 'ready', backend: source.backend, backendUnavailable: source.backendUnavailable ?? null, modelVersion: source.modelVersion });

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Errors and other class instances do not survive postMessage well: keep their message. */
function plain(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) out[k] = v instanceof Error ? { message: v.message, stack: v.stack } : v;
  return out;
}
