// A Map with a hard size limit that forgets the least recently used entry first: per-stream state that garbage ids cannot grow.

export class LruMap<K, V> {
  /** Insertion order of a JS Map is the recency order here: `get` moves an entry to the end. */
  private readonly entries = new Map<K, V>();
  /** Entries dropped to stay within `maxEntries`. */
  evicted = 0;

  constructor(readonly maxEntries: number) {
    if (!(Number.isInteger(maxEntries) && maxEntries >= 1)) throw new RangeError('maxEntries must be an integer >= 1');
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, now marked most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Stores `value` as the most recently used entry, evicting the least recently used one when full. */
  set(key: K, value: V): void {
    if (!this.entries.delete(key) && this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) {
        this.entries.delete(oldest.value);
        this.evicted++;
      }
    }
    this.entries.set(key, value);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
