import { describe, expect, it } from 'vitest';
import { text } from '../../src/core/delivery/doc';
import { DeliveryError } from '../../src/core/delivery/port';
import { RETENTION } from '../../src/core/retention';
import { DAY, HOUR, MINUTE } from '../../src/core/schedule';
import { notice } from '../../src/core/views';
import { harness } from '../helpers/harness';

const rows = (h: ReturnType<typeof harness>, sql: string) => h.store.db.prepare(sql).all();

describe('retention', () => {
  it('deletes delivered outbox rows after a day and given-up ones after 30 days, never pending ones', async () => {
    const h = harness({ dispatcher: { maxAttempts: 1 } });
    h.run('alice', '/propose Kept briefly --closes 40d');
    await h.dispatcher.drain();
    h.port.failures.push(() => new DeliveryError('gone', { permanent: true }));
    h.run('alice', '/propose Never delivered --closes 40d');
    await h.dispatcher.drain();
    expect(rows(h, 'SELECT ref, status FROM outbox ORDER BY id')).toEqual([
      { ref: 'proposal:1', status: 'done' },
      { ref: 'proposal:2', status: 'failed' },
    ]);
    await h.advance(RETENTION.doneOutboxMs + MINUTE);
    expect(rows(h, 'SELECT ref, status FROM outbox ORDER BY id')).toEqual([{ ref: 'proposal:2', status: 'failed' }]);
    // The card's message id stays (reactions and edits need it).
    expect(h.store.outbox.message('proposal:1')).toBeDefined();
    await h.advance(30 * DAY);
    expect(rows(h, 'SELECT ref FROM outbox')).toEqual([]);
  });

  it('a pending item is never pruned, however old', async () => {
    const h = harness();
    h.port.failures.push(() => new Error('down'));
    h.run('alice', '/propose Stuck for a while --closes 40d');
    await h.dispatcher.drain(); // failed once; waits for its retry
    h.clock.advance(35 * DAY);
    h.service.runDue(); // prunes
    expect(rows(h, "SELECT status FROM outbox WHERE ref = 'proposal:1'")).toEqual([{ status: 'pending' }]);
    await h.dispatcher.drain();
    expect(h.store.outbox.message('proposal:1')).toBeDefined(); // it got through in the end, and was not lost meanwhile
  });

  it('exactly-once keys go after 14 days, when their job can no longer run again: no second outcome, reminder or ping', async () => {
    const h = harness();
    for (const u of ['alice', 'bob']) h.run(u, '/rotation join');
    h.run('alice', '/propose Decide --closes 2d');
    await h.advance(3 * DAY);
    expect(rows(h, "SELECT key FROM scheduled_keys WHERE key LIKE 'outcome:%' OR key LIKE 'reminder:%' ORDER BY key")).toEqual([
      { key: 'outcome:1' },
      { key: 'reminder:1' },
    ]);
    await h.advance(RETENTION.scheduledKeysMs + HOUR);
    expect(rows(h, "SELECT key FROM scheduled_keys WHERE key LIKE 'outcome:%' OR key LIKE 'reminder:%'")).toEqual([]);
    // Whatever runs from now on (every tick, catch-up after a restart) posts nothing again.
    const before = h.port.posts().length;
    h.service.runDue();
    h.service.runDue(h.clock.now() + RETENTION.everyMs);
    await h.dispatcher.drain();
    expect(
      h.port
        .posts()
        .slice(before)
        .filter((p) => p.doc.kind !== 'rotation'),
    ).toEqual([]);
    expect(h.port.posts('outcome')).toHaveLength(1);
    expect(h.port.posts('reminder')).toHaveLength(1);
    // One ping per week, old weeks' keys gone or not.
    const weeks = h.port.posts('rotation').map((p) => p.doc.title);
    expect(new Set(weeks).size).toBe(weeks.length);
  });

  it('a delivered row is kept through the day, pruning runs and all (it is what one looks at when a delivery went wrong)', async () => {
    const h = harness();
    h.run('alice', '/propose Look into it later --closes 40d');
    await h.dispatcher.drain();
    await h.advance(RETENTION.doneOutboxMs - HOUR); // runDue prunes on the way
    expect(rows(h, 'SELECT ref, status FROM outbox')).toEqual([{ ref: 'proposal:1', status: 'done' }]);
  });

  it("a notice's digest outlives the pruning inside its coalescing window, so the same notice stays quiet until the window ends", async () => {
    const h = harness();
    h.run('alice', '/rotation join');
    const channel = h.store.channels.find(h.address)!;
    const doc = notice([text('Roles changed for this week.')]);
    expect(h.service.rotation.publicNotice(channel, doc)).toBe(true);
    await h.advance(RETENTION.noticesMs - MINUTE);
    expect(h.service.rotation.publicNotice(channel, doc)).toBe(false);
    await h.advance(2 * MINUTE);
    expect(rows(h, 'SELECT digest FROM recent_notices')).toEqual([]); // pruned once the window is over
    expect(h.service.rotation.publicNotice(channel, doc)).toBe(true);
  });
});
