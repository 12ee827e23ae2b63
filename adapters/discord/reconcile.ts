import {
  type APIUser,
  DiscordAPIError,
  ReactionType,
  type REST,
  type RESTGetAPIChannelMessageReactionUsersResult,
  type RESTGetAPIChannelMessageResult,
  Routes,
} from 'discord.js';
import { voteKeyOfReaction } from '../../src/core/proposals/emoji';
import type { Logger } from '../../src/core/log';
import type { Core } from '../../src/core/platform';
import { groupByVote, reconcileOpenProposals, type ReactionsByVote } from '../shared/reaction-votes';
import { DISCORD } from './port';

const PAGE = 100; // Discord's maximum for the reaction users endpoint

async function reactionUsers(rest: REST, channelId: string, messageId: string, emoji: string, type: ReactionType): Promise<APIUser[]> {
  const users: APIUser[] = [];
  let after: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: String(PAGE), type: String(type) });
    if (after) query.set('after', after);
    const page = (await rest.get(Routes.channelMessageReaction(channelId, messageId, encodeURIComponent(emoji)), {
      query,
    })) as RESTGetAPIChannelMessageReactionUsersResult;
    users.push(...page);
    if (page.length < PAGE) return users;
    after = page[page.length - 1]!.id;
  }
}

/** Who reacts with a vote emoji on one message now, per stance or poll option (bots excluded; custom emoji are not votes). */
export async function voteReactions(rest: REST, channelId: string, messageId: string, botUserId: string): Promise<ReactionsByVote> {
  const message = (await rest.get(Routes.channelMessage(channelId, messageId))) as RESTGetAPIChannelMessageResult;
  const found: { emoji: string; userIds: string[] }[] = [];
  for (const r of message.reactions ?? []) {
    if (r.emoji.id || !r.emoji.name || !voteKeyOfReaction(r.emoji.name)) continue;
    const types = r.count_details.burst > 0 ? [ReactionType.Normal, ReactionType.Super] : [ReactionType.Normal];
    for (const type of types) {
      const users = await reactionUsers(rest, channelId, messageId, r.emoji.name, type);
      found.push({ emoji: r.emoji.name, userIds: users.filter((u) => !u.bot).map((u) => u.id) });
    }
  }
  return groupByVote(found, (u) => u === botUserId);
}

/**
 * On ready: brings the votes of every open proposal in line with the reactions its message has
 * now, so reactions added or removed while the bot was offline count. Returns the votes changed.
 */
export function reconcileReactions(rest: REST, service: Core, botUserId: string, log: Logger): Promise<number> {
  return reconcileOpenProposals(service, DISCORD, {
    read: (m) => voteReactions(rest, m.channelId, m.messageId, botUserId),
    log,
    // A deleted message or a channel the bot left: nothing to count there; the rest go on.
    levelOf: (e) => (e instanceof DiscordAPIError && (e.status === 403 || e.status === 404) ? 'warn' : 'error'),
  });
}
