// Where the AI director's output goes: the engine persists audit records and sends them and the suggestions to
// the consoles; tests collect them. The director never touches a socket or a file.
import type { AuditEntry, AuditRecordWire } from '../protocol/audit.ts';
import type { SuggestionsMessage } from '../protocol/LiveMessages.ts';

export interface DirectorOutbox {
  /** Appends to the audit log (human decisions reach the disk before this returns) and tells the consoles. */
  record(entry: AuditEntry): AuditRecordWire;
  /** The ranked suggestions changed (new, used, rejected or adjusted). */
  suggestions(message: SuggestionsMessage): void;
}
