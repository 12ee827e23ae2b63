import type Database from 'better-sqlite3';

/** Display names of platform users, as last seen. */
export class UserStore {
  private readonly s;

  constructor(db: Database.Database) {
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
    this.s.upsert.run(platform, spaceId, userId, name, at); // positional: on every request
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
