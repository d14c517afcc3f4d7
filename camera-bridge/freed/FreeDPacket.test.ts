// Tests for the D1 wire helpers: 24-bit field access (sign extension edges) and the checksum.
import { describe, it, expect } from 'vitest';
import { freedChecksum, readInt24BE, readUint24BE, writeInt24BE, INT24_MAX, INT24_MIN } from './FreeDPacket.ts';

describe('readInt24BE', () => {
  it('sign-extends bit 23 at the edges of the 24-bit range', () => {
    const bytes = new Uint8Array([0x7f, 0xff, 0xff, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x01]);
    expect(readInt24BE(bytes, 0)).toBe(8388607); // 0x7FFFFF, largest positive
    expect(readInt24BE(bytes, 3)).toBe(-8388608); // 0x800000, most negative
    expect(readInt24BE(bytes, 6)).toBe(-1); // 0xFFFFFF (a `-= 0xFFFFFF` decoder wrongly gives 0)
    expect(readInt24BE(bytes, 9)).toBe(1);
  });

  it('reads most-significant byte first at any offset', () => {
    const bytes = new Uint8Array([0xaa, 0x2d, 0x00, 0x00, 0xfb, 0x00, 0x00]);
    expect(readInt24BE(bytes, 1)).toBe(0x2d0000); // +90 deg in 1/32768 deg
    expect(readInt24BE(bytes, 4)).toBe(-0x050000); // -10 deg
  });
});

describe('readUint24BE', () => {
  it('never sign-extends', () => {
    const bytes = new Uint8Array([0xff, 0xff, 0xff, 0x80, 0x00, 0x00]);
    expect(readUint24BE(bytes, 0)).toBe(0xffffff);
    expect(readUint24BE(bytes, 3)).toBe(0x800000);
  });
});

describe('writeInt24BE', () => {
  it('writes two\'s complement that reads back unchanged', () => {
    const bytes = new Uint8Array(3);
    for (const v of [INT24_MIN, -1, 0, 1, INT24_MAX, -0x050000]) {
      writeInt24BE(bytes, 0, v);
      expect(readInt24BE(bytes, 0)).toBe(v);
    }
    writeInt24BE(bytes, 0, -1);
    expect([...bytes]).toEqual([0xff, 0xff, 0xff]);
  });
});

describe('freedChecksum', () => {
  it('is 0x40 minus the byte sum, mod 256', () => {
    expect(freedChecksum(new Uint8Array(29))).toBe(0x40);
    const msg = new Uint8Array(29);
    msg[0] = 0xd1; // 0x40 - 0xD1 = -0x91 ≡ 0x6F
    expect(freedChecksum(msg)).toBe(0x6f);
  });

  it('ignores byte 28, so a message whose checksum is filled in makes the full sum ≡ 0x40', () => {
    const msg = new Uint8Array(29).map((_, i) => (i * 37 + 11) & 0xff);
    msg[28] = freedChecksum(msg);
    expect(freedChecksum(msg)).toBe(msg[28]);
    const total = msg.reduce((s, b) => s + b, 0);
    expect((total - 0x40) & 0xff).toBe(0);
  });
});
