import type Database from 'better-sqlite3';
import { ChannelStore } from './channels';
import { KeyStore } from './keys';
import { RecentNoticeStore } from './notices';
import { openDatabase } from './open';
import { OutboxStore } from './outbox';
import { ProposalStore } from './proposals';
import { PersonalDataStore } from './personal-data';
import { PollStore } from './polls';
import { RetentionStore } from './retention';
import { RotationStore } from './rotation';
import { SecretBallotStore } from './secret-ballots';
import { SwapOfferStore } from './swaps';
import { UserStore } from './users';

/** The embedded store: one SQLite database, every query a prepared statement. */
export class Store {
  readonly channels: ChannelStore;
  readonly proposals: ProposalStore;
  readonly outbox: OutboxStore;
  readonly rotation: RotationStore;
  readonly keys: KeyStore;
  readonly users: UserStore;
  readonly swaps: SwapOfferStore;
  readonly notices: RecentNoticeStore;
  readonly retention: RetentionStore;
  readonly personalData: PersonalDataStore;
  readonly secretBallots: SecretBallotStore;
  readonly polls: PollStore;
  /** Set when a transaction deleted what must not linger in the write-ahead log (a secret ballot's key). */
  private logTruncationDue = false;
  /** One transaction function for every tx() call (better-sqlite3 builds a new one per transaction() call). */
  private readonly runInTx: Database.Transaction<(fn: () => unknown) => unknown>;

  constructor(readonly db: Database.Database) {
    this.runInTx = db.transaction((fn: () => unknown) => fn());
    this.channels = new ChannelStore(db);
    this.proposals = new ProposalStore(db);
    this.outbox = new OutboxStore(db);
    this.rotation = new RotationStore(db);
    this.keys = new KeyStore(db);
    this.users = new UserStore(db);
    this.swaps = new SwapOfferStore(db);
    this.notices = new RecentNoticeStore(db);
    this.retention = new RetentionStore(db);
    // An erasure rewrites names and stewards in bulk, past the stores that cache them.
    this.personalData = new PersonalDataStore(db, () => this.forgetCached());
    this.secretBallots = new SecretBallotStore(db);
    this.polls = new PollStore(db);
  }

  /**
   * Asks that, once the current transaction commits, the write-ahead log be checkpointed and
   * truncated: pages that held a deleted secret-ballot key or ballot box then no longer sit in the
   * -wal file (deleted rows are overwritten in the database file itself: secure_delete, open.ts).
   */
  truncateLogAfterCommit(): void {
    this.logTruncationDue = true;
  }

  static open(path: string): Store {
    return new Store(openDatabase(path));
  }

  /** Runs fn in one transaction (nested calls join the outer one). */
  tx<T>(fn: () => T): T {
    const nested = this.db.inTransaction;
    try {
      const result = this.runInTx.immediate(fn) as T;
      if (!nested && this.logTruncationDue) this.truncateLog();
      return result;
    } catch (e) {
      // Rolled back (to the savepoint, when nested): rows cached meanwhile may be ones never committed.
      this.forgetCached();
      throw e;
    } finally {
      if (!nested) this.logTruncationDue = false;
    }
  }

  /** Drops every cached row (see RowCache): they are read again from the database. */
  forgetCached(): void {
    this.channels.forgetCached();
    this.users.forgetCached();
  }

  private truncateLog(): void {
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Best effort: a checkpoint that cannot run now (a reader holds the log) is done by SQLite later.
    }
  }

  close(): void {
    this.db.close();
  }
}
