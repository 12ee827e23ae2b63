import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, webApi } from '@slack/bolt';
import type { Platform, PlatformContext, StartPlatform } from '../../src/core/platform';
import { ConfigError } from '../../src/config';
import { registerCommands } from './commands';
import { readSlackConfig, type SlackConfig } from './config';
import { registerInteractions } from './interactions';
import { boltLogger } from './logger';
import { SlackPort } from './port';
import { registerReactions } from './reactions';
import { reconcileReactions } from './reconcile';
import { SlackRuntime } from './runtime';
import { UserDirectory } from './users';

export interface SlackAdapter extends Platform {
  app: App;
  mode: SlackConfig['mode'];
  botUserId: string;
  /** HTTP mode: the URL Slack's requests go to (Bolt's default path /slack/events). */
  url?: string;
  /** Settles once reactions on open proposals have been reconciled (the number of votes changed). */
  reconciled: Promise<number>;
  /** Resolves when no request handler or background task is running. */
  idle(): Promise<void>;
}

const isAnyAddress = (a: string) => a === '::' || a === '0.0.0.0';
const hostForUrl = (a: string) => (a.includes(':') ? `[${a}]` : a);

/** The address the HTTP server really listens on, as a person reads it: "all interfaces, port 3000" or "127.0.0.1:3000". */
export function listenText(addr: AddressInfo): string {
  return isAnyAddress(addr.address) ? `all interfaces (${hostForUrl(addr.address)}), port ${addr.port}` : `${hostForUrl(addr.address)}:${addr.port}`;
}

/** Errors that mean "this token is wrong", as opposed to "Slack could not be reached". */
const BAD_TOKEN = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

function badToken(e: unknown): string | undefined {
  return e instanceof webApi.WebAPIPlatformError && BAD_TOKEN.has(e.data.error) ? e.data.error : undefined;
}

/** Who the bot is (auth.test), which also tells a wrong token apart at start-up. */
async function whoAmI(cfg: SlackConfig, clientOptions: webApi.WebClientOptions) {
  const probe = new webApi.WebClient(cfg.botToken, clientOptions);
  try {
    const r = await probe.auth.test();
    if (!r.user_id) throw new Error('auth.test returned no user_id');
    return { botUserId: r.user_id, botId: r.bot_id };
  } catch (e) {
    const code = badToken(e);
    if (code) throw new ConfigError(`Setting SLACK_BOT_TOKEN was refused by Slack (${code}); copy the Bot User OAuth Token again from OAuth & Permissions.`);
    throw new Error(`Could not reach Slack to check SLACK_BOT_TOKEN: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Starts the Slack adapter: Bolt in Socket Mode or HTTP mode, the port, the handlers, reconciliation. */
export const startSlack = (async (deps: PlatformContext): Promise<SlackAdapter> => {
  const cfg = readSlackConfig(deps.env);
  const { core: service, log } = deps;
  const logger = boltLogger(log);
  // The outbox dispatcher retries; the client must not also retry, nor sit out rate limits itself.
  const clientOptions: webApi.WebClientOptions = {
    logger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    ...(cfg.apiUrl ? { slackApiUrl: cfg.apiUrl } : {}),
  };
  const me = await whoAmI(cfg, clientOptions);

  const app = new App({
    token: cfg.botToken,
    // Known ids: Bolt skips its own auth.test and drops the bot's own events (ignoreSelf).
    botUserId: me.botUserId,
    ...(me.botId ? { botId: me.botId } : {}),
    logger,
    logLevel: LogLevel.INFO,
    clientOptions,
    ...(cfg.mode === 'socket'
      ? {
          socketMode: true,
          appToken: cfg.appToken!,
          // The Socket Mode client's own WebClient (apps.connections.open) needs the same API base.
          installerOptions: { clientOptions: cfg.apiUrl ? { slackApiUrl: cfg.apiUrl } : {} },
        }
      : { signingSecret: cfg.signingSecret!, port: cfg.port }),
  });

  // Every request's work (and background work) is tracked, so stop() and tests can wait for quiet.
  const pending = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    pending.add(p);
    p.finally(() => pending.delete(p)).catch(() => {});
    return p;
  };
  app.use(async ({ next }) => {
    await track(next());
  });
  app.error(async (e) => {
    log.error('slack handler failed', { error: e.message, code: e.code });
  });

  // The service's clock: cache ages follow the same time as everything else (and tests can move it).
  const users = new UserDirectory(app.client, service.names, log, () => service.now());
  const rt = new SlackRuntime(service, users, log, me.botUserId, track);
  registerCommands(app, rt);
  registerReactions(app, rt);
  registerInteractions(app, rt);

  let url: string | undefined;
  let listening: string | undefined;
  try {
    if (cfg.mode === 'http') {
      const server = (await app.start(cfg.host ? { port: cfg.port, host: cfg.host } : cfg.port)) as Server;
      const addr = server.address() as AddressInfo;
      listening = listenText(addr);
      // Where this machine reaches it (tests, a local proxy): the bound address, or loopback when bound to all.
      url = `http://${isAnyAddress(addr.address) ? '127.0.0.1' : hostForUrl(addr.address)}:${addr.port}/slack/events`;
    } else {
      await app.start();
    }
  } catch (e) {
    const code = badToken(e);
    if (code && cfg.mode === 'socket')
      throw new ConfigError(
        `Setting SLACK_APP_TOKEN was refused by Slack (${code}); create an app-level token with connections:write under Basic Information.`,
      );
    throw e;
  }

  const port = new SlackPort(app.client, users);

  let stopped = false;
  const reconciled = track(reconcileReactions(app.client, service, me.botUserId, log, () => stopped));
  log.info('slack connected', { mode: cfg.mode, ...(listening ? { listening, path: '/slack/events' } : {}) });

  const idle = async () => {
    do {
      await new Promise((r) => setImmediate(r));
      await Promise.allSettled([...pending]);
    } while (pending.size);
  };

  return {
    name: `slack (${cfg.mode === 'socket' ? 'Socket Mode' : 'HTTP'})`,
    app,
    platform: port.platform,
    minEditIntervalMs: port.minEditIntervalMs,
    post: (channel, doc) => port.post(channel, doc),
    edit: (channel, messageId, doc) => port.edit(channel, messageId, doc),
    mode: cfg.mode,
    botUserId: me.botUserId,
    ...(url ? { url } : {}),
    reconciled,
    idle,
    async stop() {
      stopped = true;
      await app.stop();
      await idle();
    },
  };
}) satisfies StartPlatform;
