import { describe, expect, it } from 'vitest';
import { TokenBucket } from './TokenBucket.ts';

describe('TokenBucket', () => {
  it('gives the burst at once, then the rate: 10 Hz with a burst of 20', () => {
    const b = new TokenBucket(10, 20, 0);
    let taken = 0;
    for (let i = 0; i < 25; i++) if (b.take(0)) taken++;
    expect(taken).toBe(20);
    // 0.35 s later: 3.5 tokens refilled, 3 whole ones.
    taken = 0;
    for (let i = 0; i < 5; i++) if (b.take(0.35)) taken++;
    expect(taken).toBe(3);
    // The half token carried over: 0.05 s more makes it whole.
    expect(b.take(0.4)).toBe(true);
    expect(b.take(0.4)).toBe(false);
  });

  it('never holds more than the burst, and a clock step back changes nothing', () => {
    const b = new TokenBucket(100, 5, 0);
    let taken = 0;
    for (let i = 0; i < 10; i++) if (b.take(1000)) taken++;
    expect(taken).toBe(5);
    expect(b.take(999)).toBe(false);
  });
});
