// A take's decisions as timeline markers: AI proposals (suggestion.shown) small, human decisions (accept, reject,
// adjust, moves, takes) tall, each at the take frame it happened on.
import type { AuditRecordWire, AuditTypeWire } from '../audit/AuditRecordWire.ts';

export type TakeMarkerKind = 'ai' | 'human';

/** An audit record of a take, with the take frame it happened at (GET /api/takes/:id). */
export type TakeAuditRecordWire = AuditRecordWire & { frame: number | null };

export interface TakeMarker {
  seq: number;
  /** Take frame number (engine frame), what take.play `fromFrame` and take.seek take. */
  frame: number;
  /** 0..1 along the take, first frame to last. */
  x: number;
  kind: TakeMarkerKind;
  type: AuditTypeWire;
  /** `move.started · director 1a2b3c4d`: the marker's tooltip. */
  title: string;
}

export function markerKind(type: AuditTypeWire): TakeMarkerKind {
  return type === 'suggestion.shown' ? 'ai' : 'human';
}

/** Markers for the records that have a frame, in frame order; `x` spans firstFrame … firstFrame + frameCount − 1. */
export function takeMarkers(audit: readonly TakeAuditRecordWire[], firstFrame: number, frameCount: number): TakeMarker[] {
  const span = Math.max(1, frameCount - 1);
  const out: TakeMarker[] = [];
  for (const r of audit) {
    if (r.frame === null) continue;
    const actor = r.actor.kind === 'ai' ? `AI ${r.actor.modelVersion}` : r.actor.kind === 'engine' ? 'engine' : `${r.actor.role} ${r.actor.clientId.slice(0, 8)}`;
    out.push({ seq: r.seq, frame: r.frame, x: Math.min(1, Math.max(0, (r.frame - firstFrame) / span)), kind: markerKind(r.type), type: r.type, title: `${r.type} · ${actor}` });
  }
  return out.sort((a, b) => a.frame - b.frame || a.seq - b.seq);
}

/** The take frame at `x` (0..1) along the take: where a click on the bar plays from. */
export function frameAt(x: number, firstFrame: number, frameCount: number): number {
  return firstFrame + Math.round(Math.min(1, Math.max(0, x)) * Math.max(0, frameCount - 1));
}
