import { describe, expect, it } from 'vitest';
import type { AuditRecordWire } from './AuditRecordWire.ts';
import { auditDetail, auditTypeLabel, matchesAuditFilter } from './auditFilters.ts';

const human = { kind: 'human' as const, role: 'director' as const, clientId: 'c1' };
const ai = { kind: 'ai' as const, modelVersion: 'm1' };
const rec = (r: Partial<AuditRecordWire>): AuditRecordWire => ({ seq: 1, at: '2026-01-01T00:00:00Z', tS: 0, type: 'move.started', actor: human, ...r });

describe('audit filters', () => {
  it('sorts records into AI-proposed, approved, modified, rejected and human-only', () => {
    const shown = rec({ type: 'suggestion.shown', actor: ai });
    const accepted = rec({ type: 'suggestion.accepted', provenance: 'ai-approved' });
    const adjusted = rec({ type: 'suggestion.adjusted', provenance: 'ai-modified' });
    const rejected = rec({ type: 'suggestion.rejected', provenance: 'ai-rejected' });
    const manual = rec({ type: 'move.started', provenance: 'human-only' });
    const all = [shown, accepted, adjusted, rejected, manual];
    expect(all.filter((r) => matchesAuditFilter(r, 'ai'))).toEqual([shown]);
    expect(all.filter((r) => matchesAuditFilter(r, 'approved'))).toEqual([accepted]);
    expect(all.filter((r) => matchesAuditFilter(r, 'modified'))).toEqual([adjusted]);
    expect(all.filter((r) => matchesAuditFilter(r, 'rejected'))).toEqual([rejected]);
    expect(all.filter((r) => matchesAuditFilter(r, 'human'))).toEqual([manual]);
    expect(all.filter((r) => matchesAuditFilter(r, 'all'))).toHaveLength(5);
  });

  it('summarises the detail a director needs: kind, reason, changed fields', () => {
    expect(auditDetail(rec({ data: { kind: 'dolly', reason: 'too fast' } }))).toBe('dolly · “too fast”');
    expect(auditDetail(rec({ data: { changes: { durationS: 6, easing: 'linear' } } }))).toBe('changed durationS, easing');
  });

  it("lists a refresh's new cards with their confidence, and a removed source with its camera", () => {
    const card = (kind: string, confidence: number) => ({ suggestionId: kind, kind, params: { kind }, confidence, rationale: '', inputsHash: '' });
    expect(auditDetail(rec({ type: 'suggestion.shown', actor: ai, data: { shown: ['dolly', 'pan'], suggestions: [card('dolly', 0.72), card('pan', 0.4)] } }))).toBe('dolly 72% · pan 40%');
    expect(auditDetail(rec({ type: 'source.removed', data: { sourceId: 'osc:cam9', cameraId: 'cam9', cameraRemoved: true } }))).toBe('osc:cam9 · camera cam9 off the stage');
    expect(auditTypeLabel('source.removed')).toBe('Source removed');
  });

  it('names a take in its start record', () => {
    expect(auditTypeLabel('take.started')).toBe('Take started');
    expect(auditDetail(rec({ type: 'take.started', data: { takeId: 'A001-T03-x', slate: 'A001', takeNumber: 3 } }))).toBe('A001 T03');
  });
});
