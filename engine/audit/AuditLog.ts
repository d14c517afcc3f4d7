// Append-only record of every AI suggestion, human decision and move (JSON lines in the data dir): who decided what.
import { closeSync, existsSync, fdatasyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { AuditEntry, AuditQuery, AuditRecordWire, AuditTypeWire } from '../protocol/audit.ts';
import { shownSuggestionsOf } from '../protocol/shownSuggestions.ts';

/** Record shapes are part of the wire contract (GET /api/audit, `audit` events): defined once, in engine/protocol/audit.ts. */
type AuditType = AuditTypeWire;
type AuditRecord = AuditRecordWire;

/** Records worth an fsync before we acknowledge them: human decisions and the moves they cause. */
const DURABLE = new Set<AuditType>(['suggestion.accepted', 'suggestion.rejected', 'suggestion.adjusted', 'move.started', 'move.aborted']);

export class AuditLog {
  readonly file: string;
  private fd: number;
  private seq = 0;
  /** Lines that could not be parsed when the file was opened (a crash mid-write): skipped, never rewritten. */
  readonly damagedLines: number;

  constructor(dataDir: string, private readonly now: () => { tS: number; at: Date } = () => ({ tS: 0, at: new Date() })) {
    mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, 'audit.jsonl');
    const { lastSeq, damaged, endsWithNewline } = existsSync(this.file) ? scan(readFileSync(this.file, 'utf8')) : { lastSeq: 0, damaged: 0, endsWithNewline: true };
    this.seq = lastSeq;
    this.damagedLines = damaged;
    this.fd = openSync(this.file, 'a');
    // A torn last line from a crash: start ours on a fresh line so both stay readable.
    if (!endsWithNewline) writeSync(this.fd, '\n');
  }

  /** Appends synchronously (ordering is the record's meaning); decisions are flushed to disk before returning. */
  /** Every record once it is on disk (a recording take keeps a copy). */
  onAppend: ((record: AuditRecord) => void) | undefined;

  append(entry: AuditEntry): AuditRecord {
    const { tS, at } = this.now();
    const record: AuditRecord = { seq: ++this.seq, at: at.toISOString(), tS: Math.round(tS * 1e6) / 1e6, ...entry };
    writeSync(this.fd, JSON.stringify(record) + '\n');
    if (DURABLE.has(entry.type)) fdatasyncSync(this.fd);
    this.onAppend?.(record);
    return record;
  }

  /** Reads the file (the source of truth), newest last, filtered. */
  query(q: Partial<AuditQuery> = {}): AuditRecord[] {
    const { limit = 500 } = q;
    const out: AuditRecord[] = [];
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      const r = parseLine(line);
      if (!r) continue;
      if (q.type && r.type !== q.type && !r.type.startsWith(q.type + '.')) continue;
      if (q.decisions === '1' && r.type === 'suggestion.shown') continue;
      if (q.provenance && r.provenance !== q.provenance) continue;
      if (q.actor && r.actor.kind !== q.actor) continue;
      if (q.suggestionId && r.suggestionId !== q.suggestionId && !showsSuggestion(r, q.suggestionId)) continue;
      if (q.moveId && r.moveId !== q.moveId) continue;
      if (q.sinceSeq !== undefined && r.seq <= q.sinceSeq) continue;
      out.push(r);
    }
    return out.slice(-limit);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** A refresh's record names the suggestion: shown in full, or still on screen from an earlier refresh. */
function showsSuggestion(r: AuditRecord, suggestionId: string): boolean {
  const onScreen = r.data?.shown;
  return shownSuggestionsOf(r).some((s) => s.suggestionId === suggestionId) || (Array.isArray(onScreen) && onScreen.includes(suggestionId));
}

function parseLine(line: string): AuditRecord | undefined {
  if (!line.trim()) return undefined;
  try {
    const r = JSON.parse(line) as AuditRecord;
    return typeof r.seq === 'number' && typeof r.type === 'string' && r.actor ? r : undefined;
  } catch {
    return undefined;
  }
}

function scan(text: string): { lastSeq: number; damaged: number; endsWithNewline: boolean } {
  let lastSeq = 0;
  let damaged = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const r = parseLine(line);
    if (r) lastSeq = Math.max(lastSeq, r.seq);
    else damaged++;
  }
  return { lastSeq, damaged, endsWithNewline: text.length === 0 || text.endsWith('\n') };
}
