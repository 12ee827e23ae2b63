import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../src/core/schedule';
import { docText, harness } from '../helpers/harness';

const said = (r: { doc: Parameters<typeof docText>[0] }) => docText(r.doc).trim();
const count = (h: ReturnType<typeof harness>, sql: string, ...args: unknown[]) => (h.store.db.prepare(sql).get(...args) as { n: number }).n;

describe('spam is slowed down, and nothing accepted is lost', () => {
  it('5,000 proposals with 2,000-character reasons in 238 ms: 5 are accepted and stored, every other one is told to slow down and when', () => {
    const h = harness();
    const reasons = 'x'.repeat(2000);
    const accepted: number[] = [];
    const refusals = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      if (i % 21 === 0) h.clock.advance(1); // 5,000 requests over 238 ms of (injected) time
      const r = h.run('spammer', `/propose Spam ${i} | ${reasons}`);
      if (r.ok) accepted.push(i);
      else
        refusals.add(
          said(r)
            .replace(/\d+ (second|minute)s?/, 'N $1s')
            .replace(/\(at [^)]*\)/, '(at T)'),
        );
    }
    expect(accepted).toEqual([0, 1, 2, 3, 4]);
    expect([...refusals]).toEqual(['Slow down: You have made several proposals in a short time. Nothing was changed; try again in N minutes (at T).']);
    // Every accepted proposal is stored, with its reasons, and posted; nothing else is.
    const stored = h.store.db.prepare("SELECT title, length(reasons) AS len FROM proposals WHERE author_id = 'spammer' ORDER BY number").all();
    expect(stored).toEqual(accepted.map((i) => ({ title: `Spam ${i}`, len: 2000 })));
    expect(count(h, "SELECT count(*) AS n FROM outbox WHERE ref LIKE 'proposal:%'")).toBe(5);
    // The wait is real: after it, one more goes through.
    const wait = h.run('spammer', '/propose One more');
    expect(docText(wait.doc)).toMatch(/try again in 2 minutes/);
    h.clock.advance(2 * MINUTE);
    expect(h.run('spammer', '/propose One more').ok).toBe(true);
  });

  it('20,000 vote flips in 721 ms: the first 60 count, the rest are refused with a slow-down reply, and the stored vote, history and tally agree', () => {
    const h = harness();
    h.run('alice', '/propose Something');
    const accepted: string[] = [];
    let refused = 0;
    for (let i = 0; i < 20_000; i++) {
      if (i % 28 === 0) h.clock.advance(1); // 20,000 over about 721 ms
      const stance = i % 2 ? 'disagree' : 'agree';
      const r = h.run('flipper', `/vote 1 ${stance}`);
      if (r.ok) accepted.push(stance);
      else {
        refused++;
        expect(said(r)).toMatch(/^Slow down: You have voted many times in a short time\. That vote was not counted; try again in 1 second\.$/);
      }
    }
    // 60 at once, then one a second: 721 ms adds none.
    expect(accepted).toHaveLength(60);
    expect(refused).toBe(20_000 - 60);
    expect(count(h, "SELECT count(*) AS n FROM vote_history WHERE user_id = 'flipper'")).toBe(60);
    expect(h.store.proposals.vote(1, 'flipper')?.stance).toBe(accepted.at(-1));
    expect(h.store.proposals.get(1)!.counts).toMatchObject({ [accepted.at(-1)!]: 1 });
  });

  it('reaction flips: only the first refusal gets an answer (no flood of private replies), and history matches what was counted', async () => {
    const h = harness();
    h.run('alice', '/propose Something');
    await h.dispatcher.drain();
    const message = h.port.posts('proposal')[0]!.messageId;
    const answers: string[] = [];
    let quiet = 0;
    for (let i = 0; i < 1000; i++) {
      const r = h.service.react(h.ctx('flipper', { eventId: `ev${i}` }), message, i % 2 ? '👎' : '👍', true);
      if (r === undefined) quiet++;
      else if (!r.ok) answers.push(said(r));
    }
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatch(/^Slow down: You have voted many times/);
    expect(quiet).toBe(1000 - 1); // 60 counted (a counted reaction gets no reply) and 939 refused quietly
    expect(count(h, "SELECT count(*) AS n FROM vote_history WHERE user_id = 'flipper'")).toBe(60);
    // After the wait the member is heard again, and told again if they go on.
    h.clock.advance(5000);
    expect(h.service.react(h.ctx('flipper', { eventId: 'later' }), message, '🤷', true)).toBeUndefined(); // counted (reactions get no reply)
    expect(h.store.proposals.vote(1, 'flipper')?.stance).toBe('abstain');
  });

  it('a whole group voting at once is never slowed (votes have no per-channel limit), nor is a member making up their mind', async () => {
    const h = harness();
    h.run('alice', '/propose Everyone decides');
    await h.dispatcher.drain();
    const message = h.port.posts('proposal')[0]!.messageId;
    for (let i = 0; i < 2500; i++) expect(h.service.react(h.ctx(`u${i}`, { eventId: `e${i}` }), message, '👍', true)).toBeUndefined();
    expect(h.store.proposals.get(1)!.counts.agree).toBe(2500);
    // One member: votes on 40 proposals in a row, then changes a vote back and forth ten times.
    const m = harness();
    for (let i = 0; i < 40; i++) {
      m.clock.advance(30_000); // 40 proposals by 40 members over 20 minutes
      expect(m.run(`author${i}`, `/propose P${i}`).ok).toBe(true);
    }
    for (let i = 1; i <= 40; i++) expect(m.run('keen', `/vote ${i} agree`).ok).toBe(true);
    for (let i = 0; i < 10; i++) expect(m.run('keen', `/vote 1 ${i % 2 ? 'agree' : 'block'}`).ok).toBe(true);
  });

  it('many members proposing at the same moment: the channel takes 20, then one every 30 seconds', () => {
    const h = harness();
    const results = Array.from({ length: 25 }, (_, i) => h.run(`m${i}`, `/propose Idea ${i}`));
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    expect(said(results[20]!)).toBe('Slow down: This channel has had many new proposals in a short time. Nothing was changed; try again in 30 seconds.');
    h.clock.advance(30_000);
    expect(h.run('m20', '/propose Idea 20').ok).toBe(true);
  });
});

describe('caps on open proposals', () => {
  it('a member can have at most 10 open in a channel by default; closing one makes room', () => {
    const h = harness();
    for (let i = 1; i <= 10; i++) {
      if (i % 5 === 0) h.clock.advance(10 * MINUTE); // a patient member, under the rate limit
      expect(h.run('alice', `/propose Idea ${i} --closes 1w`).ok).toBe(true);
    }
    h.clock.advance(HOUR);
    const r = h.run('alice', '/propose Idea 11');
    expect(docText(r.doc)).toMatch(/You have 10 proposals open here, the most this channel allows per member \(10\)\. Wait for one to close, or withdraw one/);
    expect(count(h, 'SELECT count(*) AS n FROM proposals')).toBe(10);
    h.run('alice', '/withdraw 3');
    expect(h.run('alice', '/propose Idea 11').ok).toBe(true);
  });

  it('the channel cap is a setting admins change, stored with the channel', () => {
    const h = harness();
    expect(docText(h.run('bob', '/leaderful settings').doc)).toMatch(/Open proposals at most: 50 in the channel, 10 per member/);
    expect(h.run('admin', '/leaderful settings max-open 2 max-open-member 1', { admin: true }).ok).toBe(true);
    expect(h.store.channels.find(h.address)!.settings).toMatchObject({ maxOpen: 2, maxOpenPerMember: 1 });
    expect(h.run('alice', '/propose One').ok).toBe(true);
    expect(docText(h.run('alice', '/propose Two').doc)).toMatch(/the most this channel allows per member \(1\)/);
    expect(h.run('bob', '/propose Two').ok).toBe(true);
    expect(docText(h.run('carol', '/propose Three').doc)).toMatch(
      /This channel has 2 proposals open, the most it allows \(2\)\. .*\/leaderful settings max-open <n>/,
    );
    expect(docText(h.run('admin', '/leaderful settings max-open 0', { admin: true }).doc)).toMatch(/max-open must be between 1 and 1000/);
    expect(docText(h.run('admin', '/leaderful settings max-open-member lots', { admin: true }).doc)).toMatch(/max-open-member is a whole number/);
  });
});
