import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, SchemaTooNewError } from '../../src/store/migrate';
import { openDatabase } from '../../src/store/open';

describe('migrations', () => {
  it('are numbered files applied in order and recorded', () => {
    const db = new Database(':memory:');
    const all = loadMigrations();
    expect(all.map((m) => m.version)).toEqual([...all.map((m) => m.version)].sort((a, b) => a - b));
    expect(migrate(db)).toEqual(all.map((m) => m.version));
    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(all.map((m) => ({ version: m.version, name: m.name })));
  });

  it('are idempotent on every start', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(migrate(db)).toEqual([]);
  });

  it('apply a new file on the next start, in its own transaction', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leaderful-mig-'));
    writeFileSync(join(dir, '001_a.sql'), 'CREATE TABLE a (x);');
    const db = new Database(':memory:');
    expect(migrate(db, loadMigrations(dir))).toEqual([1]);
    writeFileSync(join(dir, '002_b.sql'), 'CREATE TABLE b (x); CREATE TABLE broken (;');
    expect(() => migrate(db, loadMigrations(dir))).toThrow();
    // The failed migration left nothing behind and was not recorded.
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    writeFileSync(join(dir, '002_b.sql'), 'CREATE TABLE b (x);');
    expect(migrate(db, loadMigrations(dir))).toEqual([2]);
  });

  it('refuse to start on a database newer than the code', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')").run();
    expect(() => migrate(db)).toThrow(SchemaTooNewError);
    expect(() => migrate(db)).toThrow(/newer than this code knows/);
  });

  it('open the file in WAL mode', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'leaderful-wal-')), 'sub', 'x.db');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
