// Messages between the engine and the AI director's worker thread (in-process structured clones, not a wire format).
import type { DecisionKind, DirectorInput } from '../DirectorInput.ts';
import type { MoveSpec, Suggestion } from '../../protocol/MoveSpec.ts';

/** What the engine passes as the worker's data. */
export interface SuggestionWorkerData {
  /** Decisions are appended under `<dataDir>/decisions/`. */
  dataDir: string;
  /** Model folder; default the shipped one. */
  modelDir?: string;
}

export type ToSuggestionWorker =
  | { type: 'suggest'; id: number; input: DirectorInput; count: number; nowS: number }
  /** `relearn`: a restarted worker catching up on a decision already on disk: it re-ranks by it, writes nothing. */
  | { type: 'decision'; input: DirectorInput; suggestion: Suggestion; decision: Exclude<DecisionKind, 'human-only'>; final?: MoveSpec; relearn?: true };

export type FromSuggestionWorker =
  | { type: 'ready'; backend: string; backendUnavailable: { requested: string; reason: string } | null; modelVersion: string }
  /** The model could not be loaded: the worker exits after sending this. */
  | { type: 'load-failed'; error: string }
  | { type: 'suggestions'; id: number; suggestions: Suggestion[]; inferenceMs: number }
  | { type: 'suggest-failed'; id: number; error: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; data: Record<string, unknown>; msg: string };
