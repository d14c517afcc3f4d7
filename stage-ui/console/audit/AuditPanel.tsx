// The audit log, newest first: every AI proposal and human decision with who made it and the move's provenance;
// filter by AI-proposed, approved, modified, rejected or human-only.
import { useMemo, useState } from 'react';
import { useConsole } from '../state/ConsoleContext.ts';
import { ProvenanceBadge } from '../transport/ProvenanceBadge.tsx';
import { AUDIT_FILTERS, auditDetail, auditTypeLabel, matchesAuditFilter, type AuditFilter } from './auditFilters.ts';
import type { AuditRecordWire } from './AuditRecordWire.ts';
import { FramingBalance } from './FramingBalance.tsx';

/** Rows drawn at once (newest): the list stays light however long the session. */
const MAX_ROWS = 300;

export function AuditPanel() {
  const audit = useConsole((s) => s.audit);
  const [filter, setFilter] = useState<AuditFilter>('decisions');
  const rows = useMemo(() => {
    const out: AuditRecordWire[] = [];
    for (let i = audit.records.length - 1; i >= 0 && out.length < MAX_ROWS; i--) if (matchesAuditFilter(audit.records[i]!, filter)) out.push(audit.records[i]!);
    return out;
  }, [audit.records, filter]);
  return (
    <>
      <div className="audit-filters" role="group" aria-label="filter the audit log">
        {AUDIT_FILTERS.map((f) => (
          <button key={f.key} type="button" className="chip" aria-pressed={filter === f.key} data-testid={`audit-filter-${f.key}`} onClick={() => setFilter(f.key)}>
            {f.label}
          </button>
        ))}
      </div>
      <FramingBalance records={audit.records} />
      <div className="panel-body flush" data-testid="audit-panel">
        {audit.status === 'unavailable' && rows.length === 0 && (
          <div className="empty" data-testid="audit-unavailable">
            <strong>Audit log not available yet</strong>
            <span>the engine records every suggestion and decision once the AI director lands; they will appear here live</span>
          </div>
        )}
        {audit.status === 'error' && rows.length === 0 && <div className="empty">could not read the audit log</div>}
        {audit.status === 'loading' && <div className="empty">reading the audit log…</div>}
        {audit.status === 'ok' && rows.length === 0 && <div className="empty">{filter === 'all' ? 'nothing recorded yet' : 'no record matches this filter'}</div>}
        {rows.map((r) => (
          <AuditRow key={r.seq} record={r} />
        ))}
      </div>
    </>
  );
}

function AuditRow({ record: r }: { record: AuditRecordWire }) {
  const time = new Date(r.at);
  const detail = auditDetail(r);
  return (
    <div className="audit-row" data-testid="audit-row" data-type={r.type}>
      <span className="time">{Number.isNaN(time.getTime()) ? '—' : time.toLocaleTimeString([], { hour12: false })}</span>
      <span className="what">
        {auditTypeLabel(r.type)}
        {detail && <span className="muted" style={{ fontWeight: 500 }}>{detail}</span>}
        {r.provenance && (
          <span style={{ marginLeft: 'auto' }}>
            <ProvenanceBadge provenance={r.provenance} />
          </span>
        )}
      </span>
      <span className="who">
        {r.actor.kind === 'ai' ? (
          <span className="actor-ai">AI · {r.actor.modelVersion}</span>
        ) : r.actor.kind === 'engine' ? (
          <span className="actor-engine">engine · {String(r.data?.cause ?? '')}</span>
        ) : (
          <span className="actor-human">{r.actor.role} · {r.actor.clientId.slice(0, 8)}</span>
        )}
        {r.moveId && <span className="dim"> · move {r.moveId.slice(0, 8)}</span>}
      </span>
    </div>
  );
}
