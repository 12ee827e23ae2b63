import type Database from 'better-sqlite3';

export interface SwapOffer {
  fromUser: string;
  toUser: string;
  period: string;
  createdAt: number;
  expiresAt: number;
}

const COLUMNS = 'from_user AS fromUser, to_user AS toUser, period, created_at AS createdAt, expires_at AS expiresAt';

/** Pending swap offers: one member offers another to exchange this week's roles. */
export class SwapOfferStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO swap_offers (channel_fk, period, from_user, to_user, created_at, expires_at)
         VALUES (@channelFk, @period, @fromUser, @toUser, @at, @expiresAt)`,
      ),
      toUser: db.prepare<[number, string, string, number], SwapOffer>(
        `SELECT ${COLUMNS} FROM swap_offers WHERE channel_fk = ? AND period = ? AND to_user = ? AND expires_at > ? ORDER BY created_at`,
      ),
      fromUser: db.prepare<[number, string, string, number], SwapOffer>(
        `SELECT ${COLUMNS} FROM swap_offers WHERE channel_fk = ? AND period = ? AND from_user = ? AND expires_at > ? ORDER BY created_at`,
      ),
      pending: db.prepare<[number, string, number], SwapOffer>(
        `SELECT ${COLUMNS} FROM swap_offers WHERE channel_fk = ? AND period = ? AND expires_at > ? ORDER BY created_at`,
      ),
      remove: db.prepare<[number, string, string, string]>('DELETE FROM swap_offers WHERE channel_fk = ? AND period = ? AND from_user = ? AND to_user = ?'),
      removeInvolving: db.prepare<[number, string, string, string]>(
        'DELETE FROM swap_offers WHERE channel_fk = ? AND period = ? AND (from_user = ? OR to_user = ?)',
      ),
      prune: db.prepare<[number]>('DELETE FROM swap_offers WHERE expires_at <= ?'),
    };
  }

  /** False when the same offer is already pending. */
  offer(channelFk: number, period: string, fromUser: string, toUser: string, at: number, expiresAt: number): boolean {
    return this.s.insert.run({ channelFk, period, fromUser, toUser, at, expiresAt }).changes === 1;
  }

  /** Offers made to `user` this period that have not lapsed, oldest first. */
  offersTo(channelFk: number, period: string, user: string, now: number): SwapOffer[] {
    return this.s.toUser.all(channelFk, period, user, now);
  }

  offersFrom(channelFk: number, period: string, user: string, now: number): SwapOffer[] {
    return this.s.fromUser.all(channelFk, period, user, now);
  }

  pending(channelFk: number, period: string, now: number): SwapOffer[] {
    return this.s.pending.all(channelFk, period, now);
  }

  remove(channelFk: number, period: string, fromUser: string, toUser: string): void {
    this.s.remove.run(channelFk, period, fromUser, toUser);
  }

  /** Drops every offer either member made or received this period (their roles just changed). */
  removeInvolving(channelFk: number, period: string, a: string, b: string): void {
    this.s.removeInvolving.run(channelFk, period, a, a);
    this.s.removeInvolving.run(channelFk, period, b, b);
  }

  pruneExpired(now: number): number {
    return this.s.prune.run(now).changes;
  }
}
