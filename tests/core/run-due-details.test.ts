// runDue's boundaries: each job runs at its moment and not a millisecond before, reminders go to
// exactly those who should get them, batches are bounded, remembered event ids expire.
import { describe, expect, it } from 'vitest';
import { Leaderful } from '../../src/core/service';
import { DAY, HOUR } from '../../src/core/schedule';
import { harness, T0 } from '../helpers/harness';

describe('jobs fall due at their moment, not before', () => {
  it('a close at closesAt, a reminder at remindAt, a ping at the weekly time', () => {
    const h = harness();
    h.run('a', '/rotation join');
    h.run('a', '/propose X --closes 3d');
    const p = h.store.proposals.get(1)!;
    expect(p.remindAt).toBe(p.closesAt - DAY);
    h.run('b', '/vote 1 agree');
    expect(h.service.runDue(p.remindAt! - 1)).toEqual({ closed: 0, reminded: 0, pinged: 0 });
    expect(h.service.runDue(p.remindAt!)).toEqual({ closed: 0, reminded: 1, pinged: 0 });
    expect(h.service.runDue(p.closesAt - 1)).toEqual({ closed: 0, reminded: 0, pinged: 0 });
    expect(h.service.runDue(p.closesAt)).toEqual({ closed: 1, reminded: 0, pinged: 0 });
    const ping = Date.parse('2026-11-30T09:00:00Z');
    expect(h.service.runDue(ping - 1).pinged).toBe(0);
    expect(h.service.runDue(ping).pinged).toBe(1);
  });
});

describe('closing-soon reminders', () => {
  it('ping roster members who have not voted and are not away; someone back exactly now counts as here', async () => {
    const h = harness();
    for (const u of ['ann', 'bob', 'cat', 'dan', 'eve']) h.run(u, '/rotation join');
    h.run('eve', '/rotation leave');
    h.run('ann', '/propose X --closes 3d'); // reminder at T0 + 2 days: 2026-11-25 10:00 UTC
    h.run('ann', '/vote 1 agree');
    h.run('bob', '/rotation away 2026-11-25 10:00'); // back exactly when the reminder goes
    h.run('cat', '/rotation away 2026-11-25 10:01'); // still away then
    h.clock.set(T0 + 2 * DAY);
    expect(h.service.runDue()).toMatchObject({ reminded: 1 });
    await h.dispatcher.drain();
    const [reminder] = h.port.posts('reminder');
    const pinged = reminder!.doc.lines.flat().flatMap((s) => ('user' in s && s.ping ? [s.user] : []));
    expect(pinged).toEqual(['bob', 'dan']);
  });

  it('goes once, and not at all when everyone here has voted', async () => {
    const h = harness();
    h.run('ann', '/rotation join');
    h.run('ann', '/propose X --closes 3d');
    h.run('ann', '/propose Y --closes 3d');
    h.run('ann', '/vote 2 agree');
    h.clock.set(T0 + 2 * DAY);
    expect(h.service.runDue().reminded).toBe(1);
    expect(h.service.runDue().reminded).toBe(0);
    await h.dispatcher.drain();
    expect(h.port.posts('reminder').map((r) => r.doc.title)).toEqual(['Closing soon: proposal #1: X']);
    // Proposal 2's reminder is spent, not postponed: a later tick sends nothing for it either.
    expect(h.store.proposals.get(2)!.remindAt).toBeNull();
  });
});

describe('batches, notifications and logs', () => {
  it('handles at most dueBatch items of a kind per tick; the rest go in the next one', () => {
    const h = harness();
    const service = new Leaderful(h.store, h.clock, { dueBatch: 2 });
    for (let i = 0; i < 3; i++) h.run('a', `/propose P${i} --closes 1h`);
    h.clock.advance(HOUR);
    expect(service.runDue().closed).toBe(2);
    expect(service.runDue().closed).toBe(1);
    expect(service.runDue().closed).toBe(0);
  });

  it('tells the dispatcher (onQueued) and logs only when something was done', () => {
    const h = harness();
    let queued = 0;
    const infos: { msg: string; data?: Record<string, unknown> | undefined }[] = [];
    const service = new Leaderful(h.store, h.clock, {
      onQueued: () => queued++,
      log: { info: (msg, data) => infos.push({ msg, data }), warn() {}, error() {} },
    });
    service.runDue();
    expect(queued).toBe(0);
    expect(infos).toEqual([]);
    h.run('a', '/propose P --closes 1h');
    h.clock.advance(HOUR);
    service.runDue();
    expect(queued).toBe(1);
    expect(infos).toEqual([{ msg: 'scheduled work done', data: { closed: 1, reminded: 0, pinged: 0 } }]);
  });

  it('remembers event ids for a day: a retry within it is a duplicate, an id reused much later is not', () => {
    const h = harness();
    h.run('a', '/propose P --closes 1w');
    const first = h.service.command(h.ctx('b', { eventId: 'ev1' }), 'vote', '1 agree');
    expect(first.duplicate).toBeUndefined();
    h.clock.advance(12 * HOUR);
    h.service.runDue();
    expect(h.service.command(h.ctx('b', { eventId: 'ev1' }), 'vote', '1 disagree').duplicate).toBe(true);
    expect(h.store.proposals.get(1)!.counts.agree).toBe(1);
    h.clock.advance(2 * DAY);
    h.service.runDue();
    expect(h.service.command(h.ctx('b', { eventId: 'ev1' }), 'vote', '1 disagree').duplicate).toBeUndefined();
    expect(h.store.proposals.get(1)!.counts.disagree).toBe(1);
  });
});
