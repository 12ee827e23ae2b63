import { describe, expect, it } from 'vitest';
import type { Doc } from '../../src/core/delivery/doc';
import { DeliveryError, type PlatformPort } from '../../src/core/delivery/port';
import type { Logger } from '../../src/core/log';
import type { ChannelAddress } from '../../src/core/types';
import { harness } from '../helpers/harness';

type Behaviour = 'ok' | '500' | '429' | 'hang' | 'throw';

/** A platform whose answers follow a script, like a flaky HTTP API. */
class FlakyPort implements PlatformPort {
  readonly platform = 'test';
  readonly minEditIntervalMs = 0;
  readonly delivered: { op: string; id: string; doc: Doc }[] = [];
  calls = 0;
  private n = 0;
  constructor(private readonly script: Behaviour[]) {}

  private async answer(): Promise<void> {
    this.calls++;
    const b = this.script.shift() ?? 'ok';
    if (b === '500') throw new DeliveryError('HTTP 500 internal_error');
    if (b === '429') throw new DeliveryError('HTTP 429', { retryAfterMs: 20_000 });
    if (b === 'throw') throw new TypeError('fetch failed');
    if (b === 'hang') await new Promise(() => {});
  }
  async post(_c: ChannelAddress, doc: Doc) {
    await this.answer();
    const id = `m${++this.n}`;
    this.delivered.push({ op: 'post', id, doc });
    return { messageId: id };
  }
  async edit(_c: ChannelAddress, id: string, doc: Doc) {
    await this.answer();
    this.delivered.push({ op: 'edit', id, doc });
  }
}

function setup(script: Behaviour[], opts: { maxAttempts?: number } = {}) {
  const logs: { level: string; msg: string; data?: Record<string, unknown> | undefined }[] = [];
  const log: Logger = {
    info: (msg, data) => logs.push({ level: 'info', msg, data }),
    warn: (msg, data) => logs.push({ level: 'warn', msg, data }),
    error: (msg, data) => logs.push({ level: 'error', msg, data }),
  };
  const h = harness({ dispatcher: { baseBackoffMs: 1000, maxAttempts: opts.maxAttempts ?? 6, timeoutMs: 50, log } });
  const port = new FlakyPort(script);
  h.dispatcher.register(port); // replaces the recording port for platform 'test'
  const tick = async (ms: number) => {
    h.clock.advance(ms);
    return h.dispatcher.drain();
  };
  return { h, port, logs, tick };
}

describe('platform failures', () => {
  it('HTTP 500s are retried with growing backoff, then delivered once', async () => {
    const { h, port, tick } = setup(['500', '500', '500']);
    h.run('alice', '/propose Survive');
    await h.dispatcher.drain(); // try 1 fails: next in 1 s
    await tick(1000); // try 2 fails: next in 2 s
    await tick(1999);
    expect(port.calls).toBe(2);
    await tick(1); // try 3 fails: next in 4 s
    await tick(4000); // try 4 succeeds
    expect(port.calls).toBe(4);
    expect(port.delivered.filter((d) => d.op === 'post')).toHaveLength(1);
  });

  it('a 429 waits for its Retry-After', async () => {
    const { h, port, tick } = setup(['429']);
    h.run('alice', '/propose Patience');
    await h.dispatcher.drain();
    await tick(19_999);
    expect(port.delivered).toHaveLength(0);
    await tick(1);
    expect(port.delivered).toHaveLength(1);
  });

  it('a call that never answers times out and is retried', async () => {
    const { h, port, tick, logs } = setup(['hang']);
    h.run('alice', '/propose Timeout');
    await h.dispatcher.drain(); // times out after 50 ms (real time)
    expect(logs.some((l) => l.level === 'warn' && String(l.data?.error).includes('no answer within 50 ms'))).toBe(true);
    await tick(1000);
    expect(port.delivered).toHaveLength(1);
  });

  it('keeps order per message through failures: the post first, then one coalesced edit with the final tally', async () => {
    const { h, port, tick } = setup(['500', 'throw', '429']);
    h.run('alice', '/propose Ordered');
    await h.dispatcher.drain();
    for (const u of ['b', 'c', 'd']) h.run(u, '/vote 1 agree');
    for (let i = 0; i < 10; i++) await tick(20_000);
    expect(port.delivered.map((d) => d.op)).toEqual(['post', 'edit']);
    expect(port.delivered[1]!.doc.tally?.counts.agree).toBe(3);
  });

  it('gives up after a bounded number of tries with a logged error, keeps going with other messages, never throws', async () => {
    const { h, port, tick, logs } = setup(['500', 'ok', '500', '500'], { maxAttempts: 3 }); // Doomed, Fine, Doomed, Doomed
    h.run('alice', '/propose Doomed');
    h.run('alice', '/propose Fine');
    for (let i = 0; i < 6; i++) await tick(10_000);
    const errors = logs.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'giving up on a message', data: { ref: 'proposal:1', attempts: 3 } });
    expect(port.delivered.map((d) => d.doc.title)).toEqual(['Proposal #2: Fine']);
    expect(h.store.outbox.pendingCount()).toBe(0);
  });
});

/** Every log line that shows a secret, or the distinctive part of one (its longest segment). */
function leaks(lines: string[], secrets: string[]): string[] {
  const needles = secrets.flatMap((s) => [s, s.split(/[-.]/).sort((a, b) => b.length - a.length)[0]!]);
  return lines.flatMap((line) => needles.filter((n) => line.includes(n)).map((n) => `${n.slice(0, 8)}… in ${line}`));
}

describe('logs never carry secrets', () => {
  it('the search finds a secret wherever it is in a line (so a leak would fail the tests below)', () => {
    const secrets = ['xoxb-2718281828-3141592653589-Zq7RkWm2XyPvTn4LcB9dHs6J', 'MTA5.Gx7Yz2.Kq9vR4tW1mN8pL3sD6fH0jC5bV2xZ7aE4gU1iO'];
    expect(leaks(['{"msg":"ok"}'], secrets)).toEqual([]);
    expect(leaks(['{"headers":{"authorization":"Bearer xoxb-2718281828-3141592653589-Zq7RkWm2XyPvTn4LcB9dHs6J"}}'], secrets)).toHaveLength(2);
    expect(leaks(['{"error":"token Kq9vR4tW1mN8pL3sD6fH0jC5bV2xZ7aE4gU1iO rejected"}'], secrets)).toHaveLength(1);
  });

  for (const mode of ['http', 'socket'] as const) {
    it(`Slack (${mode}): failed posts, a give-up, refused auth and forged requests log no token or signing secret`, async () => {
      const { APP_TOKEN, BOT_TOKEN, SECRET, SlackHarness } = await import('../adapters/slack/harness');
      const { formBody, sign } = await import('../adapters/slack/signed');
      const h = await SlackHarness.start(mode);
      try {
        for (let i = 0; i < 8; i++) h.api.failNext('chat.postMessage', { status: 500, body: { ok: false, error: 'internal_error' } });
        await h.command('UALICE', '/propose', 'Never makes it');
        for (let i = 0; i < 10; i++) {
          await h.dispatcher.drain();
          h.clock.advance(5 * 60_000);
        }
        h.api.failNext('chat.postMessage', { status: 200, body: { ok: false, error: 'invalid_auth' } });
        await h.command('UBOB', '/propose', 'Refused');
        await h.dispatcher.drain();
        if (mode === 'http') {
          const body = formBody({ team_id: 'T1', channel_id: 'C1', user_id: 'UALICE', command: '/propose', text: 'Forged' });
          const res = await fetch(h.slack.url!, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign('not-the-secret', body) },
            body,
          });
          expect(res.status).toBe(401);
        }
        const lines = h.logs.map((l) => JSON.stringify(l));
        // The failures were logged (so there was something to search), and nothing carried a secret.
        expect(h.logs.filter((l) => l.level === 'error').map((l) => l.msg)).toContain('giving up on a message');
        expect(h.logs.some((l) => l.level === 'warn')).toBe(true);
        expect(leaks(lines, [BOT_TOKEN, APP_TOKEN, SECRET])).toEqual([]);
      } finally {
        await h.close();
      }
    });
  }

  it('Discord: failed posts, a give-up and a refused token log no token', async () => {
    const { makeUser, opt, CHANNEL_ID, TOKEN } = await import('../adapters/discord/fake-discord');
    const { Bot } = await import('../adapters/discord/harness');
    const alice = makeUser(1, 'alice');
    const { fake, bot } = await Bot.launch([alice]);
    const MESSAGES = `/api/v10/channels/${CHANNEL_ID}/messages`;
    try {
      fake.serverError((c) => c.method === 'POST' && c.path === MESSAGES, 502, 8);
      await fake.callback(fake.command('propose', [opt.string('title', 'Never makes it')], alice));
      for (let i = 0; i < 12; i++) await bot.deliver(5 * 60_000);
      fake.serverError((c) => c.method === 'POST' && c.path === MESSAGES, 401, 1);
      await fake.callback(fake.command('propose', [opt.string('title', 'Unauthorized')], alice));
      await bot.deliver();
      expect(bot.errors().map((l) => l.msg)).toContain('giving up on a message');
      expect(
        leaks(
          bot.logs.map((l) => JSON.stringify(l)),
          [TOKEN],
        ),
      ).toEqual([]);
    } finally {
      await bot.close();
      await fake.close();
    }
  });
});

describe('platform failures through the real Slack adapter (fake Slack Web API)', () => {
  it('HTTP 500s, a 429 with Retry-After and a final give-up: retried in order, nothing lost, nothing crashes', async () => {
    const { SlackHarness } = await import('../adapters/slack/harness');
    const h = await SlackHarness.start('http');
    try {
      // Two 500s then success: the post arrives once, after 1 s + 2 s of backoff.
      h.api.failNext('chat.postMessage', { status: 500, body: { ok: false, error: 'internal_error' } });
      h.api.failNext('chat.postMessage', { status: 500, body: { ok: false, error: 'internal_error' } });
      await h.command('UALICE', '/propose', 'Survives Slack outages');
      expect(await h.dispatcher.drain()).toEqual({ delivered: 0, retried: 1, failed: 0 });
      h.clock.advance(1000);
      expect(await h.dispatcher.drain()).toEqual({ delivered: 0, retried: 1, failed: 0 });
      h.clock.advance(2000);
      expect(await h.dispatcher.drain()).toEqual({ delivered: 1, retried: 0, failed: 0 });
      expect(h.posts().filter((p) => p.body.text.includes('Survives Slack outages'))).toHaveLength(1);

      // A 429 on the edit: held until Retry-After, then one edit with the exact tally.
      const ts = h.store.outbox.message('proposal:1')!.platformMessageId;
      h.api.failNext('chat.update', { status: 429, headers: { 'retry-after': '5' }, body: { ok: false, error: 'ratelimited' } });
      await h.reaction(true, 'UBOB', '+1', ts);
      h.clock.advance(2000);
      expect((await h.dispatcher.drain()).retried).toBe(1);
      await h.reaction(true, 'UCAROL', '-1', ts);
      h.clock.advance(4999);
      expect((await h.dispatcher.drain()).delivered).toBe(0);
      h.clock.advance(1);
      expect((await h.dispatcher.drain()).delivered).toBe(1);
      expect(h.updates(ts)).toHaveLength(1);

      // A message Slack keeps refusing is given up after the bounded number of tries, with a logged error.
      for (let i = 0; i < 8; i++) h.api.failNext('chat.postMessage', { status: 502, body: { ok: false, error: 'bad_gateway' } });
      await h.command('UALICE', '/propose', 'Never makes it');
      for (let i = 0; i < 12; i++) {
        await h.dispatcher.drain();
        h.clock.advance(5 * 60_000);
      }
      expect(h.logs.filter((l) => l.level === 'error' && l.msg === 'giving up on a message')).toHaveLength(1);
      expect(h.store.outbox.pendingCount()).toBe(0);
      // And the adapter still works afterwards.
      await h.command('UBOB', '/propose', 'Still here');
      await h.dispatcher.drain();
      expect(h.posts().at(-1)!.body.text).toContain('Still here');
    } finally {
      await h.close();
    }
  });
});

describe('platform failures through the real Discord adapter (fake REST API and gateway)', () => {
  it('HTTP 500s, a 429 with retry_after and a final give-up: retried in order, nothing lost, nothing crashes', async () => {
    const { CHANNEL_ID, makeUser, opt } = await import('../adapters/discord/fake-discord');
    const { Bot } = await import('../adapters/discord/harness');
    const alice = makeUser(1, 'alice');
    const bob = makeUser(2, 'bob');
    const { fake, bot } = await Bot.launch([alice, bob]);
    const MESSAGES = `/api/v10/channels/${CHANNEL_ID}/messages`;
    try {
      fake.serverError((c) => c.method === 'POST' && c.path === MESSAGES, 500, 2);
      await fake.callback(fake.command('propose', [opt.string('title', 'Survives Discord outages')], alice));
      expect(await bot.deliver()).toEqual({ delivered: 0, retried: 1, failed: 0 });
      expect(await bot.deliver(1000)).toEqual({ delivered: 0, retried: 1, failed: 0 });
      expect(await bot.deliver(2000)).toEqual({ delivered: 1, retried: 0, failed: 0 });
      const posted = fake.callsTo('POST', MESSAGES).filter((c) => c.status === 200);
      expect(posted).toHaveLength(1);
      // Every try carried the same nonce, so Discord itself would also have kept one message.
      expect(new Set(fake.callsTo('POST', MESSAGES).map((c) => c.body.nonce)).size).toBe(1);

      // A long 429 on the edit: held until retry_after, then one edit with the final tally.
      const messageId = bot.messageIdOf(bot.proposal(1).id);
      const EDIT = `${MESSAGES}/${messageId}`;
      fake.rateLimit((c) => c.method === 'PATCH' && c.path === EDIT, 20);
      fake.react(bob.id, messageId, '👍');
      await fake.until(() => bot.proposal(1).counts.agree === 1, 'the vote');
      expect((await bot.deliver(1500)).retried).toBe(1);
      expect((await bot.deliver(19_000)).delivered).toBe(0); // within retry_after: nothing sent
      expect(fake.callsTo('PATCH', EDIT)).toHaveLength(1);
      expect((await bot.deliver(10_000)).delivered).toBe(1);
      const edits = fake.callsTo('PATCH', EDIT).filter((c) => c.status === 200);
      expect(edits).toHaveLength(1);
      expect(edits[0]!.body.embeds[0].fields[0].value).toContain('👍 `██████████` 1 agree');

      // A message Discord keeps refusing is given up after the bounded number of tries, with a logged error.
      fake.serverError((c) => c.method === 'POST' && c.path === MESSAGES, 502, 8);
      await fake.callback(fake.command('propose', [opt.string('title', 'Never makes it')], alice));
      for (let i = 0; i < 12; i++) await bot.deliver(5 * 60_000);
      expect(bot.errors().filter((l) => l.msg === 'giving up on a message')).toHaveLength(1);
      expect(bot.store.outbox.pendingCount()).toBe(0);
      await fake.callback(fake.command('propose', [opt.string('title', 'Still here')], alice));
      expect((await bot.deliver()).delivered).toBe(1);
    } finally {
      await bot.close();
      await fake.close();
    }
  });
});
