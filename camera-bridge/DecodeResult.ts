// The typed outcome of every pure decoder: updates, or a rejection with a stable reason code.
import type { TrackingUpdate } from './CameraSample.ts';

/**
 * Stable rejection codes (`VP_ERR_…`), counted per receiver and per source.
 * Adding a code is fine; renaming one breaks dashboards, so don't.
 */
export const RejectReason = {
  TooShort: 'VP_ERR_TOO_SHORT',
  TooLong: 'VP_ERR_TOO_LONG',
  BadLength: 'VP_ERR_BAD_LENGTH',
  BadChecksum: 'VP_ERR_BAD_CHECKSUM',
  BadHeader: 'VP_ERR_BAD_HEADER',
  Malformed: 'VP_ERR_MALFORMED',
  BadJson: 'VP_ERR_BAD_JSON',
  Schema: 'VP_ERR_SCHEMA',
  UnknownAddress: 'VP_ERR_UNKNOWN_ADDRESS',
  BadArgs: 'VP_ERR_BAD_ARGS',
  NotFinite: 'VP_ERR_NOT_FINITE',
  NotUnitQuaternion: 'VP_ERR_NOT_UNIT_QUATERNION',
  OutOfRange: 'VP_ERR_OUT_OF_RANGE',
  UnknownId: 'VP_ERR_UNKNOWN_ID',
  UnsupportedEncoding: 'VP_ERR_UNSUPPORTED_ENCODING',
  SegmentError: 'VP_ERR_SEGMENT',
  Incomplete: 'VP_ERR_INCOMPLETE',
  /** The same message again (multicast on two interfaces, a switch loop): processed once. */
  Duplicate: 'VP_ERR_DUPLICATE',
  /** Older than a message already taken from the same stream, and the stream has not paused long enough to be a restart. */
  OutOfOrder: 'VP_ERR_OUT_OF_ORDER',
  /** From a sender outside the receiver's allowlist (VP_OSC_ALLOW and friends). */
  SourceNotAllowed: 'VP_ERR_SOURCE_NOT_ALLOWED',
} as const;
export type RejectReason = (typeof RejectReason)[keyof typeof RejectReason];

export interface Rejection {
  ok: false;
  reason: RejectReason;
  /** Human-readable detail for logs and the `error` reply; never parsed. */
  detail: string;
}

export interface Accepted {
  ok: true;
  updates: TrackingUpdate[];
}

/** `pending` = a valid fragment that needs more packets (OpenTrackIO segments). */
export interface Pending {
  ok: 'pending';
}

export type DecodeResult = Accepted | Rejection | Pending;

export function reject(reason: RejectReason, detail: string): Rejection {
  return { ok: false, reason, detail };
}

export function accept(...updates: TrackingUpdate[]): Accepted {
  return { ok: true, updates };
}
