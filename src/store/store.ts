import type Database from 'better-sqlite3';
import { ChannelStore } from './channels';
import { KeyStore } from './keys';
import { RecentNoticeStore } from './notices';
import { openDatabase } from './open';
import { OutboxStore } from './outbox';
import { ProposalStore } from './proposals';
import { PersonalDataStore } from './personal-data';
import { RetentionStore } from './retention';
import { RotationStore } from './rotation';
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
  }

  static open(path: string): Store {
    return new Store(openDatabase(path));
  }

  /** Runs fn in one transaction (nested calls join the outer one). */
  tx<T>(fn: () => T): T {
    try {
      return this.runInTx.immediate(fn) as T;
    } catch (e) {
      // Rolled back (to the savepoint, when nested): rows cached meanwhile may be ones never committed.
      this.forgetCached();
      throw e;
    }
  }

  /** Drops every cached row (see RowCache): they are read again from the database. */
  forgetCached(): void {
    this.channels.forgetCached();
    this.users.forgetCached();
  }

  close(): void {
    this.db.close();
  }
}
