import { describe, expect, it } from 'vitest';
import { decodeRecords, encodeRecord, ENVELOPE_BYTES, RECORD_TYPE } from './takeRecords.ts';

const rec = (i: number) => encodeRecord(RECORD_TYPE.frame, Buffer.from(JSON.stringify({ frame: i, pad: 'x'.repeat(i % 7) })));
const frames = (buf: Buffer) => decodeRecords(buf).records.map((r) => JSON.parse(r.payload.toString()).frame as number);

describe('take records', () => {
  it('round-trips envelopes of both types in order', () => {
    const buf = Buffer.concat([rec(0), encodeRecord(RECORD_TYPE.audit, Buffer.from('{"seq":1}')), rec(1)]);
    const d = decodeRecords(buf);
    expect(d.records.map((r) => r.type)).toEqual([RECORD_TYPE.frame, RECORD_TYPE.audit, RECORD_TYPE.frame]);
    expect(d).toMatchObject({ corruptRegions: 0, corruptBytes: 0, goodEnd: buf.length });
  });

  it('flipped bytes in the middle cost only the records they touch, and are counted', () => {
    const parts = Array.from({ length: 10 }, (_, i) => rec(i));
    const buf = Buffer.concat(parts);
    const third = parts.slice(0, 3).reduce((a, p) => a + p.length, 0);
    buf[third + ENVELOPE_BYTES + 2]! ^= 0xff; // payload byte of record 3: its checksum fails
    const sixth = parts.slice(0, 6).reduce((a, p) => a + p.length, 0);
    buf[sixth + 5]! ^= 0x10; // length field of record 6
    const d = decodeRecords(buf);
    expect(frames(buf)).toEqual([0, 1, 2, 4, 5, 7, 8, 9]);
    expect(d.corruptRegions).toBe(2);
  });

  it('a torn tail (a crash mid-write) is cut at the end of the last good record', () => {
    const good = Buffer.concat([rec(0), rec(1)]);
    const torn = Buffer.concat([good, rec(2).subarray(0, 9)]);
    const d = decodeRecords(torn);
    expect(frames(torn)).toEqual([0, 1]);
    expect(d.goodEnd).toBe(good.length);
    expect(d.corruptRegions).toBe(1);
  });
});
