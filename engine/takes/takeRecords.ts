// The take record file: append-only envelopes, each `VPTK` · u32 payload length · u32 CRC-32 of the payload · u8 type ·
// payload. A reader that meets bytes failing any check skips ahead to the next `VPTK` whose envelope checks out, so a
// torn tail (a crash mid-write) or flipped bytes in the middle lose only the records they touch.
import { crc32 } from 'node:zlib';

export const RECORD_MAGIC = Buffer.from('VPTK', 'ascii');
/** magic, length, crc, type */
export const ENVELOPE_BYTES = 13;
/** No single record is this big (a frame with every camera and subject is a few kB): a longer length is damage. */
export const MAX_RECORD_BYTES = 1 << 20;

export const RECORD_TYPE = { frame: 1, audit: 2 } as const;
export type RecordType = (typeof RECORD_TYPE)[keyof typeof RECORD_TYPE];

/** One envelope around `payload`. */
export function encodeRecord(type: RecordType, payload: Buffer): Buffer {
  const out = Buffer.allocUnsafe(ENVELOPE_BYTES + payload.length);
  RECORD_MAGIC.copy(out, 0);
  out.writeUInt32LE(payload.length, 4);
  out.writeUInt32LE(crc32(payload), 8);
  out.writeUInt8(type, 12);
  payload.copy(out, ENVELOPE_BYTES);
  return out;
}

export interface DecodedRecords {
  records: { type: RecordType; payload: Buffer; offset: number }[];
  /** Runs of bytes that were not a valid record (each a skipped region). */
  corruptRegions: number;
  /** Bytes skipped in those regions. */
  corruptBytes: number;
  /** End of the last good record: where a torn file is cut. */
  goodEnd: number;
}

/** Every valid record of `buf`, in order; damage is skipped and counted, never thrown. */
export function decodeRecords(buf: Buffer): DecodedRecords {
  const out: DecodedRecords = { records: [], corruptRegions: 0, corruptBytes: 0, goodEnd: 0 };
  let pos = 0;
  let inDamage = false;
  while (pos + ENVELOPE_BYTES <= buf.length) {
    const len = validRecordAt(buf, pos);
    if (len < 0) {
      if (!inDamage) out.corruptRegions++;
      inDamage = true;
      const next = buf.indexOf(RECORD_MAGIC, pos + 1);
      const to = next < 0 ? buf.length : next;
      out.corruptBytes += to - pos;
      pos = to;
      continue;
    }
    inDamage = false;
    out.records.push({ type: buf.readUInt8(pos + 12) as RecordType, payload: buf.subarray(pos + ENVELOPE_BYTES, pos + ENVELOPE_BYTES + len), offset: pos });
    pos += ENVELOPE_BYTES + len;
    out.goodEnd = pos;
  }
  if (pos < buf.length) {
    // A tail shorter than an envelope: a record torn by a crash.
    if (!inDamage) out.corruptRegions++;
    out.corruptBytes += buf.length - pos;
  }
  return out;
}

/** The payload length of a valid record at `pos`, else −1. */
function validRecordAt(buf: Buffer, pos: number): number {
  if (buf[pos] !== 0x56 || buf[pos + 1] !== 0x50 || buf[pos + 2] !== 0x54 || buf[pos + 3] !== 0x4b) return -1;
  const len = buf.readUInt32LE(pos + 4);
  if (len > MAX_RECORD_BYTES || pos + ENVELOPE_BYTES + len > buf.length) return -1;
  const type = buf.readUInt8(pos + 12);
  if (type !== RECORD_TYPE.frame && type !== RECORD_TYPE.audit) return -1;
  return crc32(buf.subarray(pos + ENVELOPE_BYTES, pos + ENVELOPE_BYTES + len)) === buf.readUInt32LE(pos + 8) ? len : -1;
}
