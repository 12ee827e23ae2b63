// Secret ballots (/propose … --secret): how they behave. What they never reveal is tested in secret-leak.test.ts.
import { createHmac } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionId, parseActionId } from '../../../src/core/actions';
import { proposeFromFields } from '../../../src/core/commands/fields';
import { parseCommand } from '../../../src/core/commands/parse';
import { DAY, HOUR } from '../../../src/core/schedule';
import { docText, harness } from '../../helpers/harness';

async function secret(text = 'Elect a treasurer | Sam or Kim --secret --closes 3d', db?: string) {
  const h = harness(db ? { db } : {});
  expect(h.run('alice', `/propose ${text}`).ok).toBe(true);
  await h.dispatcher.drain();
  const card = h.port.posts('proposal')[0]!;
  return { h, msg: card.messageId, id: card.doc.voting!.proposalId };
}

const rows = (h: ReturnType<typeof harness>, table: string) => h.store.db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
const lastCard = (h: ReturnType<typeof harness>, msg: string) => h.port.sent.filter((s) => s.messageId === msg).at(-1)!.doc;

describe('--secret: the grammar', () => {
  it('is a switch; with --hidden too it is still secret; forms and options name it', () => {
    const ok = (t: string) => {
      const r = parseCommand('propose', t);
      if (!r.ok) throw new Error(r.error);
      return r.command;
    };
    expect(ok('Elect Sam --secret')).toEqual({ kind: 'propose', title: 'Elect Sam', reasons: '', ballot: 'secret' });
    expect(ok('--hidden Elect Sam --secret')).toMatchObject({ ballot: 'secret' });
    expect(proposeFromFields({ title: 'Elect Sam', ballot: 'SECRET' })).toMatchObject({ ok: true, command: { ballot: 'secret' } });
    const twice = parseCommand('propose', 'Elect Sam --secret --secret');
    expect(twice.ok).toBe(false);
  });

  it('the reason button of a secret ballot has its own id, read back as such', () => {
    expect(actionId({ kind: 'reason', proposalId: 7, number: 3, secret: true })).toBe('lf:rs:7:3');
    expect(parseActionId('lf:rs:7:3')).toEqual({ kind: 'reason', proposalId: 7, number: 3, secret: true });
    expect(parseActionId('lf:rs:7')).toBeUndefined();
    expect(parseActionId('lf:rs:7:3:x')).toBeUndefined();
  });
});

describe('a secret ballot while open', () => {
  it('its card shows how to vote, how many have voted and no tally; reactions are not votes; the reason button says secret', async () => {
    const { h, id } = await secret();
    const card = h.port.posts('proposal')[0]!.doc;
    expect(card.tally).toBeUndefined();
    expect(card.voting).toEqual({ proposalId: id, number: 1, reactions: false, secret: true });
    expect(docText(card)).toContain(
      'Secret ballot: vote with the buttons or /vote 1 agree|disagree|abstain|block. How each member votes is never shown, nor stored with their name',
    );
    expect(docText(card)).toContain('Nobody has voted yet.');
  });

  it('a vote goes into the ballot box under a keyed hash, never beside the id; who voted is kept apart; nothing in votes or their history', async () => {
    const { h, id } = await secret();
    h.run('bob', '/vote 1 agree');
    const [key] = rows(h, 'ballot_keys') as { key: Buffer }[];
    expect(key!.key).toHaveLength(32);
    const hash = createHmac('sha256', key!.key).update('bob').digest('base64url');
    expect(rows(h, 'secret_votes')).toEqual([{ proposal_id: id, voter: hash, choice: 'agree', reason: null }]);
    expect(rows(h, 'secret_voters')).toEqual([{ proposal_id: id, user_id: 'bob' }]);
    expect(rows(h, 'votes')).toEqual([]);
    expect(rows(h, 'vote_history')).toEqual([]);
    expect(h.store.proposals.get(id)!.counts).toEqual({ agree: 1, disagree: 0, abstain: 0, block: 0 });
  });

  it('the answer never repeats the vote, is the same for a first vote, a change and a repeat, and a change replaces the ballot', async () => {
    const { h, msg, id } = await secret();
    const answers = [
      h.run('bob', '/vote 1 agree').doc,
      h.run('bob', '/vote 1 block because'),
      h.run('bob', '/vote 1 block because'),
      h.service.voteOn(h.ctx('bob'), id, 'disagree', null, 'button'),
    ].map((r) => docText('doc' in r ? r.doc : r));
    expect(new Set(answers)).toEqual(
      new Set([
        "\nYour secret vote on #1 is counted. I don't repeat it, so that no message shows how you voted; to change it, vote again before voting closes.",
      ]),
    );
    expect(h.store.proposals.get(id)!.counts).toEqual({ agree: 0, disagree: 1, abstain: 0, block: 0 });
    expect(rows(h, 'secret_votes')).toHaveLength(1);
    expect(rows(h, 'secret_votes')[0]).toMatchObject({ choice: 'disagree', reason: null }); // a new stance without a reason drops the old one
    // The card was edited for the first vote (the turnout), not for the changes.
    await h.dispatcher.drain();
    expect(h.port.edits().filter((e) => e.messageId === msg)).toHaveLength(1);
    expect(docText(lastCard(h, msg))).toContain('1 member has voted so far.');
  });

  it('a reaction is not counted, answered privately and marked for removal', async () => {
    const { h, msg, id } = await secret();
    const r = h.service.react(h.ctx('bob'), msg, '👎🏽', true)!;
    expect(r).toMatchObject({ ok: false, removeReaction: true });
    expect(docText(r.doc)).toMatch(/Reactions are not votes on proposal #1 \(a secret ballot\)/);
    expect(h.store.proposals.get(id)!.counts.disagree).toBe(0);
    expect(rows(h, 'secret_voters')).toEqual([]);
  });

  it('/proposals <n> names nobody while it is open; the reminder names who has not voted', async () => {
    const { h } = await secret();
    for (const u of ['bob', 'carol', 'dave']) h.run(u, '/rotation join');
    h.run('bob', '/vote 1 agree');
    const detail = docText(h.run('erin', '/proposals 1').doc);
    expect(detail).toContain('1 member has voted so far.');
    expect(detail).not.toContain('@bob');
    await h.advance(2 * DAY + HOUR);
    const reminder = h.port.posts('reminder')[0]!.doc;
    expect(docText(reminder)).toContain('Not voted yet: @carol @dave');
    expect(reminder.tally).toBeUndefined();
  });
});

describe('a secret ballot at close', () => {
  it('seals: the tally and anonymous reasons are shown, the key and ballot box are gone, who voted is listed', async () => {
    const { h, msg, id } = await secret();
    h.run('bob', '/vote 1 agree zebras first');
    h.run('carol', '/vote 1 disagree apples later');
    h.run('dave', '/vote 1 agree');
    await h.advance(3 * DAY);
    expect(h.store.proposals.get(id)!.status).toBe('passed');
    expect(rows(h, 'ballot_keys')).toEqual([]);
    expect(rows(h, 'secret_votes')).toEqual([]);
    expect(rows(h, 'secret_reasons')).toEqual([
      { proposal_id: id, reason: 'apples later' },
      { proposal_id: id, reason: 'zebras first' },
    ]);
    const card = lastCard(h, msg);
    expect(card.tally?.counts).toEqual({ agree: 2, disagree: 1, abstain: 0, block: 0 });
    expect(card.fields).toEqual([
      { label: 'A reason given (secret ballot)', value: [{ text: 'apples later' }] },
      { label: 'A reason given (secret ballot)', value: [{ text: 'zebras first' }] },
    ]);
    const outcome = docText(h.port.posts('outcome')[0]!.doc);
    expect(outcome).toContain('Decided by consent with 3 votes: 2 agree, 1 disagree, 0 abstain, 0 block.');
    expect(outcome).toContain('Secret ballot: how each member voted was never recorded.');
    const detail = docText(h.run('erin', '/proposals 1').doc);
    expect(detail).toContain('Voted (how each voted is not recorded): @bob, @carol, @dave');
    // Too late now, and still saying nothing about anyone's vote.
    expect(docText(h.run('bob', '/vote 1 block').doc)).toMatch(/Voting on proposal #1 closed/);
  });

  it('a withdrawn secret ballot is sealed too', async () => {
    const { h, id } = await secret();
    h.run('bob', '/vote 1 agree why not');
    h.run('alice', '/withdraw 1');
    expect(rows(h, 'ballot_keys')).toEqual([]);
    expect(rows(h, 'secret_votes')).toEqual([]);
    expect(h.store.proposals.get(id)!.status).toBe('withdrawn');
  });

  it('a vote changed after a restart replaces the one before (the key is stored); closing seals it and empties the write-ahead log', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'leaderful-secret-')), 'x.db');
    const first = await secret('Elect a treasurer --secret --closes 3d', db);
    first.h.run('bob', '/vote 1 agree');
    first.h.store.close();
    const again = harness({ db });
    again.run('bob', '/vote 1 disagree');
    const p = again.store.proposals.byNumber(1, 1)!;
    expect(p.counts).toEqual({ agree: 0, disagree: 1, abstain: 0, block: 0 });
    expect(statSync(`${db}-wal`).size).toBeGreaterThan(0);
    expect(again.run('alice', '/close 1').ok).toBe(true);
    expect(rows(again, 'ballot_keys')).toEqual([]);
    expect(rows(again, 'secret_votes')).toEqual([]);
    // The write-ahead log was checkpointed and truncated after the commit that deleted the key.
    expect(statSync(`${db}-wal`).size).toBe(0);
  });
});

describe('your data and secret ballots', () => {
  it('export-me lists the secret ballots you voted in, never how', async () => {
    const { h } = await secret();
    h.run('bob', '/vote 1 block my reason');
    const doc = h.run('bob', '/leaderful export-me').doc;
    expect(docText(doc)).toContain('1 secret ballots voted in (how you voted is not stored with your name).');
    const data = JSON.parse(doc.attachment!.content);
    expect(data.secretBallotsVotedIn).toEqual([{ channel: 'C1', proposal: 1, title: 'Elect a treasurer', status: 'open' }]);
    expect(doc.attachment!.content).not.toMatch(/block|my reason/);
  });

  it('forget-me moves the ballot to the pseudonym: still counted, no longer reachable from the id', async () => {
    const { h, id } = await secret();
    h.run('bob', '/vote 1 agree');
    h.run('carol', '/vote 1 disagree');
    expect(h.run('bob', '/leaderful forget-me confirm').ok).toBe(true);
    const [voterRow] = rows(h, 'secret_voters').filter((r) => String(r.user_id).startsWith('forgotten:'));
    const pseudonym = String(voterRow!.user_id);
    const key = (rows(h, 'ballot_keys')[0] as { key: Buffer }).key;
    const hmac = (u: string) => createHmac('sha256', key).update(u).digest('base64url');
    const voters = rows(h, 'secret_votes').map((r) => r.voter);
    expect(voters).toContain(hmac(pseudonym));
    expect(voters).not.toContain(hmac('bob'));
    expect(rows(h, 'secret_voters').map((r) => r.user_id)).not.toContain('bob');
    expect(h.store.proposals.get(id)!.counts).toEqual({ agree: 1, disagree: 1, abstain: 0, block: 0 });
    await h.advance(3 * DAY);
    expect(docText(h.run('erin', '/proposals 1').doc)).toMatch(/Voted \(how each voted is not recorded\): @carol, former member [a-z2-7]{4}/);
  });
});
