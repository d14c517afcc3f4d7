// Fletcher-16 checksum as OpenTrackIO 1.0.1 defines it: both running sums modulo 256, not the textbook 255.
//
// Source: the "Packet Header" section of the OpenTrackIO documentation and its C reference code
// (camdkit src/tools/python/templates/OpenTrackIO.html: `uint8_t sum1, sum2` that simply wrap), and
// camdkit CHANGELOG "Changes after 1.0.0 and before 1.0.1: Fletcher algorithm updated to the mod 256
// version". Trap: a library Fletcher-16 (mod 255) gives different values, e.g. "abcde" → 0xC8F0
// there but 0xC3EF here.

/**
 * Checksum of `data[start..end)` as `(sum2 << 8) | sum1`.
 * `seed` is a previous result to continue from, so a checksum over two separate byte ranges
 * (header without its checksum field, then payload) needs no concatenated copy:
 * `fletcher16(buf, 16, buf.length, fletcher16(buf, 0, 14))`.
 */
export function fletcher16(data: Uint8Array, start = 0, end = data.length, seed = 0): number {
  let sum1 = seed & 0xff; // running byte sum
  let sum2 = (seed >>> 8) & 0xff; // running sum of sum1
  for (let i = start; i < end; i++) {
    sum1 = (sum1 + data[i]!) & 0xff;
    sum2 = (sum2 + sum1) & 0xff;
  }
  return (sum2 << 8) | sum1;
}
