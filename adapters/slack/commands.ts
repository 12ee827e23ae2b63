import type { App } from '@slack/bolt';
import { proposeModal } from './modals';
import { mentionsToCore, unescapeSlack } from './markdown';
import type { SlackRuntime } from './runtime';

/**
 * Every slash command of the grammar (/propose, /vote, /proposals, /close, /withdraw, /decisions,
 * /rotation, /leaderful). One listener for all: the core parses the name and the text, so a command
 * added to the manifest needs no code here. Acked at once; the work and the reply follow.
 */
export function registerCommands(app: App, rt: SlackRuntime): void {
  app.command(/^\/.+/, async ({ command, ack, respond, client }) => {
    await ack();
    const name = command.command.replace(/^\//, '');
    const text = mentionsToCore(unescapeSlack(command.text ?? ''));
    const teamId = command.team_id;

    if (name === 'propose' && !text.trim()) {
      // The trigger id is valid for 3 seconds: open the form before anything else.
      try {
        await client.views.open({
          trigger_id: command.trigger_id,
          view: proposeModal({ teamId, channelId: command.channel_id, channelName: command.channel_name }),
        });
      } catch (e) {
        rt.warn('views.open failed', e);
        await respond({ response_type: 'ephemeral', text: 'I could not open the proposal form. Type it instead: /propose <title> | <reasons> --closes 3d' });
      }
      return;
    }

    const vouched = await rt.vouched(teamId, text);
    const reply = rt.service.command(
      {
        channel: rt.address(teamId, command.channel_id),
        channelName: command.channel_name,
        actor: await rt.actor(teamId, command.user_id),
        ...(vouched.length ? { knownUsers: vouched } : {}),
        // Socket Mode may redeliver an envelope that was not acked in time: the trigger id dedupes it.
        eventId: `trigger:${command.trigger_id}`,
      },
      name,
      text,
    );
    await respond({ response_type: 'ephemeral', replace_original: false, ...(await rt.render(teamId, reply.doc)) });
  });
}
