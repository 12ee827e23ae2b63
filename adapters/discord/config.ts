import { z } from 'zod';
import { ConfigError } from '../../src/config';

/** Discord settings, read from the environment by the adapter and the register script. */
export interface DiscordConfig {
  token: string;
  applicationId: string;
  guildId?: string;
  /** Base of the REST API (discord.js `rest.api`), e.g. https://discord.com/api; tests point it at a fake. */
  apiUrl?: string;
}

const SNOWFLAKE = /^\d{17,20}$/;

// Unset and empty mean the same: .env files often carry `NAME=` lines.
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const required = (what: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? `is missing: ${what}` : 'must be text'),
});

const snowflake = (what: string) =>
  z.preprocess(blankToUndefined, z.string(required(what)).trim().regex(SNOWFLAKE, 'must be a numeric Discord id (17 to 20 digits)'));

const schema = z.object({
  DISCORD_TOKEN: z.preprocess(
    blankToUndefined,
    z
      .string(required('copy the token from the Bot page of your application on discord.com/developers'))
      .trim()
      // A bot token has three dot-separated parts; the client secret and public key, often pasted by mistake, have none.
      .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'must be the bot token from the Bot page (three parts separated by dots), not the client secret or the public key'),
  ),
  DISCORD_APPLICATION_ID: snowflake('copy the Application ID from the General Information page of your application'),
  DISCORD_GUILD_ID: z.preprocess(blankToUndefined, z.string().trim().regex(SNOWFLAKE, 'must be a numeric Discord server id (17 to 20 digits)').optional()),
  DISCORD_API_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine((s) => {
        try {
          return ['http:', 'https:'].includes(new URL(s).protocol);
        } catch {
          return false;
        }
      }, 'must be an http(s) URL such as https://discord.com/api')
      .transform((s) => s.replace(/\/+$/, ''))
      .optional(),
  ),
});

/** Reads the Discord settings; the first missing or malformed one becomes one clear line naming it. */
export function readDiscordConfig(env: NodeJS.ProcessEnv): DiscordConfig {
  const r = schema.safeParse(env);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ConfigError(`Setting ${issue.path.join('.')}: ${issue.message}`);
  }
  const d = r.data;
  return {
    token: d.DISCORD_TOKEN,
    applicationId: d.DISCORD_APPLICATION_ID,
    ...(d.DISCORD_GUILD_ID ? { guildId: d.DISCORD_GUILD_ID } : {}),
    ...(d.DISCORD_API_URL ? { apiUrl: d.DISCORD_API_URL } : {}),
  };
}
