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

  it('knows when the next job is due', () => {
    const h = harness();
    expect(h.service.nextDueAt()).toBeNull();
    h.run('a', '/rotation join');
    expect(h.service.nextDueAt()).toBe(Date.parse('2026-11-30T09:00:00Z'));
    h.run('a', '/propose X --closes 3d');
    expect(h.service.nextDueAt()).toBe(T0 + 2 * DAY); // the closing-soon reminder, 24 h before close
  });
});
