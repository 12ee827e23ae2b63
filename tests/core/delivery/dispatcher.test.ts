import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/delivery/port';
import { harness } from '../../helpers/harness';

describe('outbox dispatcher', () => {
  it('delivers nothing until asked, then posts in order', async () => {
    const h = harness();
    h.run('alice', '/propose One');
    h.run('alice', '/propose Two');
    expect(h.port.sent).toHaveLength(0);
    expect(h.store.outbox.pendingCount()).toBe(2);
    await h.dispatcher.drain();
    expect(h.port.posts().map((p) => p.doc.title)).toEqual(['Proposal #1: One', 'Proposal #2: Two']);
    expect(h.store.outbox.pendingCount()).toBe(0);
  });

  it('an edit queued before its post is delivered folds into the post (rendered at delivery)', async () => {
    const h = harness();
    h.run('alice', '/propose One');
    h.run('bob', '/vote 1 agree');
    h.run('carol', '/vote 1 agree');
    await h.dispatcher.drain();
    expect(h.port.posts()[0]!.doc.tally?.counts.agree).toBe(2);
    // One pending edit at most, delivered after the post with the same final state.
    expect(h.port.edits().length).toBeLessThanOrEqual(1);
  });

  it('coalesces a burst of votes into edits no more often than the edit interval, ending exact', async () => {
    const h = harness({ minEditIntervalMs: 1000 });
    h.run('alice', '/propose Burst');
    await h.dispatcher.drain();
    const msg = h.port.posts()[0]!.messageId;
    for (let i = 0; i < 100; i++) {
      h.service.react(h.ctx(`u${i}`), msg, i % 4 === 3 ? '👎' : '👍', true);
      h.clock.advance(50); // 100 votes over 5 s
      await h.dispatcher.drain();
    }
    h.clock.advance(1000);
    await h.dispatcher.drain();
    const edits = h.port.edits();
    expect(edits.length).toBeLessThanOrEqual(7);
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(1000);
    expect(edits.at(-1)!.doc.tally?.counts).toEqual({ agree: 75, disagree: 25, abstain: 0, block: 0 });
  });

  it('retries failures with exponential backoff, then delivers', async () => {
    const h = harness({ dispatcher: { baseBackoffMs: 1000 } });
    h.port.failures.push(
      () => new Error('HTTP 500'),
      () => new Error('HTTP 502'),
    );
    h.run('alice', '/propose Flaky');
    expect(await h.dispatcher.drain()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    h.clock.advance(999);
    expect((await h.dispatcher.drain()).retried).toBe(0); // not yet due
    h.clock.advance(1);
    expect((await h.dispatcher.drain()).retried).toBe(1);
    h.clock.advance(1999);
    expect((await h.dispatcher.drain()).delivered).toBe(0);
    h.clock.advance(1);
    expect((await h.dispatcher.drain()).delivered).toBe(1);
    expect(h.port.posts()).toHaveLength(1);
  });

  it('honours Retry-After when it is longer than the backoff', async () => {
    const h = harness();
    h.port.failures.push(() => new DeliveryError('rate limited', { retryAfterMs: 30_000 }));
    h.run('alice', '/propose Limited');
    await h.dispatcher.drain();
    h.clock.advance(29_999);
    await h.dispatcher.drain();
    expect(h.port.posts()).toHaveLength(0);
    h.clock.advance(1);
    await h.dispatcher.drain();
    expect(h.port.posts()).toHaveLength(1);
  });

  it('gives up after the bounded number of tries, logs, and fails the edits that depended on it', async () => {
    const errors: string[] = [];
    const h = harness({ dispatcher: { maxAttempts: 3, baseBackoffMs: 10, log: { info() {}, warn() {}, error: (m) => errors.push(m) } } });
    for (let i = 0; i < 3; i++) h.port.failures.push(() => new Error('down'));
    h.run('alice', '/propose Doomed');
    for (let i = 0; i < 5; i++) {
      await h.dispatcher.drain();
      h.clock.advance(1000);
    }
    expect(errors).toEqual(['giving up on a message']);
    expect(h.store.outbox.pendingCount()).toBe(0);
    expect(h.store.db.prepare('SELECT status, attempts FROM outbox').get()).toEqual({ status: 'failed', attempts: 3 });
  });

  it('rate-limited retries do not use up the failure budget, but are bounded too', async () => {
    const h = harness({ dispatcher: { maxAttempts: 3, maxRateLimited: 5 } });
    for (let i = 0; i < 5; i++) h.port.failures.push(() => new DeliveryError('429', { retryAfterMs: 1000 }));
    h.run('alice', '/propose Paced');
    for (let i = 0; i < 6; i++) {
      await h.dispatcher.drain();
      h.clock.advance(1000);
    }
    expect(h.port.posts()).toHaveLength(1); // five 429s > maxAttempts, still delivered
    for (let i = 0; i < 6; i++) h.port.failures.push(() => new DeliveryError('429', { retryAfterMs: 1000 }));
    h.run('alice', '/propose Throttled forever');
    for (let i = 0; i < 8; i++) {
      await h.dispatcher.drain();
      h.clock.advance(1000);
    }
    expect(h.store.db.prepare("SELECT status, attempts, rate_limited FROM outbox WHERE ref = 'proposal:2'").get()).toEqual({
      status: 'failed',
      attempts: 0,
      rate_limited: 6,
    });
  });

  it('a permanent error is not retried', async () => {
    const h = harness();
    h.port.failures.push(() => new DeliveryError('channel_not_found', { permanent: true }));
    h.run('alice', '/propose Gone');
    expect(await h.dispatcher.drain()).toEqual({ delivered: 0, retried: 0, failed: 1 });
  });

  it('keeps order per message: a failed edit holds back nothing of other messages, and later edits wait', async () => {
    const h = harness();
    h.run('alice', '/propose A');
    await h.dispatcher.drain();
    h.port.failures.push(() => new Error('blip'));
    h.run('bob', '/vote 1 agree'); // edit of A fails once
    h.run('alice', '/propose B'); // another message goes out meanwhile
    await h.dispatcher.drain();
    expect(h.port.posts().map((p) => p.doc.title)).toEqual(['Proposal #1: A', 'Proposal #2: B']);
    h.run('carol', '/vote 1 agree'); // coalesces into the pending (retrying) edit
    h.clock.advance(60_000);
    await h.dispatcher.drain();
    const edits = h.port.edits().filter((e) => e.messageId === h.port.posts()[0]!.messageId);
    expect(edits).toHaveLength(1);
    expect(edits[0]!.doc.tally?.counts.agree).toBe(2);
  });

  it('items of a platform with no running adapter wait without blocking others', async () => {
    const h = harness();
    h.service.command({ ...h.ctx('x'), channel: { platform: 'elsewhere', spaceId: 'S', channelId: 'C' } }, 'propose', 'Elsewhere');
    h.run('alice', '/propose Here');
    await h.dispatcher.drain();
    expect(h.port.posts().map((p) => p.doc.title)).toEqual(['Proposal #1: Here']);
    expect(h.store.outbox.pendingCount()).toBe(1);
  });

  it('a delivery that throws synchronously inside the port never escapes drain', async () => {
    const h = harness();
    h.port.failures.push(() => new TypeError('socket hang up'));
    h.run('alice', '/propose Boom');
    await expect(h.dispatcher.drain()).resolves.toMatchObject({ retried: 1 });
  });
});
