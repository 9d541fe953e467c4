// A map that forgets the least recently used entry beyond a capacity: what the sandbox builds
// on demand for an unbounded set of keys (any valid personal number) must not pile up.

export class LruCache<K, V> {
  // A Map iterates in insertion order, so re-inserting on use keeps the oldest first.
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  /** The cached value, or the one `build` makes (then cached). */
  getOrSet(key: K, build: () => V): V {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const value = build();
    this.set(key, value);
    return value;
  }
}
