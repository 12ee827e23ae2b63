// Option polls: the grammar, the card, voting by command, button, form and reaction, the outcome
// (winner, tie, nobody, no quorum), and what polls share with proposals.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionId, parseActionId } from '../../../src/core/actions';
import { POLL_VOTE_USAGE, USAGE } from '../../../src/core/commands/grammar';
import { parseCommand } from '../../../src/core/commands/parse';
import { pollFromFields } from '../../../src/core/commands/parse-poll';
import { OPTION_EMOJI, optionOfReaction } from '../../../src/core/proposals/option-emoji';
import { decidePoll, pollWinners } from '../../../src/core/proposals/poll-tally';
import { DAY, HOUR } from '../../../src/core/schedule';
import { docText, harness } from '../../helpers/harness';

const ok = (name: string, t: string) => {
  const r = parseCommand(name, t);
  if (!r.ok) throw new Error(r.error);
  return r.command;
};
const refused = (name: string, t: string) => {
  const r = parseCommand(name, t);
  if (r.ok) throw new Error(`expected /${name} ${t} to be refused, got ${JSON.stringify(r.command)}`);
  return r;
};

async function poll(text = 'Where do we meet in May? | Library | Café | Online --closes 2d') {
  const h = harness();
  const r = h.run('alice', `/poll ${text}`);
  expect(r.ok, docText(r.doc)).toBe(true);
  await h.dispatcher.drain();
  const card = h.port.posts('proposal').at(-1)!;
  return { h, msg: card.messageId, id: card.doc.voting!.proposalId };
}
const lastCard = (h: ReturnType<typeof harness>, msg: string) => h.port.sent.filter((s) => s.messageId === msg).at(-1)!.doc;
const counts = (h: ReturnType<typeof harness>, id: number) => h.store.polls.options(id).map((o) => o.votes);

describe('the poll grammar', () => {
  it('a question, 2 to 10 options after | signs, and the options --multi --closes --quorum --hidden --secret anywhere', () => {
    expect(ok('poll', 'Lunch? | Pizza | Soup')).toEqual({ kind: 'poll', question: 'Lunch?', options: ['Pizza', 'Soup'] });
    expect(ok('poll', '--multi Snacks? | Fruit | Cake | Nuts --closes 2d --quorum 3 --secret')).toEqual({
      kind: 'poll',
      question: 'Snacks?',
      options: ['Fruit', 'Cake', 'Nuts'],
      multi: true,
      closes: '2d',
      quorum: { kind: 'count', n: 3 },
      ballot: 'secret',
    });
    expect(ok('poll', `Q | ${Array.from({ length: 10 }, (_, i) => `o${i}`).join(' | ')}`)).toMatchObject({ options: expect.arrayContaining(['o9']) });
    expect(refused('poll', 'Lunch? | Pizza').error).toMatch(/at least 2 options/);
    expect(refused('poll', 'Lunch?').error).toMatch(/at least 2 options/);
    expect(refused('poll', `Q | ${Array.from({ length: 11 }, (_, i) => `o${i}`).join(' | ')}`).error).toMatch(/at most 10 options \(it has 11\)/);
    expect(refused('poll', 'Lunch? | Pizza | | Soup').error).toMatch(/Option 2 is empty/);
    expect(refused('poll', 'Lunch? | Pizza | pizza').error).toMatch(/Options 1 and 2 are the same/);
    expect(refused('poll', `Lunch? | ${'x'.repeat(81)} | Soup`).error).toMatch(/Option 1 is longer than 80/);
    expect(refused('poll', ' | Pizza | Soup').error).toMatch(/needs a title/);
    const rule = refused('poll', 'Lunch? | Pizza | Soup --rule majority');
    expect(rule.error).toMatch(
      /I don't know the option --rule\. The options are --closes, --quorum and --extend, and the switches --multi, --hidden and --secret/,
    );
    expect(rule.usage).toBe(USAGE.poll);
  });

  it('a vote in a poll is option numbers where the stance would be; mistakes point to the poll usage', () => {
    expect(ok('vote', '4 2')).toEqual({ kind: 'vote.poll', number: 4, choices: [2] });
    expect(ok('vote', '#4 1 3')).toEqual({ kind: 'vote.poll', number: 4, choices: [1, 3] });
    expect(ok('vote', '4 1,3')).toEqual({ kind: 'vote.poll', number: 4, choices: [1, 3] });
    expect(ok('vote', '4 agree')).toEqual({ kind: 'vote', number: 4, stance: 'agree' });
    for (const [t, why] of [
      ['4 2 because', /not an option number/],
      ['4 0', /numbered 1 to 10/],
      ['4 11', /numbered 1 to 10/],
      ['4 2 2', /given twice/],
    ] as const) {
      const r = refused('vote', t);
      expect(r.error).toMatch(why);
      expect(r.usage).toBe(POLL_VOTE_USAGE);
    }
  });

  it('typed options (Discord) are checked the same way; an option cannot smuggle in a flag', () => {
    expect(pollFromFields({ question: 'Lunch?', options: 'Pizza | Soup --secret', multi: true, ballot: 'hidden' })).toEqual({
      ok: true,
      command: { kind: 'poll', question: 'Lunch?', options: ['Pizza', 'Soup --secret'], multi: true, ballot: 'hidden' },
    });
    expect(pollFromFields({ question: 'Lunch? | Fish', options: 'Pizza\nSoup\n' })).toMatchObject({
      ok: true,
      command: { question: 'Lunch? | Fish', options: ['Pizza', 'Soup'] },
    });
    expect(pollFromFields({ question: 'Lunch?', options: 'Pizza' })).toMatchObject({ ok: false, usage: USAGE.poll });
    expect(pollFromFields({ question: 'Lunch?', options: 'a|b', quorum: 'lots' })).toMatchObject({ ok: false, error: expect.stringMatching(/quorum/) });
  });

  it('option buttons and the form have ids of their own', () => {
    for (const a of [
      { kind: 'option', proposalId: 9, option: 10 },
      { kind: 'choose', proposalId: 9, number: 4 },
      { kind: 'choose-modal', proposalId: 9 },
    ] as const) {
      expect(parseActionId(actionId(a))).toEqual(a);
    }
    expect(parseActionId('lf:o:9:11')).toBeUndefined();
    expect(parseActionId('lf:o:9:0')).toBeUndefined();
  });
});

describe('the rules', () => {
  it('reactions 1️⃣ … 🔟 choose options; nothing else does (adapters translate platform names)', () => {
    expect(OPTION_EMOJI.map(optionOfReaction)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(['1\u20E3', '🔟'].map(optionOfReaction)).toEqual([1, 10]);
    expect(['one', ':two:', 'keycap_ten'].map(optionOfReaction)).toEqual([undefined, undefined, undefined]);
    expect(['1', '👍', 'eleven', '0\uFE0F\u20E3', '#\uFE0F\u20E3'].map(optionOfReaction)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('the most votes win; equal tops tie; nobody voting is no result; quorum first', () => {
    const o = (...votes: number[]) => votes.map((v, i) => ({ position: i + 1, label: `o${i + 1}`, votes: v }));
    expect(pollWinners(o(1, 3, 2)).map((w) => w.position)).toEqual([2]);
    expect(pollWinners(o(3, 1, 3)).map((w) => w.position)).toEqual([1, 3]);
    expect(pollWinners(o(0, 0))).toEqual([]);
    expect(decidePoll(o(2, 1), 3, 3)).toBe('passed');
    expect(decidePoll(o(2, 0), 2, 3)).toBe('no_quorum');
    expect(decidePoll(o(0, 0), 0, 0)).toBe('rejected');
  });
});

describe('a poll', () => {
  it('posts a card with its options, live counts, buttons and the reactions to add; shares numbering with proposals', async () => {
    const h = harness();
    h.run('alice', '/propose First a proposal');
    expect(docText(h.run('alice', '/poll Lunch? | Pizza | Soup').doc)).toMatch(/^\nPoll #2 is posted\. Voting closes/);
    await h.dispatcher.drain();
    const card = h.port.posts('proposal')[1]!.doc;
    expect(card.title).toBe('Poll #2: Lunch?');
    expect(docText(card)).toContain('Asked by @alice');
    expect(docText(card)).toContain('Choose one option.');
    expect(docText(card)).toContain('Vote by reacting 1️⃣ 2️⃣, with the buttons, or /vote 2 <option number>.');
    expect(card.tally?.options).toEqual([
      { label: 'Pizza', emoji: '1️⃣', count: 0 },
      { label: 'Soup', emoji: '2️⃣', count: 0 },
    ]);
    expect(card.voting).toEqual({
      proposalId: 2,
      number: 2,
      options: [
        { label: 'Pizza', emoji: '1️⃣' },
        { label: 'Soup', emoji: '2️⃣' },
      ],
    });
  });

  it('one option by /vote, button or reaction; a new one replaces it; several are refused unless --multi', async () => {
    const { h, msg, id } = await poll();
    expect(docText(h.run('bob', '/vote 1 2').doc)).toContain('Your vote on poll #1 is recorded: 2️⃣ Café.');
    expect(docText(h.run('bob', '/vote 1 2').doc)).toContain('You already chose 2️⃣ Café on poll #1.');
    expect(docText(h.service.choose(h.ctx('carol'), id, [1], 'button').doc)).toContain('recorded: 1️⃣ Library');
    h.service.react(h.ctx('dave'), msg, '3️⃣', true);
    h.service.react(h.ctx('dave'), msg, '1️⃣', true); // replaces 3
    expect(counts(h, id)).toEqual([2, 1, 0]);
    h.service.react(h.ctx('dave'), msg, '3️⃣', false); // not his choice now: nothing
    expect(counts(h, id)).toEqual([2, 1, 0]);
    h.service.react(h.ctx('dave'), msg, '1️⃣', false); // takes it back
    expect(counts(h, id)).toEqual([1, 1, 0]);
    expect(docText(h.run('bob', '/vote 1 1 3').doc)).toMatch(/Poll #1 takes one option/);
    expect(docText(h.run('bob', '/vote 1 4').doc)).toMatch(/Poll #1 has 3 options; 4 is not one of them/);
    expect(docText(h.run('bob', '/vote 1 agree').doc)).toMatch(/#1 is a poll: choose an option by its number/);
    expect(h.service.voteOn(h.ctx('bob'), id, 'agree', null, 'button').ok).toBe(false);
    // Reactions that are not option numbers are only reactions here.
    expect(h.service.react(h.ctx('erin'), msg, '👍', true)).toBeUndefined();
    expect(h.service.react(h.ctx('erin'), msg, '🔟', true)!.ok).toBe(false); // an option the poll does not have
    await h.dispatcher.drain();
    expect(lastCard(h, msg).tally?.options?.map((o) => o.count)).toEqual([1, 1, 0]);
    expect(lastCard(h, msg).tally?.voters).toBe(2);
    // Every change is in the append-only history.
    expect(h.store.db.prepare('SELECT user_id AS u, choices FROM poll_vote_history ORDER BY id').all()).toEqual([
      { u: 'bob', choices: '2' },
      { u: 'carol', choices: '1' },
      { u: 'dave', choices: '3' },
      { u: 'dave', choices: '1' },
      { u: 'dave', choices: null },
    ]);
  });

  it('with --multi: several options by /vote (the whole choice), the form, or one reaction each', async () => {
    const { h, msg, id } = await poll('Snacks? | Fruit | Cake | Nuts --multi');
    const card = h.port.posts('proposal')[0]!.doc;
    expect(card.voting).toMatchObject({ multi: true });
    expect(docText(card)).toContain('Choose any of the options (several allowed).');
    expect(docText(h.run('bob', '/vote 1 1 3').doc)).toContain('Your vote on poll #1 is recorded: 1️⃣ Fruit, 3️⃣ Nuts.');
    h.service.choose(h.ctx('carol'), id, [2, 3], 'button');
    h.service.react(h.ctx('dave'), msg, '1️⃣', true);
    h.service.react(h.ctx('dave'), msg, '2️⃣', true);
    expect(counts(h, id)).toEqual([2, 2, 2]);
    h.service.react(h.ctx('dave'), msg, '1️⃣', false);
    expect(counts(h, id)).toEqual([1, 2, 2]);
    h.run('bob', '/vote 1 2'); // the whole choice: replaces 1 and 3
    expect(counts(h, id)).toEqual([0, 3, 1]);
    expect(h.service.pollForm(h.address, id)).toEqual({ number: 1, question: 'Snacks?', options: ['Fruit', 'Cake', 'Nuts'] });
  });

  it('at close the outcome names the winner, with the counts; the decision log and lists show it', async () => {
    const { h, msg } = await poll();
    h.run('bob', '/vote 1 2');
    h.run('carol', '/vote 1 2');
    h.run('dave', '/vote 1 1');
    await h.advance(2 * DAY);
    const outcome = h.port.posts('outcome')[0]!.doc;
    expect(outcome.title).toBe('Poll #1 decided: Where do we meet in May?');
    expect(outcome.statusText).toBe('decided');
    expect(docText(outcome)).toContain('Chosen: 2️⃣ Café, by 2 of 3 voters.');
    expect(outcome.tally?.options?.map((o) => o.count)).toEqual([1, 2, 0]);
    const card = lastCard(h, msg);
    expect(card.voting).toBeUndefined();
    expect(card.statusText).toBe('decided');
    expect(docText(h.run('erin', '/decisions').doc)).toContain(
      '#1 decided Where do we meet in May? · Wed 25 Nov 2026 10:00 UTC · poll, chosen: Café (1️⃣ 1 2️⃣ 2 3️⃣ 0)',
    );
    expect(docText(h.run('erin', '/proposals 1').doc)).toContain('Votes: @bob 2, @carol 2, @dave 1');
    expect(docText(h.run('bob', '/vote 1 3').doc)).toMatch(/Voting on poll #1 closed .*; it was decided\./);
  });

  it('a tie names every option tied; nobody voting is "no votes"; too few voters is "no quorum"', async () => {
    const tie = await poll();
    tie.h.run('bob', '/vote 1 1');
    tie.h.run('carol', '/vote 1 3');
    expect(docText(tie.h.run('alice', '/close 1').doc)).toContain('Poll #1 is closed: decided.');
    await tie.h.dispatcher.drain();
    expect(docText(tie.h.port.posts('outcome')[0]!.doc)).toContain('Tied: 1️⃣ Library and 3️⃣ Online, chosen by 1 of 2 voters each.');

    const none = await poll();
    await none.h.advance(2 * DAY);
    const nobody = none.h.port.posts('outcome')[0]!.doc;
    expect(nobody.title).toBe('Poll #1 no votes: Where do we meet in May?');
    expect(docText(nobody)).toContain('Nobody voted.');

    const few = await poll('Lunch? | Pizza | Soup --quorum 3');
    few.h.run('bob', '/vote 1 1');
    await few.h.advance(3 * DAY);
    const short = few.h.port.posts('outcome')[0]!.doc;
    expect(short.status).toBe('no_quorum');
    expect(docText(short)).toContain('No quorum: 1 voted, 3 needed.');
  });

  it('the closing-soon reminder names the roster members who have not voted', async () => {
    const { h } = await poll('Lunch? | Pizza | Soup --closes 3d');
    for (const u of ['bob', 'carol']) h.run(u, '/rotation join');
    h.run('bob', '/vote 1 1');
    await h.advance(2 * DAY + HOUR);
    const reminder = h.port.posts('reminder')[0]!.doc;
    expect(reminder.title).toBe('Closing soon: poll #1: Lunch?');
    expect(docText(reminder)).toContain('Not voted yet: @carol');
  });

  it('reactions made while the bot was offline are counted on start; command votes are left alone', async () => {
    const { h, msg, id } = await poll('Snacks? | Fruit | Cake | Nuts --multi');
    h.run('bob', '/vote 1 1');
    h.service.react(h.ctx('carol'), msg, '2️⃣', true);
    // Now: bob reacts 3 (his vote is a command's: left alone), carol took 2 back and reacted 1 and 3, dave reacted 2.
    expect(h.service.reconcile(h.address, msg, { '1': ['carol'], '2': ['dave'], '3': ['bob', 'carol'], agree: ['erin'] })).toBe(2);
    expect(h.store.polls.votes(id).map((v) => [v.userId, v.choices])).toEqual([
      ['bob', [1]],
      ['carol', [1, 3]],
      ['dave', [2]],
    ]);
    expect(counts(h, id)).toEqual([2, 1, 1]);
    expect(h.service.openProposalMessages('test').map((m) => m.proposalId)).toEqual([id]);
  });

  it('survives a restart: options, choices and counts are stored', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'leaderful-poll-')), 'x.db');
    const first = harness({ db });
    first.run('alice', '/poll Lunch? | Pizza | Soup');
    first.run('bob', '/vote 1 1');
    first.store.close();
    const again = harness({ db });
    again.run('bob', '/vote 1 2');
    expect(again.store.polls.options(1).map((o) => [o.label, o.votes])).toEqual([
      ['Pizza', 0],
      ['Soup', 1],
    ]);
    expect(again.store.proposals.get(1)).toMatchObject({ kind: 'poll', multi: false, title: 'Lunch?' });
  });
});

describe('hidden and secret polls', () => {
  it('a hidden poll lists its options and how many voted, not the counts, until close; reactions are refused', async () => {
    const { h, msg, id } = await poll('Lunch? | Pizza | Soup --hidden');
    h.run('bob', '/vote 1 2');
    await h.dispatcher.drain();
    const card = lastCard(h, msg);
    expect(card.tally).toBeUndefined();
    expect(docText(card)).toMatch(/1️⃣ Pizza\n2️⃣ Soup\nHidden results/);
    expect(docText(card)).toContain('1 member has voted so far.');
    const r = h.service.react(h.ctx('carol'), msg, '1️⃣', true)!;
    expect(r.removeReaction).toBe(true);
    expect(docText(r.doc)).toContain('/vote 1 <option number>');
    expect(docText(h.run('erin', '/proposals').doc)).toContain('poll, 1 voted, results at close');
    expect(counts(h, id)).toEqual([0, 1]);
  });

  it('a secret poll keeps choices in the ballot box under keyed hashes; answers never say what was chosen; sealed at close', async () => {
    const { h, id } = await poll('Snacks? | Fruit | Cake | Nuts --multi --secret');
    const a = docText(h.run('bob', '/vote 1 1 3').doc);
    const b = docText(h.service.choose(h.ctx('carol'), id, [2], 'button').doc);
    expect(a).toBe(b);
    expect(a).toContain('Your secret vote on #1 is counted.');
    expect(h.store.db.prepare('SELECT choice FROM secret_votes ORDER BY choice').all()).toEqual([{ choice: '1,3' }, { choice: '2' }]);
    expect(h.store.db.prepare('SELECT * FROM poll_votes').all()).toEqual([]);
    expect(h.store.db.prepare('SELECT * FROM poll_vote_history').all()).toEqual([]);
    h.run('bob', '/vote 1 2 3'); // changes bob's
    expect(counts(h, id)).toEqual([0, 2, 1]);
    await h.advance(3 * DAY);
    expect(h.store.db.prepare('SELECT count(*) AS n FROM secret_votes').get()).toEqual({ n: 0 });
    expect(docText(h.port.posts('outcome')[0]!.doc)).toContain('Chosen: 2️⃣ Cake, by 2 of 2 voters.');
    expect(docText(h.port.posts('outcome')[0]!.doc)).toContain('Secret ballot: what each member chose was never recorded.');
  });
});

describe('your data and polls', () => {
  it('export-me includes your poll choices; forget-me keeps them counted as a former member', async () => {
    const { h, id } = await poll();
    h.run('bob', '/vote 1 3');
    const data = JSON.parse(h.run('bob', '/leaderful export-me').doc.attachment!.content);
    expect(data.pollVotes).toEqual([expect.objectContaining({ poll: 1, title: 'Where do we meet in May?', choices: '3', source: 'command' })]);
    expect(data.pollVoteHistory).toHaveLength(1);
    expect(h.run('bob', '/leaderful forget-me confirm').ok).toBe(true);
    expect(h.store.polls.votes(id).map((v) => v.userId)).toEqual([expect.stringMatching(/^forgotten:/)]);
    expect(h.store.db.prepare("SELECT count(*) AS n FROM poll_vote_history WHERE user_id = 'bob'").get()).toEqual({ n: 0 });
    expect(counts(h, id)).toEqual([0, 0, 1]);
  });
});
