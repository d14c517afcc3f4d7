// Joins segmented OpenTrackIO payloads back together per sender, in bounded memory, tolerating reordering, duplicates and loss.
//
// The spec (OpenTrackIO 1.0.1, "Transport recommendations → UDP") says a payload over the UDP limit
// "should be segmented", each segment carrying its byte offset and a last-segment flag, and that a
// payload missing any segment "should be discarded". It does not say how the 16-bit sequence number
// relates to segments, and producers differ:
//   - per packet: camdkit's reference sender (src/test/python/parser/opentrackio_sender.py) gives
//     every segment its own, incrementing number ("Every packet has a unique sequence number"),
//     with equal-sized segments except the last;
//   - per message: other producers stamp every segment of one payload with the same number.
// So a message is keyed by (sender, the sequence number of the first segment we saw of it), and a
// later segment joins it either by carrying that same number, or by sitting exactly where the
// per-packet scheme puts it: `offset - anchorOffset === (seq - anchorSeq) * segmentSize`.
// The reference receiver only appends segments in arrival order; this one also takes them out of order.
import { reject, RejectReason, type Pending, type Rejection } from '../DecodeResult.ts';
import type { OtrkEncoding, OtrkHeader } from './OtrkHeader.ts';

export interface SegmentReassemblerOptions {
  /** Incomplete messages held at once, across all senders; the oldest goes first when full. */
  maxInFlightMessages?: number;
  /** Largest reassembled payload accepted, bytes. */
  maxPayloadBytes?: number;
  /** All held segment bytes together, bytes; at least `maxPayloadBytes`. */
  maxBufferedBytes?: number;
  /** Segments one message may have (bounds per-segment bookkeeping when segments are tiny). */
  maxSegmentsPerMessage?: number;
  /** A message not complete this long after its first segment arrived is dropped, s. */
  timeoutS?: number;
  /** Clock in seconds (any epoch); injected so tests can drive time. */
  nowS?: () => number;
}

export const DEFAULT_REASSEMBLY = {
  maxInFlightMessages: 16,
  maxPayloadBytes: 1024 * 1024,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxSegmentsPerMessage: 1024,
  timeoutS: 1,
} as const;

/** A whole payload, ready for JSON or CBOR decoding. */
export interface ReassembledPayload {
  ok: true;
  payload: Uint8Array;
  encoding: OtrkEncoding;
  /**
   * Header sequence number of the message's final segment (an unsegmented message's own). Under
   * either numbering scheme it is the message's highest, so the next message's is always ahead of it.
   */
  sequenceNumber: number;
}

export type ReassemblyResult = ReassembledPayload | Pending | Rejection;

const PENDING: Pending = { ok: 'pending' };

/** How a message's producer numbers its segments; learnt from the second segment that joins. */
const SequenceScheme = { Unknown: 0, PerMessage: 1, PerPacket: 2 } as const;
type SequenceScheme = (typeof SequenceScheme)[keyof typeof SequenceScheme];

interface Segment {
  offsetBytes: number;
  /** Our own copy: the caller may reuse its receive buffer. */
  bytes: Uint8Array;
}

interface Assembly {
  senderKey: string;
  encoding: OtrkEncoding;
  /** Sequence number and offset of the first segment that arrived. */
  anchorSeq: number;
  anchorOffsetBytes: number;
  /** Size of a non-final segment (per-packet numbering needs it); 0 = not known yet. */
  strideBytes: number;
  scheme: SequenceScheme;
  segments: Segment[];
  receivedBytes: number;
  /** Known once the last segment has arrived; -1 before. */
  totalBytes: number;
  /** Sequence number of the last segment; -1 before it arrives. */
  finalSeq: number;
  startedAtS: number;
}

export class SegmentReassembler {
  private readonly maxInFlightMessages: number;
  private readonly maxPayloadBytes: number;
  private readonly maxBufferedBytes: number;
  private readonly maxSegmentsPerMessage: number;
  private readonly timeoutS: number;
  private readonly nowS: () => number;
  /** In order of creation, so the oldest is always first. Small (<= maxInFlightMessages): scans are cheap. */
  private readonly assemblies: Assembly[] = [];
  private buffered = 0;
  /** Messages dropped because they did not complete within `timeoutS`. */
  expiredMessages = 0;
  /** Messages dropped to make room (count or byte budget). */
  evictedMessages = 0;

  constructor(options: SegmentReassemblerOptions = {}) {
    this.maxInFlightMessages = options.maxInFlightMessages ?? DEFAULT_REASSEMBLY.maxInFlightMessages;
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_REASSEMBLY.maxPayloadBytes;
    this.maxBufferedBytes = options.maxBufferedBytes ?? Math.max(DEFAULT_REASSEMBLY.maxBufferedBytes, this.maxPayloadBytes);
    this.maxSegmentsPerMessage = options.maxSegmentsPerMessage ?? DEFAULT_REASSEMBLY.maxSegmentsPerMessage;
    this.timeoutS = options.timeoutS ?? DEFAULT_REASSEMBLY.timeoutS;
    this.nowS = options.nowS ?? (() => performance.now() / 1000);
    if (!(Number.isInteger(this.maxInFlightMessages) && this.maxInFlightMessages >= 1)) throw new RangeError('maxInFlightMessages must be an integer >= 1');
    if (!(this.maxPayloadBytes >= 1)) throw new RangeError('maxPayloadBytes must be >= 1');
    if (!(this.maxBufferedBytes >= this.maxPayloadBytes)) throw new RangeError('maxBufferedBytes must be >= maxPayloadBytes');
    if (!(Number.isInteger(this.maxSegmentsPerMessage) && this.maxSegmentsPerMessage >= 2)) throw new RangeError('maxSegmentsPerMessage must be an integer >= 2');
    if (!(this.timeoutS > 0)) throw new RangeError('timeoutS must be > 0');
  }

  /** Incomplete messages currently held. */
  get inFlightMessages(): number {
    return this.assemblies.length;
  }

  /** Segment bytes currently held. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /**
   * Offers one packet's payload (`segment`, the bytes after a header that `parseOtrkHeader`
   * accepted). Returns the whole payload once every byte of it has arrived, Pending while more
   * are needed (a repeated segment is also just Pending), or a rejection for a segment that cannot
   * belong to any valid payload. A segment that contradicts its message (overlap, a second end,
   * a different encoding) discards the whole message: we cannot tell which packet is the bad one.
   * An unsegmented payload comes back as `segment` itself, uncopied.
   */
  push(senderKey: string, header: Readonly<OtrkHeader>, segment: Uint8Array): ReassemblyResult {
    if (this.assemblies.length > 0) this.expire(this.nowS());
    const offsetBytes = header.segmentOffsetBytes;
    const lengthBytes = segment.length;
    const last = header.lastSegment;
    const endBytes = offsetBytes + lengthBytes;
    if (endBytes > this.maxPayloadBytes) {
      return reject(RejectReason.TooLong, `segment ends at byte ${endBytes}, payloads are limited to ${this.maxPayloadBytes}`);
    }
    if (offsetBytes === 0 && last) return { ok: true, payload: segment, encoding: header.encoding, sequenceNumber: header.sequenceNumber };
    if (lengthBytes === 0 && !last) return reject(RejectReason.SegmentError, `empty non-final segment at offset ${offsetBytes}`);

    const assembly = this.find(senderKey, header.sequenceNumber, offsetBytes, lengthBytes, last);
    if (!assembly) {
      this.start(senderKey, header, segment);
      return PENDING;
    }
    return this.add(assembly, header, segment);
  }

  /** Drops every message older than `timeoutS` at `nowS`; `push` calls this itself. */
  expire(nowS: number): void {
    for (let i = this.assemblies.length - 1; i >= 0; i--) {
      if (nowS - this.assemblies[i]!.startedAtS > this.timeoutS) {
        this.remove(i);
        this.expiredMessages++;
      }
    }
  }

  clear(): void {
    this.assemblies.length = 0;
    this.buffered = 0;
  }

  /** The newest matching message of this sender: same sequence number first, then the per-packet position rule. */
  private find(senderKey: string, seq: number, offsetBytes: number, lengthBytes: number, last: boolean): Assembly | undefined {
    for (let i = this.assemblies.length - 1; i >= 0; i--) {
      const a = this.assemblies[i]!;
      if (a.senderKey === senderKey && a.anchorSeq === seq) return a;
    }
    for (let i = this.assemblies.length - 1; i >= 0; i--) {
      const a = this.assemblies[i]!;
      if (a.senderKey !== senderKey || a.scheme === SequenceScheme.PerMessage) continue;
      const stride = a.strideBytes || (last ? 0 : lengthBytes);
      const packets = ((seq - a.anchorSeq + 0x8000) & 0xffff) - 0x8000; // signed distance, wrap-aware
      if (stride > 0 && offsetBytes - a.anchorOffsetBytes === packets * stride) return a;
    }
    return undefined;
  }

  private start(senderKey: string, header: Readonly<OtrkHeader>, segment: Uint8Array): void {
    while (this.assemblies.length >= this.maxInFlightMessages) this.evictOldest();
    this.makeRoom(segment.length, undefined);
    const offsetBytes = header.segmentOffsetBytes;
    this.assemblies.push({
      senderKey,
      encoding: header.encoding,
      anchorSeq: header.sequenceNumber,
      anchorOffsetBytes: offsetBytes,
      strideBytes: header.lastSegment ? 0 : segment.length,
      scheme: SequenceScheme.Unknown,
      segments: [{ offsetBytes, bytes: copyOf(segment) }],
      receivedBytes: segment.length,
      totalBytes: header.lastSegment ? offsetBytes + segment.length : -1,
      finalSeq: header.lastSegment ? header.sequenceNumber : -1,
      startedAtS: this.nowS(),
    });
    this.buffered += segment.length;
  }

  private add(a: Assembly, header: Readonly<OtrkHeader>, segment: Uint8Array): ReassemblyResult {
    const offsetBytes = header.segmentOffsetBytes;
    const endBytes = offsetBytes + segment.length;
    const seq = header.sequenceNumber;
    const fail = (detail: string): Rejection => {
      this.remove(this.assemblies.indexOf(a));
      return reject(RejectReason.SegmentError, `${detail} (message from sequence ${a.anchorSeq}; discarded)`);
    };

    if (header.encoding !== a.encoding) return fail(`segment encoding 0x0${header.encoding} differs from 0x0${a.encoding}`);
    for (const s of a.segments) {
      if (s.offsetBytes === offsetBytes && s.bytes.length === segment.length) {
        // Multicast on two interfaces, or a switch loop: the same packet twice is harmless.
        if (sameBytes(s.bytes, segment)) return PENDING;
        return fail(`two different segments at offset ${offsetBytes}`);
      }
      if (offsetBytes < s.offsetBytes + s.bytes.length && s.offsetBytes < endBytes) {
        return fail(`segment [${offsetBytes}, ${endBytes}) overlaps [${s.offsetBytes}, ${s.offsetBytes + s.bytes.length})`);
      }
    }
    if (header.lastSegment) {
      if (a.totalBytes >= 0 && a.totalBytes !== endBytes) return fail(`second final segment ends at ${endBytes}, first at ${a.totalBytes}`);
      for (const s of a.segments) {
        if (s.offsetBytes + s.bytes.length > endBytes) return fail(`final segment ends at ${endBytes} but data reaches ${s.offsetBytes + s.bytes.length}`);
      }
    } else if (a.totalBytes >= 0 && endBytes > a.totalBytes) {
      return fail(`segment ends at ${endBytes}, past the final segment's end ${a.totalBytes}`);
    }
    if (a.segments.length >= this.maxSegmentsPerMessage) return fail(`more than ${this.maxSegmentsPerMessage} segments`);

    if (seq === a.anchorSeq) {
      if (a.scheme === SequenceScheme.PerPacket) return fail(`sequence ${seq} reused inside a per-packet-numbered message`);
      a.scheme = SequenceScheme.PerMessage;
    } else {
      a.scheme = SequenceScheme.PerPacket;
      if (a.strideBytes === 0) a.strideBytes = segment.length;
    }

    this.makeRoom(segment.length, a);
    a.segments.push({ offsetBytes, bytes: copyOf(segment) });
    a.receivedBytes += segment.length;
    this.buffered += segment.length;
    if (header.lastSegment) {
      a.totalBytes = endBytes;
      a.finalSeq = seq;
    }

    // No overlaps and nothing past the end, so byte count == total means every byte is here.
    if (a.totalBytes < 0 || a.receivedBytes !== a.totalBytes) return PENDING;
    const payload = new Uint8Array(a.totalBytes);
    for (const s of a.segments) payload.set(s.bytes, s.offsetBytes);
    this.remove(this.assemblies.indexOf(a));
    return { ok: true, payload, encoding: a.encoding, sequenceNumber: a.finalSeq };
  }

  /** Evicts the oldest messages other than `keep` until `bytes` more fit the byte budget. */
  private makeRoom(bytes: number, keep: Assembly | undefined): void {
    while (this.buffered + bytes > this.maxBufferedBytes) {
      const i = this.assemblies.findIndex((a) => a !== keep);
      if (i < 0) return; // only `keep` left: it is within maxPayloadBytes <= maxBufferedBytes
      this.remove(i);
      this.evictedMessages++;
    }
  }

  private evictOldest(): void {
    this.remove(0);
    this.evictedMessages++;
  }

  private remove(index: number): void {
    if (index < 0) return;
    const [a] = this.assemblies.splice(index, 1);
    if (a) this.buffered -= a.receivedBytes;
  }
}

/**
 * A copy that owns its memory. Not `segment.slice()`: on a Node Buffer (what dgram delivers) that
 * returns a view, which would pin the whole receive buffer and let the caller overwrite our data.
 */
function copyOf(segment: Uint8Array): Uint8Array {
  return new Uint8Array(segment);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
