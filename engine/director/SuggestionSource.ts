// What the Director needs from the AI: ranked suggestions for a situation, and to learn from each human decision.
import type { DecisionKind, DirectorInput } from './DirectorInput.ts';
import type { MoveSpec, Suggestion } from '../protocol/MoveSpec.ts';

export interface SuggestionSource {
  readonly modelVersion: string;
  /** Active tfjs backend ('tensorflow', 'wasm', 'cpu'). */
  readonly backend: string;
  /** The backend VP_TF_BACKEND asked for, and why it did not load (the model runs on `backend`); null when none failed. */
  readonly backendUnavailable?: { requested: string; reason: string } | null;
  /** Best first, after the session's learned preferences: at once (in-process model) or from a worker thread. */
  suggest(input: DirectorInput, count: number, nowS: number): Suggestion[] | Promise<Suggestion[]>;
  /** A human decided on `suggestion` (made from `input`); `final` is what actually ran when modified. */
  recordDecision(input: DirectorInput, suggestion: Suggestion, decision: Exclude<DecisionKind, 'human-only'>, final?: MoveSpec): void;
  /** Release what it holds (a worker thread); the engine calls it on stop. */
  close?(): Promise<void>;
}
