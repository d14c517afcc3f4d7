// Loads the shipped TensorFlow.js model as the engine's suggestion source, and keeps every decision it learns from
// on disk (data/decisions/*.jsonl) so `npm run train -- --from-decisions data/decisions` can fold them in.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DecisionKind, DirectorInput } from './DirectorInput.ts';
import { ModelSuggestionSource } from './model/ModelSuggestionSource.ts';
import type { MoveSpec, Suggestion } from '../protocol/MoveSpec.ts';
import type { SuggestionSource } from './SuggestionSource.ts';

/** What loading needs of a logger: the engine's pino logger, or the worker thread's relay to it. */
export interface SourceLog {
  info(data: Record<string, unknown>, msg: string): void;
  error(data: Record<string, unknown>, msg: string): void;
}

/** The model in this thread: it answers at once. `relearn` re-ranks by a decision already on disk, writing nothing. */
export type InProcessSuggestionSource = Omit<SuggestionSource, 'suggest'> & {
  suggest(input: DirectorInput, count: number, nowS: number): Suggestion[];
  relearn(input: DirectorInput, suggestion: Suggestion, decision: Exclude<DecisionKind, 'human-only'>, final?: MoveSpec): void;
};

export async function loadSuggestionSource(log: SourceLog, dataDir: string, modelDir?: string): Promise<InProcessSuggestionSource> {
  const model = await ModelSuggestionSource.load(modelDir);
  log.info({ backend: model.backend, modelVersion: model.modelVersion }, 'AI director model loaded');
  const dir = path.join(dataDir, 'decisions');
  const file = path.join(dir, `session-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
  return {
    get modelVersion() {
      return model.modelVersion;
    },
    get backend() {
      return model.backend;
    },
    backendUnavailable: model.backendUnavailable,
    suggest: (input: DirectorInput, count: number, nowS: number): Suggestion[] => model.suggest(input, count, nowS),
    relearn: (input, suggestion, decision, final) => model.recordDecision(input, suggestion, decision, final),
    recordDecision(input: DirectorInput, suggestion: Suggestion, decision: Exclude<DecisionKind, 'human-only'>, final?: MoveSpec): void {
      model.recordDecision(input, suggestion, decision, final);
      // The ranker just appended this decision: persist it as the same JSON line exportDecisions() writes.
      const last = model.ranker.decisions.at(-1);
      if (!last) return;
      try {
        mkdirSync(dir, { recursive: true });
        appendFileSync(file, JSON.stringify(last) + '\n');
      } catch (err) {
        log.error({ err, file }, 'could not record a director decision for training');
      }
    },
  };
}
