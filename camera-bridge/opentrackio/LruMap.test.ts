// Tests for the size-bounded, least-recently-used map behind the per-stream OpenTrackIO state.
import { describe, it, expect } from 'vitest';
import { LruMap } from './LruMap.ts';

describe('LruMap', () => {
  it('evicts the least recently used entry when full, and counts it', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    expect(m.get('a')).toBe(1); // a is now the most recent
    m.set('c', 3);
    expect([m.has('a'), m.has('b'), m.has('c')]).toEqual([true, false, true]);
    expect(m.size).toBe(2);
    expect(m.evicted).toBe(1);
  });

  it('replaces a value in place without evicting anything', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    m.set('a', 10);
    expect([m.get('a'), m.get('b'), m.evicted]).toEqual([10, 2, 0]);
  });

  it('refuses a limit below one', () => {
    expect(() => new LruMap(0)).toThrow(RangeError);
    expect(() => new LruMap(1.5)).toThrow(RangeError);
  });
});
