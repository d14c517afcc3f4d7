// Fair framing, read from the decision record: per tracked person, the share of the AI's suggestions that frame them
// and the share of the moves directors started from suggestions that did. `GET /api/audit/framing` and the
// console's Audit panel both compute it with this function, from the same audit records.
import type { AuditRecordWire } from './audit.ts';

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

/** The subject a record's move targets, if it targets a person (`data.params` of a shown suggestion, `data.spec` of a started move). */
function personTargeted(r: AuditRecordWire): string | undefined {
  const spec = (r.type === 'suggestion.shown' ? r.data?.params : r.data?.spec) as { target?: { type?: unknown; id?: unknown } } | undefined;
  const t = spec?.target;
  return t && t.type === 'subject' && typeof t.id === 'string' ? t.id : undefined;
}

export function framingBalance(records: readonly AuditRecordWire[]): FramingBalanceWire {
  const byPerson = new Map<string, { suggested: number; accepted: number }>();
  let suggestedTotal = 0;
  let acceptedTotal = 0;
  for (const r of records) {
    const fromSuggestion = r.type === 'move.started' && (r.provenance === 'ai-approved' || r.provenance === 'ai-modified');
    if (r.type !== 'suggestion.shown' && !fromSuggestion) continue;
    const id = personTargeted(r);
    if (id === undefined) continue;
    const p = byPerson.get(id) ?? { suggested: 0, accepted: 0 };
    byPerson.set(id, p);
    if (r.type === 'suggestion.shown') {
      p.suggested++;
      suggestedTotal++;
    } else {
      p.accepted++;
      acceptedTotal++;
    }
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
