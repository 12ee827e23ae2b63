import type Database from 'better-sqlite3';
import { ChannelStore } from './channels';
import { KeyStore } from './keys';
import { openDatabase } from './open';
import { OutboxStore } from './outbox';
import { ProposalStore } from './proposals';
import { RotationStore } from './rotation';
import { UserStore } from './users';

/** The embedded store: one SQLite database, every query a prepared statement. */
export class Store {
  readonly channels: ChannelStore;
  readonly proposals: ProposalStore;
  readonly outbox: OutboxStore;
  readonly rotation: RotationStore;
  readonly keys: KeyStore;
  readonly users: UserStore;
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
  }

  static open(path: string): Store {
    return new Store(openDatabase(path));
  }

  /** Runs fn in one transaction (nested calls join the outer one). */
  tx<T>(fn: () => T): T {
    return this.runInTx.immediate(fn) as T;
  }

  close(): void {
    this.db.close();
  }
}
