/**
 * A Map with a size cap that forgets the least recently used entry first. Every cache the bot keeps
 * in memory is one of these, so memory stays bounded however many users and channels pass through.
 */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly maxSize: number) {
    if (!(maxSize >= 1)) throw new Error('LruMap needs room for at least one entry');
  }

  get size(): number {
    return this.map.size;
  }

  /** The value, which becomes the most recently used. */
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  /** The value without making it the most recently used (for a read followed by set). */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    // A Map iterates in insertion order: the first key is the least recently used.
    while (this.map.size > this.maxSize) this.map.delete(this.map.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }

  clear(): void {
    this.map.clear();
  }
}
