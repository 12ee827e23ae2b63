// Hidden results (/propose … --hidden): only how many have voted until close, then everything.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proposeFromFields } from '../../../src/core/commands/fields';
import { parseCommand } from '../../../src/core/commands/parse';
import { DAY, HOUR } from '../../../src/core/schedule';
import { docText, harness } from '../../helpers/harness';

const STANCE_WORDS = /\b(agree|disagree|abstain|block)\b/;

async function hidden(text = 'Move the meeting to Thursdays | Fewer clashes --hidden --closes 3d') {
  const h = harness();
  const r = h.run('alice', `/propose ${text}`);
  expect(r.ok).toBe(true);
  await h.dispatcher.drain();
  const card = h.port.posts('proposal')[0]!;
  return { h, msg: card.messageId, id: card.doc.voting!.proposalId };
}

/** The card as last sent (post or edit). */
const lastCard = (h: ReturnType<typeof harness>, msg: string) => h.port.sent.filter((s) => s.messageId === msg).at(-1)!.doc;

describe('--hidden: the grammar', () => {
  it('is a switch that may stand anywhere and takes no value', () => {
    const ok = (t: string) => {
      const r = parseCommand('propose', t);
      if (!r.ok) throw new Error(r.error);
      return r.command;
    };
    expect(ok('--hidden Tea | warm')).toEqual({ kind: 'propose', title: 'Tea', reasons: 'warm', ballot: 'hidden' });
    expect(ok('Tea | warm —hidden --closes 2d')).toEqual({ kind: 'propose', title: 'Tea', reasons: 'warm', closes: '2d', ballot: 'hidden' });
    expect(ok('Tea | we keep it \\--hidden')).toEqual({ kind: 'propose', title: 'Tea', reasons: 'we keep it --hidden' });
    const refused = (t: string) => {
      const r = parseCommand('propose', t);
      if (r.ok) throw new Error(`expected ${t} to be refused`);
      return r.error;
    };
    expect(refused('Tea --hidden=yes')).toMatch(/--hidden takes no value/);
    expect(refused('Tea --hidden --hidden')).toMatch(/--hidden is given twice/);
    expect(refused('Tea --hiden')).toMatch(/I don't know the option --hiden.*--hidden/);
  });

  it('forms and typed options name the ballot, checked by the same schema', () => {
    expect(proposeFromFields({ title: 'Tea', ballot: ' Hidden ' })).toEqual({
      ok: true,
      command: { kind: 'propose', title: 'Tea', reasons: '', ballot: 'hidden' },
    });
    expect(proposeFromFields({ title: 'Tea', ballot: 'open' })).toEqual({ ok: true, command: { kind: 'propose', title: 'Tea', reasons: '' } });
    expect(proposeFromFields({ title: 'Tea', ballot: '' })).toEqual({ ok: true, command: { kind: 'propose', title: 'Tea', reasons: '' } });
    const bad = proposeFromFields({ title: 'Tea', ballot: 'public' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/ballot must be open, hidden .* or secret/);
  });
});

describe('a hidden proposal while open', () => {
  it('its card shows how many have voted, not the tally, nobody’s stance or reasons, and invites no reactions', async () => {
    const { h, msg, id } = await hidden();
    const posted = h.port.posts('proposal')[0]!.doc;
    expect(posted.tally).toBeUndefined();
    expect(posted.voting).toEqual({ proposalId: id, number: 1, reactions: false });
    expect(docText(posted)).toContain('Hidden results: the tally and who voted how are shown when voting closes.');
    expect(docText(posted)).toContain('Nobody has voted yet.');
    expect(docText(posted)).not.toContain('Vote by reacting');

    h.run('bob', '/vote 1 agree because Thursdays are free');
    h.run('carol', '/vote 1 block it clashes with choir');
    expect(h.service.voteOn(h.ctx('dave'), id, 'disagree', null, 'button').ok).toBe(true);
    await h.dispatcher.drain();
    const card = lastCard(h, msg);
    expect(card.tally).toBeUndefined();
    expect(card.fields).toBeUndefined();
    expect(docText(card)).toContain('3 members have voted so far.');
    expect(docText(card)).not.toMatch(/choir|Thursdays are free|@bob|@carol|@dave/);
    // Every message about it so far — posts and edits — is free of any stance.
    for (const s of h.port.sent) expect(docText(s.doc).replace(/agree\|disagree\|abstain\|block/g, '')).not.toMatch(STANCE_WORDS);
    // The votes themselves are counted.
    expect(h.store.proposals.get(id)!.counts).toEqual({ agree: 1, disagree: 1, abstain: 0, block: 1 });
  });

  it('the voter is answered privately as usual; /proposals names nobody and shows no tally', async () => {
    const { h } = await hidden();
    expect(docText(h.run('bob', '/vote 1 agree').doc)).toContain('Your vote on #1 is recorded: agree.');
    h.run('carol', '/vote 1 disagree');
    const detail = docText(h.run('erin', '/proposals 1').doc);
    expect(detail).toContain('2 members have voted so far.');
    expect(detail).not.toMatch(/Votes:|@bob|@carol/);
    expect(docText(h.run('erin', '/proposals').doc)).toContain(
      '#1 Move the meeting to Thursdays · open · closes Thu 26 Nov 2026 10:00 UTC · 2 voted, results at close',
    );
  });

  it('a reaction is not a vote: not counted, answered privately, and marked for removal', async () => {
    const { h, msg, id } = await hidden();
    const r = h.service.react(h.ctx('bob'), msg, '👍', true)!;
    expect(r.ok).toBe(false);
    expect(r.removeReaction).toBe(true);
    expect(docText(r.doc)).toMatch(/Reactions are not votes on proposal #1 \(hidden results\).*\/vote 1/);
    expect(h.service.react(h.ctx('bob'), msg, '👍', false)).toBeUndefined(); // its removal is nothing either
    expect(h.service.react(h.ctx('bob'), msg, '🎉', true)).toBeUndefined(); // not a vote emoji: left alone
    expect(h.store.proposals.get(id)!.counts).toEqual({ agree: 0, disagree: 0, abstain: 0, block: 0 });
    expect(h.store.proposals.votes(id)).toEqual([]);
    // Reactions found after a restart are not votes either, and its card is not read for them.
    expect(h.service.reconcile(h.address, msg, { agree: ['bob', 'carol'] })).toBe(0);
    expect(h.service.openProposalMessages('test')).toEqual([]);
    expect(h.store.proposals.get(id)!.counts.agree).toBe(0);
  });

  it('a member who keeps reacting is told once while slowed down, and the reaction is still marked for removal', async () => {
    const { h, msg } = await hidden();
    const replies = Array.from({ length: 70 }, () => h.service.react(h.ctx('bob'), msg, '👍', true)!);
    expect(replies.every((r) => r.removeReaction)).toBe(true);
    expect(replies.filter((r) => !r.quiet && docText(r.doc).includes('Slow down'))).toHaveLength(1);
  });

  it('the closing-soon reminder names who has not voted, with no tally', async () => {
    const h = harness();
    for (const u of ['bob', 'carol', 'dave']) h.run(u, '/rotation join');
    h.run('alice', '/propose Hidden one --hidden --closes 3d');
    h.run('bob', '/vote 1 block');
    await h.advance(2 * DAY + HOUR);
    const reminder = h.port.posts('reminder')[0]!.doc;
    expect(reminder.tally).toBeUndefined();
    expect(docText(reminder)).toContain('Not voted yet: @carol @dave');
    expect(docText(reminder)).toContain('1 member has voted so far.');
    expect(docText(reminder)).not.toMatch(STANCE_WORDS);
  });
});

describe('a hidden proposal at close', () => {
  it('shows everything: the tally and reasons on the card, the outcome, and who voted how', async () => {
    const { h, msg } = await hidden();
    h.run('bob', '/vote 1 agree because Thursdays are free');
    h.run('carol', '/vote 1 disagree');
    await h.advance(3 * DAY);
    const card = lastCard(h, msg);
    expect(card.status).toBe('passed');
    expect(card.tally?.counts).toEqual({ agree: 1, disagree: 1, abstain: 0, block: 0 });
    expect(card.fields).toHaveLength(1);
    expect(docText(card)).toContain('👍 agree: @bob: because Thursdays are free');
    expect(docText(card)).not.toContain('have voted so far');
    const outcome = h.port.posts('outcome')[0]!.doc;
    expect(docText(outcome)).toContain('Decided by consent with 2 votes: 1 agree, 1 disagree, 0 abstain, 0 block.');
    expect(docText(h.run('erin', '/proposals 1').doc)).toContain('Votes: @bob agree, @carol disagree');
  });

  it('stays hidden across a restart (the ballot is stored with the proposal)', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'leaderful-hidden-')), 'x.db');
    const first = harness({ db });
    first.run('alice', '/propose Kept hidden --hidden');
    first.run('bob', '/vote 1 agree');
    first.store.close();
    const again = harness({ db });
    const p = again.store.proposals.byNumber(1, 1)!;
    expect(p.ballot).toBe('hidden');
    const detail = again.run('erin', '/proposals 1').doc;
    expect(detail.tally).toBeUndefined();
    expect(docText(detail)).toContain('1 member has voted so far.');
  });
});
