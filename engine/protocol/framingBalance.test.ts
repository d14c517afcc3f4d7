import { describe, expect, it } from 'vitest';
import type { AuditRecordWire } from './audit.ts';
import { framingBalance } from './framingBalance.ts';

let seq = 0;
const rec = (r: Partial<AuditRecordWire>): AuditRecordWire => ({ seq: ++seq, at: '2026-12-01T00:00:00Z', tS: 0, type: 'suggestion.shown', actor: { kind: 'ai', modelVersion: 'm' }, ...r });
const suggestion = (target: unknown, id = `s${seq}`) => ({ suggestionId: id, kind: 'pan', params: { kind: 'pan', durationS: 2, easing: 'linear', target }, confidence: 0.5, rationale: '', inputsHash: '' });
/** One refresh's record (`data.suggestions`: what it showed new). */
const shown = (...targets: unknown[]) => rec({ data: { shown: [], suggestions: targets.map((t) => suggestion(t)), backend: 'cpu' } });
const started = (target: unknown, provenance: AuditRecordWire['provenance']) =>
  rec({ type: 'move.started', actor: { kind: 'human', role: 'director', clientId: 'c' }, provenance, data: { spec: { kind: 'pan', durationS: 2, easing: 'linear', target } } });

describe('framingBalance', () => {
  it('counts suggestions shown and moves started from suggestions per person, as shares of those that frame a person', () => {
    const b = framingBalance([
      shown({ type: 'subject', id: 'ana' }),
      shown({ type: 'subject', id: 'ana' }),
      shown({ type: 'subject', id: 'ben' }),
      shown({ type: 'poi', id: 'arch' }), // not a person
      shown(undefined),
      started({ type: 'subject', id: 'ben' }, 'ai-approved'),
      started({ type: 'subject', id: 'ben' }, 'ai-modified'),
      started({ type: 'subject', id: 'ana' }, 'human-only'), // not the AI's suggestion
      rec({ type: 'suggestion.rejected', data: { kind: 'pan' } }),
    ]);
    expect(b.suggestedTotal).toBe(3);
    expect(b.acceptedTotal).toBe(2);
    expect(b.people).toEqual([
      { subjectId: 'ana', suggested: 2, suggestedShare: 2 / 3, accepted: 0, acceptedShare: 0 },
      { subjectId: 'ben', suggested: 1, suggestedShare: 1 / 3, accepted: 2, acceptedShare: 1 },
    ]);
  });

  it('counts every suggestion of a refresh, and reads a record from before refreshes were recorded as sets', () => {
    const old = rec({ suggestionId: 'old-1', data: { kind: 'pan', params: { kind: 'pan', durationS: 2, easing: 'linear', target: { type: 'subject', id: 'ben' } } } });
    const b = framingBalance([shown({ type: 'subject', id: 'ana' }, { type: 'subject', id: 'ben' }, { type: 'subject', id: 'ana' }), old]);
    expect(b.people.map((p) => [p.subjectId, p.suggested])).toEqual([['ana', 2], ['ben', 2]]);
    expect(b.suggestedTotal).toBe(4);
  });

  it('is empty, not NaN, before anyone was framed', () => {
    expect(framingBalance([shown(undefined)])).toEqual({ people: [], suggestedTotal: 0, acceptedTotal: 0 });
  });
});
