import { Client, Events, GatewayIntentBits, Partials, REST, Routes } from 'discord.js';
import type { Platform, PlatformContext, StartPlatform } from '../../src/core/platform';
import { ConfigError } from '../../src/config';
import { STANCE_EMOJI } from '../../src/core/proposals/emoji';
import type { Logger } from '../../src/core/log';
import { STANCES } from '../../src/core/types';
import { cacheOptions } from './cache';
import { readDiscordConfig } from './config';
import { handleInteraction } from './interactions';
import { DiscordPort, rejectLongRateLimits } from './port';
import { handleReaction, handleReactionsCleared } from './reactions';
import { reconcileReactions } from './reconcile';

export interface DiscordAdapter extends Platform {
  client: Client<true>;
  /** Settles when the reactions of open proposals have been reconciled (the votes changed). */
  reconciled: Promise<number>;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Adds 👍 👎 🤷 🛑 (a poll: 1️⃣ 2️⃣ …) under a new card so voting is one click. Best effort: votes work without them. */
async function seedReactions(rest: REST, channelId: string, messageId: string, emoji: readonly string[], log: Logger): Promise<void> {
  try {
    for (const e of emoji) await rest.put(Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(e)));
  } catch (e) {
    log.warn('could not add the vote reactions', { message: messageId, error: errorText(e) });
  }
}

export const startDiscord = (async (deps: PlatformContext): Promise<DiscordAdapter> => {
  const { core: service, log } = deps;
  const cfg = readDiscordConfig(deps.env);
  const api = cfg.apiUrl ? { api: cfg.apiUrl } : {};
  let me: string | undefined;
  const client: Client = new Client({
    // Bounded caches and sweepers (see cache.ts): memory does not grow with the members seen.
    ...cacheOptions(() => me),
    // No privileged intents: commands and buttons arrive as interactions, votes as reactions.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    // Reactions on messages, channels and users not in the cache (posted before a restart, a
    // user not seen yet) are otherwise dropped by discord.js; Partials.User covers removals.
    partials: [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User],
    // A default for anything sent through the client: no mention pings unless a message says so.
    allowedMentions: { parse: [] },
    rest: api,
  });
  // The outbox's own REST client: long rate limits and failures come back as errors, for the dispatcher to retry.
  const rest = new REST({ ...api, rejectOnRateLimit: rejectLongRateLimits, retries: 0 }).setToken(cfg.token);
  const port = new DiscordPort(rest, {
    onPosted: (channelId, messageId, doc) => {
      if (doc.voting && doc.voting.reactions !== false) {
        const emoji = doc.voting.options ? doc.voting.options.map((o) => o.emoji) : STANCES.map((s) => STANCE_EMOJI[s]);
        void seedReactions(client.rest, channelId, messageId, emoji, log);
      }
    },
  });

  client.on(Events.InteractionCreate, (i) => void handleInteraction(i, { service, log }));
  const reactionDeps = { service, log, botUserId: () => client.user?.id };
  client.on(Events.MessageReactionAdd, (r, u) => handleReaction(r, u, true, reactionDeps));
  client.on(Events.MessageReactionRemove, (r, u) => handleReaction(r, u, false, reactionDeps));
  const clearedDeps = { ...reactionDeps, rest: client.rest };
  client.on(
    Events.MessageReactionRemoveAll,
    (m) => void handleReactionsCleared({ guildId: m.guildId, channelId: m.channelId, messageId: m.id }, undefined, clearedDeps),
  );
  client.on(Events.MessageReactionRemoveEmoji, (r) => {
    if (r.emoji.id || !r.emoji.name) return; // custom emoji are never votes
    void handleReactionsCleared({ guildId: r.message.guildId, channelId: r.message.channelId, messageId: r.message.id }, r.emoji.name, clearedDeps);
  });
  client.on(Events.Error, (e) => log.error('discord client error', { error: errorText(e) }));
  client.on(Events.Warn, (m) => log.warn('discord client warning', { warning: m }));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(cfg.token);
  } catch (e) {
    await client.destroy();
    if ((e as { code?: unknown }).code === 'TokenInvalid') {
      throw new ConfigError('Setting DISCORD_TOKEN: Discord rejected this token; reset it on the Bot page of your application and copy it again.');
    }
    throw e;
  }
  const c = await ready;
  me = c.user.id;
  if (c.application.id !== cfg.applicationId) {
    log.warn('DISCORD_APPLICATION_ID is not the application of this bot token; slash commands registered for it will not reach this bot', {
      configured: cfg.applicationId,
      token: c.application.id,
    });
  }
  log.info('discord ready', { user: c.user.tag, guilds: c.guilds.cache.size });
  // In the background: start-up does not wait for one GET per open proposal.
  const reconcile = () =>
    reconcileReactions(c.rest, service, c.user.id, log).catch((e) => {
      log.error('reconciling reactions failed', { error: errorText(e) });
      return 0;
    });
  const reconciled = reconcile();
  // A resumed session gets the missed events replayed; a new session (after a long outage or an
  // invalidated one) does not, so its reactions are read again as at start. (The first session's
  // ShardReady came before ClientReady, so every one from here on is a new session.)
  client.on(Events.ShardReady, () => void reconcile());

  return {
    name: 'discord',
    client: c,
    platform: port.platform,
    minEditIntervalMs: port.minEditIntervalMs,
    post: (channel, doc, key) => port.post(channel, doc, key),
    edit: (channel, messageId, doc) => port.edit(channel, messageId, doc),
    reconciled,
    async stop() {
      await client.destroy();
    },
  };
}) satisfies StartPlatform;
