import type Database from 'better-sqlite3';

/** Digests of the change notices a channel got lately, so that an identical one is not posted twice. */
export class RecentNoticeStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      at: db.prepare<[number, string], { at: number }>('SELECT at FROM recent_notices WHERE channel_fk = ? AND digest = ?'),
      record: db.prepare<[number, string, number]>(
        `INSERT INTO recent_notices (channel_fk, digest, at) VALUES (?, ?, ?)
         ON CONFLICT (channel_fk, digest) DO UPDATE SET at = excluded.at`,
      ),
      prune: db.prepare<[number]>('DELETE FROM recent_notices WHERE at < ?'),
    };
  }

  /** When this channel last got a notice with this digest, if it did. */
  lastAt(channelFk: number, digest: string): number | undefined {
    return this.s.at.get(channelFk, digest)?.at;
  }

  record(channelFk: number, digest: string, at: number): void {
    this.s.record.run(channelFk, digest, at);
  }

  prune(before: number): number {
    return this.s.prune.run(before).changes;
  }
}
