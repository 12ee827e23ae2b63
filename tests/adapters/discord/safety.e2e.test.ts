// Issue #17 through the real discord.js client: bounded caches, vouched members, data export.
import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_LIMITS } from '../../../adapters/discord/cache';
import { Bot, DISCORD_CHANNEL } from './harness';
import { CHANNEL_ID, type FakeDiscord, GUILD_ID, makeUser, opt } from './fake-discord';

const alice = makeUser(1, 'alice');
const newcomer = makeUser(2, 'newcomer');
const bool = (name: string, value: boolean) => ({ name, type: ApplicationCommandOptionType.Boolean, value });

let fake: FakeDiscord;
let bot: Bot;

beforeAll(async () => {
  ({ fake, bot } = await Bot.launch([alice, newcomer]));
});

afterAll(async () => {
  await bot?.close();
  await fake?.close();
});

const replyOf = async (i: { id: string; token: string }) => {
  const cb = await fake.callback(i);
  expect(cb.body?.data?.flags ?? MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  return cb;
};

describe('discord.js caches stay bounded', () => {
  it(`${CACHE_LIMITS.users + 150} members react: every vote counts, and no more than ${CACHE_LIMITS.users} users and members stay cached`, async () => {
    await replyOf(fake.command('propose', [opt.string('title', 'Everyone decides')], alice));
    await bot.deliver();
    const messageId = bot.messageIdOf(bot.proposal(1).id);
    const n = CACHE_LIMITS.users + 150;
    for (let i = 0; i < n; i++) {
      const u = fake.addUser(makeUser(100 + i, `member${i}`));
      fake.react(u.id, messageId, '👍');
    }
    await expect.poll(() => bot.proposal(1).counts.agree, { timeout: 20_000 }).toBe(n);
    const client = bot.adapter.client;
    expect(client.users.cache.size).toBeLessThanOrEqual(CACHE_LIMITS.users);
    expect(client.users.cache.has(client.user.id)).toBe(true); // the bot itself is always kept
    expect(client.guilds.cache.get(GUILD_ID)!.members.cache.size).toBeLessThanOrEqual(CACHE_LIMITS.members);
    const channel = client.channels.cache.get(CHANNEL_ID);
    if (channel && 'messages' in channel) expect(channel.messages.cache.size).toBeLessThanOrEqual(CACHE_LIMITS.messages);
    expect(client.options.sweepers).toMatchObject({ users: { interval: 3600 }, messages: { interval: 600, lifetime: 1800 } });
  }, 60_000);
});

describe('members Discord vouched for', () => {
  it('a server admin can make a member a steward who never used the bot (Discord resolved the user option); only a server admin', async () => {
    const refused = await replyOf(fake.command('leaderful', [opt.sub('settings', [opt.user('steward_add', newcomer.id)])], alice));
    expect(refused.body.data.content).toMatch(/Only channel admins or stewards can change settings/);
    const ok = await replyOf(fake.command('leaderful', [opt.sub('settings', [opt.user('steward_add', newcomer.id)])], alice, { admin: true }));
    expect(ok.body.data.embeds[0].title).toBe('Settings saved');
    expect(bot.store.channels.find(DISCORD_CHANNEL)!.settings.stewards).toEqual([newcomer.id]);
    expect(bot.store.users.name('discord', GUILD_ID, newcomer.id)).toBe('Newcomer');
  });
});

describe('your data', () => {
  it('/leaderful export-me answers privately with the JSON in a code block; a long export comes as a file', async () => {
    const small = await replyOf(fake.command('leaderful', [opt.sub('export-me')], newcomer));
    const embeds = small.body.data.embeds;
    expect(embeds[0].title).toBe('Your data');
    expect(embeds[1].description).toMatch(/^```json\n\{\n {2}"about": "Everything Leaderful stores about you on discord/);
    expect(JSON.parse(embeds[1].description.slice('```json\n'.length, -'\n```'.length))).toMatchObject({
      userId: newcomer.id,
      stewardOf: [{ channel: 'general' }],
    });

    // alice votes with long reasons on many proposals: her export outgrows an embed.
    for (let i = 2; i <= 9; i++) {
      bot.clock.advance(3 * 60_000);
      await replyOf(fake.command('propose', [opt.string('title', `Idea ${i}`)], alice));
      await replyOf(
        fake.command('vote', [opt.integer('proposal', i), opt.string('stance', 'agree'), opt.string('reason', `\`\`\` ${'because '.repeat(55)}`)], alice),
      );
    }
    const big = await replyOf(fake.command('leaderful', [opt.sub('export-me')], alice));
    const raw = typeof big.body === 'string' ? big.body : JSON.stringify(big.body);
    expect(raw).toContain('filename="leaderful-my-data.json"');
    expect(raw).toContain('"title": "Idea 9"');
    expect(raw).toContain('\\u0060\\u0060\\u0060 because'); // backticks escaped: no code fence can be closed from inside
  });

  it('/leaderful forget-me explains, and with confirm erases', async () => {
    const explain = await replyOf(fake.command('leaderful', [opt.sub('forget-me')], alice));
    expect(explain.body.data.content).toMatch(/cannot be undone/);
    const done = await replyOf(fake.command('leaderful', [opt.sub('forget-me', [bool('confirm', true)])], alice));
    expect(done.body.data.content).toMatch(/^Done: Leaderful has forgotten you/);
    expect(bot.store.db.prepare('SELECT count(*) AS n FROM votes WHERE user_id = ?').get(alice.id)).toEqual({ n: 0 });
  });
});
