// The audit record of one suggestion refresh: which cards the director now sees (`data.shown`, ids in card order)
// and, in full, only those new or re-planned since the last refresh (`data.suggestions`). A refresh that leaves the
// cards as they were records nothing, so the AI's stream stays a fraction of the log and decisions stay findable.
import type { AuditEntry } from '../protocol/audit.ts';
import type { Suggestion } from '../protocol/MoveSpec.ts';
import type { ShownSuggestionRecord } from '../protocol/shownSuggestions.ts';

/** The `suggestion.shown` entry for going from `before` to `after`; undefined when the cards are the same, in the same order. */
export function shownSuggestionsEntry(before: readonly Suggestion[], after: readonly Suggestion[], backend: string): AuditEntry | undefined {
  const previous = new Map(before.map((s) => [s.id, JSON.stringify(s.params)]));
  const changed = after.filter((s) => previous.get(s.id) !== JSON.stringify(s.params));
  const sameCards = before.length === after.length && after.every((s, i) => before[i]!.id === s.id);
  if (changed.length === 0 && sameCards) return undefined;
  const suggestions: ShownSuggestionRecord[] = changed.map((s) => ({ suggestionId: s.id, kind: s.kind, params: s.params, confidence: s.confidence, rationale: s.rationale, inputsHash: s.inputsHash }));
  return {
    type: 'suggestion.shown',
    actor: { kind: 'ai', modelVersion: (changed[0] ?? after[0] ?? before[0])!.modelVersion },
    data: { shown: after.map((s) => s.id), suggestions, backend },
  };
}
