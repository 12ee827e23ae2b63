// `npm start` with Discord settings: the whole process (config, store, adapter, dispatcher) against FakeDiscord.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type BotProcess, startBotProcess } from '../../helpers/bot-process';
import { APP_ID, CHANNEL_ID, FakeDiscord, makeUser, opt, TOKEN } from './fake-discord';

let fake: FakeDiscord;
let bot: BotProcess | undefined;

beforeAll(async () => {
  fake = await FakeDiscord.start();
});

afterAll(async () => {
  bot?.cleanup();
  await fake?.close();
});

it('npm start with DISCORD_TOKEN starts the Discord adapter; a /propose is answered and its card posted by the running dispatcher; SIGTERM stops cleanly', async () => {
  bot = startBotProcess({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.restApi });
  expect((await bot.ready).adapters).toEqual(['discord']);
  expect(bot.stderr()).not.toContain(TOKEN); // secrets are never logged

  const alice = fake.addUser(makeUser(1, 'alice'));
  const cb = await fake.callback(fake.command('propose', [opt.string('title', 'Started for real')], alice));
  expect(cb.body.data.content).toMatch(/^Proposal #1 is posted/);
  const post = await fake.waitFor((c) => c.method === 'POST' && c.path === `/api/v10/channels/${CHANNEL_ID}/messages`);
  expect(post.body.embeds[0].title).toBe('Proposal #1: Started for real');

  bot.child.kill('SIGTERM');
  expect(await bot.exited).toBe(0);
});
