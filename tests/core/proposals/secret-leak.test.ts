// The secret ballot's promise, tested two ways on one scenario (votes by command, button, reason
// form and a refused reaction; a changed vote; lists, details, exports; the reminder; the close):
//
// 1. A search of every message sent, every private answer, every log line, every export and every
//    table row for a voter's id (or name) beside a stance.
// 2. Indistinguishability: the scenario is run twice with the voters' stances swapped around (the
//    same totals). Everything observable — messages, answers, logs, exports, and every table row
//    outside the ballot box while it is open, every row at all once it closed — must be identical.
//    Anything that paired a member with a vote would differ between the two runs. The same scenario
//    as a hidden ballot (which does record who voted how) is shown to differ: the test can fail.
import { describe, expect, it } from 'vitest';
import { MemoryPort } from '../../../adapters/memory/port';
import { ManualClock } from '../../../src/core/clock';
import type { Doc } from '../../../src/core/delivery/doc';
import { Dispatcher } from '../../../src/core/delivery/dispatcher';
import type { Logger } from '../../../src/core/log';
import { DAY, HOUR } from '../../../src/core/schedule';
import { Leaderful, type RequestContext } from '../../../src/core/service';
import { runUntil } from '../../../src/core/time-travel';
import type { Stance } from '../../../src/core/types';
import { Store } from '../../../src/store/store';
import { docText, T0 } from '../../helpers/harness';

const BOB = 'U_BOB_71';
const CAROL = 'U_CAROL_72';
const DAVE = 'U_DAVE_73';
const ERIN = 'U_ERIN_74';
const FRANK = 'U_FRANK_75'; // on the roster, never votes
const VOTERS = [BOB, CAROL, DAVE, ERIN];
const ADDRESS = { platform: 'test', spaceId: 'S1', channelId: 'C1' };
/** Every way a stance can be written: words, emoji, Slack names. */
const STANCE_MARKS = /\b(agree|disagree|abstain|block)\b|👍|👎|🤷|🛑|:\+1:|:-1:|thumbsup|thumbsdown|shrug|octagonal_sign/i;
/** "/vote 1 agree|disagree|abstain|block" names every stance, not anyone's: it is taken out before searching. */
const ALL_STANCES = /agree\|disagree\|abstain\|block/g;

interface Observed {
  /** Each message the bot posted or edited, as sent. */
  sent: Doc[];
  /** Each private answer, with whom it went to. */
  replies: { to: string; doc: Doc }[];
  logs: { level: string; msg: string; data?: Record<string, unknown> }[];
  exports: { of: string; content: string }[];
  /** Every row of every table, while the ballot is open and once it closed. */
  tablesOpen: Record<string, unknown[]>;
  tablesClosed: Record<string, unknown[]>;
  counts: Record<Stance, number>;
}

function dumpTables(store: Store): Record<string, unknown[]> {
  const names = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const out: Record<string, unknown[]> = {};
  for (const n of names) {
    const rows = store.db.prepare(`SELECT * FROM "${n}"`).all() as Record<string, unknown>[];
    // When each migration ran is the test's wall clock, the same in both runs in all but name.
    out[n] = n === 'schema_migrations' ? rows.map((r) => ({ ...r, applied_at: '…' })) : rows;
  }
  return out;
}

/** The scenario, with each voter's final stance (ERIN first votes block, then changes). */
async function scenario(final: Record<string, Stance>, ballot: '--secret' | '--hidden' = '--secret'): Promise<Observed> {
  const store = Store.open(':memory:');
  const clock = new ManualClock(T0);
  const logs: Observed['logs'] = [];
  const log: Logger = {
    info: (msg, data) => void logs.push({ level: 'info', msg, ...(data ? { data } : {}) }),
    warn: (msg, data) => void logs.push({ level: 'warn', msg, ...(data ? { data } : {}) }),
    error: (msg, data) => void logs.push({ level: 'error', msg, ...(data ? { data } : {}) }),
  };
  const service = new Leaderful(store, clock, { log });
  const dispatcher = new Dispatcher(store, clock, service.render, { log });
  const port = new MemoryPort(clock, 'test');
  dispatcher.register(port);
  const replies: Observed['replies'] = [];
  const exports: Observed['exports'] = [];
  const ctx = (u: string): RequestContext => ({ channel: ADDRESS, actor: { userId: u, displayName: `name-of-${u}`, platformAdmin: false } });
  const run = (u: string, name: string, text: string) => {
    const r = service.command(ctx(u), name, text);
    replies.push({ to: u, doc: r.doc });
    if (r.doc.attachment) exports.push({ of: u, content: r.doc.attachment.content });
    return r;
  };

  for (const u of [...VOTERS, FRANK]) run(u, 'rotation', 'join');
  run('U_ALICE_70', 'propose', `Elect a treasurer | Sam or Kim, for a year ${ballot} --closes 3d`);
  await dispatcher.drain();
  const proposalId = port.posts('proposal')[0]!.doc.voting!.proposalId;
  const card = port.posts('proposal')[0]!.messageId;

  run(BOB, 'vote', `1 ${final[BOB]}`);
  replies.push({ to: CAROL, doc: service.voteOn(ctx(CAROL), proposalId, final[CAROL]!, null, 'button').doc });
  replies.push({ to: DAVE, doc: service.voteOn(ctx(DAVE), proposalId, final[DAVE]!, 'I trust the process', 'button').doc });
  const reacted = service.react(ctx(ERIN), card, '👍', true);
  if (reacted) replies.push({ to: ERIN, doc: reacted.doc });
  run(ERIN, 'vote', '1 block');
  run(ERIN, 'vote', `1 ${final[ERIN]}`);
  await dispatcher.drain();
  for (const u of [...VOTERS, FRANK]) {
    run(u, 'proposals', '1');
    run(u, 'proposals', 'all');
    run(u, 'leaderful', 'export-me');
  }
  const tablesOpen = dumpTables(store);
  // Past the reminder (24 h before the close), then past the close.
  await runUntil(service, clock, clock.now() + 2 * DAY + HOUR, () => dispatcher.drain());
  await runUntil(service, clock, clock.now() + DAY, () => dispatcher.drain());
  for (const u of [...VOTERS, FRANK]) {
    run(u, 'proposals', '1');
    run(u, 'decisions', '');
    run(u, 'leaderful', 'export-me');
  }
  const counts = store.proposals.get(proposalId)!.counts;
  return { sent: port.sent.map((s) => s.doc), replies, logs, exports, tablesOpen, tablesClosed: dumpTables(store), counts };
}

const A: Record<string, Stance> = { [BOB]: 'agree', [CAROL]: 'disagree', [DAVE]: 'abstain', [ERIN]: 'agree' };
const B: Record<string, Stance> = { [BOB]: 'disagree', [CAROL]: 'agree', [DAVE]: 'agree', [ERIN]: 'abstain' };
const BALLOT_BOX = ['ballot_keys', 'secret_votes'];
const without = (t: Record<string, unknown[]>, names: string[]) => Object.fromEntries(Object.entries(t).filter(([n]) => !names.includes(n)));

describe('a secret ballot never pairs a member with a vote', () => {
  it('no message, answer, log line, export or table row names a voter beside a stance', async () => {
    const o = await scenario(A);
    expect(o.counts).toEqual({ agree: 2, disagree: 1, abstain: 1, block: 0 }); // the votes were counted
    const ids = (s: string) => VOTERS.filter((v) => s.includes(v) || s.includes(`name-of-${v}`));
    const pairs: string[] = [];
    const search = (where: string, s: string) => {
      const clean = s.replace(ALL_STANCES, '');
      if (ids(clean).length && STANCE_MARKS.test(clean)) pairs.push(`${where}: ${clean.slice(0, 300)}`);
    };
    // A message's words (the aggregate tally block aside, which names nobody).
    const words = (d: Doc) => {
      const { tally: _aggregate, ...rest } = d;
      return docText(rest) + (d.attachment?.content ?? '');
    };
    o.sent.forEach((d, i) => {
      search(`sent #${i}`, words(d));
    });
    for (const r of o.replies) {
      search(`reply to ${r.to}`, words(r.doc));
      // An answer goes to one member: it must not tell (the platform, or anyone looking over a shoulder) their stance.
      if (VOTERS.includes(r.to) && r.doc.attachment === undefined) {
        const text = words(r.doc).replace(ALL_STANCES, '');
        if (!/Proposal #1: Elect a treasurer|Decision log|Proposals/.test(text) && STANCE_MARKS.test(text)) pairs.push(`reply to ${r.to}: ${text}`);
      }
    }
    o.logs.forEach((l, i) => {
      search(`log #${i}`, JSON.stringify(l));
    });
    for (const e of o.exports) search(`export of ${e.of}`, e.content);
    for (const [table, rows] of [...Object.entries(o.tablesOpen), ...Object.entries(o.tablesClosed)])
      rows.forEach((r, i) => {
        search(`${table} row ${i}`, JSON.stringify(r));
      });
    expect(pairs).toEqual([]);
    // The ballot box, while open, holds keyed hashes, never an id; once closed, nothing.
    expect(o.tablesOpen.secret_votes).toHaveLength(4);
    for (const row of o.tablesOpen.secret_votes as { voter: string }[]) expect(row.voter).toMatch(/^[\w-]{43}$/);
    expect(o.tablesClosed.secret_votes).toEqual([]);
    expect(o.tablesClosed.ballot_keys).toEqual([]);
    expect(o.tablesOpen.votes).toEqual([]);
    expect(o.tablesOpen.vote_history).toEqual([]);
  });

  it('swapping who voted what changes nothing anyone can observe, nor any row outside the open ballot box', async () => {
    const [a, b] = [await scenario(A), await scenario(B)];
    expect(a.counts).toEqual(b.counts);
    expect(b.sent).toEqual(a.sent);
    expect(b.replies).toEqual(a.replies);
    expect(b.logs).toEqual(a.logs);
    expect(b.exports).toEqual(a.exports);
    expect(without(b.tablesOpen, BALLOT_BOX)).toEqual(without(a.tablesOpen, BALLOT_BOX));
    expect(b.tablesClosed).toEqual(a.tablesClosed);
    // Not vacuous: the scenario sent messages, answered, exported, and the card was edited as votes came.
    expect(a.sent.length).toBeGreaterThan(4);
    expect(a.exports.length).toBe(10);
    expect(a.replies.some((r) => docText(r.doc).includes('Your secret vote on #1 is counted'))).toBe(true);
  });

  it('the same check tells a hidden ballot apart (it records who voted how): the test can fail', async () => {
    const [a, b] = [await scenario(A, '--hidden'), await scenario(B, '--hidden')];
    expect(a.counts).toEqual(b.counts);
    expect(b.tablesClosed).not.toEqual(a.tablesClosed);
    expect(b.replies).not.toEqual(a.replies);
  });
});

/** A secret --multi poll with these choices, then its close: everything observable, and every row once closed. */
async function secretPoll(choices: Record<string, number[]>) {
  const store = Store.open(':memory:');
  const clock = new ManualClock(T0);
  const logs: unknown[] = [];
  const log: Logger = { info: (m, d) => void logs.push([m, d]), warn: (m, d) => void logs.push([m, d]), error: (m, d) => void logs.push([m, d]) };
  const service = new Leaderful(store, clock, { log });
  const dispatcher = new Dispatcher(store, clock, service.render, { log });
  const port = new MemoryPort(clock, 'test');
  dispatcher.register(port);
  const ctx = (u: string): RequestContext => ({ channel: ADDRESS, actor: { userId: u, displayName: `name-of-${u}`, platformAdmin: false } });
  const replies: Doc[] = [];
  replies.push(service.command(ctx('U_ALICE_70'), 'poll', 'Snacks? | Fruit | Cake | Nuts --multi --secret --closes 1d').doc);
  await dispatcher.drain();
  const id = port.posts('proposal')[0]!.doc.voting!.proposalId;
  const [first, ...others] = Object.entries(choices);
  replies.push(service.command(ctx(first![0]), 'vote', `1 ${first![1].join(' ')}`).doc);
  for (const [u, c] of others) replies.push(service.choose(ctx(u), id, c, 'button').doc);
  for (const u of Object.keys(choices)) replies.push(service.command(ctx(u), 'leaderful', 'export-me').doc);
  await runUntil(service, clock, clock.now() + DAY, () => dispatcher.drain());
  return { sent: port.sent.map((s) => s.doc), replies, logs, tables: dumpTables(store), options: store.polls.options(id).map((o) => o.votes) };
}

describe('a secret poll never pairs a member with a choice', () => {
  it('swapping who chose what changes nothing observable, nor any row once it closed', async () => {
    const a = await secretPoll({ [BOB]: [1, 3], [CAROL]: [2], [DAVE]: [2, 3] });
    const b = await secretPoll({ [BOB]: [2], [CAROL]: [2, 3], [DAVE]: [1, 3] });
    expect(a.options).toEqual([1, 2, 2]);
    expect(b.options).toEqual(a.options);
    expect(b.sent).toEqual(a.sent);
    expect(b.replies).toEqual(a.replies);
    expect(b.logs).toEqual(a.logs);
    expect(b.tables).toEqual(a.tables);
  });
});
