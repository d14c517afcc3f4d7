// The audit panel's filters: which records count as AI-proposed, approved, modified, rejected or human-only.
import { shownSuggestionsOf } from '../../../engine/protocol/shownSuggestions.ts';
import { takeLabel } from '../takes/takeLabels.ts';
import type { AuditRecordWire } from './AuditRecordWire.ts';

export type AuditFilter = 'decisions' | 'all' | 'ai' | 'approved' | 'modified' | 'rejected' | 'human';

export const AUDIT_FILTERS: readonly { key: AuditFilter; label: string }[] = [
  { key: 'decisions', label: 'Decisions' },
  { key: 'all', label: 'All (with every suggestion shown)' },
  { key: 'ai', label: 'AI proposed' },
  { key: 'approved', label: 'Approved' },
  { key: 'modified', label: 'Modified' },
  { key: 'rejected', label: 'Rejected' },
  { key: 'human', label: 'Human only' },
];

export function matchesAuditFilter(r: AuditRecordWire, f: AuditFilter): boolean {
  switch (f) {
    case 'decisions':
      // What people (and the engine, on a fault) decided, and scene switches: the AI's stream of proposals is not.
      return r.type !== 'suggestion.shown';
    case 'all':
      return true;
    case 'ai':
      return r.type === 'suggestion.shown' || r.actor.kind === 'ai';
    case 'approved':
      return r.provenance === 'ai-approved' || r.type === 'suggestion.accepted';
    case 'modified':
      return r.provenance === 'ai-modified' || r.type === 'suggestion.adjusted';
    case 'rejected':
      return r.provenance === 'ai-rejected' || r.type === 'suggestion.rejected';
    case 'human':
      return r.provenance === 'human-only';
  }
}

const TYPE_LABELS: Record<string, string> = {
  'suggestion.shown': 'Suggested',
  'suggestion.accepted': 'Accepted',
  'suggestion.rejected': 'Rejected',
  'suggestion.adjusted': 'Adjusted',
  'move.started': 'Move started',
  'move.adjusted': 'Move adjusted',
  'move.paused': 'Paused',
  'move.resumed': 'Resumed',
  'move.scrubbed': 'Scrubbed',
  'move.aborted': 'Aborted',
  'move.finished': 'Finished',
  'move.reset': 'Reset',
  'take.started': 'Take started',
  'take.stopped': 'Take stopped',
  'scene.loaded': 'Scene switched',
  'source.removed': 'Source removed',
};

export function auditTypeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}

/** A short human line of the record's detail: the move kind, the reason, what changed. */
export function auditDetail(r: AuditRecordWire): string {
  const d = r.data ?? {};
  // A refresh: each card it showed new or re-planned, with its confidence.
  if (r.type === 'suggestion.shown' && Array.isArray(d.suggestions)) return shownSuggestionsOf(r).map((s) => `${s.kind} ${Math.round(s.confidence * 100)}%`).join(' · ') || 'a card dropped';
  if (r.type === 'source.removed') return `${String(d.sourceId)}${d.cameraRemoved ? ` · camera ${String(d.cameraId)} off the stage` : ''}`;
  const parts: string[] = [];
  const kind = (d.kind ?? (d.suggestion as { kind?: unknown } | undefined)?.kind ?? (d.spec as { kind?: unknown } | undefined)?.kind) as unknown;
  if (typeof kind === 'string') parts.push(kind);
  if (typeof d.reason === 'string' && d.reason) parts.push(`“${d.reason}”`);
  if (typeof d.outcome === 'string') parts.push(d.outcome);
  if (typeof d.changes === 'object' && d.changes !== null) parts.push(`changed ${Object.keys(d.changes).join(', ')}`);
  if (typeof d.progress === 'number') parts.push(`at ${Math.round(d.progress * 100)}%`);
  if (typeof d.confidence === 'number') parts.push(`${Math.round(d.confidence * 100)}%`);
  if (typeof d.slate === 'string' && typeof d.takeNumber === 'number') parts.push(takeLabel(d.slate, d.takeNumber));
  return parts.join(' · ');
}
