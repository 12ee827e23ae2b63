import type Database from 'better-sqlite3';

export type OutboxOp = 'post' | 'edit';

export interface OutboxItem {
  id: number;
  channelFk: number;
  platform: string;
  ref: string;
  op: OutboxOp;
  payload: string;
  status: 'pending' | 'sending';
  attempts: number;
  rateLimited: number;
  nextAt: number;
  leaseUntil: number | null;
  /** Set once the platform accepted the post: the item must never be sent again. */
  sentMessageId: string | null;
}

export interface MessageRow {
  channelFk: number;
  ref: string;
  platformMessageId: string;
  lastEditAt: number | null;
}

/** The transactional outbox and the record of delivered messages. */
export class OutboxStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      insert: db.prepare<[number, string, OutboxOp, string, number, number]>(
        `INSERT INTO outbox (channel_fk, ref, op, payload, next_at, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      // A pending edit of the same message absorbs this one (the payload is re-rendered at delivery).
      insertEdit: db.prepare<[number, string, string, number, number]>(
        `INSERT OR IGNORE INTO outbox (channel_fk, ref, op, payload, next_at, created_at) VALUES (?, ?, 'edit', ?, ?, ?)`,
      ),
      // Only items due now, of platforms that have a running adapter. Per message order still holds:
      // a message has one post, and at most one pending edit behind one in flight.
      ready: db.prepare<[number, string, number], OutboxItem>(
        `SELECT o.id, o.channel_fk AS channelFk, c.platform, o.ref, o.op, o.payload, o.status, o.attempts,
                o.rate_limited AS rateLimited, o.next_at AS nextAt, o.lease_until AS leaseUntil,
                o.sent_message_id AS sentMessageId
         FROM outbox o JOIN channels c ON c.id = o.channel_fk
         WHERE o.status IN ('pending', 'sending') AND o.next_at <= ?
           AND c.platform IN (SELECT value FROM json_each(?))
         ORDER BY o.id LIMIT ?`,
      ),
      failEdits: db.prepare<[string, string]>(`UPDATE outbox SET status = 'failed', last_error = ? WHERE ref = ? AND op = 'edit' AND status = 'pending'`),
      claim: db.prepare(
        `UPDATE outbox SET status = 'sending', lease_until = @leaseUntil
         WHERE id = @id AND (status = 'pending' OR (status = 'sending' AND lease_until < @now))`,
      ),
      done: db.prepare<[number, number]>(`UPDATE outbox SET status = 'done', done_at = ?, lease_until = NULL WHERE id = ?`),
      retry: db.prepare(
        `UPDATE outbox SET status = 'pending', attempts = @attempts, rate_limited = @rateLimited, next_at = @nextAt, last_error = @error,
           lease_until = NULL WHERE id = @id`,
      ),
      fail: db.prepare(
        `UPDATE outbox SET status = 'failed', attempts = @attempts, rate_limited = @rateLimited, last_error = @error, lease_until = NULL WHERE id = @id`,
      ),
      markSent: db.prepare<[string, number]>(`UPDATE outbox SET sent_message_id = ? WHERE id = ?`),
      defer: db.prepare<[number, number]>(`UPDATE outbox SET next_at = ? WHERE id = ?`),
      pendingCount: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sending')`),
      nextDue: db.prepare<[], { at: number | null }>(`SELECT min(next_at) AS at FROM outbox WHERE status = 'pending'`),
      insertMessage: db.prepare(`INSERT INTO messages (channel_fk, ref, platform_message_id, posted_at) VALUES (@channelFk, @ref, @platformMessageId, @at)`),
      messageByRef: db.prepare<[string], MessageRow>(
        `SELECT channel_fk AS channelFk, ref, platform_message_id AS platformMessageId, last_edit_at AS lastEditAt FROM messages WHERE ref = ?`,
      ),
      messageByPlatformId: db.prepare<[number, string], MessageRow>(
        `SELECT channel_fk AS channelFk, ref, platform_message_id AS platformMessageId, last_edit_at AS lastEditAt
         FROM messages WHERE channel_fk = ? AND platform_message_id = ?`,
      ),
      setLastEdit: db.prepare<[number, string]>(`UPDATE messages SET last_edit_at = ? WHERE ref = ?`),
      postCount: db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM messages WHERE channel_fk = ?`),
    };
  }

  enqueue(channelFk: number, ref: string, op: OutboxOp, payload: string, at: number): void {
    // Bound positionally (cheaper than named parameters): this runs on every vote and every due item.
    if (op === 'edit') this.s.insertEdit.run(channelFk, ref, payload, at, at);
    else this.s.insert.run(channelFk, ref, op, payload, at, at);
  }

  /** Items due for delivery, in order (a bounded batch). */
  readyItems(now: number, platforms: string[], limit: number): OutboxItem[] {
    return this.s.ready.all(now, JSON.stringify(platforms), limit);
  }

  failPendingEdits(ref: string, reason: string): void {
    this.s.failEdits.run(reason, ref);
  }

  /** Takes an item for delivery; false if another dispatcher holds it. */
  claim(id: number, now: number, leaseMs: number): boolean {
    return this.s.claim.run({ id, now, leaseUntil: now + leaseMs }).changes === 1;
  }

  done(id: number, at: number): void {
    this.s.done.run(at, id);
  }

  retry(id: number, attempts: number, rateLimited: number, nextAt: number, error: string): void {
    this.s.retry.run({ id, attempts, rateLimited, nextAt, error });
  }

  fail(id: number, attempts: number, rateLimited: number, error: string): void {
    this.s.fail.run({ id, attempts, rateLimited, error });
  }

  /** The platform accepted the post: remember its id on the item itself, first of all. */
  markSent(id: number, platformMessageId: string): void {
    this.s.markSent.run(platformMessageId, id);
  }

  defer(id: number, until: number): void {
    this.s.defer.run(until, id);
  }

  pendingCount(): number {
    return this.s.pendingCount.get()!.n;
  }

  nextDueAt(): number | null {
    return this.s.nextDue.get()!.at;
  }

  recordMessage(channelFk: number, ref: string, platformMessageId: string, at: number): void {
    this.s.insertMessage.run({ channelFk, ref, platformMessageId, at });
  }

  message(ref: string): MessageRow | undefined {
    return this.s.messageByRef.get(ref);
  }

  messageByPlatformId(channelFk: number, platformMessageId: string): MessageRow | undefined {
    return this.s.messageByPlatformId.get(channelFk, platformMessageId);
  }

  setLastEdit(ref: string, at: number): void {
    this.s.setLastEdit.run(at, ref);
  }

  postCount(channelFk: number): number {
    return this.s.postCount.get(channelFk)!.n;
  }
}
