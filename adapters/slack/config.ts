import { z } from 'zod';
import { ConfigError } from '../../src/config';

/** The Slack adapter's settings, read from the environment. */
export interface SlackConfig {
  botToken: string;
  mode: 'socket' | 'http';
  appToken?: string;
  signingSecret?: string;
  port: number;
  /** Bind address for HTTP mode; undefined listens on every interface. */
  host?: string;
  /** Base of the Web API, ending in a slash (WebClient appends the method name). */
  apiUrl?: string;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());

const schema = z.object({
  SLACK_BOT_TOKEN: z.string({ message: 'is required (the Bot User OAuth Token, starting xoxb-)' }).trim().startsWith('xoxb-', {
    message: 'must be the Bot User OAuth Token, starting xoxb-',
  }),
  SLACK_APP_TOKEN: optional(z.string().trim().startsWith('xapp-', { message: 'must be an app-level token, starting xapp-' })),
  SLACK_SIGNING_SECRET: optional(
    z
      .string()
      .trim()
      .regex(/^\S{16,}$/, { message: "must be the Signing Secret from the app's Basic Information page" }),
  ),
  SLACK_MODE: optional(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['socket', 'http'], { message: 'must be socket or http' })),
  ),
  PORT: optional(
    z
      .string()
      .trim()
      .regex(/^\d{1,5}$/, { message: 'must be a port number such as 3000' })
      .transform(Number)
      .refine((n) => n <= 65535, { message: 'must be a port number such as 3000' }),
  ),
  HOST: optional(z.string().trim()),
  SLACK_API_URL: optional(
    z
      .string()
      .trim()
      .url({ message: 'must be a URL such as https://slack.com/api/' })
      .refine((u) => /^https?:\/\//.test(u), { message: 'must be an http(s) URL such as https://slack.com/api/' }),
  ),
});

/** Reads and checks the Slack settings; anything missing or malformed throws one ConfigError naming it. */
export function readSlackConfig(env: NodeJS.ProcessEnv): SlackConfig {
  const r = schema.safeParse(env);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ConfigError(`Setting ${issue.path.join('.')} ${issue.message}.`);
  }
  const e = r.data;
  // Socket Mode is the default whenever an app token is present: no public URL needed.
  const mode = e.SLACK_MODE ?? (e.SLACK_APP_TOKEN ? 'socket' : 'http');
  if (mode === 'socket' && !e.SLACK_APP_TOKEN) {
    throw new ConfigError(
      'Setting SLACK_APP_TOKEN is required for Socket Mode (an app-level token with connections:write, starting xapp-); or set SLACK_MODE=http with SLACK_SIGNING_SECRET.',
    );
  }
  if (mode === 'http' && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      "Setting SLACK_SIGNING_SECRET is required for HTTP mode (from the app's Basic Information page); or set SLACK_APP_TOKEN for Socket Mode.",
    );
  }
  const cfg: SlackConfig = { botToken: e.SLACK_BOT_TOKEN, mode, port: e.PORT ?? 3000 };
  if (e.SLACK_APP_TOKEN) cfg.appToken = e.SLACK_APP_TOKEN;
  if (e.SLACK_SIGNING_SECRET) cfg.signingSecret = e.SLACK_SIGNING_SECRET;
  if (e.HOST) cfg.host = e.HOST;
  if (e.SLACK_API_URL) cfg.apiUrl = e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`;
  return cfg;
}
