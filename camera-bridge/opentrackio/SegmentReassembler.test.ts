// Tests for segment reassembly: both sequence-numbering schemes, reordering, duplicates, loss, timeouts and bounded memory.
import { describe, it, expect } from 'vitest';
import { RejectReason } from '../DecodeResult.ts';
import { OtrkEncoding, type OtrkHeader } from './OtrkHeader.ts';
import { SegmentReassembler, type ReassemblyResult } from './SegmentReassembler.ts';

/** A settable clock, seconds. */
function testClock(startS = 100) {
  const clock = { nowS: startS };
  return { clock, nowS: () => clock.nowS };
}

interface Seg {
  header: OtrkHeader;
  bytes: Uint8Array;
}

/** `payload` cut into `sizeBytes` pieces, numbered per packet (camdkit reference sender) or per message. */
function segments(payload: Uint8Array, sizeBytes: number, firstSeq: number, scheme: 'perPacket' | 'perMessage', encoding: OtrkEncoding = OtrkEncoding.Json): Seg[] {
  const out: Seg[] = [];
  for (let offset = 0, i = 0; offset < payload.length; offset += sizeBytes, i++) {
    const bytes = payload.subarray(offset, Math.min(offset + sizeBytes, payload.length));
    out.push({
      header: {
        encoding,
        sequenceNumber: scheme === 'perPacket' ? (firstSeq + i) & 0xffff : firstSeq,
        segmentOffsetBytes: offset,
        lastSegment: offset + sizeBytes >= payload.length,
        payloadLengthBytes: bytes.length,
      },
      bytes,
    });
  }
  return out;
}

const PAYLOAD = new TextEncoder().encode('{"sourceNumber":3,"tracker":{"status":"Optical Good"}}'); // 54 bytes
const push = (r: SegmentReassembler, s: Seg | undefined, sender = 'a') => r.push(sender, s!.header, s!.bytes);
const completed = (res: ReassemblyResult) => (res.ok === true ? new TextDecoder().decode(res.payload) : res);

describe('SegmentReassembler', () => {
  it('hands an unsegmented payload straight back, uncopied', () => {
    const r = new SegmentReassembler();
    const [only] = segments(PAYLOAD, 1000, 5, 'perMessage');
    const res = push(r, only);
    expect(res.ok).toBe(true);
    if (res.ok === true) expect(res.payload).toBe(only!.bytes);
    expect(res.ok === true && res.sequenceNumber).toBe(5);
    expect(r.inFlightMessages).toBe(0);
  });

  for (const scheme of ['perMessage', 'perPacket'] as const) {
    it(`joins 3 segments arriving out of order (${scheme} numbering)`, () => {
      const r = new SegmentReassembler({ nowS: testClock().nowS });
      const [s0, s1, s2] = segments(PAYLOAD, 20, 65535, scheme); // per packet: 65535, 0, 1 — wraps
      expect(push(r, s2)).toEqual({ ok: 'pending' });
      expect(push(r, s0)).toEqual({ ok: 'pending' });
      expect(r.inFlightMessages).toBe(1);
      expect(r.bufferedBytes).toBe(14 + 20); // last (bytes 40..53) + first (0..19)
      const res = push(r, s1);
      expect(completed(res)).toBe(new TextDecoder().decode(PAYLOAD));
      expect(res.ok === true && res.encoding).toBe(OtrkEncoding.Json);
      // The final segment's number, whichever arrived last: the message's highest under either scheme.
      expect(res.ok === true && res.sequenceNumber).toBe(scheme === 'perPacket' ? 1 : 65535);
      expect(r.inFlightMessages).toBe(0);
      expect(r.bufferedBytes).toBe(0);
    });
  }

  it('joins per-packet-numbered segments whatever the order, even when the middle one arrives first', () => {
    const parts = segments(PAYLOAD, 10, 40, 'perPacket'); // 6 segments, seq 40..45
    for (const order of [[3, 0, 5, 1, 4, 2], [5, 4, 3, 2, 1, 0], [2, 3, 0, 1, 5, 4]]) {
      const r = new SegmentReassembler({ nowS: testClock().nowS });
      const results = order.map((i) => push(r, parts[i]));
      expect(results.slice(0, -1).every((x) => x.ok === 'pending')).toBe(true);
      expect(completed(results.at(-1)!)).toBe(new TextDecoder().decode(PAYLOAD));
    }
  });

  it('treats a repeated segment as harmless and still completes', () => {
    const r = new SegmentReassembler({ nowS: testClock().nowS });
    const [s0, s1, s2] = segments(PAYLOAD, 20, 9, 'perPacket');
    push(r, s0);
    expect(push(r, s0)).toEqual({ ok: 'pending' });
    push(r, s1);
    expect(push(r, s1)).toEqual({ ok: 'pending' });
    expect(r.bufferedBytes).toBe(40);
    expect(completed(push(r, s2))).toBe(new TextDecoder().decode(PAYLOAD));
  });

  it('stays pending while a segment is missing, then drops the message after the timeout', () => {
    const { clock, nowS } = testClock();
    const r = new SegmentReassembler({ nowS, timeoutS: 0.5 });
    const [s0, s1, s2] = segments(PAYLOAD, 20, 1, 'perMessage');
    expect(push(r, s0)).toEqual({ ok: 'pending' });
    expect(push(r, s2)).toEqual({ ok: 'pending' });
    clock.nowS += 0.4;
    r.expire(clock.nowS);
    expect(r.inFlightMessages).toBe(1);
    clock.nowS += 0.2; // 0.6 s after the first segment
    r.expire(clock.nowS);
    expect(r.inFlightMessages).toBe(0);
    expect(r.bufferedBytes).toBe(0);
    expect(r.expiredMessages).toBe(1);
    // The straggler starts a new message that can never complete; it too will expire.
    expect(push(r, s1)).toEqual({ ok: 'pending' });
    clock.nowS += 1;
    expect(push(r, segments(PAYLOAD, 1000, 2, 'perMessage')[0]).ok).toBe(true);
    r.expire(clock.nowS);
    expect(r.inFlightMessages).toBe(0);
  });

  it('keeps senders apart even when their sequence numbers collide', () => {
    const r = new SegmentReassembler({ nowS: testClock().nowS });
    const other = new TextEncoder().encode('X'.repeat(PAYLOAD.length));
    const [a0, a1, a2] = segments(PAYLOAD, 20, 7, 'perMessage');
    const [b0, b1, b2] = segments(other, 20, 7, 'perMessage');
    push(r, a0, 'a');
    push(r, b0, 'b');
    push(r, a1, 'a');
    push(r, b1, 'b');
    expect(completed(push(r, b2, 'b'))).toBe('X'.repeat(PAYLOAD.length));
    expect(completed(push(r, a2, 'a'))).toBe(new TextDecoder().decode(PAYLOAD));
  });

  it('discards the message on overlapping segments', () => {
    const r = new SegmentReassembler({ nowS: testClock().nowS });
    const [s0] = segments(PAYLOAD, 20, 3, 'perMessage');
    push(r, s0);
    const overlapping: Seg = { header: { ...s0!.header, segmentOffsetBytes: 10 }, bytes: PAYLOAD.subarray(10, 30) };
    expect(push(r, overlapping)).toMatchObject({ ok: false, reason: RejectReason.SegmentError });
    expect(r.inFlightMessages).toBe(0);
    expect(r.bufferedBytes).toBe(0);
  });

  it('discards the message when the same offset carries different bytes', () => {
    const r = new SegmentReassembler({ nowS: testClock().nowS });
    const [s0] = segments(PAYLOAD, 20, 3, 'perMessage');
    push(r, s0);
    const forged: Seg = { header: s0!.header, bytes: new Uint8Array(20).fill(0x20) };
    expect(push(r, forged)).toMatchObject({ reason: RejectReason.SegmentError });
    expect(r.inFlightMessages).toBe(0);
  });

  it('rejects segments outside the payload', () => {
    const r = new SegmentReassembler({ nowS: testClock().nowS, maxPayloadBytes: 1000 });
    const header = (segmentOffsetBytes: number, lastSegment: boolean, len: number): OtrkHeader => ({
      encoding: OtrkEncoding.Json,
      sequenceNumber: 50,
      segmentOffsetBytes,
      lastSegment,
      payloadLengthBytes: len,
    });
    // Beyond the size limit: refused before anything is stored, unsegmented or not.
    expect(r.push('a', header(990, false, 20), new Uint8Array(20))).toMatchObject({ reason: RejectReason.TooLong });
    expect(r.push('a', header(0, true, 1001), new Uint8Array(1001))).toMatchObject({ reason: RejectReason.TooLong });
    expect(r.inFlightMessages).toBe(0);
    // Past the end the final segment declared.
    expect(r.push('a', header(20, true, 10), new Uint8Array(10))).toEqual({ ok: 'pending' }); // ends at 30
    expect(r.push('a', header(30, false, 10), new Uint8Array(10))).toMatchObject({ reason: RejectReason.SegmentError });
    // Two different ends.
    r.push('a', header(20, true, 10), new Uint8Array(10));
    expect(r.push('a', header(40, true, 10), new Uint8Array(10))).toMatchObject({ reason: RejectReason.SegmentError });
    // A final segment ending before data already held.
    r.push('a', header(100, false, 10), new Uint8Array(10));
    expect(r.push('a', header(50, true, 10), new Uint8Array(10))).toMatchObject({ reason: RejectReason.SegmentError });
    // An empty segment that is not the last.
    expect(r.push('a', header(200, false, 0), new Uint8Array(0))).toMatchObject({ reason: RejectReason.SegmentError });
  });

  it('rejects a message whose segments switch encoding', () => {
    const r = new SegmentReassembler({ nowS: testClock().nowS });
    const [s0] = segments(PAYLOAD, 20, 3, 'perMessage');
    const [, c1] = segments(PAYLOAD, 20, 3, 'perMessage', OtrkEncoding.Cbor);
    push(r, s0);
    expect(push(r, c1)).toMatchObject({ reason: RejectReason.SegmentError });
  });

  it('caps the segments of one message', () => {
    const r = new SegmentReassembler({ nowS: testClock().nowS, maxSegmentsPerMessage: 4 });
    const parts = segments(PAYLOAD, 5, 0, 'perMessage'); // 11 segments
    const results = parts.slice(0, 5).map((s) => push(r, s));
    expect(results.slice(0, 4).every((x) => x.ok === 'pending')).toBe(true);
    expect(results[4]).toMatchObject({ reason: RejectReason.SegmentError });
    expect(r.inFlightMessages).toBe(0);
  });

  it('evicts the oldest message when too many are in flight', () => {
    const r = new SegmentReassembler({ nowS: testClock().nowS, maxInFlightMessages: 2 });
    const m = (seq: number) => segments(PAYLOAD, 20, seq, 'perMessage');
    push(r, m(1)[0]);
    push(r, m(2)[0]);
    push(r, m(3)[0]);
    expect(r.inFlightMessages).toBe(2);
    expect(r.evictedMessages).toBe(1);
    // Message 1 is gone: its remaining segments start a fresh, incomplete message.
    push(r, m(1)[1]);
    expect(push(r, m(1)[2])).toEqual({ ok: 'pending' });
    // Message 3 survived.
    push(r, m(3)[1]);
    expect(completed(push(r, m(3)[2]))).toBe(new TextDecoder().decode(PAYLOAD));
  });

  it('never holds more than its limits, whatever garbage arrives', () => {
    const limits = { maxInFlightMessages: 8, maxPayloadBytes: 64 * 1024, maxBufferedBytes: 128 * 1024, maxSegmentsPerMessage: 32 };
    const { clock, nowS } = testClock();
    const r = new SegmentReassembler({ ...limits, nowS, timeoutS: 0.25 });
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32); // deterministic LCG
    const chunk = new Uint8Array(4096);
    for (let i = 0; i < 20_000; i++) {
      clock.nowS += rand() * 0.01;
      const len = Math.floor(rand() * 4096);
      const header: OtrkHeader = {
        encoding: rand() < 0.5 ? OtrkEncoding.Json : OtrkEncoding.Cbor,
        sequenceNumber: Math.floor(rand() * 8),
        segmentOffsetBytes: Math.floor(rand() * 80 * 1024),
        lastSegment: rand() < 0.2,
        payloadLengthBytes: len,
      };
      const res = r.push(`s${Math.floor(rand() * 4)}`, header, chunk.subarray(0, len));
      expect(res.ok === true ? res.payload.length <= limits.maxPayloadBytes : true).toBe(true);
      expect(r.inFlightMessages).toBeLessThanOrEqual(limits.maxInFlightMessages);
      expect(r.bufferedBytes).toBeLessThanOrEqual(limits.maxBufferedBytes);
    }
  });

  it('refuses limits that cannot work', () => {
    expect(() => new SegmentReassembler({ maxPayloadBytes: 2048, maxBufferedBytes: 1024 })).toThrow(RangeError);
    expect(() => new SegmentReassembler({ timeoutS: 0 })).toThrow(RangeError);
    expect(() => new SegmentReassembler({ maxInFlightMessages: 0 })).toThrow(RangeError);
  });
});
