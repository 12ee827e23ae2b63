import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../src/core/schedule';
import { harness } from '../helpers/harness';

// A full garbage collection before measuring the heap (as bench/lib.ts does), when V8 allows it.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (() => void) | undefined;
const heapMb = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1e6;
};

const MEMBERS = Array.from({ length: 30 }, (_, i) => `m${i}`);
const REACTIONS = ['👍', '👎', '🤷', '🛑'];
const STANCE_OF: Record<string, string> = { '👍': 'agree', '👎': 'disagree', '🤷': 'abstain', '🛑': 'block' };
const PROPOSALS_PER_HOUR = 8;
const VOTERS_PER_PROPOSAL = 20;
const FLIPS_PER_PROPOSAL = 5;

interface Sizes {
  day: number;
  outbox: number;
  scheduledKeys: number;
  seenEvents: number;
  swapOffers: number;
  notices: number;
  limiter: number;
  heapMb: number;
}

describe('a month of traffic', () => {
  it('keeps the outbox, exactly-once keys, event ids and in-memory caches flat (pruned on schedule), with every vote counted', async () => {
    const h = harness();
    const size = (table: string) => (h.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    h.run('admin', '/leaderful settings reminder 1h', { admin: true }); // a closing-soon ping for every proposal
    for (const m of MEMBERS) h.run(m, '/rotation join');
    let event = 0;
    let proposals = 0;
    let votes = 0;
    const expected = new Map<number, Map<string, string>>(); // proposal id -> member -> stance
    const measured: Sizes[] = [];
    let checked = 0;

    for (let day = 0; day < 28; day++) {
      const morning = Date.parse('2026-11-23T09:00:00Z') + day * DAY;
      await h.advance(morning - h.clock.now());
      for (let hour = 0; hour < 8; hour++) {
        const ids: number[] = [];
        for (let i = 0; i < PROPOSALS_PER_HOUR; i++) {
          h.clock.advance(60_000);
          const author = MEMBERS[(proposals + i) % MEMBERS.length]!;
          const r = h.run(author, `/propose Idea ${proposals + i} | because --closes 3h`);
          expect(r.ok, JSON.stringify(r.doc)).toBe(true);
        }
        proposals += PROPOSALS_PER_HOUR;
        await h.dispatcher.drain(); // the cards go out: reactions need their message ids
        for (const p of h.store.proposals.open(1).slice(-PROPOSALS_PER_HOUR)) ids.push(p.id);
        for (const id of ids) {
          const message = h.store.outbox.message(`proposal:${id}`)!.platformMessageId;
          const stances = new Map<string, string>();
          expected.set(id, stances);
          for (let v = 0; v < VOTERS_PER_PROPOSAL + FLIPS_PER_PROPOSAL; v++) {
            h.clock.advance(1000);
            const member = MEMBERS[(id * 7 + v) % MEMBERS.length]!;
            const reaction = REACTIONS[(id + v) % REACTIONS.length]!;
            const r = h.service.react(h.ctx(member, { eventId: `ev${event++}` }), message, reaction, true);
            expect(r).toBeUndefined(); // counted: nobody was slowed down
            stances.set(member, reaction);
            votes++;
          }
          await h.dispatcher.drain();
        }
        await h.advance(HOUR - 60_000 * PROPOSALS_PER_HOUR - 1000 * ids.length * (VOTERS_PER_PROPOSAL + FLIPS_PER_PROPOSAL));
      }
      // Once a day: the rotation changes hands a little (offers, swaps, skips: notices).
      const channel = h.store.channels.find(h.address)!;
      const plan = h.store.rotation.assignments(channel.id, h.service.rotation.currentPeriod(channel).key);
      const holder = plan[0]?.userId;
      if (holder) {
        const taker = MEMBERS[(day * 5 + 3) % MEMBERS.length]!;
        if (taker !== holder && !plan.some((a) => a.userId === taker) && h.run(holder, `/rotation swap <@${taker}>`).ok) h.run(taker, '/rotation accept');
      }
      await h.advance(morning + 15 * HOUR - h.clock.now()); // evening: everything closed, delivered, pruned
      // Nothing was lost: every vote of the day is stored as cast. (Checked daily, then dropped, like
      // what the test's recording platform saw: the test's own records must not look like the bot's growth.)
      for (const [id, stances] of expected) {
        const stored = new Map(h.store.proposals.votes(id).map((v) => [v.userId, v.stance]));
        expect(stored).toEqual(new Map([...stances].map(([u, r]) => [u, STANCE_OF[r]!])));
      }
      checked += expected.size;
      expected.clear();
      h.port.sent.length = 0;
      if (day % 7 === 6) {
        measured.push({
          day: day + 1,
          outbox: size('outbox'),
          scheduledKeys: size('scheduled_keys'),
          seenEvents: size('seen_events'),
          swapOffers: size('swap_offers'),
          notices: size('recent_notices'),
          limiter: h.service.limiter.size,
          heapMb: Math.round(heapMb() * 10) / 10,
        });
      }
    }

    console.info(`a month: ${proposals} proposals, ${votes} reaction votes, ${size('messages')} messages posted`, measured);
    const [week1, week2, week3, week4] = measured as [Sizes, Sizes, Sizes, Sizes];
    // Nothing was lost: every proposal was decided, every vote is there as cast.
    expect(proposals).toBe(28 * 8 * PROPOSALS_PER_HOUR);
    expect(h.store.proposals.allOpen()).toEqual([]);
    expect(checked).toBe(proposals);
    expect(size('vote_history')).toBe(votes);
    // Flat: what is pruned by age stays the size of its horizon's traffic, week after week.
    const maxOutboxId = (h.store.db.prepare('SELECT max(id) AS n FROM outbox').get() as { n: number }).n;
    expect(maxOutboxId).toBeGreaterThan(20 * week4.outbox); // most of what went through the outbox is gone…
    expect(week4.outbox).toBeLessThanOrEqual(week1.outbox * 1.2); // …and what is left does not grow
    expect(week4.seenEvents).toBeLessThanOrEqual(week1.seenEvents * 1.2);
    expect(week4.seenEvents).toBeLessThan(VOTERS_PER_PROPOSAL * 2 * 8 * PROPOSALS_PER_HOUR * 2); // about a day of events
    // Exactly-once keys live 14 days: they grow for two weeks, then stay.
    expect(week3.scheduledKeys).toBeGreaterThan(week1.scheduledKeys);
    expect(week4.scheduledKeys).toBeLessThanOrEqual(week3.scheduledKeys * 1.05);
    expect(week4.scheduledKeys).toBeLessThanOrEqual(15 * 2 * 8 * PROPOSALS_PER_HOUR + 10); // two keys a proposal, 14 days (+ pings)
    expect(week4.swapOffers).toBeLessThanOrEqual(1);
    expect(week4.notices).toBeLessThanOrEqual(4);
    // In memory: the rate limiter holds at most a bucket per member and kind, and a channel's.
    expect(week4.limiter).toBeLessThanOrEqual(MEMBERS.length * 3 + 2);
    if (gc) expect(week4.heapMb - week2.heapMb).toBeLessThan(5); // the heap after GC does not grow with traffic
  }, 180_000);
});
