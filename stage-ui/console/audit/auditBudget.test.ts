// The console's audit store: 540 shown suggestions around one accept and a scene switch (what a first day on set
// produced) still leave the two decisions on the Audit tab's default filter.
import { describe, expect, it } from 'vitest';
import type { AuditRecordWire } from '../../../engine/protocol/audit.ts';
import { createConsoleStore } from '../state/ConsoleStore.ts';
import { appendAudit } from '../state/LiveSession.ts';
import { matchesAuditFilter } from './auditFilters.ts';

const ai = { kind: 'ai', modelVersion: 'm1' } as const;
const human = { kind: 'human', role: 'director', clientId: 'c1' } as const;

describe('audit records in the console', () => {
  it('keeps every decision however many suggestions were shown, and the default filter shows decisions only', () => {
    const records: AuditRecordWire[] = [];
    let seq = 0;
    const rec = (type: AuditRecordWire['type'], actor: AuditRecordWire['actor']): AuditRecordWire => ({ seq: ++seq, at: '2026-12-01T00:00:00Z', tS: seq, type, actor });
    for (let i = 0; i < 270; i++) records.push(rec('suggestion.shown', ai));
    records.push(rec('suggestion.accepted', human));
    records.push(rec('scene.loaded', human));
    for (let i = 0; i < 1270; i++) records.push(rec('suggestion.shown', ai));
    const store = createConsoleStore();
    appendAudit(store, records);
    const kept = store.get().audit.records;
    expect(kept.filter((r) => r.type === 'suggestion.accepted')).toHaveLength(1);
    expect(kept.filter((r) => r.type === 'scene.loaded')).toHaveLength(1);
    const decisions = kept.filter((r) => matchesAuditFilter(r, 'decisions'));
    expect(decisions.map((r) => r.type)).toEqual(['suggestion.accepted', 'scene.loaded']);
    expect(kept.filter((r) => matchesAuditFilter(r, 'all')).length).toBeGreaterThan(decisions.length);
    expect(kept.map((r) => r.seq)).toEqual([...kept.map((r) => r.seq)].sort((a, b) => a - b));
  });
});
