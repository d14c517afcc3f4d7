import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from './AuditLog.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'vantage-audit-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ai = { kind: 'ai', modelVersion: 'm1' } as const;
const director = { kind: 'human', role: 'director', clientId: 'c1' } as const;

describe('AuditLog', () => {
  it('appends JSON lines with increasing seq and filters them', () => {
    const log = new AuditLog(tmp());
    log.append({ type: 'suggestion.shown', actor: ai, suggestionId: 's1', data: { kind: 'dolly' } });
    log.append({ type: 'suggestion.accepted', actor: director, suggestionId: 's1', provenance: 'ai-approved' });
    log.append({ type: 'move.started', actor: director, moveId: 'm1', suggestionId: 's1', provenance: 'ai-approved' });
    log.append({ type: 'move.started', actor: director, moveId: 'm2', provenance: 'human-only' });
    const lines = readFileSync(log.file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(log.query({ actor: 'ai' }).map((r) => r.type)).toEqual(['suggestion.shown']);
    expect(log.query({ provenance: 'human-only' }).map((r) => r.moveId)).toEqual(['m2']);
    expect(log.query({ type: 'move' }).map((r) => r.moveId)).toEqual(['m1', 'm2']);
    expect(log.query({ suggestionId: 's1' })).toHaveLength(3);
    expect(log.query({ sinceSeq: 2, limit: 1 }).map((r) => r.seq)).toEqual([4]);
    log.close();
  });

  it('finds a suggestion in the refresh records that showed it or kept it on screen', () => {
    const log = new AuditLog(tmp());
    const card = (id: string) => ({ suggestionId: id, kind: 'dolly', params: { kind: 'dolly' }, confidence: 0.5, rationale: '', inputsHash: '' });
    log.append({ type: 'suggestion.shown', actor: ai, data: { shown: ['s1', 's2'], suggestions: [card('s1'), card('s2')] } });
    log.append({ type: 'suggestion.shown', actor: ai, data: { shown: ['s3', 's2'], suggestions: [card('s3')] } });
    log.append({ type: 'suggestion.shown', actor: ai, data: { shown: ['s3'], suggestions: [] } });
    log.append({ type: 'suggestion.accepted', actor: director, suggestionId: 's2', provenance: 'ai-approved' });
    expect(log.query({ suggestionId: 's2' }).map((r) => r.seq)).toEqual([1, 2, 4]);
    expect(log.query({ suggestionId: 's1' }).map((r) => r.seq)).toEqual([1]);
    expect(log.query({ suggestionId: 's9' })).toEqual([]);
    log.close();
  });

  it('continues the sequence after a restart and survives a torn last line without losing records', () => {
    const dir = tmp();
    const a = new AuditLog(dir);
    a.append({ type: 'suggestion.shown', actor: ai });
    a.append({ type: 'suggestion.rejected', actor: director });
    a.close();
    appendFileSync(path.join(dir, 'audit.jsonl'), '{"seq":3,"type":"move.sta'); // crash mid-write
    const b = new AuditLog(dir);
    expect(b.damagedLines).toBe(1);
    const r = b.append({ type: 'move.started', actor: director, moveId: 'x' });
    expect(r.seq).toBe(3);
    expect(b.query().map((x) => x.seq)).toEqual([1, 2, 3]);
    b.close();
  });
});
