import type { MessageReaction, PartialMessageReaction, PartialUser, REST, User } from 'discord.js';
import { voteKeyOfReaction } from '../../src/core/proposals/emoji';
import type { Logger } from '../../src/core/log';
import type { Core } from '../../src/core/platform';
import { DISCORD } from './port';
import { voteReactions } from './reconcile';

export interface ReactionDeps {
  service: Core;
  log: Logger;
  botUserId: () => string | undefined;
}

/**
 * A reaction added or removed. Message, reaction and user may be partials (a message from before
 * a restart, a user not cached): only ids and the emoji are needed, so nothing is fetched.
 */
export function handleReaction(reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser, added: boolean, deps: ReactionDeps): void {
  if (user.id === deps.botUserId() || user.bot) return; // our own (and other bots') reactions never vote
  const { emoji, message } = reaction;
  if (emoji.id || !emoji.name || !message.guildId) return; // custom emoji are not votes; DMs have no proposals
  const member = message.guild?.members.cache.get(user.id);
  const displayName = member?.displayName ?? (user.partial ? undefined : (user.globalName ?? user.username));
  try {
    const reply = deps.service.react(
      {
        channel: { platform: DISCORD, spaceId: message.guildId, channelId: message.channelId },
        actor: { userId: user.id, ...(displayName ? { displayName } : {}), platformAdmin: false },
      },
      message.id,
      emoji.name,
      added,
    );
    // A reaction cannot be answered privately; a refused one (voting closed) is only logged.
    if (reply && !reply.ok) deps.log.info('reaction vote refused', { message: message.id, user: user.id });
    // On a hidden or secret ballot a reaction would show the vote: the bot takes it off (Manage Messages).
    if (reply?.removeReaction) {
      reaction.users.remove(user.id).catch((e: unknown) => {
        deps.log.warn('could not remove a reaction that is not a vote', { message: message.id, error: e instanceof Error ? e.message : String(e) });
      });
    }
  } catch (e) {
    // An event listener that throws would take the process down; a lost reaction vote is put right by the reconcile at the next start.
    deps.log.error('reaction vote failed', { message: message.id, error: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * A moderator cleared a message's reactions: all of them (`emoji` undefined), or every reaction of
 * one emoji. Discord sends no per-user removals then, so the votes are recounted from what is left.
 */
export async function handleReactionsCleared(
  where: { guildId: string | null; channelId: string; messageId: string },
  emoji: string | undefined,
  deps: ReactionDeps & { rest: REST },
): Promise<void> {
  const botUserId = deps.botUserId();
  if (!where.guildId || !botUserId) return;
  if (emoji !== undefined && !voteKeyOfReaction(emoji)) return;
  const channel = { platform: DISCORD, spaceId: where.guildId, channelId: where.channelId };
  try {
    const left = emoji === undefined ? {} : await voteReactions(deps.rest, where.channelId, where.messageId, botUserId);
    deps.service.reconcile(channel, where.messageId, left); // no-op unless it is an open proposal's message
  } catch (e) {
    deps.log.warn('could not recount cleared reactions', { message: where.messageId, error: e instanceof Error ? e.message : String(e) });
  }
}
