// Fair framing at a glance, above the audit log: per person, their share of the AI's suggestions and of the moves
// directors accepted from them (computed from the records this console holds, as GET /api/audit/framing does).
import { useMemo } from 'react';
import { useConsole } from '../state/ConsoleContext.ts';
import { framingBalance } from '../../../engine/protocol/framingBalance.ts';
import type { AuditRecordWire } from './AuditRecordWire.ts';

const pct = (share: number) => `${Math.round(share * 100)}%`;

export function FramingBalance({ records }: { records: readonly AuditRecordWire[] }) {
  const balance = useMemo(() => framingBalance(records), [records]);
  // Everyone on set now, framed or not: a person the AI never frames shows as 0%.
  const trackedKey = useConsole((s) => s.frame?.subjects.map((x) => x.id).join('\n') ?? '');
  const people = useMemo(() => {
    const listed = new Set(balance.people.map((p) => p.subjectId));
    const unframed = trackedKey ? trackedKey.split('\n').filter((id) => !listed.has(id)) : [];
    return [...balance.people, ...unframed.map((subjectId) => ({ subjectId, suggested: 0, suggestedShare: 0, accepted: 0, acceptedShare: 0 }))];
  }, [balance, trackedKey]);
  if (people.length < 2) return null; // with one person on set there is nothing to balance
  return (
    <div className="framing-balance" data-testid="framing-balance" title="share of the AI's suggestions that frame each person, and of the moves accepted from them">
      <span className="muted">framing</span>
      {people.map((p) => (
        <span key={p.subjectId} className="person" data-testid={`framing-${p.subjectId}`}>
          <strong>{p.subjectId}</strong> {pct(p.suggestedShare)} suggested · {pct(p.acceptedShare)} accepted
        </span>
      ))}
    </div>
  );
}
