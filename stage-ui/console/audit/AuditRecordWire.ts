// The audit record as `GET /api/audit` and the `audit` event carry it (the console may not import engine internals,
// so this mirrors engine/audit/AuditLog.ts; it belongs in engine/protocol once the endpoint lands).

export type AuditProvenanceWire = 'ai-approved' | 'ai-modified' | 'ai-rejected' | 'human-only';

export type AuditTypeWire =
  | 'suggestion.shown'
  | 'suggestion.accepted'
  | 'suggestion.rejected'
  | 'suggestion.adjusted'
  | 'move.started'
  | 'move.adjusted'
  | 'move.paused'
  | 'move.resumed'
  | 'move.scrubbed'
  | 'move.aborted'
  | 'move.finished'
  | 'move.reset';

export type AuditActorWire = { kind: 'human'; role: string; clientId: string } | { kind: 'ai'; modelVersion: string };

export interface AuditRecordWire {
  /** 1, 2, 3… in file order. */
  seq: number;
  /** Wall-clock ISO time. */
  at: string;
  /** Engine time, s. */
  tS: number;
  type: AuditTypeWire;
  actor: AuditActorWire;
  suggestionId?: string;
  moveId?: string;
  provenance?: AuditProvenanceWire;
  data?: Record<string, unknown>;
}

/** A record as it may come off the wire: checked before the panel trusts it. */
export function isAuditRecord(v: unknown): v is AuditRecordWire {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<AuditRecordWire>;
  return typeof r.seq === 'number' && typeof r.type === 'string' && typeof r.at === 'string' && typeof r.actor === 'object' && r.actor !== null;
}
