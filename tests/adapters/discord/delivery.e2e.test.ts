// Delivery through the outbox: rate limits, channels that are gone or closed to the bot, nonces.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/delivery/port';
import { text } from '../../../src/core/delivery/doc';
import { notice } from '../../../src/core/views';
import { Bot, DISCORD_CHANNEL, HOUR } from './harness';
import { CHANNEL_ID, type FakeDiscord, FORBIDDEN_CHANNEL_ID, GUILD_ID, makeUser, MISSING_CHANNEL_ID, opt } from './fake-discord';

const alice = makeUser(1, 'alice');
const bob = makeUser(2, 'bob');

let fake: FakeDiscord;
let bot: Bot;
const MESSAGES = `/api/v10/channels/${CHANNEL_ID}/messages`;

// Each test launches its own fake Discord and bot: none depends on what another left behind.
beforeEach(async () => {
  ({ fake, bot } = await Bot.launch([alice, bob]));
});

afterEach(async () => {
  await bot?.close();
  await fake?.close();
});

it('a post answered 429 with Retry-After is kept in the outbox and delivered once the wait is over, with the same nonce', async () => {
  fake.rateLimit((c) => c.method === 'POST' && c.path === MESSAGES, 30);
  await fake.callback(fake.command('propose', [opt.string('title', 'Rate limited')], alice));

  const from = fake.mark();
  expect(await bot.deliver()).toEqual({ delivered: 0, retried: 1, failed: 0 });
  const limited = fake.callsTo('POST', MESSAGES, from);
  expect(limited.map((c) => c.status)).toEqual([429]);
  expect(bot.logs).toContainEqual(
    expect.objectContaining({ msg: 'delivery failed, will retry', data: expect.objectContaining({ retryInMs: expect.any(Number) }) }),
  );
  const retryInMs = bot.logs.find((l) => l.msg === 'delivery failed, will retry')!.data!.retryInMs as number;
  expect(retryInMs).toBeGreaterThanOrEqual(30_000); // Retry-After, not the 1 s first backoff

  expect(await bot.deliver(2000)).toEqual({ delivered: 0, retried: 0, failed: 0 }); // still waiting
  expect(fake.callsTo('POST', MESSAGES, from)).toHaveLength(1);

  expect(await bot.deliver(29_000)).toEqual({ delivered: 1, retried: 0, failed: 0 });
  const posts = fake.callsTo('POST', MESSAGES, from);
  expect(posts.map((c) => c.status)).toEqual([429, 200]);
  expect(posts[1]!.body.nonce).toBe(posts[0]!.body.nonce);
  expect(posts[1]!.body.embeds[0].title).toBe('Proposal #1: Rate limited');
  expect(fake.messages.has(bot.messageIdOf(bot.proposal(1).id))).toBe(true);
});

it('a short 429 (Discord pacing a route) is waited out by discord.js within the same delivery', async () => {
  await fake.callback(fake.command('propose', [opt.string('title', 'Briefly limited')], alice));
  fake.rateLimit((c) => c.method === 'POST' && c.path === MESSAGES, 0.1);
  const from = fake.mark();
  expect(await bot.deliver()).toEqual({ delivered: 1, retried: 0, failed: 0 });
  const posts = fake.callsTo('POST', MESSAGES, from);
  expect(posts.map((c) => c.status)).toEqual([429, 200]);
  expect(posts[1]!.body.nonce).toBe(posts[0]!.body.nonce);
  expect(fake.messages.has(bot.messageIdOf(bot.proposal(1).id))).toBe(true);
});

it('a rate-limited edit waits in the outbox, and the votes cast meanwhile go out in one edit', async () => {
  await fake.callback(fake.command('propose', [opt.string('title', 'Edited')], alice));
  expect(await bot.deliver()).toMatchObject({ delivered: 1 });
  const messageId = bot.messageIdOf(bot.proposal(1).id);
  await fake.until(() => fake.callsTo('PUT', new RegExp(`/${messageId}/reactions/.+/@me$`)).length === 4, 'the vote reactions');
  fake.rateLimit((c) => c.method === 'PATCH', 5);
  fake.react(alice.id, messageId, '👍');
  await expect.poll(() => bot.proposal(1).counts.agree).toBe(1);
  const from = fake.mark();
  expect(await bot.deliver()).toMatchObject({ retried: 1 });
  fake.react(bob.id, messageId, '👎');
  await expect.poll(() => bot.proposal(1).counts.disagree).toBe(1);
  expect(await bot.deliver(6000)).toMatchObject({ delivered: 1 });
  const edits = fake.callsTo('PATCH', `${MESSAGES}/${messageId}`, from);
  expect(edits.map((c) => c.status)).toEqual([429, 200]);
  expect(edits[1]!.body.embeds[0].fields[0].value).toContain('Voters: 2');
});

it('a channel that is gone or closed to the bot fails for good, without holding up other messages', async () => {
  await fake.callback(fake.command('propose', [opt.string('title', 'In a deleted channel')], alice, { channelId: MISSING_CHANNEL_ID }));
  await fake.callback(fake.command('propose', [opt.string('title', 'In a locked channel')], alice, { channelId: FORBIDDEN_CHANNEL_ID }));
  await fake.callback(fake.command('propose', [opt.string('title', 'In general')], alice));
  const from = fake.mark();
  expect(await bot.deliver()).toEqual({ delivered: 1, retried: 0, failed: 2 });
  expect(fake.callsTo('POST', MESSAGES, from)).toHaveLength(1);
  expect(bot.errors().filter((l) => l.msg === 'giving up on a message')).toHaveLength(2);
  const later = fake.mark();
  expect(await bot.deliver(HOUR)).toEqual({ delivered: 0, retried: 0, failed: 0 }); // not retried
  expect(fake.calls.length).toBe(later);
});

it('the port reports missing channels, messages and access as permanent, long rate limits with their wait', async () => {
  const port = bot.adapter;
  const doc = notice([text('hello')]);
  const missing = await port.post({ ...DISCORD_CHANNEL, channelId: MISSING_CHANNEL_ID }, doc, 'k1').catch((e: unknown) => e);
  expect(missing).toBeInstanceOf(DeliveryError);
  expect((missing as DeliveryError).opts).toEqual({ permanent: true });
  const forbidden = await port.edit({ platform: 'discord', spaceId: GUILD_ID, channelId: FORBIDDEN_CHANNEL_ID }, '1', doc).catch((e: unknown) => e);
  expect((forbidden as DeliveryError).opts).toEqual({ permanent: true });
  const unknownMessage = await port.edit(DISCORD_CHANNEL, '123456789012345678', doc).catch((e: unknown) => e);
  expect((unknownMessage as DeliveryError).opts).toEqual({ permanent: true });
  fake.rateLimit((c) => c.method === 'POST' && c.path === MESSAGES, 3);
  const limited = await port.post(DISCORD_CHANNEL, doc, 'k2').catch((e: unknown) => e);
  expect((limited as DeliveryError).opts.permanent).toBeUndefined();
  expect((limited as DeliveryError).opts.retryAfterMs).toBeGreaterThanOrEqual(3000);
});

it('posting twice with one outbox key gives one message (the nonce is enforced)', async () => {
  const port = bot.adapter;
  const doc = notice([text('only once')]);
  const first = await port.post(DISCORD_CHANNEL, doc, 'outcome:99#1');
  const again = await port.post(DISCORD_CHANNEL, doc, 'outcome:99#1');
  const other = await port.post(DISCORD_CHANNEL, doc, 'outcome:99#2');
  expect(again.messageId).toBe(first.messageId);
  expect(other.messageId).not.toBe(first.messageId);
});
