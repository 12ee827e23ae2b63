// `npm start` with Slack settings: the whole process (config, store, Slack adapter in Socket Mode,
// running dispatcher and scheduler) against the fake Slack, then a clean SIGTERM.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type BotProcess, startBotProcess } from '../../helpers/bot-process';
import { startFakeSlack, type FakeSlack } from './fake-slack';
import { APP_TOKEN, BOT_TOKEN } from './harness';

let api: FakeSlack;
let bot: BotProcess | undefined;

beforeAll(async () => {
  api = await startFakeSlack();
  api.users.set('UALICE', { name: 'alice', display_name: 'Alice' });
});

afterAll(async () => {
  bot?.cleanup();
  await api?.close();
});

it('npm start with Slack tokens connects in Socket Mode; a /propose is acked, answered and its card posted; SIGTERM stops cleanly', async () => {
  bot = startBotProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: api.url });

  expect((await bot.ready).adapters).toEqual(['slack (Socket Mode)']);
  // Resolves when the bot acks this envelope: unacked, Slack would show the user an error and retry.
  const ack = await api.socket.send({
    type: 'slash_commands',
    payload: {
      team_id: 'T1',
      channel_id: 'C1',
      channel_name: 'general',
      user_id: 'UALICE',
      command: '/propose',
      text: 'Started for real',
      response_url: `${api.origin}/resp/main`,
      trigger_id: 'trig-main',
    },
  });
  // Acked once, with no text in the ack: the answer goes privately to the response_url below.
  expect(api.socket.acks.filter((a) => a.envelope_id === ack.envelope_id)).toHaveLength(1);
  expect(ack.payload?.text).toBeUndefined();
  const reply = await api.waitFor((c) => c.method === 'response_url:/resp/main');
  expect(reply.body.text).toMatch(/^Proposal #1 is posted/);
  const post = await api.waitFor((c) => c.method === 'chat.postMessage');
  expect(post.body.blocks[0].text.text).toBe('*Proposal #1: Started for real*');

  bot.child.kill('SIGTERM');
  expect(await bot.exited).toBe(0);
  expect(bot.stderr()).not.toContain(BOT_TOKEN); // secrets are never logged
  expect(bot.stderr()).not.toContain(APP_TOKEN);
}, 60_000); // a child process compiling TypeScript: generous under a loaded test run
