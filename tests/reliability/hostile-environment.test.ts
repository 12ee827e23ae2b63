import Database from 'better-sqlite3';
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type MainRun, runMain, unprivileged } from '../helpers/run-main';
import { snapshot } from '../helpers/snapshot';

/** A fresh folder that the unprivileged user may write to, with a valid Leaderful database in it. */
function workspace(): { dir: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), 'leaderful-env-'));
  chmodSync(dir, 0o777);
  const db = join(dir, 'ours.db');
  const seed = new Database(join(dir, 'seed.db'));
  seed.close();
  return { dir, db };
}

/** One clear line on stderr, no stack trace, the given exit code. */
function oneClearLine(r: MainRun, code: number, message: RegExp): void {
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^leaderful: /);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|node_modules/);
  expect(r.code).toBe(code);
}

describe('the outside world: environment, paths, files and standard input', () => {
  it('no platform and no terminal: says what is missing (and names a near-miss variable), exits non-zero', async () => {
    const plain = await runMain([]);
    oneClearLine(plain, 2, /Nothing to run: no platform is configured \(set SLACK_BOT_TOKEN .* or DISCORD_TOKEN .*\) .*\(pass --console/);
    const typo = await runMain([], { env: { SLACK_BOT_TOKN: 'xoxb-1-2-abc', DISCORD_TOKN: 'abc' } });
    oneClearLine(typo, 2, /SLACK_BOT_TOKN is not a setting Leaderful reads \(did you mean SLACK_BOT_TOKEN\?\)/);
    expect(typo.stderr).toContain('DISCORD_TOKN is not a setting Leaderful reads (did you mean DISCORD_TOKEN?)');
    const partial = await runMain([], { env: { SLACK_APP_TOKEN: 'xapp-1' } });
    oneClearLine(partial, 2, /Set but not enough on their own: SLACK_APP_TOKEN/);
    // Asked for, the console still runs on piped input, and a typo is only a warning then.
    const asked = await runMain(['--console', '--db', ':memory:'], { env: { LOG_LEVL: 'info' }, stdin: '/leaderful help\n' });
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain('(to you)');
    expect(asked.stderr.trim()).toBe('leaderful: warning: LOG_LEVL is not a setting Leaderful reads (did you mean LOG_LEVEL?).');
  });

  it.each([
    ['LEADERFUL_TIMEZONE', 'Mars/Base', /Setting LEADERFUL_TIMEZONE: must be an IANA time zone/],
    ['LEADERFUL_TIMEZONE', '', /Setting LEADERFUL_TIMEZONE/],
    ['LOG_LEVEL', 'loud', /Setting LOG_LEVEL/],
    ['DATABASE_PATH', '', /Setting DATABASE_PATH|database path is empty/],
    ['DATABASE_PATH', '/proc/nope/x.db', /Cannot create the folder \/proc\/nope/],
    ['DATABASE_PATH', '/dev/null', /is not a regular file/],
  ])('a bad %s (%j) stops start-up with one line', async (name, value, message) => {
    const r = await runMain(['--console'], { env: { [name]: value } });
    oneClearLine(r, 2, message);
  });

  it.each([
    [['--db', ''], /--db is empty/],
    [['--channel', ''], /--channel is empty/],
    [['--channel', 'two words'], /--channel is one word/],
    [['--db'], /--db needs a value/],
    [['--now', 'yesterday', '--db', ':memory:', '--console'], /--now: "yesterday" is not an ISO date-time/],
    [['--script', '/nonexistent/lines.txt'], /--script: cannot read \/nonexistent\/lines\.txt \(no such file\)/],
    [['--script', '/tmp'], /--script: \/tmp is not a file/],
    [['--bogus'], /Unknown option --bogus/],
  ])('bad flags %j: one line', async (args, message) => {
    oneClearLine(await runMain(args as string[]), 2, message);
  });

  it('bad database paths and files: one line each, exit 2, nothing changed on disk', async () => {
    const { dir } = workspace();
    writeFileSync(join(dir, 'notes.txt'), 'my notes\n');
    const other = new Database(join(dir, 'other.db'));
    other.exec('CREATE TABLE contacts (name TEXT)');
    other.close();
    mkdirSync(join(dir, 'folder.db'));
    const before = snapshot(dir);
    const cases: [string, RegExp][] = [
      ['/proc/nope/x.db', /Cannot create the folder \/proc\/nope \(ENOENT\)/],
      [join(dir, 'folder.db'), /is a folder/],
      [join(dir, 'notes.txt'), /is not a SQLite database/],
      [join(dir, 'other.db'), /another application's SQLite database \(tables: contacts\)/],
      [join(dir, 'notes.txt', 'x.db'), /part of that path is a file/],
    ];
    for (const [path, message] of cases) oneClearLine(await runMain(['--console', '--db', path]), 2, message);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a read-only database file and a read-only folder (as an unprivileged user): one line, nothing written', async () => {
    const { dir } = workspace();
    const db = join(dir, 'ours.db');
    const made = await runMain(['--console', '--db', db], { stdin: '/rotation join\n' });
    expect(made.code).toBe(0);
    const copy = join(dir, 'copy.db');
    copyFileSync(db, copy);
    chmodSync(copy, 0o444);
    const ro = join(dir, 'ro');
    mkdirSync(ro, 0o555);
    const owner = unprivileged();
    if (owner) {
      chownSync(copy, 0, 0);
      chownSync(ro, 0, 0);
    }
    const before = snapshot(dir);
    oneClearLine(await runMain(['--console', '--db', copy], { unprivileged: true }), 2, /The database .*copy\.db is read-only/);
    oneClearLine(await runMain(['--console', '--db', join(ro, 'x.db')], { unprivileged: true }), 2, /the folder .*\/ro is read-only/);
    oneClearLine(await runMain(['--console', '--db', join(ro, 'a', 'b', 'x.db')], { unprivileged: true }), 2, /the folder .*\/ro is read-only/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('huge, binary and broken standard input: friendly lines, the session goes on, exit 0, the database stays sound', async () => {
    const { dir } = workspace();
    const db = join(dir, 'ours.db');
    const huge = `alice: /propose ${'ü'.repeat(10 * 1024 * 1024)}\n`;
    const binary = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919 + (i >> 3)) % 256));
    const input = Buffer.concat([Buffer.from(huge), binary, Buffer.from('\n\u0000\u0000/\n+\n:\n/propose Still here\n')]);
    const r = await runMain(['--console', '--db', db, '--now', '2026-11-23T10:00'], { stdin: input });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('(console) That line is 10,485,776 characters long; a line can be at most 20,000.');
    expect(r.stdout).toMatch(/\[#1\] Proposal #1: Still here \[open\]/);
    const check = new Database(db, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(check.prepare('SELECT title FROM proposals').all()).toEqual([{ title: 'Still here' }]);
    check.close();
  });
});

describe('fuzzed environment and flags, in process', () => {
  it('300 random environments and argument lists: one clear line or a clean run, never a throw, nothing written on failure', async () => {
    const { main } = await import('../../src/main');
    const fc = (await import('fast-check')).default;
    const { dir } = workspace();
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const nasty = fc.oneof(
      fc.constantFrom(
        '',
        ' ',
        ':memory:',
        '/proc/nope/x.db',
        '/dev/null',
        dir,
        join(dir, 'empty.txt'),
        join(dir, 'empty.txt', 'x'),
        'Mars/Base',
        'est',
        'europe/berlin',
        '\u0000',
        '../../..',
        '-1',
        'info',
        'silent',
        '2026-13-45T99:99',
        '2026-11-23T10:00',
      ),
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    const flag = fc.constantFrom('--db', '--now', '--channel', '--script', '--bogus', '--db=', '--channel=x', '-x', 'stray');
    const args = fc.array(fc.oneof(flag, nasty), { maxLength: 6 });
    const env = fc.dictionary(
      fc.constantFrom('LEADERFUL_TIMEZONE', 'LOG_LEVEL', 'DATABASE_PATH', 'SLACK_BOT_TOKN', 'DISCORD_TOKN', 'SLACK_MODE', 'LEADERFUL_X'),
      nasty.filter((v) => !v.includes('\u0000')), // the OS cannot carry NUL in an environment value
      { maxKeys: 4 },
    );
    const errors: string[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
    // Relative paths (and the default ./data/leaderful.db) land in the workspace, never the project.
    const home = process.cwd();
    process.chdir(dir);
    try {
      await fc.assert(
        fc.asyncProperty(args, env, async (argv, vars) => {
          errors.length = 0;
          // Never wait on the test runner's own stdin: a console run reads the empty script instead.
          const safe = [...argv.filter((a) => a !== '--console'), '--script', empty];
          const before = snapshot(dir);
          const code = await main(safe, { ...vars }, { stdinIsTTY: false });
          expect([0, 2]).toContain(code);
          for (const line of errors) {
            expect(line).toMatch(/^leaderful: /);
            expect(line).not.toMatch(/\n\s+at /);
          }
          if (code !== 0) {
            expect(errors.filter((l) => !l.startsWith('leaderful: warning:'))).toHaveLength(1);
            expect(snapshot(dir)).toEqual(before);
          }
        }),
        { numRuns: 300 },
      );
    } finally {
      process.chdir(home);
      error.mockRestore();
    }
  }, 60_000);
});
