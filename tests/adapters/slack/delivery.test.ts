// Delivery through the outbox when Slack pushes back: 429 with Retry-After, 5xx, permanent errors.
// The Web API client does not retry by itself; the dispatcher does, on the manual clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttons, SlackHarness, tallyRow } from './harness';

describe('Slack delivery under errors and rate limits', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await SlackHarness.start('http');
  });
  afterAll(async () => {
    await h.close();
  });

  const calls = (method: string) => h.api.calls.filter((c) => c.method === method).length;
  /** The ts of the card just posted (the store keeps it as the proposal message's id). */
  const lastCardTs = () => h.store.outbox.message(`proposal:${buttons(h.posts().at(-1)!.body.blocks)[0]!.value}`)!.platformMessageId;

  it('a 429 on chat.update waits for Retry-After, then delivers the exact tally', async () => {
    await h.command('UALICE', '/propose', 'Rate limits');
    await h.deliver();
    const ts = lastCardTs();

    h.api.failNext('chat.update', { status: 429, headers: { 'retry-after': '7' }, body: { ok: false, error: 'ratelimited' } });
    await h.reaction(true, 'UBOB', '+1', ts);
    await h.reaction(true, 'UCAROL', '+1', ts);
    h.clock.advance(2000); // past the edit interval since the post
    const first = await h.dispatcher.drain();
    expect(first).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(h.api.last('chat.update')!.status).toBe(429);
    const tries = calls('chat.update');

    // Meanwhile another vote: it coalesces into the waiting edit.
    await h.reaction(true, 'UDAVE', '-1', ts);
    h.clock.advance(6999);
    expect(await h.dispatcher.drain()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(calls('chat.update')).toBe(tries); // nothing sent before Retry-After is up

    h.clock.advance(1);
    expect(await h.dispatcher.drain()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    const update = h.api.last('chat.update')!;
    expect(update.ok).toBe(true);
    expect(update.body.ts).toBe(ts);
    expect(tallyRow(update.body.blocks, 'Agree')).toContain('*2*');
    expect(tallyRow(update.body.blocks, 'Disagree')).toContain('*1*');
    expect(h.updates(ts)).toHaveLength(1); // one edit carried all three votes
  });

  it('a 429 on chat.postMessage delays the post; it is not lost', async () => {
    h.api.failNext('chat.postMessage', { status: 429, headers: { 'retry-after': '30' } });
    await h.command('UALICE', '/propose', 'Posted late');
    const posts = h.posts().length;
    expect(await h.dispatcher.drain()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    h.clock.advance(29_000);
    await h.dispatcher.drain();
    expect(h.posts()).toHaveLength(posts);
    h.clock.advance(1000);
    await h.dispatcher.drain();
    expect(h.posts()).toHaveLength(posts + 1);
    expect(h.posts().at(-1)!.body.text).toContain('Posted late');
  });

  it('a 5xx is retried with backoff', async () => {
    h.api.failNext('chat.postMessage', { status: 503, body: { ok: false, error: 'service_unavailable' } });
    await h.command('UALICE', '/propose', 'Flaky Slack');
    const posts = h.posts().length;
    expect(await h.dispatcher.drain()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    h.clock.advance(1000); // the dispatcher's first backoff
    expect(await h.dispatcher.drain()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(h.posts()).toHaveLength(posts + 1);
  });

  it('channel_not_found is permanent: no retries, logged', async () => {
    h.api.failNext('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
    await h.command('UALICE', '/propose', 'Nowhere', 'CGONE');
    expect(await h.dispatcher.drain()).toEqual({ delivered: 0, retried: 0, failed: 1 });
    const tries = calls('chat.postMessage');
    h.clock.advance(60 * 60_000);
    expect(await h.dispatcher.drain()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(calls('chat.postMessage')).toBe(tries);
    expect(h.logs.find((l) => l.msg === 'giving up on a message')?.data).toMatchObject({ error: 'Slack said channel_not_found' });
  });

  it('edits wait for the edit interval (about one chat.update a second per message)', async () => {
    expect(h.slack.minEditIntervalMs).toBeGreaterThanOrEqual(1000);
    expect(h.slack.minEditIntervalMs).toBeLessThanOrEqual(1500);
    await h.command('UALICE', '/propose', 'Burst');
    await h.deliver();
    const ts = lastCardTs();
    h.clock.advance(5000);
    await h.reaction(true, 'UBOB', '+1', ts);
    await h.dispatcher.drain();
    expect(h.updates(ts)).toHaveLength(1);
    for (const u of ['UCAROL', 'UDAVE', 'UERIN'] as const) await h.reaction(true, u, '+1', ts);
    await h.dispatcher.drain();
    expect(h.updates(ts)).toHaveLength(1); // held back, coalescing
    h.clock.advance(h.slack.minEditIntervalMs);
    await h.dispatcher.drain();
    expect(h.updates(ts)).toHaveLength(2);
    expect(tallyRow(h.updates(ts).at(-1)!.body.blocks, 'Agree')).toContain('*4*');
  });
});
