import type { App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { emojiOf } from '../shared/emoji-names';
import type { SlackRuntime } from './runtime';

/**
 * Reaction votes: 👍 👎 🤷 🛑 (any skin tone) on a proposal's message vote and unvote. The core
 * ignores other reactions and other messages; here we drop what is plainly not a vote (files, the
 * bot's own reactions, messages the bot did not post) before touching the store.
 */
export function registerReactions(app: App, rt: SlackRuntime): void {
  const handle =
    (added: boolean) =>
    async ({ event, body, client }: SlackEventMiddlewareArgs<'reaction_added' | 'reaction_removed'> & { client: App['client'] }) => {
      // The SDK types say "message", but Slack also sends file and file_comment items.
      const item = event.item as { type: string; channel?: string; ts?: string };
      if (item.type !== 'message' || !item.channel || !item.ts) return;
      if (event.user === rt.botUserId) return;
      if (event.item_user && event.item_user !== rt.botUserId) return;
      const teamId = body.team_id;
      const reply = rt.service.react(
        // event_id makes a retried delivery (X-Slack-Retry-Num, Socket Mode redelivery) a no-op.
        { channel: rt.address(teamId, item.channel), actor: rt.actorNow(teamId, event.user), eventId: body.event_id },
        item.ts,
        emojiOf(event.reaction), // Slack names reactions (+1::skin-tone-3); the core reads emoji
        added,
      );
      // Slack lets a bot remove only its own reactions (reactions.remove): a reaction on a hidden or
      // secret ballot (reply.removeReaction) stays, and the member is asked to remove it.
      if (reply && !reply.ok && !reply.quiet) {
        // e.g. voting has closed, or reactions are not votes there: tell the person, privately.
        try {
          await client.chat.postEphemeral({ channel: item.channel, user: event.user, ...(await rt.render(teamId, reply.doc)) });
        } catch (e) {
          rt.warn('chat.postEphemeral failed', e);
        }
      }
    };
  app.event('reaction_added', handle(true));
  app.event('reaction_removed', handle(false));
}
