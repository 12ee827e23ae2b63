import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock';
import { Leaderful } from '../../src/core/service';
import { DAY } from '../../src/core/schedule';
import { docText, harness, T0 } from '../helpers/harness';

describe('runDue', () => {
  it('does nothing twice: repeated and overlapping ticks post each job once', async () => {
    const h = harness();
    for (const u of ['a', 'b']) h.run(u, '/rotation join');
    h.run('a', '/propose X --closes 2d');
    h.clock.advance(8 * DAY);
    const first = h.service.runDue();
    // The reminder's moment passed too, but a reminder for a closed proposal would be noise.
    expect(first).toEqual({ closed: 1, reminded: 0, pinged: 1 });
    expect(h.service.runDue()).toEqual({ closed: 0, reminded: 0, pinged: 0 });
    // A second service on the same database (another process, say) finds nothing either.
    const twin = new Leaderful(h.store, new ManualClock(h.clock.now()));
    expect(twin.runDue()).toEqual({ closed: 0, reminded: 0, pinged: 0 });
    await h.dispatcher.drain();
    expect(h.port.posts('outcome')).toHaveLength(1);
    expect(h.port.posts('rotation')).toHaveLength(1);
  });

  it('a close caught up after downtime records the deadline as its closing time and is marked late', async () => {
    const h = harness();
    h.run('a', '/propose Offline at the deadline --closes 1d');
    h.run('b', '/vote 1 agree');
    h.clock.set(T0 + 3 * DAY); // the bot was down across the deadline
    expect(h.service.runDue().closed).toBe(1);
    await h.dispatcher.drain();
    const p = h.store.proposals.byNumber(h.store.channels.find(h.address)!.id, 1)!;
    expect(p.closedAt).toBe(T0 + DAY);
    const outcome = h.port.posts('outcome')[0]!.doc;
    expect(outcome.late).toBe(true);
    const t = docText(outcome);
    expect(t).toContain('Closed Tue 24 Nov 2026 10:00 UTC');
    expect(t).toContain('(Late: voting closed at its deadline while I was offline; this outcome was posted Thu 26 Nov 2026 10:00 UTC.)');
    expect(docText(h.service.command(h.ctx('b'), 'decisions', '').doc)).toContain('Tue 24 Nov');
  });

  it('a close on time is not late, and it too records its deadline', async () => {
    const h = harness();
    h.run('a', '/propose On time --closes 1d');
    h.clock.set(T0 + DAY + 10_000); // the next 10-second tick
    h.service.runDue();
    await h.dispatcher.drain();
    expect(h.store.proposals.byNumber(h.store.channels.find(h.address)!.id, 1)!.closedAt).toBe(T0 + DAY);
    const outcome = h.port.posts('outcome')[0]!.doc;
    expect(outcome.late).toBeUndefined();
    expect(docText(outcome)).not.toContain('Late');
  });

  it('catches up once after downtime: one late ping for the latest week, not one per missed week', async () => {
    const h = harness();
    h.run('a', '/rotation join');
    h.clock.set(T0 + 20 * DAY); // three Mondays missed
    h.service.runDue();
    await h.dispatcher.drain();
    const pings = h.port.posts('rotation');
    expect(pings).toHaveLength(1);
    expect(pings[0]!.doc.late).toBe(true);
    expect(docText(pings[0]!.doc)).toMatch(/Late: this was due Mon 7 Dec 2026 09:00/);
    expect(docText(pings[0]!.doc)).toMatch(/week of Mon 7 Dec 2026/);
  });

  it('one job that fails is logged and undone alone; the others in the tick still happen', async () => {
    const errors: string[] = [];
    const h = harness();
    const service = new Leaderful(h.store, h.clock, { log: { info() {}, warn() {}, error: (m) => errors.push(m) } });
    h.run('a', '/propose One --closes 1d');
    h.run('a', '/propose Two --closes 1d');
    h.run('a', '/propose Three --closes 1d');
    // A trigger makes closing #2 fail inside the tick, as a disk or constraint error would.
    h.store.db.exec(`CREATE TRIGGER poison BEFORE UPDATE OF status ON proposals WHEN NEW.id = 2 BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    h.clock.advance(2 * DAY);
    expect(service.runDue()).toEqual({ closed: 2, reminded: 0, pinged: 0 });
    expect(errors).toEqual(['scheduled job failed']);
    expect([1, 2, 3].map((id) => h.store.proposals.get(id)!.status)).toEqual(['rejected', 'open', 'rejected']);
    expect(h.store.db.prepare("SELECT ref FROM outbox WHERE ref LIKE 'outcome:%' ORDER BY ref").all()).toEqual([{ ref: 'outcome:1' }, { ref: 'outcome:3' }]);
    // Once the trouble is gone, the next tick closes it.
    h.store.db.exec('DROP TRIGGER poison');
    expect(service.runDue().closed).toBe(1);
  });

  it('knows when the next job is due', () => {
    const h = harness();
    expect(h.service.nextDueAt()).toBeNull();
    h.run('a', '/rotation join');
    expect(h.service.nextDueAt()).toBe(Date.parse('2026-11-30T09:00:00Z'));
    h.run('a', '/propose X --closes 3d');
    expect(h.service.nextDueAt()).toBe(T0 + 2 * DAY); // the closing-soon reminder, 24 h before close
  });
});
