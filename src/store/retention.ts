import type Database from 'better-sqlite3';

/** Deletes what is kept only for a while: finished outbox rows and old exactly-once keys. */
export class RetentionStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      // Both read the partial index outbox_finished: only finished rows, oldest first.
      done: db.prepare<[number]>(`DELETE FROM outbox WHERE status = 'done' AND created_at < ?`),
      failed: db.prepare<[number]>(`DELETE FROM outbox WHERE status = 'failed' AND created_at < ?`),
      keys: db.prepare<[number]>('DELETE FROM scheduled_keys WHERE at < ?'),
    };
  }

  /** Delivered outbox rows created before `doneBefore`, and given-up ones before `failedBefore`. */
  pruneOutbox(doneBefore: number, failedBefore: number): number {
    return this.s.done.run(doneBefore).changes + this.s.failed.run(failedBefore).changes;
  }

  pruneScheduledKeys(before: number): number {
    return this.s.keys.run(before).changes;
  }
}
