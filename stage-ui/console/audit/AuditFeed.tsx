// Loads the audit log (`GET /api/audit?limit=500`) on every hello; live `audit` events keep it current after that.
// A 404 means the engine has no audit endpoint yet: the panel says so instead of failing.
import { useEffect } from 'react';
import { useConsole, useStore } from '../state/ConsoleContext.ts';
import { appendAudit } from '../state/LiveSession.ts';
import { authFetch } from '../../live/pageToken.ts';
import { apiPath } from '../state/tokenUrl.ts';
import { isAuditRecord, type AuditRecordWire } from './AuditRecordWire.ts';

export function AuditFeed() {
  const store = useStore();
  const hello = useConsole((s) => s.hello);
  useEffect(() => {
    if (!hello) return;
    let stopped = false;
    // The newest 500 decisions, whatever the AI proposed meanwhile, and the newest 300 records of any kind.
    Promise.all([authFetch(apiPath('/api/audit', { limit: 500, decisions: 1 }), { cache: 'no-store' }), authFetch(apiPath('/api/audit', { limit: 300 }), { cache: 'no-store' })])
      .then(async (responses) => {
        if (stopped) return;
        if (responses.some((res) => res.status === 404)) {
          store.set((s) => ({ audit: { status: s.audit.records.length ? 'ok' : 'unavailable', records: s.audit.records } }));
          return;
        }
        const records: AuditRecordWire[] = [];
        for (const res of responses) {
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          const body = (await res.json()) as { records?: unknown };
          if (Array.isArray(body.records)) records.push(...body.records.filter(isAuditRecord));
        }
        store.set((s) => ({ audit: { status: 'ok', records: s.audit.records } }));
        appendAudit(store, records);
      })
      .catch(() => !stopped && store.set((s) => ({ audit: { status: s.audit.records.length ? 'ok' : 'error', records: s.audit.records } })));
    return () => {
      stopped = true;
    };
  }, [hello, store]);
  return null;
}
