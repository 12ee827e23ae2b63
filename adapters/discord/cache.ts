import { type CacheFactory, Options, type SweeperOptions } from 'discord.js';

/**
 * discord.js caches every user, member, message and reaction it sees, for ever, unless told
 * otherwise. Leaderful reads none of them back (reactions arrive as partials, names and rights
 * come with each interaction), so every cache it does not need is off and the rest are capped and
 * swept: memory stays flat however many members react.
 */
export const CACHE_LIMITS = {
  /** Per channel. The bot never reads messages from the cache; a few keep partial reactions cheap. */
  messages: 50,
  /** Per message: the four vote emoji and a few others. */
  reactions: 10,
  /** Users and members seen lately (the bot itself is always kept). */
  users: 1000,
  members: 1000,
  threads: 50,
} as const;

/** Sweep intervals and lifetimes, in seconds. */
const SWEEP = {
  messagesEverySec: 600,
  messageLifetimeSec: 1800,
  usersEverySec: 3600,
} as const;

export function cacheOptions(botUserId: () => string | undefined): { makeCache: CacheFactory; sweepers: SweeperOptions } {
  const notMe = (x: { id: string }) => x.id !== botUserId();
  return {
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: CACHE_LIMITS.messages,
      ReactionManager: CACHE_LIMITS.reactions,
      ReactionUserManager: 0,
      UserManager: { maxSize: CACHE_LIMITS.users, keepOverLimit: (u) => !notMe(u) },
      GuildMemberManager: { maxSize: CACHE_LIMITS.members, keepOverLimit: (m) => !notMe(m) },
      ThreadManager: CACHE_LIMITS.threads,
      ThreadMemberManager: 0,
      PresenceManager: 0,
      VoiceStateManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
      StageInstanceManager: 0,
      AutoModerationRuleManager: 0,
    }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      messages: { interval: SWEEP.messagesEverySec, lifetime: SWEEP.messageLifetimeSec },
      users: { interval: SWEEP.usersEverySec, filter: () => notMe },
      guildMembers: { interval: SWEEP.usersEverySec, filter: () => notMe },
    },
  };
}
