// --extend <duration>: a proposal (or poll) whose quorum is unmet at its deadline stays open once
// for that long, the channel is told, and then it closes normally.
import { describe, expect, it } from 'vitest';
import { parseActionId, actionId } from '../../../src/core/actions';
import { proposeFromFields } from '../../../src/core/commands/fields';
import { parseCommand } from '../../../src/core/commands/parse';
import { pollFromFields } from '../../../src/core/commands/parse-poll';
import { DAY, HOUR } from '../../../src/core/schedule';
import { docText, harness } from '../../helpers/harness';

const ok = (name: string, t: string) => {
  const r = parseCommand(name, t);
  if (!r.ok) throw new Error(r.error);
  return r.command;
};

describe('--extend: the grammar', () => {
  it('takes a duration, on /propose, /poll and their forms, at most a year', () => {
    expect(ok('propose', 'Budget --quorum 3 --extend 2d')).toEqual({
      kind: 'propose',
      title: 'Budget',
      reasons: '',
      quorum: { kind: 'count', n: 3 },
      extend: 2 * 1440,
    });
    expect(ok('poll', 'Day? | Mon | Tue --extend=36h --quorum 2')).toMatchObject({ extend: 36 * 60 });
    expect(proposeFromFields({ title: 'Budget', extend: ' 1w ' })).toMatchObject({ ok: true, command: { extend: 7 * 1440 } });
    expect(pollFromFields({ question: 'Day?', options: 'Mon | Tue', extend: '90m' })).toMatchObject({ ok: true, command: { extend: 90 } });
    for (const [t, why] of [
      ['Budget --extend', /--extend needs a value, like --extend 2d/],
      ['Budget --extend soon', /Write durations like/],
      ['Budget --extend 60w', /at most 366 days/],
    ] as const) {
      const r = parseCommand('propose', t);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(why);
    }
  });

  it('a Discord form opened with an extension keeps it in its id', () => {
    expect(actionId({ kind: 'propose-modal', extend: '2d' })).toBe('lf:pm:o:2d');
    expect(parseActionId('lf:pm:s:1d12h')).toEqual({ kind: 'propose-modal', ballot: 'secret', extend: '1d12h' });
    expect(parseActionId('lf:pm:o:soon')).toBeUndefined();
    expect(parseActionId('lf:pm:x:2d')).toBeUndefined();
  });

  it('needs a quorum: without one there is nothing to wait for', () => {
    const h = harness();
    const r = h.run('alice', '/propose Budget --extend 2d');
    expect(r.ok).toBe(false);
    expect(docText(r.doc)).toMatch(/this one has no quorum\. Add --quorum/);
    h.run('admin', '/leaderful settings quorum 2', { admin: true });
    expect(h.run('alice', '/propose Budget --extend 2d').ok).toBe(true); // the channel's quorum counts
  });
});

describe('--extend at the deadline', () => {
  it('quorum unmet: stays open once, the channel is told who has not voted; then closes normally, saying so', async () => {
    const h = harness();
    for (const u of ['bob', 'carol', 'dave']) h.run(u, '/rotation join');
    h.run('alice', '/propose Adopt the budget --quorum 3 --closes 3d --extend 2d');
    h.run('bob', '/vote 1 agree');
    await h.dispatcher.drain();
    const first = h.store.proposals.byNumber(1, 1)!;
    expect(docText(h.port.posts('proposal')[0]!.doc)).toContain('If the quorum is not met by then, voting stays open 2d longer, once.');
    await h.advance(3 * DAY);
    const p = h.store.proposals.byNumber(1, 1)!;
    expect(p.status).toBe('open');
    expect(p.closesAt).toBe(first.closesAt + 2 * DAY);
    expect(p.extendedAt).toBe(first.closesAt);
    const notice = h.port.posts('notice').at(-1)!.doc;
    expect(notice.title).toBe('The proposal #1 stays open: Adopt the budget');
    expect(docText(notice)).toMatch(
      /Only 1 voted by the deadline; the quorum is 3\. As asked \(--extend 2d\), voting stays open once more, until Sat 28 Nov 2026 10:00 UTC; then it closes\./,
    );
    expect(docText(notice)).toContain('Not voted yet: @carol @dave');
    expect(notice.lines[1]!.filter((s) => 'user' in s && s.ping)).toHaveLength(2);
    expect(docText(h.port.edits().at(-1)!.doc)).toContain('Extended once, by 2d: the quorum was not met by the first deadline.');
    expect(h.port.posts('outcome')).toEqual([]);
    // Votes still count during the extension; at its end it closes, even if still short.
    h.run('carol', '/vote 1 agree');
    await h.advance(2 * DAY);
    const closed = h.store.proposals.byNumber(1, 1)!;
    expect(closed.status).toBe('no_quorum');
    expect(closed.closedAt).toBe(first.closesAt + 2 * DAY);
    const outcome = docText(h.port.posts('outcome')[0]!.doc);
    expect(outcome).toContain('No quorum: 2 voted, 3 needed.');
    expect(outcome).toContain('Voting was extended once, by 2d, because the quorum was not met at first.');
    expect(h.port.posts('notice')).toHaveLength(1); // told once
  });

  it('quorum met at the deadline: closes as usual, never extended', async () => {
    const h = harness();
    h.run('alice', '/propose Adopt the budget --quorum 1 --closes 3d --extend 2d');
    h.run('bob', '/vote 1 agree');
    await h.advance(3 * DAY);
    expect(h.store.proposals.byNumber(1, 1)).toMatchObject({ status: 'passed', extendedAt: null });
    expect(h.port.posts('notice')).toEqual([]);
  });

  it('closing by hand does not extend it', async () => {
    const h = harness();
    h.run('alice', '/propose Adopt the budget --quorum 3 --extend 2d');
    expect(docText(h.run('alice', '/close 1').doc)).toContain('Proposal #1 is closed: no quorum.');
    expect(h.store.proposals.byNumber(1, 1)!.extendedAt).toBeNull();
  });

  it('a poll is extended the same way', async () => {
    const h = harness();
    h.run('alice', '/poll Day? | Mon | Tue --quorum 2 --closes 1d --extend 12h');
    h.run('bob', '/vote 1 2');
    await h.advance(DAY);
    expect(h.store.proposals.byNumber(1, 1)!.status).toBe('open');
    expect(h.port.posts('notice').at(-1)!.doc.title).toBe('The poll #1 stays open: Day?');
    h.run('carol', '/vote 1 2');
    await h.advance(12 * HOUR);
    expect(docText(h.port.posts('outcome')[0]!.doc)).toContain('Chosen: 2️⃣ Tue, by 2 of 2 voters.');
  });

  it('after downtime: extended from the deadline; an extension that ran out while offline closes it at its end, late, once', async () => {
    const h = harness();
    h.run('alice', '/propose Adopt the budget --quorum 3 --closes 1d --extend 1d');
    const deadline = h.store.proposals.byNumber(1, 1)!.closesAt;
    h.clock.set(deadline + 3 * DAY); // offline through the deadline and the whole extension
    expect(h.service.runDue()).toEqual({ closed: 1, reminded: 0, pinged: 0 });
    expect(h.service.runDue()).toEqual({ closed: 0, reminded: 0, pinged: 0 });
    await h.dispatcher.drain();
    const p = h.store.proposals.byNumber(1, 1)!;
    expect(p).toMatchObject({ status: 'no_quorum', closedAt: deadline + DAY, extendedAt: deadline + 3 * DAY });
    const outcome = h.port.posts('outcome')[0]!.doc;
    expect(outcome.late).toBe(true);
    expect(docText(outcome)).toContain('Voting was extended once, by 1d');
    expect(h.port.posts('notice')).toEqual([]); // nothing to announce: it is already over
  });
});
