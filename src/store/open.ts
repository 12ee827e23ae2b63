import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, mkdirSync, openSync, readSync, rmdirSync, type Stats, statSync, unlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadMigrations, migrate, SchemaTooNewError } from './migrate';

/** A database path that cannot be used, said in one line with what to do. Nothing was written. */
export class DatabaseOpenError extends Error {}

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * Opens (creating if needed) the SQLite file in WAL mode and brings its schema up to date.
 *
 * Before anything is written, the path is checked: a folder, a read-only file or folder, a file that
 * is not SQLite, or another application's SQLite database is refused with a DatabaseOpenError, and
 * whatever this call created (folders, the file) is removed again if opening fails.
 */
export function openDatabase(path: string): Database.Database {
  if (path === ':memory:') return prepare(new Database(':memory:'));
  if (!path.trim()) throw new DatabaseOpenError('The database path is empty. Give a file path, like ./data/leaderful.db, or :memory:.');
  const file = resolve(path);
  const existed = checkExisting(file);
  const createdDirs = existed ? [] : createParents(file);
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    return prepare(db);
  } catch (e) {
    db?.close();
    if (!existed) removeCreated(file, createdDirs);
    if (e instanceof SchemaTooNewError || e instanceof DatabaseOpenError) throw e;
    throw new DatabaseOpenError(`Cannot open the database ${file}: ${e instanceof Error ? e.message : String(e)}.`);
  }
}

function prepare(db: Database.Database): Database.Database {
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the last commits).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten, not left in free space: a closed secret ballot's key and ballot box
  // must be gone from the file, not only from the tables (see Store.truncateLogAfterCommit for the log).
  db.pragma('secure_delete = ON');
  migrate(db);
  return db;
}

const writable = (p: string): boolean => {
  try {
    accessSync(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** Checks a path that exists (true) or tells that it does not (false); throws when it cannot be used. */
function checkExisting(file: string): boolean {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code === 'ENOTDIR') throw new DatabaseOpenError(`Cannot use ${file}: part of that path is a file, not a folder. Choose another path.`);
    throw new DatabaseOpenError(`Cannot use ${file} (${code}). Choose another path, or check its permissions.`);
  }
  if (st.isDirectory()) throw new DatabaseOpenError(`${file} is a folder. Give the path of a database file, like ${file}/leaderful.db.`);
  if (!st.isFile()) throw new DatabaseOpenError(`${file} is not a regular file. Give the path of a database file.`);
  if (!writable(file)) throw new DatabaseOpenError(`The database ${file} is read-only. Make it writable for this user, or choose another path.`);
  // WAL mode keeps two files beside the database (-wal, -shm): the folder must take new files.
  if (!writable(dirname(file)))
    throw new DatabaseOpenError(
      `The folder ${dirname(file)} is read-only; SQLite needs to create files beside ${file}. Make it writable, or move the database.`,
    );
  if (st.size === 0) return true; // an empty file is an empty database
  if (readHeader(file) !== SQLITE_HEADER) {
    throw new DatabaseOpenError(`${file} is not a SQLite database. Leaderful leaves it untouched; choose another path.`);
  }
  checkOurs(file);
  return true;
}

function readHeader(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SQLITE_HEADER.length);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/** A SQLite file with tables must be Leaderful's (read without writing a byte); an empty one is fine. */
function checkOurs(file: string): void {
  let ro: Database.Database | undefined;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true });
    const tables = (ro.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    if (tables.length === 0) return;
    let ours = false;
    if (tables.includes('schema_migrations')) {
      try {
        const first = ro.prepare('SELECT name FROM schema_migrations WHERE version = 1').get() as { name?: string } | undefined;
        ours = first?.name === 'initial' || (first === undefined && tables.length === 1);
      } catch {
        ours = false; // a schema_migrations table of another shape: another tool's
      }
    }
    if (ours) {
      // Refused before anything is written (not even the switch to WAL).
      const newest = (ro.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
      const known = loadMigrations().at(-1)?.version ?? 0;
      if (newest > known) throw new SchemaTooNewError(newest, known);
    } else {
      throw new DatabaseOpenError(
        `${file} is another application's SQLite database (tables: ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}). Leaderful never writes to it; choose another path.`,
      );
    }
  } catch (e) {
    if (e instanceof DatabaseOpenError || e instanceof SchemaTooNewError) throw e;
    throw new DatabaseOpenError(
      `${file} cannot be read as a SQLite database (${e instanceof Error ? e.message : String(e)}). It may be damaged; Leaderful leaves it untouched.`,
    );
  } finally {
    ro?.close();
  }
}

/**
 * Creates the missing folders above the file one level at a time (a recursive mkdir spins forever
 * on some paths, such as under /proc) and returns them, outermost first, for removal on failure.
 */
function createParents(file: string): string[] {
  const missing: string[] = [];
  let dir = dirname(file);
  for (;;) {
    let st: Stats;
    try {
      st = statSync(dir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new DatabaseOpenError(`Cannot create ${file}: ${dir} cannot be used (${code}). Choose another path.`);
      missing.unshift(dir);
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
      continue;
    }
    if (!st.isDirectory()) throw new DatabaseOpenError(`Cannot create ${file}: ${dir} is a file, not a folder. Choose another path.`);
    if (!writable(dir)) throw new DatabaseOpenError(`Cannot create ${file}: the folder ${dir} is read-only. Choose a path in a folder you can write to.`);
    break;
  }
  const created: string[] = [];
  for (const d of missing) {
    try {
      mkdirSync(d);
      created.push(d);
    } catch (e) {
      for (const c of created.reverse()) rmdirSync(c);
      throw new DatabaseOpenError(`Cannot create the folder ${d} (${(e as NodeJS.ErrnoException).code}). Choose a path in a folder you can write to.`);
    }
  }
  return created;
}

function removeCreated(file: string, dirs: string[]): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      unlinkSync(f);
    } catch {
      // not there
    }
  }
  for (const d of [...dirs].reverse()) {
    try {
      rmdirSync(d);
    } catch {
      // not empty: something else put files there meanwhile
    }
  }
}
