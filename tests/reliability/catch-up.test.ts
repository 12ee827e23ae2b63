import Database from 'better-sqlite3';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock';
import { Leaderful } from '../../src/core/service';
import { Store } from '../../src/store/store';

const run = promisify(execFile);
const dir = () => mkdtempSync(join(tmpdir(), 'leaderful-catchup-'));

async function bot(db: string, now: string, script: string): Promise<string> {
  const file = join(dir(), 'script.txt');
  writeFileSync(file, script);
  const r = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', '--db', db, '--now', now, '--script', file], {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp' },
  });
  return r.stdout;
}

const posts = (out: string) => out.match(/^\[#\d+\] .*$/gm) ?? [];

describe('catch-up exactly once', () => {
  it('a deadline and a weekly ping missed while stopped are each posted once on start, the ping marked late; a second start posts nothing', async () => {
    const db = join(dir(), 'bot.db');
    const setup = await bot(db, '2026-11-27T10:00', 'alice: /rotation join\nbob: /rotation join\nalice: /propose Missed me --closes 2026-11-29 12:00\n');
    expect(posts(setup)).toEqual(['[#1] Proposal #1: Missed me [open]']);
    // Stopped over the weekend; back on Monday 30 Nov at 15:00, after the 09:00 ping and the Sunday deadline.
    const back = await bot(db, '2026-11-30T15:00', '');
    expect(posts(back)).toEqual(['[#2] Proposal #1 rejected: Missed me [rejected]', "[#3] This week's roles (week of Mon 30 Nov 2026)"]);
    expect(back).toMatch(/\[#1 edited\] Proposal #1: Missed me \[rejected\]/);
    expect(back).toContain('(Late: this was due Mon 30 Nov 2026 09:00 UTC, while I was offline.)');
    const again = await bot(db, '2026-11-30T15:00', '');
    expect(again).toBe('');
    const later = await bot(db, '2026-11-30T16:00', '');
    expect(later).toBe('');
    const sql = new Database(db, { readonly: true });
    expect(sql.prepare('SELECT key FROM scheduled_keys ORDER BY key').all()).toEqual([{ key: 'outcome:1' }, { key: 'rotation:1:2026-11-30' }]);
    sql.close();
  }, 60_000);

  it('two processes racing runDue on the same database post nothing twice', async () => {
    const d = dir();
    const db = join(d, 'race.db');
    const store = Store.open(db);
    const T = Date.parse('2026-11-23T10:00:00Z');
    // Set-up: one member posts 200 proposals in an instant, far past the per-member rate limit.
    const setup = new Leaderful(store, new ManualClock(T), { rateLimits: { member: { propose: { burst: 1000, everyMs: 1 } } } });
    const ctx = (u: string, channelId: string) => ({ channel: { platform: 'test', spaceId: 'S', channelId }, actor: { userId: u, platformAdmin: false } });
    for (let c = 0; c < 20; c++) {
      setup.command(ctx('a', `C${c}`), 'rotation', 'join');
      for (let p = 0; p < 10; p++) setup.command(ctx('a', `C${c}`), 'propose', `P${p} --closes ${1 + (p % 3)}d`);
    }
    store.close();
    const later = String(T + 8 * 86_400_000);
    // Each worker says "ready" once its database is open, then waits for "go": both are released
    // together only when both are ready, however long each took to start.
    const worker = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/reliability/fixtures/run-due-worker.ts', db, later], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      let out = '';
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (c) => {
          out += c;
          if (out.startsWith('ready\n')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`worker exited ${code} before it was ready`)));
      });
      const total = new Promise<number>((resolve, reject) =>
        child.on('exit', (code) =>
          code === 0 ? resolve(JSON.parse(out.split('\n').filter(Boolean).at(-1)!).total) : reject(new Error(`worker exited ${code}`)),
        ),
      );
      return { child, ready, total };
    };
    const workers = [worker(), worker()];
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.stdin.write('go\n');
    const [a, b] = (await Promise.all(workers.map((w) => w.total))) as [number, number];
    // 200 closes + 20 pings between them (reminders fall before close and are skipped): each done by exactly one.
    expect(a + b).toBe(220);
    const sql = new Database(db, { readonly: true });
    expect(sql.prepare("SELECT count(*) AS n FROM outbox WHERE ref LIKE 'outcome:%'").get()).toEqual({ n: 200 });
    expect(sql.prepare("SELECT count(*) AS n FROM outbox WHERE ref LIKE 'rotation:%'").get()).toEqual({ n: 20 });
    expect(sql.prepare("SELECT count(*) AS n FROM (SELECT ref FROM outbox WHERE op = 'post' GROUP BY ref HAVING count(*) > 1)").get()).toEqual({ n: 0 });
    sql.close();
  }, 60_000);
});
