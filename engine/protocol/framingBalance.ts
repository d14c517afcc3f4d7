// Fair framing, read from the decision record: per tracked person, the share of the AI's suggestions that frame them
// and the share of the moves directors started from suggestions that did. `GET /api/audit/framing` and the
// console's Audit panel both compute it with this function, from the same audit records.
import type { AuditRecordWire } from './audit.ts';
import { shownSuggestionsOf } from './shownSuggestions.ts';

export interface PersonFramingWire {
  subjectId: string;
  /** Suggestions shown that target this person. */
  suggested: number;
  /** …as a share of all shown suggestions that target a person, 0..1. */
  suggestedShare: number;
  /** Moves started from a suggestion (ai-approved or ai-modified) that target this person. */
  accepted: number;
  acceptedShare: number;
}

export interface FramingBalanceWire {
  /** Most suggested first. */
  people: PersonFramingWire[];
  suggestedTotal: number;
  acceptedTotal: number;
}

/** The person a move spec targets, if it targets one. */
function personOf(spec: unknown): string | undefined {
  const t = (spec as { target?: { type?: unknown; id?: unknown } } | undefined)?.target;
  return t && t.type === 'subject' && typeof t.id === 'string' ? t.id : undefined;
}

export function framingBalance(records: readonly AuditRecordWire[]): FramingBalanceWire {
  const byPerson = new Map<string, { suggested: number; accepted: number }>();
  const person = (id: string) => byPerson.get(id) ?? byPerson.set(id, { suggested: 0, accepted: 0 }).get(id)!;
  let suggestedTotal = 0;
  let acceptedTotal = 0;
  for (const r of records) {
    // Each suggestion a refresh showed new or re-planned counts once.
    for (const s of shownSuggestionsOf(r)) {
      const id = personOf(s.params);
      if (id === undefined) continue;
      person(id).suggested++;
      suggestedTotal++;
    }
    const fromSuggestion = r.type === 'move.started' && (r.provenance === 'ai-approved' || r.provenance === 'ai-modified');
    const id = fromSuggestion ? personOf(r.data?.spec) : undefined;
    if (id === undefined) continue;
    person(id).accepted++;
    acceptedTotal++;
  }
  const people = [...byPerson].map(([subjectId, p]) => ({
    subjectId,
    suggested: p.suggested,
    suggestedShare: suggestedTotal ? p.suggested / suggestedTotal : 0,
    accepted: p.accepted,
    acceptedShare: acceptedTotal ? p.accepted / acceptedTotal : 0,
  }));
  people.sort((a, b) => b.suggested - a.suggested || (a.subjectId < b.subjectId ? -1 : 1));
  return { people, suggestedTotal, acceptedTotal };
}
