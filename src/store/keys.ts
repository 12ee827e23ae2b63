import type Database from 'better-sqlite3';

/** Exactly-once keys for scheduled posts and for platform event ids. */
export class KeyStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      claimScheduled: db.prepare<[string, number]>('INSERT OR IGNORE INTO scheduled_keys (key, at) VALUES (?, ?)'),
      hasScheduled: db.prepare<[string], { key: string }>('SELECT key FROM scheduled_keys WHERE key = ?'),
      claimEvent: db.prepare<[string, number]>('INSERT OR IGNORE INTO seen_events (key, at) VALUES (?, ?)'),
      pruneEvents: db.prepare<[number]>('DELETE FROM seen_events WHERE at < ?'),
    };
  }

  /** True the first time a key is claimed, false ever after. */
  claimScheduled(key: string, at: number): boolean {
    return this.s.claimScheduled.run(key, at).changes === 1;
  }

  hasScheduled(key: string): boolean {
    return this.s.hasScheduled.get(key) !== undefined;
  }

  /** True the first time a platform event id is seen. */
  claimEvent(key: string, at: number): boolean {
    return this.s.claimEvent.run(key, at).changes === 1;
  }

  pruneEvents(before: number): number {
    return this.s.pruneEvents.run(before).changes;
  }
}
