// Slack settings from the environment: defaults, and one clear line naming whatever is wrong.
import { describe, expect, it } from 'vitest';
import { readSlackConfig } from '../../../adapters/slack/config';
import { ConfigError } from '../../../src/config';

const BOT = 'xoxb-1-2-abc';
const APP = 'xapp-1-A1-xyz';
const SECRET = '0123456789abcdef0123456789abcdef';

/** The error readSlackConfig throws for env, checked to be a one-line ConfigError. */
function errorFor(env: NodeJS.ProcessEnv): string {
  try {
    readSlackConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const msg = (e as Error).message;
    expect(msg).not.toContain('\n');
    return msg;
  }
  throw new Error('expected a ConfigError');
}

describe('readSlackConfig', () => {
  it('Socket Mode by default when an app token is set', () => {
    expect(readSlackConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP })).toEqual({ botToken: BOT, appToken: APP, mode: 'socket', port: 3000 });
  });

  it('HTTP mode with a signing secret, PORT, HOST and an API base (slash added)', () => {
    expect(
      readSlackConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: '8080', HOST: '127.0.0.1', SLACK_API_URL: 'https://slack-gov.com/api' }),
    ).toEqual({ botToken: BOT, signingSecret: SECRET, mode: 'http', port: 8080, host: '127.0.0.1', apiUrl: 'https://slack-gov.com/api/' });
  });

  it('SLACK_MODE overrides the default, in any case', () => {
    expect(readSlackConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET, SLACK_MODE: 'HTTP' }).mode).toBe('http');
  });

  it('blank settings (as a copied .env leaves them) count as unset', () => {
    expect(readSlackConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: '', SLACK_MODE: ' ', PORT: '', SLACK_API_URL: '' }).mode).toBe(
      'socket',
    );
  });

  it.each([
    [{}, 'SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_APP_TOKEN: APP }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xoxb-wrong-kind' }, 'SLACK_APP_TOKEN'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_MODE: 'socket' }, 'SLACK_APP_TOKEN'],
    [{ SLACK_BOT_TOKEN: BOT }, 'SLACK_SIGNING_SECRET'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_MODE: 'http', SLACK_APP_TOKEN: APP }, 'SLACK_SIGNING_SECRET'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'short' }, 'SLACK_SIGNING_SECRET'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_MODE: 'websocket' }, 'SLACK_MODE'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: 'eighty' }, 'PORT'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: '70000' }, 'PORT'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_API_URL: 'slack.com/api' }, 'SLACK_API_URL'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_API_URL: 'ftp://slack.com/api/' }, 'SLACK_API_URL'],
  ] as [NodeJS.ProcessEnv, string][])('%o → names %s', (env, setting) => {
    const msg = errorFor(env);
    expect(msg).toMatch(new RegExp(`^Setting ${setting}\\b`));
  });

  it('never repeats a secret in its message', () => {
    const msg = errorFor({ SLACK_BOT_TOKEN: 'xoxp-very-secret-user-token', SLACK_APP_TOKEN: APP });
    expect(msg).not.toContain('very-secret');
  });
});
