// Loads the audit log (`GET /api/audit?limit=500`) on every hello; live `audit` events keep it current after that.
// A 404 means the engine has no audit endpoint yet: the panel says so instead of failing.
import { useEffect } from 'react';
import { useConsole, useStore } from '../state/ConsoleContext.ts';
import { appendAudit } from '../state/LiveSession.ts';
import { authFetch } from '../../live/pageToken.ts';
import { apiPath } from '../state/tokenUrl.ts';
import { isAuditRecord } from './AuditRecordWire.ts';

export function AuditFeed() {
  const store = useStore();
  const hello = useConsole((s) => s.hello);
  useEffect(() => {
    if (!hello) return;
    let stopped = false;
    authFetch(apiPath('/api/audit', { limit: 500 }), { cache: 'no-store' })
      .then(async (res) => {
        if (stopped) return;
        if (res.status === 404) {
          store.set((s) => ({ audit: { status: s.audit.records.length ? 'ok' : 'unavailable', records: s.audit.records } }));
          return;
        }
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const body = (await res.json()) as { records?: unknown };
        const records = Array.isArray(body.records) ? body.records.filter(isAuditRecord) : [];
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
