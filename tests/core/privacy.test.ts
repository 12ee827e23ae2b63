import { describe, expect, it } from 'vitest';
import type { Doc } from '../../src/core/delivery/doc';
import type { RequestContext } from '../../src/core/service';
import { DAY } from '../../src/core/schedule';
import { docText, harness } from '../helpers/harness';

const ALICE = 'U0ALICE7';
const ALICE_NAME = 'Alice Liddell';
const NEXT_MONDAY_9 = Date.parse('2026-11-30T09:00:00Z');

type H = ReturnType<typeof harness>;

/** Every string stored anywhere: each table's every column of every row. */
function everyText(h: H): { table: string; column: string; value: string }[] {
  const tables = h.store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  const out: { table: string; column: string; value: string }[] = [];
  for (const { name } of tables) {
    for (const row of h.store.db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
      for (const [column, value] of Object.entries(row)) if (typeof value === 'string') out.push({ table: name, column, value });
    }
  }
  return out;
}

const mentioning = (h: H, needle: string) => everyText(h).filter((t) => t.value.includes(needle));
const count = (h: H, sql: string) => (h.store.db.prepare(sql).get() as { n: number }).n;

/** A living channel in which alice has done a bit of everything; some of it still waits in the outbox. */
async function aliceEverywhere() {
  const h = harness();
  const alice = (line: string) => {
    const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line)!;
    const ctx: RequestContext = { channel: h.address, actor: { userId: ALICE, displayName: ALICE_NAME, platformAdmin: false } };
    return h.service.command(ctx, m[1]!, m[2]!);
  };
  alice('/rotation join');
  for (const u of ['bob', 'carol', 'dana']) h.run(u, '/rotation join');
  h.run('admin', `/leaderful settings steward add <@${ALICE}>`, { admin: true });
  expect(alice('/propose Adopt a code of conduct | My own reasons, by Alice Liddell --closes 2w').ok).toBe(true);
  h.run('bob', `/propose Ask <@${ALICE}> about the budget --closes 2w`);
  alice('/vote 1 agree I like it');
  alice('/vote 1 disagree changed my mind');
  alice('/vote 2 block no');
  h.run('bob', `/vote 1 agree as <@${ALICE}|alice> said`);
  h.run('carol', '/vote 2 agree');
  await h.advance(NEXT_MONDAY_9 - h.clock.now()); // the ping: alice is facilitator
  alice('/rotation volunteer note-taker');
  alice('/rotation skip'); // dana takes over; the change notice names alice
  await h.advance(7 * DAY); // the next ping: alice is note-taker, as she volunteered
  alice('/rotation swap @carol');
  h.run('bob', '/propose Third one');
  alice('/close 1 confirm agreed in the meeting');
  // Left in the outbox, undelivered: the swap offer and the outcome, which name alice.
  return { h, alice };
}

describe('/leaderful export-me', () => {
  it('gives the member, privately, their own data as JSON', async () => {
    const { alice } = await aliceEverywhere();
    const r = alice('/leaderful export-me');
    expect(r.ok).toBe(true);
    expect(r.doc.kind).toBe('export');
    expect(docText(r.doc)).toMatch(/2 current votes, 3 vote changes, 1 proposals, 1 roles served/);
    expect(docText(r.doc)).toMatch(/Only you can see this/);
    const data = JSON.parse(r.doc.attachment!.content);
    expect(r.doc.attachment!.filename).toBe('leaderful-my-data.json');
    expect(data).toMatchObject({ platform: 'test', userId: ALICE, names: [{ space: 'S1', displayName: ALICE_NAME }] });
    expect(data.proposals).toEqual([
      expect.objectContaining({ number: 1, title: 'Adopt a code of conduct', reasons: 'My own reasons, by Alice Liddell', status: 'passed' }),
    ]);
    expect(data.votes.map((v: { proposal: number; stance: string; reason: string }) => [v.proposal, v.stance, v.reason])).toEqual([
      [1, 'disagree', 'changed my mind'],
      [2, 'block', 'no'],
    ]);
    expect(data.voteHistory).toHaveLength(3);
    expect(data.voteHistory[0].at).toBe('2026-11-23T10:00:00.000Z');
    expect(data.rotation).toEqual([expect.objectContaining({ active: true, joinedAt: '2026-11-23T10:00:00.000Z' })]);
    expect(data.rolesHeld).toEqual([{ channel: 'C1', period: '2026-12-07', role: 'note-taker', source: 'volunteer' }]);
    expect(data.skipped).toEqual([{ channel: 'C1', period: '2026-11-30', role: 'facilitator', at: '2026-11-30T09:00:00.000Z' }]);
    expect(data.volunteered).toEqual([{ channel: 'C1', period: '2026-12-07', role: 'note-taker' }]);
    expect(data.swapOffers).toHaveLength(1);
    expect(data.stewardOf).toEqual([{ channel: 'C1' }]);
    // Whom she offered a swap is hers to see; nobody else's votes or reasons are in it.
    expect(data.swapOffers).toEqual([expect.objectContaining({ fromUser: ALICE, toUser: 'carol', period: '2026-12-07' })]);
    expect(JSON.stringify(data)).not.toContain('dana');
    expect(JSON.stringify(data)).not.toContain('as <@');
  });
});

describe('/leaderful forget-me', () => {
  it('without confirm only explains, and changes nothing', async () => {
    const { h, alice } = await aliceEverywhere();
    const before = everyText(h);
    expect(docText(alice('/leaderful forget-me').doc)).toMatch(/cannot be undone.*\/leaderful forget-me confirm/s);
    expect(everyText(h)).toEqual(before);
  });

  it('erases the member everywhere: their id and name appear nowhere in the database or the outbox; tallies and the history stay whole', async () => {
    const { h, alice } = await aliceEverywhere();
    expect(mentioning(h, ALICE).length).toBeGreaterThan(10);
    const counts = h.store.db.prepare('SELECT id, agree, disagree, abstain, block, status FROM proposals ORDER BY id').all();
    const historyRows = count(h, 'SELECT count(*) AS n FROM vote_history');
    const aliceHistory = count(h, `SELECT count(*) AS n FROM vote_history WHERE user_id = '${ALICE}'`);
    const pendingBefore = count(h, "SELECT count(*) AS n FROM outbox WHERE status = 'pending'");
    expect(pendingBefore).toBeGreaterThan(0); // some of what names alice is still waiting to go out

    const r = alice('/leaderful forget-me confirm');
    expect(docText(r.doc)).toMatch(/Done: Leaderful has forgotten you \(2 votes, 3 vote changes, 2 proposals\)/);

    // Nowhere: every text column of every table, outbox payloads and refs included.
    expect(mentioning(h, ALICE)).toEqual([]);
    expect(mentioning(h, ALICE_NAME)).toEqual([]);
    // Tallies and outcomes unchanged; the history has every row, the member's under one pseudonym.
    expect(h.store.db.prepare('SELECT id, agree, disagree, abstain, block, status FROM proposals ORDER BY id').all()).toEqual(counts);
    expect(count(h, 'SELECT count(*) AS n FROM vote_history')).toBe(historyRows);
    const pseudonyms = h.store.db.prepare("SELECT DISTINCT user_id AS u FROM vote_history WHERE user_id LIKE 'forgotten:%'").all() as { u: string }[];
    expect(pseudonyms).toHaveLength(1);
    const p = pseudonyms[0]!.u;
    expect(count(h, `SELECT count(*) AS n FROM vote_history WHERE user_id = '${p}'`)).toBe(aliceHistory);
    expect(h.store.db.prepare(`SELECT user_id AS u, stance, reason FROM votes WHERE user_id = '${p}' ORDER BY proposal_id`).all()).toEqual([
      { u: p, stance: 'disagree', reason: null },
      { u: p, stance: 'block', reason: null },
    ]);
    // The same pseudonym in every table: counts per person add up.
    for (const [table, column] of [
      ['proposals', 'author_id'],
      ['proposals', 'closed_by'],
      ['roster', 'user_id'],
      ['assignments', 'user_id'],
      ['skips', 'user_id'],
      ['volunteers', 'user_id'],
    ]) {
      expect(count(h, `SELECT count(*) AS n FROM ${table} WHERE ${column} = '${p}'`)).toBeGreaterThan(0);
    }
    // Her words went; the title stayed; others' reasons keep their words but not her id.
    expect(h.store.proposals.get(1)).toMatchObject({ title: 'Adopt a code of conduct', reasons: '', closeReason: null });
    expect(h.store.proposals.vote(1, 'bob')!.reason).toBe(`as <@${p}> said`);
    expect(h.store.proposals.get(2)!.title).toBe(`Ask <@${p}> about the budget`);
    // She left the rotation and her stewardship; her offers and future volunteering are gone.
    expect(h.store.rotation.roster(1).find((m) => m.userId === p)).toMatchObject({ active: false });
    expect(h.store.channels.find(h.address)!.settings.stewards).toEqual([]);
    expect(count(h, 'SELECT count(*) AS n FROM swap_offers')).toBe(0);
    expect(count(h, 'SELECT count(*) AS n FROM erasure_in_progress')).toBe(0);

    // What goes out (the pending posts, and edits of what was already posted) shows a former member, pinging nobody.
    const mark = h.port.sent.length;
    await h.dispatcher.drain();
    const sent = h.port.sent.slice(mark);
    expect(sent.some((s) => s.op === 'edit' && s.doc.kind === 'proposal')).toBe(true);
    expect(JSON.stringify(sent)).not.toContain(ALICE);
    expect(sent.map((s) => docText(s.doc)).join('\n')).toMatch(/Proposed by former member [a-z2-7]{4}/);
    expect(docText(h.run('bob', '/rotation stats').doc)).toMatch(/former member [a-z2-7]{4}: facilitator 0, note-taker 1, skipped 1/);
    // The rotation goes on without her.
    await h.advance(7 * DAY);
    expect(docText(h.port.posts('rotation').at(-1)!.doc)).not.toMatch(/former member/);
  });

  it('a message on its way while the member is erased is edited once it has landed', async () => {
    const h = harness();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const sent: { op: string; doc: Doc }[] = [];
    h.dispatcher.register({
      platform: 'test',
      minEditIntervalMs: 0,
      async post(_c, doc) {
        sent.push({ op: 'post', doc });
        await held;
        return { messageId: 'm1' };
      },
      async edit(_c, _m, doc) {
        sent.push({ op: 'edit', doc });
      },
    });
    const ctx: RequestContext = { channel: h.address, actor: { userId: ALICE, displayName: ALICE_NAME, platformAdmin: false } };
    h.service.command(ctx, 'propose', 'Mine');
    const delivering = h.dispatcher.drain(); // the card is rendered and on its way
    await new Promise((r) => setImmediate(r));
    expect(docText(sent[0]!.doc)).toContain(`@${ALICE}`);
    h.service.command(ctx, 'leaderful', 'forget-me confirm');
    release();
    await delivering;
    await h.dispatcher.drain();
    expect(sent.map((s) => s.op)).toEqual(['post', 'edit']);
    expect(docText(sent[1]!.doc)).toMatch(/Proposed by former member/);
    expect(JSON.stringify(sent[1])).not.toContain(ALICE);
  });

  it('the history stays append-only outside an erasure, also for the pseudonym form', async () => {
    const { h } = await aliceEverywhere();
    expect(() => h.store.db.prepare("UPDATE vote_history SET stance = 'agree' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => h.store.db.prepare("UPDATE vote_history SET user_id = 'forgotten:abc', reason = NULL WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => h.store.db.prepare('DELETE FROM vote_history WHERE id = 1').run()).toThrow(/append-only/);
    // Even during an erasure, only the erased id may be replaced, by that pseudonym, with nothing else changed.
    h.store.tx(() => {
      h.store.db.prepare(`INSERT INTO erasure_in_progress (user_id, pseudonym) VALUES ('${ALICE}', 'forgotten:abc')`).run();
      expect(() =>
        h.store.db.prepare(`UPDATE vote_history SET user_id = 'forgotten:abc', reason = NULL, stance = 'agree' WHERE user_id = '${ALICE}'`).run(),
      ).toThrow(/append-only/);
      expect(() => h.store.db.prepare("UPDATE vote_history SET user_id = 'forgotten:abc', reason = NULL WHERE user_id = 'bob'").run()).toThrow(/append-only/);
      h.store.db.prepare('DELETE FROM erasure_in_progress').run();
    });
  });
});

describe('/leaderful forget @user', () => {
  it('is for platform admins, needs confirm, and erases the member in this workspace only', async () => {
    const { h } = await aliceEverywhere();
    // The same member in another workspace of the platform.
    const elsewhere: RequestContext = {
      channel: { platform: 'test', spaceId: 'S2', channelId: 'C9' },
      actor: { userId: ALICE, displayName: ALICE_NAME, platformAdmin: false },
    };
    h.service.command(elsewhere, 'propose', 'Elsewhere');
    expect(docText(h.run('bob', `/leaderful forget <@${ALICE}> confirm`).doc)).toMatch(/Only workspace or server admins can erase another member’s data/);
    expect(docText(h.run('admin', `/leaderful forget <@${ALICE}>`, { admin: true }).doc)).toMatch(/add confirm/);
    expect(docText(h.run('admin', '/leaderful forget <@not-a-real-user> confirm', { admin: true }).doc)).toMatch(/stores nothing about that member here/);
    expect(mentioning(h, ALICE).length).toBeGreaterThan(10);
    expect(docText(h.run('admin', `/leaderful forget <@${ALICE}> confirm`, { admin: true }).doc)).toMatch(/Done: they are forgotten here/);
    // Left: only what is in the other workspace (her proposal there and her name there).
    expect(
      mentioning(h, ALICE)
        .map((t) => `${t.table}.${t.column}`)
        .sort(),
    ).toEqual(['proposals.author_id', 'users.user_id']);
    // Her own forget-me then covers the rest of the platform.
    h.service.command(elsewhere, 'leaderful', 'forget-me confirm');
    expect(mentioning(h, ALICE)).toEqual([]);
  });
});

describe('privacy at the edges', () => {
  it('an export tells what it is and when it was made, and marks a left member inactive', () => {
    const h = harness();
    h.run('bob', '/rotation join');
    h.run('bob', '/rotation leave');
    const data = JSON.parse(h.run('bob', '/leaderful export-me').doc.attachment!.content);
    expect(data.about).toBe('Everything Leaderful stores about you on test, in every workspace or server where you used it.');
    expect(data.exportedAt).toBe(new Date(h.clock.now()).toISOString());
    expect(data.rotation).toEqual([expect.objectContaining({ active: false })]);
  });

  it('a member with nothing counted is not told to erase it; one with a vote, or proposals, is', () => {
    const h = harness();
    const nothing = h.run('bob', '/leaderful export-me').doc;
    expect(docText(nothing)).toBe('Your data\n0 current votes, 0 vote changes, 0 proposals, 0 roles served.\nOnly you can see this.');
    h.run('carol', '/propose One');
    h.run('carol', '/propose Two');
    h.run('carol', '/vote 1 agree');
    expect(docText(h.run('carol', '/leaderful export-me').doc)).toContain('Only you can see this. /leaderful forget-me erases it.');
    h.run('dana', '/vote 1 agree');
    expect(docText(h.run('dana', '/leaderful export-me').doc)).toContain('/leaderful forget-me erases it.');
  });

  it("a backtick a member wrote cannot end the export's code block", () => {
    const h = harness();
    h.run('bob', '/propose Use `npm ci` in CI');
    const content = h.run('bob', '/leaderful export-me').doc.attachment!.content;
    expect(content).not.toContain('`');
    expect(JSON.parse(content).proposals[0].title).toBe('Use `npm ci` in CI');
  });

  it('an admin cannot erase themselves with forget, and the confirm question names the member', () => {
    const h = harness();
    h.run('bob', '/rotation join');
    expect(docText(h.run('root', '/leaderful forget <@root>', { admin: true }).doc)).toMatch(/To erase your own data, use \/leaderful forget-me/);
    expect(docText(h.run('root', '/leaderful forget <@bob>', { admin: true }).doc)).toMatch(/This erases @bob from Leaderful in this workspace or server/);
  });

  it('after an erasure, posted messages naming the member get an edit; messages not yet posted get none (they are rendered from the rewritten rows)', async () => {
    const h = harness();
    for (const u of ['alice', 'bob']) h.run(u, '/rotation join');
    await h.advance(NEXT_MONDAY_9 - h.clock.now()); // the ping, posted, names alice
    expect(docText(h.port.posts('rotation').at(-1)!.doc)).toContain('@alice');
    const posted = (h.store.db.prepare("SELECT ref FROM outbox WHERE status = 'done'").all() as { ref: string }[]).map((r) => r.ref);
    expect(posted).toEqual(['rotation:1:2026-11-30']);
    h.run('alice', '/rotation swap @bob'); // its notice waits in the outbox
    h.run('alice', '/propose Not posted yet'); // and so does this card
    const pendingRefs = (h.store.db.prepare("SELECT ref FROM outbox WHERE status = 'pending'").all() as { ref: string }[]).map((r) => r.ref);
    expect(pendingRefs).toHaveLength(2);
    expect(h.run('alice', '/leaderful forget-me confirm').ok).toBe(true);
    const edits = (h.store.db.prepare("SELECT ref FROM outbox WHERE op = 'edit'").all() as { ref: string }[]).map((r) => r.ref);
    expect(edits).toEqual(posted); // the ping, not the pending notice or card
  });
});
