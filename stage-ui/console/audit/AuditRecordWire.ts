// The audit record's wire types live in the protocol; re-exported here for the console's audit panel.
import type { AuditRecordWire } from '../../../engine/protocol/audit.ts';

export type { AuditActorWire, AuditProvenanceWire, AuditRecordWire, AuditTypeWire } from '../../../engine/protocol/audit.ts';

/** A record as it may come off the wire: checked before the panel trusts it. */
export function isAuditRecord(v: unknown): v is AuditRecordWire {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<AuditRecordWire>;
  return typeof r.seq === 'number' && typeof r.type === 'string' && typeof r.at === 'string' && typeof r.actor === 'object' && r.actor !== null;
}
