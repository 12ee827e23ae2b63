// /amend: the author changes an open proposal's text; every vote is reset (history kept) and each
// voter is told privately to vote again.
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/core/commands/parse';
import { docText, harness } from '../../helpers/harness';

const ok = (t: string) => {
  const r = parseCommand('amend', t);
  if (!r.ok) throw new Error(r.error);
  return r.command;
};

async function voted(flags = '') {
  const h = harness();
  h.run('alice', `/propose Buy a kettle | ours leaks --closes 3d ${flags}`);
  await h.dispatcher.drain();
  const card = h.port.posts('proposal')[0]!;
  return { h, msg: card.messageId, id: card.doc.voting!.proposalId };
}

describe('the /amend grammar', () => {
  it('a number, the new title, and after a | new reasons; the text is taken as written', () => {
    expect(ok('3 Buy two kettles | one always leaks')).toEqual({ kind: 'amend', number: 3, title: 'Buy two kettles', reasons: 'one always leaks' });
    expect(ok('#3 Buy two kettles')).toEqual({ kind: 'amend', number: 3, title: 'Buy two kettles' });
    expect(ok('3 Buy it --closes 3d |')).toEqual({ kind: 'amend', number: 3, title: 'Buy it --closes 3d', reasons: '' });
    for (const [t, why] of [
      ['', /Give the number of your proposal/],
      ['3', /Give the new title/],
      ['x Title', /named by its number/],
      [`3 ${'t'.repeat(201)}`, /at most 200/],
    ] as const) {
      const r = parseCommand('amend', t);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(why);
    }
  });
});

describe('amending', () => {
  it('resets every vote (the history keeps them), shows the new text and "amended", and tells each voter privately', async () => {
    const { h, msg, id } = await voted();
    h.service.react(h.ctx('bob'), msg, '👍', true);
    h.run('carol', '/vote 1 block too pricey');
    const r = h.run('alice', '/amend 1 Buy a cheap kettle | under 30 euros');
    expect(docText(r.doc)).toContain('Proposal #1 is amended. 2 votes were reset, and each voter is asked privately to vote again.');
    const p = h.store.proposals.get(id)!;
    expect(p).toMatchObject({ title: 'Buy a cheap kettle', reasons: 'under 30 euros', counts: { agree: 0, disagree: 0, abstain: 0, block: 0 } });
    expect(h.store.proposals.votes(id)).toEqual([]);
    expect(h.store.db.prepare('SELECT user_id AS u, stance, source FROM vote_history ORDER BY id').all()).toEqual([
      { u: 'bob', stance: 'agree', source: 'reaction' },
      { u: 'carol', stance: 'block', source: 'command' },
      { u: 'bob', stance: null, source: 'amend' },
      { u: 'carol', stance: null, source: 'amend' },
    ]);
    expect(h.store.db.prepare('SELECT old_title AS t, old_reasons AS r FROM amendments').all()).toEqual([{ t: 'Buy a kettle', r: 'ours leaks' }]);
    await h.dispatcher.drain();
    const card = h.port.edits().at(-1)!.doc;
    expect(card.title).toBe('Proposal #1 (amended): Buy a cheap kettle');
    expect(docText(card)).toContain('under 30 euros');
    expect(docText(card)).toContain('Amended by its author Mon 23 Nov 2026 10:00 UTC: votes cast before were reset.');
    expect(card.fields).toBeUndefined(); // carol's reason went with her vote
    const told = h.port.posts('notice').map((n) => n.doc);
    expect(told.map((d) => d.privateTo)).toEqual(['bob', 'carol']);
    expect(docText(told[0]!)).toMatch(
      /Proposal #1 was amended by its author, @alice: it now reads “Buy a cheap kettle”\.\nYour vote was for the text before, so it has been reset\. Please vote again/,
    );
    expect(told[0]!.lines.flat().some((s) => 'user' in s && s.ping)).toBe(false);
    // They vote again as usual.
    h.run('carol', '/vote 1 agree');
    expect(h.store.proposals.get(id)!.counts.agree).toBe(1);
  });

  it('without a | the reasons stay; nobody voted: nobody is told', async () => {
    const { h, id } = await voted();
    expect(docText(h.run('alice', '/amend 1 Buy a better kettle').doc)).toContain('Nobody had voted yet.');
    expect(h.store.proposals.get(id)).toMatchObject({ title: 'Buy a better kettle', reasons: 'ours leaks' });
    await h.dispatcher.drain();
    expect(h.port.posts('notice')).toEqual([]);
  });

  it('only the author, only while open, not a poll, not to the same text', async () => {
    const { h } = await voted();
    expect(docText(h.run('bob', '/amend 1 Mine now').doc)).toMatch(/Only the author of proposal #1 can amend it/);
    expect(docText(h.run('admin', '/amend 1 Mine now', { admin: true }).doc)).toMatch(/Only the author/);
    expect(docText(h.run('alice', '/amend 1 Buy a kettle').doc)).toMatch(/already says that/);
    h.run('alice', '/poll Day? | Mon | Tue');
    expect(docText(h.run('alice', '/amend 2 Which day?').doc)).toMatch(/polls cannot be amended/);
    h.run('alice', '/close 1');
    expect(docText(h.run('alice', '/amend 1 Too late').doc)).toMatch(/Voting on proposal #1 closed/);
    expect(docText(h.run('alice', '/amend 9 Nothing').doc)).toMatch(/There is no proposal #9/);
  });

  it('a secret ballot: its box and its list of who voted are emptied; who had voted is told; the key stays for new votes', async () => {
    const { h, id } = await voted('--secret');
    h.run('bob', '/vote 1 agree');
    h.run('carol', '/vote 1 block');
    h.run('alice', '/amend 1 Buy a cheap kettle');
    expect(h.store.db.prepare('SELECT count(*) AS n FROM secret_votes').get()).toEqual({ n: 0 });
    expect(h.store.db.prepare('SELECT count(*) AS n FROM secret_voters').get()).toEqual({ n: 0 });
    expect(h.store.db.prepare('SELECT count(*) AS n FROM ballot_keys').get()).toEqual({ n: 1 });
    await h.dispatcher.drain();
    expect(
      h.port
        .posts('notice')
        .map((n) => n.doc.privateTo)
        .sort(),
    ).toEqual(['bob', 'carol']);
    h.run('bob', '/vote 1 disagree');
    expect(h.store.proposals.get(id)!.counts).toEqual({ agree: 0, disagree: 1, abstain: 0, block: 0 });
  });

  it('reactions read back after a restart do not bring reset votes back; a reaction added anew still votes', async () => {
    const { h, msg, id } = await voted();
    h.service.react(h.ctx('bob'), msg, '👍', true);
    h.run('alice', '/amend 1 Buy a cheap kettle');
    expect(h.service.reconcile(h.address, msg, { agree: ['bob', 'carol'] })).toBe(0);
    expect(h.store.proposals.votes(id)).toEqual([]);
    h.service.react(h.ctx('bob'), msg, '👍', false);
    h.service.react(h.ctx('bob'), msg, '👍', true);
    expect(h.store.proposals.votes(id).map((v) => v.userId)).toEqual(['bob']);
  });

  it('export-me includes the author’s amendments; forget-me drops what they replaced of the author’s words', async () => {
    const { h } = await voted();
    h.run('alice', '/amend 1 Buy a cheap kettle | cheaper');
    expect(JSON.parse(h.run('alice', '/leaderful export-me').doc.attachment!.content).amendments).toEqual([
      expect.objectContaining({ proposal: 1, oldTitle: 'Buy a kettle', oldReasons: 'ours leaks' }),
    ]);
    h.run('alice', '/leaderful forget-me confirm');
    expect(h.store.db.prepare('SELECT old_title AS t, old_reasons AS r FROM amendments').all()).toEqual([{ t: 'Buy a kettle', r: '' }]);
  });
});
