import type Database from 'better-sqlite3';

/** A row of a secret ballot box: a keyed hash of the voter (never the id), the choice and the reason. */
export interface SecretBallotRow {
  choice: string;
  reason: string | null;
}

/**
 * The tables of secret ballots (migrations/007_secret_ballot.sql): per-ballot keys, the ballot
 * box (keyed hash → choice), who has voted (id, never how), and the anonymous reasons of closed
 * ones. The hashing itself is the core's (core/proposals/secret.ts). Runs in the caller's transaction.
 */
export class SecretBallotStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      setKey: db.prepare<[number, Buffer]>('INSERT INTO ballot_keys (proposal_id, key) VALUES (?, ?)'),
      key: db.prepare<[number], { key: Buffer }>('SELECT key FROM ballot_keys WHERE proposal_id = ?'),
      deleteKey: db.prepare<[number]>('DELETE FROM ballot_keys WHERE proposal_id = ?'),
      ballot: db.prepare<[number, string], SecretBallotRow>('SELECT choice, reason FROM secret_votes WHERE proposal_id = ? AND voter = ?'),
      cast: db.prepare<[number, string, string, string | null]>(
        `INSERT INTO secret_votes (proposal_id, voter, choice, reason) VALUES (?, ?, ?, ?)
         ON CONFLICT (proposal_id, voter) DO UPDATE SET choice = excluded.choice, reason = excluded.reason`,
      ),
      rekey: db.prepare<[string, number, string]>('UPDATE secret_votes SET voter = ? WHERE proposal_id = ? AND voter = ?'),
      markVoted: db.prepare<[number, string]>('INSERT OR IGNORE INTO secret_voters (proposal_id, user_id) VALUES (?, ?)'),
      voters: db.prepare<[number], { userId: string }>('SELECT user_id AS userId FROM secret_voters WHERE proposal_id = ? ORDER BY user_id'),
      hasVoted: db.prepare<[number, string], { one: number }>('SELECT 1 AS one FROM secret_voters WHERE proposal_id = ? AND user_id = ?'),
      // Reasons leave the ballot box in the order of their text, which says nothing about who gave them.
      keepReasons: db.prepare<[number]>(
        `INSERT INTO secret_reasons (proposal_id, reason)
         SELECT proposal_id, reason FROM secret_votes WHERE proposal_id = ? AND reason IS NOT NULL ORDER BY reason, choice`,
      ),
      emptyBox: db.prepare<[number]>('DELETE FROM secret_votes WHERE proposal_id = ?'),
      forgetVoters: db.prepare<[number]>('DELETE FROM secret_voters WHERE proposal_id = ?'),
      reasons: db.prepare<[number], { reason: string }>('SELECT reason FROM secret_reasons WHERE proposal_id = ? ORDER BY rowid'),
      openKeysVotedBy: db.prepare<{ userId: string; platform: string; spaceId: string | null }, { proposalId: number; key: Buffer }>(
        `SELECT k.proposal_id AS proposalId, k.key FROM ballot_keys k
         JOIN secret_voters v ON v.proposal_id = k.proposal_id
         JOIN proposals p ON p.id = k.proposal_id JOIN channels c ON c.id = p.channel_fk
         WHERE v.user_id = @userId AND c.platform = @platform AND (@spaceId IS NULL OR c.space_id = @spaceId)`,
      ),
    };
  }

  /** Gives a new secret ballot its key. */
  setKey(proposalId: number, key: Buffer): void {
    this.s.setKey.run(proposalId, key);
  }

  /** The key of an open secret ballot; undefined once it has closed (the key is gone). */
  key(proposalId: number): Buffer | undefined {
    return this.s.key.get(proposalId)?.key;
  }

  ballot(proposalId: number, voter: string): SecretBallotRow | undefined {
    return this.s.ballot.get(proposalId, voter);
  }

  /** Casts or changes the ballot under `voter` (the keyed hash), and records that `userId` has voted. */
  cast(proposalId: number, voter: string, userId: string, choice: string, reason: string | null): void {
    this.s.cast.run(proposalId, voter, choice, reason);
    this.s.markVoted.run(proposalId, userId);
  }

  /** Moves a ballot to another keyed hash (an erased member's id replaced by their pseudonym). */
  rekey(proposalId: number, from: string, to: string): void {
    this.s.rekey.run(to, proposalId, from);
  }

  /** Who has voted (ids in id order), never how. */
  voters(proposalId: number): string[] {
    return this.s.voters.all(proposalId).map((r) => r.userId);
  }

  hasVoted(proposalId: number, userId: string): boolean {
    return this.s.hasVoted.get(proposalId, userId) !== undefined;
  }

  /**
   * Seals a ballot that has closed: its reasons are kept without voter or stance, its ballot box is
   * emptied and its key deleted, so nothing left can tie a member to a vote. Idempotent.
   */
  seal(proposalId: number): void {
    this.s.keepReasons.run(proposalId);
    this.s.emptyBox.run(proposalId);
    this.s.deleteKey.run(proposalId);
  }

  /** Empties an open ballot's box and its list of who voted (an amended proposal is voted on afresh); the key stays. */
  reset(proposalId: number): void {
    this.s.emptyBox.run(proposalId);
    this.s.forgetVoters.run(proposalId);
  }

  /** The reasons given in a closed secret ballot, anonymous. */
  reasons(proposalId: number): string[] {
    return this.s.reasons.all(proposalId).map((r) => r.reason);
  }

  /** Open secret ballots (their keys) of a platform (or one space of it) in which `userId` has voted: an erasure re-keys their ballots. */
  openKeysVotedBy(userId: string, scope: { platform: string; spaceId?: string }): { proposalId: number; key: Buffer }[] {
    return this.s.openKeysVotedBy.all({ userId, platform: scope.platform, spaceId: scope.spaceId ?? null });
  }
}
