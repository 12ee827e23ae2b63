import type Database from 'better-sqlite3';
import { RowCache } from './row-cache';

const userKey = (platform: string, spaceId: string, userId: string) => `${platform}\n${spaceId}\n${userId}`;

/** Display names of platform users, as last seen. */
export class UserStore {
  private readonly s;
  /**
   * Names known to be stored: every request remembers its member's name, which almost never
   * changes, so an unchanged name costs no statement.
   */
  private readonly stored: RowCache<string, { name: string }>;

  constructor(db: Database.Database) {
    this.stored = new RowCache(db, 10_000);
    this.s = {
      upsert: db.prepare<[string, string, string, string, number]>(
        `INSERT INTO users (platform, space_id, user_id, display_name, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (platform, space_id, user_id) DO UPDATE SET display_name = excluded.display_name, updated_at = excluded.updated_at
         WHERE display_name <> excluded.display_name`,
      ),
      name: db.prepare<[string, string, string], { name: string }>(
        'SELECT display_name AS name FROM users WHERE platform = ? AND space_id = ? AND user_id = ?',
      ),
      byName: db.prepare<[string, string, string, string], { userId: string }>(
        `SELECT user_id AS userId FROM users WHERE platform = ? AND space_id = ? AND (lower(display_name) = lower(?) OR user_id = ?) LIMIT 2`,
      ),
    };
  }

  remember(platform: string, spaceId: string, userId: string, name: string, at: number): void {
    const key = userKey(platform, spaceId, userId);
    // The upsert leaves an unchanged name alone (updated_at too), so skipping it changes nothing.
    if (this.stored.get(key)?.name === name) return;
    this.s.upsert.run(platform, spaceId, userId, name, at); // positional: on every request
    this.stored.set(key, { name });
  }

  /** Forgets which names are stored (after a rollback, or names deleted by an erasure). */
  forgetCached(): void {
    this.stored.clear();
  }

  name(platform: string, spaceId: string, userId: string): string | undefined {
    return this.s.name.get(platform, spaceId, userId)?.name;
  }

  /** The user with this display name (or id); undefined when none or ambiguous. */
  findByName(platform: string, spaceId: string, name: string): string | undefined {
    const rows = this.s.byName.all(platform, spaceId, name, name);
    return rows.length === 1 ? rows[0]!.userId : undefined;
  }
}
