import { describe, expect, it, vi } from 'vitest';
import { harness, T0 } from '../../helpers/harness';

/** Three members on the rotation, this week's roles announced (alice facilitates, bob takes notes). */
async function announcedWeek() {
  const h = harness({ start: T0 });
  for (const u of ['alice', 'bob', 'carol']) h.run(u, '/rotation join');
  await h.advance(7 * 24 * 3600_000); // to the next Monday's ping
  const ping = h.port.posts('rotation').at(-1)!;
  expect(ping.doc.title).toMatch(/This week's roles/);
  return h;
}

describe('a post goes out exactly once', () => {
  it('two changes in the same millisecond post two notices, each once', async () => {
    const h = await announcedWeek();
    const before = h.port.posts().length;
    expect(h.run('alice', '/rotation swap @carol').ok).toBe(true);
    expect(h.run('alice', '/rotation swap @bob').ok).toBe(true); // same clock reading
    await h.dispatcher.drain();
    h.clock.advance(3600_000);
    await h.dispatcher.drain();
    const notices = h.port.posts().slice(before);
    expect(notices).toHaveLength(2);
    expect(new Set(notices.map((n) => n.messageId)).size).toBe(2);
    expect(h.store.outbox.pendingCount()).toBe(0);
    const failed = h.store.db.prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'failed'`).get() as { n: number };
    expect(failed.n).toBe(0);
  });

  it('recording a post failing after the send does not send it again; a retry records it', async () => {
    const h = harness();
    const record = vi.spyOn(h.store.outbox, 'recordMessage').mockImplementationOnce(() => {
      throw new Error('disk I/O error');
    });
    h.run('alice', '/propose Once only');
    expect(await h.dispatcher.drain()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(h.port.posts()).toHaveLength(1);
    // The platform's id was written down first, on the outbox item itself.
    const row = h.store.db.prepare(`SELECT sent_message_id AS id, status FROM outbox WHERE ref LIKE 'proposal:%'`).get() as { id: string; status: string };
    expect(row).toEqual({ id: h.port.posts()[0]!.messageId, status: 'pending' });
    for (let i = 0; i < 5; i++) {
      h.clock.advance(60_000);
      await h.dispatcher.drain();
    }
    expect(h.port.posts()).toHaveLength(1);
    expect(record).toHaveBeenCalledTimes(2);
    expect(h.store.outbox.message('proposal:1')?.platformMessageId).toBe(h.port.posts()[0]!.messageId);
    expect(h.store.outbox.pendingCount()).toBe(0);
    // Votes on it now reach the posted message by edit.
    h.run('bob', '/vote 1 agree');
    await h.dispatcher.drain();
    expect(h.port.edits().at(-1)!.messageId).toBe(h.port.posts()[0]!.messageId);
  });

  it('even when writing down the sent id fails too, this process records rather than re-sends', async () => {
    const h = harness();
    vi.spyOn(h.store.outbox, 'markSent').mockImplementationOnce(() => {
      throw new Error('database is locked');
    });
    h.run('alice', '/propose Still once');
    expect((await h.dispatcher.drain()).retried).toBe(1);
    h.clock.advance(60_000);
    expect((await h.dispatcher.drain()).delivered).toBe(1);
    expect(h.port.posts()).toHaveLength(1);
    expect(h.store.outbox.message('proposal:1')?.platformMessageId).toBe(h.port.posts()[0]!.messageId);
  });

  it('a sent post whose recording keeps failing is given up, never re-sent', async () => {
    const h = harness({ dispatcher: { maxAttempts: 3 } });
    vi.spyOn(h.store.outbox, 'recordMessage').mockImplementation(() => {
      throw new Error('UNIQUE constraint failed: messages.ref');
    });
    h.run('alice', '/propose Stubborn');
    for (let i = 0; i < 6; i++) {
      await h.dispatcher.drain();
      h.clock.advance(10 * 60_000);
    }
    expect(h.port.posts()).toHaveLength(1);
    const row = h.store.db.prepare(`SELECT status, attempts FROM outbox WHERE ref = 'proposal:1'`).get();
    expect(row).toEqual({ status: 'failed', attempts: 3 });
  });
});
