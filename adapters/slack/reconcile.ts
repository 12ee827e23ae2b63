import { webApi } from '@slack/bolt';
import type { Logger } from '../../src/core/log';
import type { Core } from '../../src/core/platform';
import { emojiOf } from '../shared/emoji-names';
import { groupByVote, reconcileOpenProposals, type ReactionsByVote } from '../shared/reaction-votes';

/** Reactions on a message (Slack's reactions.get), grouped by what they vote for (a stance, a poll's option); the bot's own are left out. */
export function reactionsByStance(reactions: { name?: string; users?: string[] }[], botUserId: string): ReactionsByVote {
  return groupByVote(
    reactions.map((r) => ({ emoji: emojiOf(r.name ?? ''), userIds: r.users ?? [] })),
    (u) => u === botUserId,
  );
}

/**
 * Votes made while the bot was down: reads each open proposal message's reactions (reactions.get)
 * and lets the core bring the reaction votes in line. Runs after start, in the background, one
 * message at a time (reactions.get is a Tier 3 method); a rate-limited read waits as Slack asks.
 */
export function reconcileReactions(client: webApi.WebClient, service: Core, botUserId: string, log: Logger, stopped: () => boolean): Promise<number> {
  return reconcileOpenProposals(service, 'slack', {
    read: async (m) =>
      reactionsByStance((await client.reactions.get({ channel: m.channelId, timestamp: m.messageId, full: true })).message?.reactions ?? [], botUserId),
    log,
    stopped,
    retryAfterMs: (e) => (e instanceof webApi.WebAPIRateLimitedError ? e.retryAfter * 1000 : undefined),
  });
}
