// What a `suggestion.shown` audit record says was shown: the cards of one refresh that were new or re-planned.
// Shared by the engine (audit queries), framing balance and the console.
import type { Suggestion } from './MoveSpec.ts';

/** One suggestion as `data.suggestions[]` records it: what the card said and what it was made from. */
export interface ShownSuggestionRecord {
  suggestionId: string;
  kind: Suggestion['kind'];
  params: Suggestion['params'];
  confidence: number;
  rationale: string;
  inputsHash: string;
}

/** The suggestions a `suggestion.shown` record describes in full; a record from before sets (one suggestion, its fields in `data`) reads as one. */
export function shownSuggestionsOf(r: { type: string; suggestionId?: string | undefined; data?: Record<string, unknown> | undefined }): ShownSuggestionRecord[] {
  if (r.type !== 'suggestion.shown') return [];
  const list = r.data?.suggestions;
  if (Array.isArray(list)) return list as ShownSuggestionRecord[];
  return r.suggestionId ? [{ ...(r.data as Omit<ShownSuggestionRecord, 'suggestionId'>), suggestionId: r.suggestionId }] : [];
}
