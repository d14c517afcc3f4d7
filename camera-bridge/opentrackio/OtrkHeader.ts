// The 16-byte OpenTrackIO UDP packet header: validate and read it, or write it in front of a payload segment.
//
// Source of truth: OpenTrackIO 1.0.1 documentation, "Transport recommendations → UDP → Packet Header"
// (camdkit src/tools/python/templates/OpenTrackIO.html) and the reference sender/receiver
// (camdkit src/test/python/parser/opentrackio_sender.py, opentrackio_receiver.py, which pack with
// struct '!' = network order). All multi-byte fields are big-endian ("network order").
//
//   bytes  0..3   identifier "OTrk" (0x4F54726B)
//   byte   4      reserved: ignored by producers and consumers alike
//   byte   5      encoding: 0x01 JSON, 0x02 CBOR (0x80.. vendor specific)
//   bytes  6..7   uint16 sequence number of this packet
//   bytes  8..11  uint32 byte offset of this segment in the whole payload (0 when unsegmented)
//   bytes 12..13  bit 15: last-segment flag; bits 0..14: this packet's payload length in bytes
//   bytes 14..15  Fletcher-16 (mod 256) over bytes 0..13 and the payload
import { reject, RejectReason, type Rejection } from '../DecodeResult.ts';
import { fletcher16 } from './fletcher16.ts';

export const OTRK_HEADER_BYTES = 16;

/** "OTrk" in ASCII. */
export const OTRK_MAGIC = [0x4f, 0x54, 0x72, 0x6b] as const;

/** Payload encodings this consumer speaks (header byte 5). */
export const OtrkEncoding = {
  Json: 0x01,
  Cbor: 0x02,
} as const;
export type OtrkEncoding = (typeof OtrkEncoding)[keyof typeof OtrkEncoding];

/** Byte offsets inside the header. */
export const OtrkOffset = {
  magic: 0,
  reserved: 4,
  encoding: 5,
  sequence: 6,
  segmentOffset: 8,
  lastAndLength: 12,
  checksum: 14,
} as const;

const LAST_SEGMENT_BIT = 0x8000;
/** Payload length is a 15-bit field, so one packet carries at most 32767 payload bytes. */
export const OTRK_MAX_SEGMENT_PAYLOAD_BYTES = 0x7fff;

/** The header fields a consumer acts on (the reserved byte and the checksum are checked, not kept). */
export interface OtrkHeader {
  encoding: OtrkEncoding;
  /** 0..65535, wraps. The reference sender gives every packet (every segment) its own number. */
  sequenceNumber: number;
  /** Where this segment's bytes go in the reassembled payload. */
  segmentOffsetBytes: number;
  /** Set on the only or the final segment of a payload. */
  lastSegment: boolean;
  /** Bytes of payload in this packet (after the 16 header bytes). */
  payloadLengthBytes: number;
}

export function newOtrkHeader(): OtrkHeader {
  return { encoding: OtrkEncoding.Json, sequenceNumber: 0, segmentOffsetBytes: 0, lastSegment: true, payloadLengthBytes: 0 };
}

/**
 * Validates `packet` (one whole datagram) and fills `out`; returns a Rejection, or undefined when
 * the header is good. Checks run cheapest first: size, magic, encoding, length, checksum.
 * The declared length must equal the datagram's payload exactly: extra trailing bytes mean the
 * datagram is not what the producer built, so it is refused rather than silently truncated.
 */
export function parseOtrkHeader(packet: Uint8Array, out: OtrkHeader): Rejection | undefined {
  if (packet.length < OTRK_HEADER_BYTES) {
    return reject(RejectReason.TooShort, `OpenTrackIO packet is ${packet.length} bytes, header alone is ${OTRK_HEADER_BYTES}`);
  }
  if (
    packet[0] !== OTRK_MAGIC[0] ||
    packet[1] !== OTRK_MAGIC[1] ||
    packet[2] !== OTRK_MAGIC[2] ||
    packet[3] !== OTRK_MAGIC[3]
  ) {
    return reject(RejectReason.BadHeader, 'identifier is not "OTrk"');
  }
  const encoding = packet[OtrkOffset.encoding]!;
  if (encoding !== OtrkEncoding.Json && encoding !== OtrkEncoding.Cbor) {
    return reject(RejectReason.UnsupportedEncoding, `payload encoding 0x${hex2(encoding)} (only 0x01 JSON and 0x02 CBOR)`);
  }
  const lastAndLength = readUint16BE(packet, OtrkOffset.lastAndLength);
  const payloadLengthBytes = lastAndLength & OTRK_MAX_SEGMENT_PAYLOAD_BYTES;
  if (payloadLengthBytes !== packet.length - OTRK_HEADER_BYTES) {
    return reject(
      RejectReason.BadLength,
      `header declares ${payloadLengthBytes} payload bytes, datagram carries ${packet.length - OTRK_HEADER_BYTES}`,
    );
  }
  const expected = otrkChecksum(packet);
  const actual = readUint16BE(packet, OtrkOffset.checksum);
  if (expected !== actual) {
    return reject(RejectReason.BadChecksum, `Fletcher-16 0x${hex4(actual)} in header, computed 0x${hex4(expected)}`);
  }
  out.encoding = encoding;
  out.sequenceNumber = readUint16BE(packet, OtrkOffset.sequence);
  out.segmentOffsetBytes = readUint32BE(packet, OtrkOffset.segmentOffset);
  out.lastSegment = (lastAndLength & LAST_SEGMENT_BIT) !== 0;
  out.payloadLengthBytes = payloadLengthBytes;
  return undefined;
}

/** Checksum of a whole packet as the header's last two bytes should hold it. */
export function otrkChecksum(packet: Uint8Array): number {
  return fletcher16(packet, OTRK_HEADER_BYTES, packet.length, fletcher16(packet, 0, OtrkOffset.checksum));
}

/**
 * One complete packet: header fields, then `segment` copied in, checksum last.
 * Out-of-range fields throw RangeError: this is for encoders (simulator, tests), where a bad
 * value is a programming error, not wire input.
 */
export function buildOtrkPacket(header: OtrkHeader, segment: Uint8Array): Uint8Array {
  const { encoding, sequenceNumber, segmentOffsetBytes, lastSegment } = header;
  if (segment.length > OTRK_MAX_SEGMENT_PAYLOAD_BYTES) {
    throw new RangeError(`segment of ${segment.length} bytes exceeds the 15-bit length field (${OTRK_MAX_SEGMENT_PAYLOAD_BYTES})`);
  }
  if (!Number.isInteger(sequenceNumber) || sequenceNumber < 0 || sequenceNumber > 0xffff) {
    throw new RangeError(`sequenceNumber ${sequenceNumber} is not a uint16`);
  }
  if (!Number.isInteger(segmentOffsetBytes) || segmentOffsetBytes < 0 || segmentOffsetBytes > 0xffffffff) {
    throw new RangeError(`segmentOffsetBytes ${segmentOffsetBytes} is not a uint32`);
  }
  if (encoding !== OtrkEncoding.Json && encoding !== OtrkEncoding.Cbor) {
    throw new RangeError(`encoding 0x${hex2(encoding)} is not JSON (0x01) or CBOR (0x02)`);
  }
  const packet = new Uint8Array(OTRK_HEADER_BYTES + segment.length);
  packet.set(OTRK_MAGIC, OtrkOffset.magic);
  packet[OtrkOffset.reserved] = 0;
  packet[OtrkOffset.encoding] = encoding;
  writeUint16BE(packet, OtrkOffset.sequence, sequenceNumber);
  writeUint32BE(packet, OtrkOffset.segmentOffset, segmentOffsetBytes);
  writeUint16BE(packet, OtrkOffset.lastAndLength, (lastSegment ? LAST_SEGMENT_BIT : 0) | segment.length);
  packet.set(segment, OTRK_HEADER_BYTES);
  writeUint16BE(packet, OtrkOffset.checksum, otrkChecksum(packet));
  return packet;
}

function readUint16BE(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

function readUint32BE(b: Uint8Array, at: number): number {
  // Multiply rather than shift: `<< 24` would go negative for offsets >= 2^31.
  return b[at]! * 0x1000000 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
}

function writeUint16BE(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 8) & 0xff;
  b[at + 1] = v & 0xff;
}

function writeUint32BE(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 24) & 0xff;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}

function hex2(v: number): string {
  return v.toString(16).padStart(2, '0');
}

function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}
