import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config';
import { readDiscordConfig } from '../../../adapters/discord/config';

const GOOD = { DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.abcdefghijklmnopqrstuvwxyz_-0123', DISCORD_APPLICATION_ID: '123456789012345678' };

const errorOf = (env: NodeJS.ProcessEnv): string => {
  try {
    readDiscordConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('Discord settings', () => {
  it('reads the required settings, and the optional ones when set', () => {
    expect(readDiscordConfig(GOOD)).toEqual({ token: GOOD.DISCORD_TOKEN, applicationId: GOOD.DISCORD_APPLICATION_ID });
    expect(readDiscordConfig({ ...GOOD, DISCORD_GUILD_ID: '223456789012345678', DISCORD_API_URL: 'http://127.0.0.1:1234/api/' })).toEqual({
      token: GOOD.DISCORD_TOKEN,
      applicationId: GOOD.DISCORD_APPLICATION_ID,
      guildId: '223456789012345678',
      apiUrl: 'http://127.0.0.1:1234/api',
    });
    expect(readDiscordConfig({ ...GOOD, DISCORD_GUILD_ID: '', DISCORD_API_URL: ' ' })).toEqual({
      token: GOOD.DISCORD_TOKEN,
      applicationId: GOOD.DISCORD_APPLICATION_ID,
    });
  });

  it.each([
    [{ DISCORD_APPLICATION_ID: GOOD.DISCORD_APPLICATION_ID }, /^Setting DISCORD_TOKEN: is missing/],
    [{ ...GOOD, DISCORD_TOKEN: '' }, /^Setting DISCORD_TOKEN: is missing/],
    [{ ...GOOD, DISCORD_TOKEN: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4' }, /^Setting DISCORD_TOKEN: must be the bot token .* not the client secret/],
    [{ DISCORD_TOKEN: GOOD.DISCORD_TOKEN }, /^Setting DISCORD_APPLICATION_ID: is missing/],
    [{ ...GOOD, DISCORD_APPLICATION_ID: 'my-bot' }, /^Setting DISCORD_APPLICATION_ID: must be a numeric Discord id/],
    [{ ...GOOD, DISCORD_GUILD_ID: 'https://discord.com/channels/1/2' }, /^Setting DISCORD_GUILD_ID: must be a numeric Discord server id/],
    [{ ...GOOD, DISCORD_API_URL: 'discord.com/api' }, /^Setting DISCORD_API_URL: must be an http\(s\) URL/],
  ])('names the bad setting in one line: %o', (env, message) => {
    const m = errorOf(env);
    expect(m).toMatch(message);
    expect(m).not.toContain('\n');
    if ((env as NodeJS.ProcessEnv).DISCORD_TOKEN) expect(m).not.toContain((env as NodeJS.ProcessEnv).DISCORD_TOKEN); // never echoes the secret
  });
});
