// Start-up: a wrong token stops start-up with one clear line naming the setting; main wires Slack in.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSlack } from '../../../adapters/slack/index';
import { ConfigError } from '../../../src/config';
import { ManualClock } from '../../../src/core/clock';
import { silentLogger } from '../../../src/core/log';
import { Leaderful } from '../../../src/core/service';
import { main } from '../../../src/main';
import { Store } from '../../../src/store/store';
import { startFakeSlack, type FakeSlack } from './fake-slack';
import { APP_TOKEN, BOT_TOKEN, SECRET, START } from './harness';

describe('Slack start-up', () => {
  let api: FakeSlack;
  let store: Store;
  let deps: Parameters<typeof startSlack>[0];
  beforeAll(async () => {
    api = await startFakeSlack();
    store = Store.open(':memory:');
    const clock = new ManualClock(START);
    const service = new Leaderful(store, clock);
    deps = { core: service, env: {}, log: silentLogger };
  });
  afterAll(async () => {
    await api.close();
    store.close();
  });

  async function startError(env: NodeJS.ProcessEnv): Promise<Error> {
    try {
      const running = await startSlack({ ...deps, env: { SLACK_API_URL: api.url, ...env } });
      await running.stop();
    } catch (e) {
      return e as Error;
    }
    throw new Error('expected start-up to fail');
  }

  it('a bot token Slack refuses names SLACK_BOT_TOKEN', async () => {
    api.failNext('auth.test', { body: { ok: false, error: 'invalid_auth' } });
    const e = await startError({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1' });
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(/^Setting SLACK_BOT_TOKEN was refused by Slack \(invalid_auth\)/);
    expect(e.message).not.toContain(BOT_TOKEN);
  });

  it('an app token Slack refuses names SLACK_APP_TOKEN', async () => {
    api.failNext('apps.connections.open', { body: { ok: false, error: 'invalid_auth' } });
    const e = await startError({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN });
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(/^Setting SLACK_APP_TOKEN was refused by Slack \(invalid_auth\)/);
  });

  it('npm start with Slack configured badly prints one line naming the setting and exits 2', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const code = await main([], { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_MODE: 'websocket', DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent' });
      expect(code).toBe(2);
      expect(printed.mock.calls).toEqual([['leaderful: Setting SLACK_MODE must be socket or http.']]);
    } finally {
      printed.mockRestore();
    }
  });
});
