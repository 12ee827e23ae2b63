// Proposals and votes at their boundaries: the longest window, the closing moment, reasons kept or
// dropped, what each answer says, and the lists.
import { describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../../../src/core/schedule';
import { docText, harness, T0 } from '../../helpers/harness';

const said = (r: { doc: Parameters<typeof docText>[0] }) => docText(r.doc).trim();

describe('the voting window', () => {
  it('may be 366 days exactly, not a minute more', () => {
    const h = harness();
    expect(h.run('alice', '/propose Long --closes 366d').ok).toBe(true);
    expect(h.store.proposals.byNumber(1, 1)!.closesAt).toBe(T0 + 366 * DAY);
    const r = h.run('alice', '/propose Longer --closes 366d1m');
    expect(r.ok).toBe(false);
    expect(said(r)).toContain('366 days');
    expect(h.store.proposals.byNumber(1, 2)).toBeUndefined();
  });

  it('must end in the future: a date-time of right now is refused', () => {
    const h = harness();
    const r = h.run('alice', '/propose Now --closes 2026-11-23 10:00');
    expect(r.ok).toBe(false);
    expect(said(r)).toContain('already passed');
    expect(h.run('alice', '/propose Soon --closes 2026-11-23 10:01').ok).toBe(true);
  });

  it('an unreadable --closes is refused with the forms it accepts and the usage', () => {
    const h = harness();
    const r = h.run('alice', '/propose X --closes whenever');
    expect(r.ok).toBe(false);
    expect(said(r)).toContain('"whenever"');
    expect(said(r)).toContain('Usage: /propose');
  });

  it('by default closes after the channel window, with the reminder its lead time before', () => {
    const h = harness({ defaults: { windowMinutes: 90, reminderLeadMinutes: 30 } });
    const r = h.run('alice', '/propose Quick');
    expect(said(r)).toBe('Proposal #1 is posted. Voting closes Mon 23 Nov 2026 11:30 UTC.');
    const p = h.store.proposals.byNumber(1, 1)!;
    expect([p.closesAt, p.remindAt]).toEqual([T0 + 90 * MINUTE, T0 + 60 * MINUTE]);
  });
});

describe('voting up to the deadline', () => {
  it('a vote a millisecond before the close counts; at the close it is refused, saying it closed', () => {
    const h = harness();
    h.run('alice', '/propose X --closes 1d');
    h.clock.set(T0 + DAY - 1);
    expect(h.run('bob', '/vote 1 agree').ok).toBe(true);
    h.clock.set(T0 + DAY);
    const r = h.run('carol', '/vote 1 agree');
    expect(r.ok).toBe(false);
    expect(said(r)).toContain('Voting on proposal #1 closed');
    expect(said(r)).toContain('it was open'); // the scheduler has not closed it yet
    expect(h.store.proposals.get(1)!.counts.agree).toBe(1);
  });

  it('after the close, says what it became', async () => {
    const h = harness();
    h.run('alice', '/propose X --closes 1d');
    h.run('bob', '/vote 1 agree');
    await h.advance(DAY);
    const r = h.run('carol', '/vote 1 block');
    expect(said(r)).toContain('Voting on proposal #1 closed Tue 24 Nov 2026 10:00 UTC; it was passed.');
  });
});

describe('reasons', () => {
  it('the answer repeats the stance and the reason; voting the same again says so and changes nothing', () => {
    const h = harness();
    h.run('alice', '/propose X');
    expect(said(h.run('bob', '/vote 1 agree cheap and useful'))).toBe('Your vote on #1 is recorded: agree (“cheap and useful”).');
    expect(said(h.run('carol', '/vote 1 no'))).toBe('Your vote on #1 is recorded: disagree.');
    expect(said(h.run('bob', '/vote 1 agree cheap and useful'))).toBe('You already vote agree on #1 (“cheap and useful”).');
    expect(h.store.proposals.vote(1, 'bob')).toMatchObject({ stance: 'agree', reason: 'cheap and useful' });
  });

  it('a new reason replaces the old; a new stance without a reason drops it', () => {
    const h = harness();
    h.run('alice', '/propose X');
    h.run('bob', '/vote 1 agree first');
    expect(said(h.run('bob', '/vote 1 agree second'))).toBe('Your vote on #1 stays agree; its reason is now “second”.');
    expect(h.store.proposals.vote(1, 'bob')).toMatchObject({ stance: 'agree', reason: 'second' });
    h.run('bob', '/vote 1 block');
    expect(h.store.proposals.vote(1, 'bob')).toMatchObject({ stance: 'block', reason: null });
    expect(h.store.proposals.get(1)!.counts).toEqual({ agree: 0, disagree: 0, abstain: 0, block: 1 });
  });
});

describe('closing and withdrawing by command', () => {
  it('the answer gives the outcome; a second close is refused, naming the status', () => {
    const h = harness();
    h.run('alice', '/propose X');
    h.run('bob', '/vote 1 agree');
    expect(said(h.run('alice', '/close 1'))).toBe('Proposal #1 is closed: passed.');
    const again = h.run('alice', '/withdraw 1');
    expect(again.ok).toBe(false);
    expect(said(again)).toContain('#1');
    expect(said(again)).toContain('already passed');
    expect(h.store.proposals.get(1)!).toMatchObject({ status: 'passed', closedBy: 'alice', closedAt: T0 });
  });

  it('withdrawing records who and when, and decides nothing', () => {
    const h = harness();
    h.run('alice', '/propose X');
    h.run('bob', '/vote 1 agree');
    expect(said(h.run('alice', '/withdraw 1'))).toBe('Proposal #1 is withdrawn.');
    expect(h.store.proposals.get(1)!).toMatchObject({ status: 'withdrawn', closedBy: 'alice', closedAt: T0 });
  });

  it('an unknown number is refused, naming it', () => {
    const h = harness();
    const r = h.run('alice', '/close 9');
    expect(r.ok).toBe(false);
    expect(said(r)).toContain('#9');
  });
});

describe('lists and details', () => {
  async function three() {
    const h = harness();
    h.run('alice', '/propose Open one');
    h.run('alice', '/propose Passed one');
    h.run('bob', '/vote 2 agree');
    h.run('alice', '/close 2');
    h.run('alice', '/propose Withdrawn one');
    h.run('alice', '/withdraw 3');
    return h;
  }
  it('open, closed, all: each with its title and only its proposals', async () => {
    const h = await three();
    const list = (f: string) => said(h.run('carol', `/proposals ${f}`)).split('\n');
    expect(list('open').map((l) => l.slice(0, 12))).toEqual(['Open proposa', '#1 Open one ']);
    expect(list('closed')[0]).toBe('Recently closed proposals');
    expect(
      list('closed')
        .slice(1)
        .map((l) => l.split(' ·')[0]),
    ).toEqual(['#3 Withdrawn one', '#2 Passed one']);
    expect(list('all')[0]).toBe('Proposals');
    expect(
      list('all')
        .slice(1)
        .map((l) => l.split(' ·')[0]),
    ).toEqual(['#1 Open one', '#3 Withdrawn one', '#2 Passed one']);
  });
  it('one proposal in detail: its card with who voted how, and no vote buttons', async () => {
    const h = await three();
    h.run('bob', '/vote 1 agree');
    h.run('carol', '/vote 1 block not now');
    const r = h.run('dan', '/proposals 1');
    expect(r.doc.voting).toBeUndefined();
    expect(said(r)).toContain('Votes: @bob agree, @carol block');
    expect(said(r)).toContain('🛑 block: @carol: not now');
    expect(said(h.run('dan', '/proposals 3'))).not.toContain('Votes:');
  });
  it('the decision log shows the latest decisions, as many as asked', async () => {
    const h = await three();
    const log = said(h.run('carol', '/decisions 1')).split('\n');
    expect(log).toHaveLength(2);
    expect(log[1]).toMatch(/^#3 withdrawn Withdrawn one/);
  });
  it('a card for a proposal that does not exist renders nothing', () => {
    const h = harness();
    expect(h.service.render(1, { proposal: 42 })).toBeUndefined();
    expect(h.service.render(1, { doc: { kind: 'notice', lines: [] } })).toEqual({ kind: 'notice', lines: [] });
  });
});
