// The decision record as it travels: GET /api/audit (and its query), `audit` events on /live, take files later.
// The engine's AuditLog writes exactly these records.
import { z } from 'zod';
import type { RoleWire } from './roles.ts';

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
  | 'move.reset'
  | 'take.started'
  | 'take.stopped'
  | 'scene.loaded'
  | 'source.removed';

/** Every record type; `GET /api/audit?type=` takes one of these or a family (`move` = every `move.*`). */
export const AUDIT_TYPES: readonly AuditTypeWire[] = [
  'suggestion.shown',
  'suggestion.accepted',
  'suggestion.rejected',
  'suggestion.adjusted',
  'move.started',
  'move.adjusted',
  'move.paused',
  'move.resumed',
  'move.scrubbed',
  'move.aborted',
  'move.finished',
  'move.reset',
  'take.started',
  'take.stopped',
  'scene.loaded',
  'source.removed',
];
const AUDIT_TYPE_FAMILIES = [...new Set(AUDIT_TYPES.map((t) => t.split('.')[0]!))];

/** `engine`: the engine acted by itself on a fault (a move paused while its camera's tracking was stale); `data.cause` says why. */
export type AuditActorWire = { kind: 'human'; role: RoleWire; clientId: string } | { kind: 'ai'; modelVersion: string } | { kind: 'engine' };

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
  /**
   * `suggestion.shown` (one per refresh that changed the cards): `{shown: ids in card order, suggestions: the new or
   * re-planned ones in full (ShownSuggestionRecord), backend}`; read it with shownSuggestionsOf. `source.removed`:
   * `{sourceId, cameraId, cameraRemoved}`.
   */
  data?: Record<string, unknown>;
}

/** A record before the log numbers and stamps it. */
export type AuditEntry = Omit<AuditRecordWire, 'seq' | 'at' | 'tS'>;

/** `GET /api/audit?type=&provenance=&actor=ai|human&suggestionId=&moveId=&sinceSeq=&limit=` */
export const AuditQuerySchema = z.strictObject({
  type: z
    .string()
    .max(64)
    .refine((t) => (AUDIT_TYPES as readonly string[]).includes(t) || AUDIT_TYPE_FAMILIES.includes(t), {
      message: `type must be one of ${AUDIT_TYPES.join(', ')}, or a family: ${AUDIT_TYPE_FAMILIES.join(', ')}`,
    })
    .optional(),
  provenance: z.enum(['ai-approved', 'ai-modified', 'ai-rejected', 'human-only']).optional(),
  actor: z.enum(['human', 'ai', 'engine']).optional(),
  suggestionId: z.string().max(64).optional(),
  moveId: z.string().max(64).optional(),
  sinceSeq: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  /** `1`: leave out `suggestion.shown` (the decisions, moves, takes and scene switches only). */
  decisions: z.enum(['0', '1']).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
