import type Database from 'better-sqlite3';
import { LruMap } from '../core/lru';

/**
 * Rows that every request reads and that almost never change (a channel's row, a member's
 * remembered name), kept as last read or written through this connection, so that the hot paths
 * skip the query. A cached value is dropped whenever it may no longer be what is stored:
 * - the store that owns it writes it (it calls `clear`);
 * - a transaction rolls back, or an erasure rewrites rows wholesale (Store calls `clear`);
 * - another connection (a second process on the same file) committed anything: SQLite's
 *   `PRAGMA data_version` moves then, and it is read (a fraction of a microsecond) on every lookup.
 * Values are frozen: a caller that changed one would change every later reader's copy.
 */
export class RowCache<K, V extends object> {
  private readonly map: LruMap<K, V>;
  private readonly dataVersion: Database.Statement<[], number>;
  private version = -1;

  constructor(db: Database.Database, maxSize: number) {
    this.map = new LruMap(maxSize);
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  get(key: K): V | undefined {
    const v = this.dataVersion.get()!;
    if (v !== this.version) {
      this.map.clear();
      this.version = v;
      return undefined;
    }
    return this.map.get(key);
  }

  set(key: K, value: V): V {
    this.map.set(key, deepFreeze(value));
    return value;
  }

  clear(): void {
    this.map.clear();
  }
}

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === 'object' && !Object.isFrozen(v)) deepFreeze(v);
  return Object.freeze(o);
}
