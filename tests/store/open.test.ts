import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase } from '../../src/store/open';
import { loadMigrations, SchemaTooNewError } from '../../src/store/migrate';
import { snapshot } from '../helpers/snapshot';

const dir = () => mkdtempSync(join(tmpdir(), 'leaderful-open-'));

function refuses(path: string, message: RegExp, err: new (...a: never[]) => Error = DatabaseOpenError): void {
  expect(() => openDatabase(path)).toThrow(err);
  expect(() => openDatabase(path)).toThrow(message);
}

describe('opening the database refuses what it cannot use, and writes nothing', () => {
  it('creates missing folders and a new database', () => {
    const d = dir();
    const db = openDatabase(join(d, 'a', 'b', 'bot.db'));
    expect(db.prepare(`SELECT count(*) AS n FROM schema_migrations`).get()).toEqual({ n: loadMigrations().length });
    db.close();
  });

  it('a parent that cannot be created (under /proc) is refused at once, not spun on', () => {
    refuses('/proc/nope/x.db', /Cannot create the folder \/proc\/nope/);
  });

  it('an empty path, a folder, a path through a file', () => {
    const d = dir();
    writeFileSync(join(d, 'f'), 'x');
    const before = snapshot(d);
    refuses('  ', /The database path is empty/);
    refuses(d, /is a folder\. Give the path of a database file/);
    refuses(join(d, 'f', 'x.db'), /part of that path is a file, not a folder/);
    expect(snapshot(d)).toEqual(before);
  });

  it("a file that is not SQLite, and another application's SQLite file, are left untouched", () => {
    const d = dir();
    writeFileSync(join(d, 'notes.db'), 'these are my notes, not a database\n');
    const other = new Database(join(d, 'other.db'));
    other.exec('CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (1)');
    other.close();
    const rails = new Database(join(d, 'rails.db'));
    rails.exec("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY); INSERT INTO schema_migrations VALUES ('20240101')");
    rails.close();
    const before = snapshot(d);
    refuses(join(d, 'notes.db'), /is not a SQLite database\. Leaderful leaves it untouched/);
    refuses(join(d, 'other.db'), /another application's SQLite database \(tables: notes\)/);
    refuses(join(d, 'rails.db'), /another application's SQLite database \(tables: schema_migrations\)/);
    expect(snapshot(d)).toEqual(before);
  });

  it('a database newer than the code is refused before anything is written (not even WAL mode)', () => {
    const d = dir();
    const path = join(d, 'new.db');
    const db = openDatabase(path);
    db.prepare(`INSERT INTO schema_migrations VALUES (999, 'future', 'x')`).run();
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = snapshot(d);
    refuses(path, /schema version 999, newer than this code knows/, SchemaTooNewError);
    expect(snapshot(d)).toEqual(before);
  });

  it('an empty file is an empty database; a damaged one is refused', () => {
    const d = dir();
    writeFileSync(join(d, 'empty.db'), '');
    openDatabase(join(d, 'empty.db')).close();
    const good = openDatabase(join(d, 'damaged.db'));
    good.pragma('journal_mode = DELETE');
    good.close();
    const bytes = readFileSync(join(d, 'damaged.db'));
    bytes.fill(0xab, 100); // keep the header, ruin the rest
    writeFileSync(join(d, 'damaged.db'), bytes);
    mkdirSync(join(d, 'keep'));
    const before = snapshot(d);
    expect(() => openDatabase(join(d, 'damaged.db'))).toThrow(/cannot be read as a SQLite database|another application/);
    expect(snapshot(d)).toEqual(before);
  });
});
