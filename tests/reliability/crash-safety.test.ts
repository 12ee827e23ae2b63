import Database from 'better-sqlite3';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The kill point: as soon as this many votes are acknowledged, while more are still being read. */
const KILL_AFTER_ACKS = 1200;
/** Votes written: more than the kill point, so the kill always lands with votes still unread. */
const SENT_BEFORE_KILL = 1500;
const STANCES = ['agree', 'disagree', 'abstain', 'block'] as const;

function startBot(db: string, now: string): { child: ChildProcess; out: () => string; closed: Promise<void> } {
  // node itself with tsx's loader (not the tsx wrapper), so SIGKILL hits the process that writes.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--console', '--db', db, '--now', now], {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'error' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  // Everything it printed, to the last byte in the pipe, has been read.
  const closed = new Promise<void>((r) => child.stdout!.once('close', () => r()));
  return { child, out: () => out, closed };
}

const ackedUsers = (out: string) => new Set([...out.matchAll(/\(to (u\d+)\) Your vote on #1 is recorded/g)].map((m) => m[1]!));

const exited = (child: ChildProcess) => new Promise<void>((r) => child.once('exit', () => r()));

/** The last tally printed for message #1, as counts. */
function lastTally(out: string): Record<string, number> | undefined {
  const m = [
    ...out.matchAll(/\[#1(?: edited)?\][^\n]*(?:\n {5}[^\n]*)*?\n {5}Tally: 👍 agree (\d+) · 👎 disagree (\d+) · 🤷 abstain (\d+) · 🛑 block (\d+)/g),
  ].at(-1);
  return m && { agree: Number(m[1]), disagree: Number(m[2]), abstain: Number(m[3]), block: Number(m[4]) };
}

describe('crash safety', () => {
  it(`kill -9 once ${KILL_AFTER_ACKS} of a burst of ${SENT_BEFORE_KILL} votes are acknowledged loses no acknowledged vote, and no message is lost or posted twice`, async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'leaderful-crash-')), 'bot.db');

    // Run 1: propose, then a burst of votes; SIGKILL as soon as the child's output shows
    // KILL_AFTER_ACKS acknowledgements (the signal is its own output, not a timer).
    const run1 = startBot(db, '2026-11-23T10:00');
    run1.child.stdin!.write('alice: /propose Crash test --closes 1w\n');
    run1.child.stdin!.write(Array.from({ length: SENT_BEFORE_KILL }, (_, i) => `u${i}: /vote 1 ${STANCES[i % 4]}\n`).join(''));
    await new Promise<void>((resolve) => {
      const onData = () => {
        if (ackedUsers(run1.out()).size < KILL_AFTER_ACKS) return;
        run1.child.stdout!.off('data', onData);
        run1.child.kill('SIGKILL');
        resolve();
      };
      run1.child.stdout!.on('data', onData);
    });
    await Promise.all([exited(run1.child), run1.closed]);
    const out1 = run1.out();
    // Every acknowledgement the process printed before it died, including any still in the pipe
    // at the kill; never more than were sent.
    const acked = ackedUsers(out1);
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acked.size).toBeLessThanOrEqual(SENT_BEFORE_KILL);

    // Run 2 on the same file: start-up delivers whatever the crash left in the outbox.
    const run2 = startBot(db, '2026-11-23T10:05');
    run2.child.stdin!.end('carol: /proposals\n');
    await exited(run2.child);
    const out2 = run2.out();

    const sql = new Database(db, { readonly: true });
    const votes = new Map(
      (sql.prepare('SELECT user_id, stance FROM votes WHERE proposal_id = 1').all() as { user_id: string; stance: string }[]).map((v) => [v.user_id, v.stance]),
    );
    for (const u of acked) expect(votes.get(u)).toBe(STANCES[Number(u.slice(1)) % 4]);
    // History agrees with the current votes (nothing half-written).
    expect((sql.prepare('SELECT count(*) AS n FROM vote_history WHERE proposal_id = 1').get() as { n: number }).n).toBe(votes.size);
    const counts = sql.prepare('SELECT agree, disagree, abstain, block FROM proposals WHERE id = 1').get() as Record<string, number>;
    const fromVotes = Object.fromEntries(STANCES.map((s) => [s, [...votes.values()].filter((v) => v === s).length]));
    expect(counts).toEqual(fromVotes);
    // The message shows exactly the stored tally: the last edit printed across both runs.
    expect(lastTally(out1 + out2)).toEqual(fromVotes);
    // Outbox: everything delivered; the proposal was posted exactly once, as #1, and only one post exists.
    expect(sql.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status').all()).toEqual([{ status: 'done', n: expect.any(Number) }]);
    expect((out1 + out2).match(/^\[#1\] /gm)).toHaveLength(1);
    expect((out1 + out2).match(/^\[#\d+\] /gm)).toHaveLength(1);
    expect(sql.prepare('SELECT ref, platform_message_id FROM messages').all()).toEqual([{ ref: 'proposal:1', platform_message_id: '1' }]);
    expect(sql.pragma('integrity_check', { simple: true })).toBe('ok');
    sql.close();
  }, 120_000);
});
