import { createHmac, randomBytes } from 'node:crypto';
import type { Store } from '../../store/store';

/**
 * Secret ballots: how a member voted is never stored beside their id.
 *
 * Each secret ballot gets a random 256-bit key when it is proposed. A member's ballot is stored
 * under HMAC-SHA256(key, member id), so the member can change it (the same id gives the same row)
 * while nobody reading the ballot box sees whose row is whose without the key. Who has voted is kept
 * apart, without the choice. At close the reasons are kept without voter or stance, the box is
 * emptied and the key deleted (secure_delete overwrites them; the write-ahead log is truncated), so
 * from then on nothing ties a member to a vote. The threat model is in the README.
 */
export class SecretBallots {
  constructor(
    private readonly store: Store,
    private readonly random: (n: number) => Buffer = randomBytes,
  ) {}

  /** A new secret ballot: its key. */
  open(proposalId: number): void {
    this.store.secretBallots.setKey(proposalId, this.random(32));
  }

  private voterKey(proposalId: number, userId: string, key = this.store.secretBallots.key(proposalId)): string {
    if (!key) throw new Error(`secret ballot ${proposalId} has no key (closed?)`);
    return createHmac('sha256', key).update(userId, 'utf8').digest('base64url');
  }

  /** The member's current choice and reason (inside the transaction that changes it; never shown). */
  current(proposalId: number, userId: string): { choice: string; reason: string | null } | undefined {
    return this.store.secretBallots.ballot(proposalId, this.voterKey(proposalId, userId));
  }

  /** Casts or changes the member's ballot. */
  cast(proposalId: number, userId: string, choice: string, reason: string | null): void {
    this.store.secretBallots.cast(proposalId, this.voterKey(proposalId, userId), userId, choice, reason);
  }

  /** Who has voted (never how). */
  voters(proposalId: number): string[] {
    return this.store.secretBallots.voters(proposalId);
  }

  /** At close or withdrawal: reasons kept anonymous, box emptied, key deleted, the log truncated after commit. */
  seal(proposalId: number): void {
    this.store.secretBallots.seal(proposalId);
    this.store.truncateLogAfterCommit();
  }

  /** The anonymous reasons of a closed secret ballot. */
  reasons(proposalId: number): string[] {
    return this.store.secretBallots.reasons(proposalId);
  }

  /**
   * An erased member's ballots in open secret ballots move to the key of their pseudonym: still
   * counted, no longer reachable from their id (as their open-ballot votes are replaced by it).
   */
  forget(scope: { platform: string; spaceId?: string }, userId: string, pseudonym: string): void {
    for (const { proposalId, key } of this.store.secretBallots.openKeysVotedBy(userId, scope)) {
      this.store.secretBallots.rekey(proposalId, this.voterKey(proposalId, userId, key), this.voterKey(proposalId, pseudonym, key));
    }
  }
}
