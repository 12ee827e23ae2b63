import {
  type APIUser,
  DiscordAPIError,
  ReactionType,
  type REST,
  type RESTGetAPIChannelMessageReactionUsersResult,
  type RESTGetAPIChannelMessageResult,
  Routes,
} from 'discord.js';
import { stanceOfReaction } from '../../src/core/emoji';
import type { Logger } from '../../src/core/ports';
import type { Leaderful } from '../../src/core/service';
import type { Stance } from '../../src/core/types';
import { DISCORD } from './port';

const PAGE = 100; // Discord's maximum for the reaction users endpoint

async function reactionUsers(rest: REST, channelId: string, messageId: string, emoji: string, type: ReactionType): Promise<APIUser[]> {
  const users: APIUser[] = [];
  let after: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: String(PAGE), type: String(type) });
    if (after) query.set('after', after);
    const page = (await rest.get(Routes.channelMessageReaction(channelId, messageId, encodeURIComponent(emoji)), { query })) as RESTGetAPIChannelMessageReactionUsersResult;
    users.push(...page);
    if (page.length < PAGE) return users;
    after = page[page.length - 1]!.id;
  }
}

/** Who reacts with a vote emoji on one message now, per stance (bots excluded). */
export async function voteReactions(rest: REST, channelId: string, messageId: string, botUserId: string): Promise<Partial<Record<Stance, string[]>>> {
  const message = (await rest.get(Routes.channelMessage(channelId, messageId))) as RESTGetAPIChannelMessageResult;
  const byStance: Partial<Record<Stance, Set<string>>> = {};
  for (const r of message.reactions ?? []) {
    const stance = !r.emoji.id && r.emoji.name ? stanceOfReaction(r.emoji.name) : undefined;
    if (!stance) continue;
    const types = r.count_details.burst > 0 ? [ReactionType.Normal, ReactionType.Super] : [ReactionType.Normal];
    for (const type of types) {
      for (const u of await reactionUsers(rest, channelId, messageId, r.emoji.name!, type)) {
        if (u.id !== botUserId && !u.bot) (byStance[stance] ??= new Set()).add(u.id);
      }
    }
  }
  return Object.fromEntries(Object.entries(byStance).map(([s, users]) => [s, [...users]]));
}

/**
 * On ready: brings the votes of every open proposal in line with the reactions its message has
 * now, so reactions added or removed while the bot was offline count. Returns the votes changed.
 */
export async function reconcileReactions(rest: REST, service: Leaderful, botUserId: string, log: Logger): Promise<number> {
  let changes = 0;
  for (const m of service.openProposalMessages(DISCORD)) {
    try {
      const asOf = service.now();
      const reactions = await voteReactions(rest, m.channel.channelId, m.messageId, botUserId);
      changes += service.reconcile(m.channel, m.messageId, reactions, asOf);
    } catch (e) {
      // A deleted message or a channel the bot left: nothing to count there; the rest go on.
      const gone = e instanceof DiscordAPIError && (e.status === 403 || e.status === 404);
      log[gone ? 'warn' : 'error']('could not reconcile reactions', {
        proposal: m.proposalId,
        message: m.messageId,
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }
  if (changes) log.info('reconciled reaction votes', { changes });
  return changes;
}
