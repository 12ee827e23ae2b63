import type Database from 'better-sqlite3';
import type { Ballot, ClosedStatus, Counts, DecisionRule, Proposal, ProposalKind, ProposalStatus, Stance } from '../core/types';
import { formatQuorum, quorumFromStored } from '../core/types';

/**
 * A proposal row as an array, in COLUMNS order: the statements that return proposals run in raw
 * mode, which spares better-sqlite3 building an object with 18 named keys per row (the vote path
 * reads one on every vote).
 */
type Raw = [
  id: number,
  channel_fk: number,
  number: number,
  author_id: string,
  title: string,
  reasons: string,
  rule: DecisionRule,
  quorum: string | null,
  created_at: number,
  closes_at: number,
  remind_at: number | null,
  status: ProposalStatus,
  closed_at: number | null,
  closed_by: string | null,
  agree: number,
  disagree: number,
  abstain: number,
  block: number,
  close_reason: string | null,
  ballot: Ballot,
  kind: ProposalKind,
  multi: 0 | 1,
  extend_minutes: number | null,
  extended_at: number | null,
  amended_at: number | null,
];

const COLUMNS =
  'id, channel_fk, number, author_id, title, reasons, rule, quorum, created_at, closes_at, remind_at, status, closed_at, closed_by, agree, disagree, abstain, block, close_reason, ballot, kind, multi, extend_minutes, extended_at, amended_at';

const fromRaw = (r: Raw): Proposal => ({
  id: r[0],
  channelFk: r[1],
  number: r[2],
  authorId: r[3],
  title: r[4],
  reasons: r[5],
  rule: r[6],
  quorum: quorumFromStored(r[7]),
  createdAt: r[8],
  closesAt: r[9],
  remindAt: r[10],
  status: r[11],
  closedAt: r[12],
  closedBy: r[13],
  closeReason: r[18],
  counts: { agree: r[14], disagree: r[15], abstain: r[16], block: r[17] },
  ballot: r[19],
  kind: r[20],
  multi: r[21] === 1,
  extendMinutes: r[22],
  extendedAt: r[23],
  amendedAt: r[24],
});

export type NewProposal = Omit<
  Proposal,
  'id' | 'status' | 'closedAt' | 'closedBy' | 'closeReason' | 'counts' | 'ballot' | 'kind' | 'multi' | 'extendMinutes' | 'extendedAt' | 'amendedAt'
> & {
  ballot?: Ballot;
  kind?: ProposalKind;
  multi?: boolean;
  extendMinutes?: number | null;
};

export interface VoteRow {
  userId: string;
  stance: Stance;
  reason: string | null;
  /** How the current vote was cast: 'reaction', 'button' or 'command'. */
  source: string;
  updatedAt: number;
}

export class ProposalStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO proposals (channel_fk, number, author_id, title, reasons, rule, quorum, created_at, closes_at, remind_at, ballot, kind, multi, extend_minutes)
         VALUES (@channelFk, @number, @authorId, @title, @reasons, @rule, @quorum, @createdAt, @closesAt, @remindAt, @ballot, @kind, @multi, @extendMinutes)`,
      ),
      byId: db.prepare<[number], Raw>(`SELECT ${COLUMNS} FROM proposals WHERE id = ?`).raw(true),
      byNumber: db.prepare<[number, number], Raw>(`SELECT ${COLUMNS} FROM proposals WHERE channel_fk = ? AND number = ?`).raw(true),
      open: db.prepare<[number], Raw>(`SELECT ${COLUMNS} FROM proposals WHERE channel_fk = ? AND status = 'open' ORDER BY closes_at, number`).raw(true),
      // `+id`: read the open rows through the partial index proposals_due (then sort them), not by
      // scanning the whole table in id order, which grows with every proposal ever made.
      allOpen: db.prepare<[], Raw>(`SELECT ${COLUMNS} FROM proposals WHERE status = 'open' ORDER BY +id`).raw(true),
      decided: db
        .prepare<[number, number], Raw>(
          `SELECT ${COLUMNS} FROM proposals WHERE channel_fk = ? AND status <> 'open' ORDER BY closed_at DESC, number DESC LIMIT ?`,
        )
        .raw(true),
      // The vote path's statements bind positionally (cheaper than named parameters on every vote).
      setCounts: db.prepare<[number, number, number, number, number]>('UPDATE proposals SET agree = ?, disagree = ?, abstain = ?, block = ? WHERE id = ?'),
      close: db.prepare(
        `UPDATE proposals SET status = @status, closed_at = @at, closed_by = @by, close_reason = @reason, remind_at = NULL WHERE id = @id AND status = 'open'`,
      ),
      openCounts: db.prepare<[string, number], { total: number; mine: number }>(
        `SELECT count(*) AS total, coalesce(sum(author_id = ?), 0) AS mine FROM proposals WHERE channel_fk = ? AND status = 'open'`,
      ),
      dueToClose: db
        .prepare<[number, number], Raw>(`SELECT ${COLUMNS} FROM proposals WHERE status = 'open' AND closes_at <= ? ORDER BY closes_at LIMIT ?`)
        .raw(true),
      dueToRemind: db
        .prepare<[number, number], Raw>(
          `SELECT ${COLUMNS} FROM proposals WHERE status = 'open' AND remind_at IS NOT NULL AND remind_at <= ? ORDER BY remind_at LIMIT ?`,
        )
        .raw(true),
      clearReminder: db.prepare<[number]>('UPDATE proposals SET remind_at = NULL WHERE id = ?'),
      extend: db.prepare<[number, number, number]>(
        `UPDATE proposals SET closes_at = ?, extended_at = ? WHERE id = ? AND status = 'open' AND extended_at IS NULL`,
      ),
      keepAmendment: db.prepare<[number, number]>(
        `INSERT INTO amendments (proposal_id, at, old_title, old_reasons) SELECT id, ?, title, reasons FROM proposals WHERE id = ? AND status = 'open'`,
      ),
      amend: db.prepare<[string, string, number, number]>(`UPDATE proposals SET title = ?, reasons = ?, amended_at = ? WHERE id = ? AND status = 'open'`),
      vote: db.prepare<[number, string], VoteRow>(
        'SELECT user_id AS userId, stance, reason, source, updated_at AS updatedAt FROM votes WHERE proposal_id = ? AND user_id = ?',
      ),
      votes: db.prepare<[number], VoteRow>(
        'SELECT user_id AS userId, stance, reason, source, updated_at AS updatedAt FROM votes WHERE proposal_id = ? ORDER BY updated_at',
      ),
      upsertVote: db.prepare<[number, string, Stance, string | null, string, number]>(
        `INSERT INTO votes (proposal_id, user_id, stance, reason, source, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (proposal_id, user_id) DO UPDATE SET stance = excluded.stance, reason = excluded.reason,
           source = excluded.source, updated_at = excluded.updated_at`,
      ),
      deleteVote: db.prepare<[number, string]>('DELETE FROM votes WHERE proposal_id = ? AND user_id = ?'),
      history: db.prepare<[number, string, Stance | null, string | null, string, number]>(
        `INSERT INTO vote_history (proposal_id, user_id, stance, reason, source, at) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  insert(p: NewProposal): number {
    return Number(
      this.s.insert.run({
        ...p,
        quorum: formatQuorum(p.quorum),
        ballot: p.ballot ?? 'open',
        kind: p.kind ?? 'proposal',
        multi: p.multi ? 1 : 0,
        extendMinutes: p.extendMinutes ?? null,
      }).lastInsertRowid,
    );
  }

  get(id: number): Proposal | undefined {
    const r = this.s.byId.get(id);
    return r && fromRaw(r);
  }

  byNumber(channelFk: number, number: number): Proposal | undefined {
    const r = this.s.byNumber.get(channelFk, number);
    return r && fromRaw(r);
  }

  open(channelFk: number): Proposal[] {
    return this.s.open.all(channelFk).map(fromRaw);
  }

  allOpen(): Proposal[] {
    return this.s.allOpen.all().map(fromRaw);
  }

  decided(channelFk: number, limit: number): Proposal[] {
    return this.s.decided.all(channelFk, limit).map(fromRaw);
  }

  setCounts(id: number, c: Counts): void {
    this.s.setCounts.run(c.agree, c.disagree, c.abstain, c.block, id);
  }

  /** Closes an open proposal; false when it was no longer open (someone else closed it first). */
  close(id: number, status: ClosedStatus, at: number, by: string | null, reason: string | null = null): boolean {
    return this.s.close.run({ id, status, at, by, reason }).changes === 1;
  }

  /** Open proposals in a channel, and how many of them `authorId` wrote (the spam caps). */
  openCounts(channelFk: number, authorId: string): { total: number; mine: number } {
    return this.s.openCounts.get(authorId, channelFk)!;
  }

  dueToClose(now: number, limit: number): Proposal[] {
    return this.s.dueToClose.all(now, limit).map(fromRaw);
  }

  dueToRemind(now: number, limit: number): Proposal[] {
    return this.s.dueToRemind.all(now, limit).map(fromRaw);
  }

  clearReminder(id: number): void {
    this.s.clearReminder.run(id);
  }

  /** Replaces an open proposal's text, keeping the old text in `amendments`; false when it was no longer open. */
  amend(id: number, title: string, reasons: string, at: number): boolean {
    this.s.keepAmendment.run(at, id);
    return this.s.amend.run(title, reasons, at, id).changes === 1;
  }

  /** Moves an open proposal's deadline, once (--extend); false when it was already extended or closed. */
  extend(id: number, closesAt: number, at: number): boolean {
    return this.s.extend.run(closesAt, at, id).changes === 1;
  }

  vote(proposalId: number, userId: string): VoteRow | undefined {
    return this.s.vote.get(proposalId, userId);
  }

  votes(proposalId: number): VoteRow[] {
    return this.s.votes.all(proposalId);
  }

  /** Writes the current vote (or removes it when stance is null) and appends to the history. */
  recordVote(proposalId: number, userId: string, stance: Stance | null, reason: string | null, source: string, at: number): void {
    if (stance) this.s.upsertVote.run(proposalId, userId, stance, reason, source, at);
    else this.s.deleteVote.run(proposalId, userId);
    this.s.history.run(proposalId, userId, stance, reason, source, at);
  }
}
