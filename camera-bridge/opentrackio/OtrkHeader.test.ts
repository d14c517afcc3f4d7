// Tests for the 16-byte OpenTrackIO header: a hand-built packet, every rejection, and the packet builder.
import { describe, it, expect } from 'vitest';
import { RejectReason } from '../DecodeResult.ts';
import { buildOtrkPacket, newOtrkHeader, otrkChecksum, OtrkEncoding, parseOtrkHeader } from './OtrkHeader.ts';

/*
 * JSON payload "{}" as sequence 0x0102, unsegmented. Fletcher-16 (mod 256) over bytes 0..13 and the payload:
 *   byte:  4F  54  72  6B  00  01  01  02  00  00  00  00  80  02  7B  7D
 *   sum1:  79 163  21 128 128 129 130 132 132 132 132 132   4   6 129 254
 *   sum2:  79 242   7 135   7 136  10 142  18 150  26 158 162 168  41  39
 *   → (39 << 8) | 254 = 0x27FE
 */
const HAND_BUILT = new Uint8Array([
  0x4f, 0x54, 0x72, 0x6b, // "OTrk"
  0x00, // reserved
  0x01, // JSON
  0x01, 0x02, // sequence 258
  0x00, 0x00, 0x00, 0x00, // segment offset 0
  0x80, 0x02, // last segment, 2 payload bytes
  0x27, 0xfe, // Fletcher-16
  0x7b, 0x7d, // "{}"
]);

/** A copy of `packet` with `edit` applied and the checksum recomputed, so only the edited field is wrong. */
function edited(packet: Uint8Array, edit: (p: Uint8Array) => void, fixChecksum = true): Uint8Array {
  const p = packet.slice();
  edit(p);
  if (fixChecksum) {
    const c = otrkChecksum(p);
    p[14] = c >> 8;
    p[15] = c & 0xff;
  }
  return p;
}

describe('parseOtrkHeader', () => {
  it('reads a hand-built packet', () => {
    const h = newOtrkHeader();
    expect(parseOtrkHeader(HAND_BUILT, h)).toBeUndefined();
    expect(h).toEqual({ encoding: OtrkEncoding.Json, sequenceNumber: 258, segmentOffsetBytes: 0, lastSegment: true, payloadLengthBytes: 2 });
  });

  it('reads big-endian segment fields, including offsets of 2^31 and more', () => {
    const p = edited(HAND_BUILT, (b) => {
      b.set([0xff, 0xfe], 6); // sequence 65534
      b.set([0x80, 0x00, 0x01, 0x00], 8); // offset 2^31 + 256
      b.set([0x00, 0x02], 12); // not last
    });
    const h = newOtrkHeader();
    expect(parseOtrkHeader(p, h)).toBeUndefined();
    expect(h).toMatchObject({ sequenceNumber: 65534, segmentOffsetBytes: 2 ** 31 + 256, lastSegment: false, payloadLengthBytes: 2 });
  });

  it('ignores the reserved byte', () => {
    expect(parseOtrkHeader(edited(HAND_BUILT, (b) => (b[4] = 0xaa)), newOtrkHeader())).toBeUndefined();
  });

  it('rejects a datagram shorter than the header', () => {
    expect(parseOtrkHeader(HAND_BUILT.subarray(0, 15), newOtrkHeader())).toMatchObject({ ok: false, reason: RejectReason.TooShort });
  });

  it('rejects a wrong identifier', () => {
    const p = edited(HAND_BUILT, (b) => (b[3] = 0x4b)); // "OTrK"
    expect(parseOtrkHeader(p, newOtrkHeader())).toMatchObject({ reason: RejectReason.BadHeader });
  });

  it('rejects encodings other than JSON and CBOR, vendor range included', () => {
    for (const enc of [0x00, 0x03, 0x80, 0xff]) {
      const p = edited(HAND_BUILT, (b) => (b[5] = enc));
      expect(parseOtrkHeader(p, newOtrkHeader())).toMatchObject({ reason: RejectReason.UnsupportedEncoding });
    }
  });

  it('rejects a payload length that disagrees with the datagram, either way', () => {
    const declaresThree = edited(HAND_BUILT, (b) => (b[13] = 3));
    expect(parseOtrkHeader(declaresThree, newOtrkHeader())).toMatchObject({ reason: RejectReason.BadLength });
    const trailingByte = new Uint8Array([...HAND_BUILT, 0x20]);
    expect(parseOtrkHeader(trailingByte, newOtrkHeader())).toMatchObject({ reason: RejectReason.BadLength });
  });

  it('rejects a corrupted payload or header byte by checksum', () => {
    const payloadFlip = edited(HAND_BUILT, (b) => (b[16] = 0x5b), false);
    expect(parseOtrkHeader(payloadFlip, newOtrkHeader())).toMatchObject({ reason: RejectReason.BadChecksum });
    const seqFlip = edited(HAND_BUILT, (b) => (b[7] = 0x03), false);
    expect(parseOtrkHeader(seqFlip, newOtrkHeader())).toMatchObject({ reason: RejectReason.BadChecksum });
  });
});

describe('buildOtrkPacket', () => {
  it('writes exactly the hand-built packet', () => {
    const packet = buildOtrkPacket(
      { encoding: OtrkEncoding.Json, sequenceNumber: 258, segmentOffsetBytes: 0, lastSegment: true, payloadLengthBytes: 2 },
      new Uint8Array([0x7b, 0x7d]),
    );
    expect(packet).toEqual(HAND_BUILT);
  });

  it('round-trips a CBOR middle segment', () => {
    const fields = { encoding: OtrkEncoding.Cbor, sequenceNumber: 7, segmentOffsetBytes: 4096, lastSegment: false, payloadLengthBytes: 3 } as const;
    const h = newOtrkHeader();
    expect(parseOtrkHeader(buildOtrkPacket(fields, new Uint8Array([1, 2, 3])), h)).toBeUndefined();
    expect(h).toEqual(fields);
  });

  it('refuses fields that do not fit', () => {
    const ok = { encoding: OtrkEncoding.Json, sequenceNumber: 0, segmentOffsetBytes: 0, lastSegment: true, payloadLengthBytes: 0 } as const;
    expect(() => buildOtrkPacket(ok, new Uint8Array(0x8000))).toThrow(RangeError);
    expect(() => buildOtrkPacket({ ...ok, sequenceNumber: 65536 }, new Uint8Array(0))).toThrow(RangeError);
    expect(() => buildOtrkPacket({ ...ok, segmentOffsetBytes: -1 }, new Uint8Array(0))).toThrow(RangeError);
    expect(() => buildOtrkPacket({ ...ok, encoding: 3 as OtrkEncoding }, new Uint8Array(0))).toThrow(RangeError);
  });
});
