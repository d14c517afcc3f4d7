// Tests for the mod-256 Fletcher-16 of OpenTrackIO 1.0.1, against hand-worked sums.
import { describe, it, expect } from 'vitest';
import { fletcher16 } from './fletcher16.ts';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('fletcher16 (mod 256)', () => {
  it('is 0 for no bytes', () => {
    expect(fletcher16(new Uint8Array(0))).toBe(0);
  });

  it('matches hand-worked "abcde" and "abcdef"', () => {
    /*
     * a=97 b=98 c=99 d=100 e=101 f=102; both sums wrap at 256.
     *   sum1: 97, 195, 294→38, 138, 239          | +f: 341→85
     *   sum2: 97, 292→36, 74, 212, 451→195       | +85: 280→24
     * "abcde"  → (195 << 8) | 239 = 0xC3EF   (the textbook mod-255 Fletcher-16 gives 0xC8F0)
     * "abcdef" → ( 24 << 8) |  85 = 0x1855   (mod 255: 0x2057)
     */
    expect(fletcher16(ascii('abcde'))).toBe(0xc3ef);
    expect(fletcher16(ascii('abcdef'))).toBe(0x1855);
  });

  it('wraps like the reference C code\'s uint8_t sums, where mod 255 would treat 0xFF as 0', () => {
    // sum1: 255, 510→254, 509→253; sum2: 255, 509→253, 506→250 → 0xFAFD (mod 255 would give 0x0000).
    expect(fletcher16(new Uint8Array([0xff, 0xff, 0xff]))).toBe(0xfafd);
  });

  it('checksums a sub-range and continues from a seed as if the ranges were one buffer', () => {
    const bytes = ascii('xxabcdefyy');
    expect(fletcher16(bytes, 2, 8)).toBe(0x1855);
    const abc = fletcher16(bytes, 2, 5);
    expect(fletcher16(bytes, 5, 8, abc)).toBe(0x1855);
  });
});
