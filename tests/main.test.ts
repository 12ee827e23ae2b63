import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TSX = join('node_modules', '.bin', 'tsx');

/** Runs `npm start`'s entry point as a real process, with a clean environment. */
async function start(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(TSX, ['src/main.ts', ...args], { env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const dir = () => mkdtempSync(join(tmpdir(), 'leaderful-main-'));

describe('npm start (the real process)', () => {
  it('runs a script on a database file, and a later run catches up what fell due meanwhile', async () => {
    const d = dir();
    const db = join(d, 'bot.db');
    writeFileSync(join(d, 'one.txt'), 'alice: /propose Catch me up --closes 1d\nbob +👍 #1\n');
    const first = await start(['--db', db, '--now', '2026-11-23T10:00', '--script', join(d, 'one.txt')]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('[#1] Proposal #1: Catch me up [open]');
    writeFileSync(join(d, 'two.txt'), 'carol: /decisions\n');
    const second = await start(['--db', db, '--now', '2026-11-25T10:00', '--script', join(d, 'two.txt')]);
    expect(second.stdout).toMatch(/\[#1 edited\] Proposal #1: Catch me up \[passed\]/);
    expect(second.stdout).toContain('[#2] Proposal #1 passed: Catch me up');
    expect(second.stdout).toContain('#1 passed Catch me up');
    // Started again at the same time: nothing more is posted.
    const third = await start(['--db', db, '--now', '2026-11-25T10:00', '--script', join(d, 'two.txt')]);
    expect(third.stdout).not.toMatch(/^\[#/m);
  });

  it('reads DATABASE_PATH and LEADERFUL_TIMEZONE from the environment', async () => {
    const d = dir();
    writeFileSync(join(d, 's.txt'), 'alice: /leaderful settings\n');
    const r = await start(['--now', '2026-11-23T10:00', '--script', join(d, 's.txt')], {
      DATABASE_PATH: join(d, 'x', 'env.db'),
      LEADERFUL_TIMEZONE: 'Asia/Tokyo',
    });
    expect(r.stdout).toContain('Time zone: Asia/Tokyo');
    const db = new Database(join(d, 'x', 'env.db'));
    expect(db.prepare('SELECT timezone FROM channels').get()).toEqual({ timezone: 'Asia/Tokyo' });
    db.close();
  });

  it('stops with one clear line naming a bad setting', async () => {
    const r = await start(['--db', ':memory:', '--script', '/dev/null'], { LEADERFUL_TIMEZONE: 'Mars/Base' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('leaderful: Setting LEADERFUL_TIMEZONE: must be an IANA time zone such as Europe/Berlin');
  });

  it('refuses an unknown flag and a database newer than the code', async () => {
    expect((await start(['--bogus'])).stderr).toContain('Unknown option --bogus');
    const d = dir();
    const path = join(d, 'new.db');
    const db = new Database(path);
    db.exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT); INSERT INTO schema_migrations VALUES (999, 'future', 'x');",
    );
    db.close();
    const r = await start(['--db', path, '--script', '/dev/null']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/schema version 999, newer than this code knows/);
  });
});
