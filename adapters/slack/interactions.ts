import type { App, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import { proposeFromFields, type ProposeFields, voteReasonSchema } from '../../src/core/commands';
import { STANCES, type Stance } from '../../src/core/types';
import { REASON_ACTION, VOTE_ACTION } from './render';
import { parseMeta, PROPOSE_VIEW, proposeMeta, readProposeFields, readReason, REASON_VIEW, reasonMeta, reasonModal } from './modals';
import type { SlackRuntime } from './runtime';

/** Where a button was pressed: its workspace, channel and the proposal it belongs to. */
function buttonContext(body: BlockAction, action: ButtonAction) {
  const teamId = body.team?.id ?? body.user.team_id;
  const channelId = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
  const proposalId = Number(action.value);
  // block_id is "leaderful_vote:<proposalId>:<number>" (see render.ts).
  const number = Number(action.block_id.split(':')[2]);
  if (!teamId || !channelId || !Number.isInteger(proposalId)) return undefined;
  return { teamId, channelId, proposalId, number: Number.isInteger(number) ? number : proposalId };
}

/** The form field a refusal is about, so that Slack shows the message under it. */
function blame(fields: ProposeFields): string {
  if (!proposeFromFields({ title: fields.title }).ok) return 'title';
  for (const k of ['reasons', 'rule', 'quorum'] as const) {
    if (fields[k] !== undefined && !proposeFromFields({ title: 'x', [k]: fields[k] }).ok) return k;
  }
  return fields.closes ? 'closes' : 'title';
}

export function registerInteractions(app: App, rt: SlackRuntime): void {
  const stances = STANCES.join('|');

  // Agree / Disagree / Abstain / Block buttons on an open proposal's card.
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${VOTE_ACTION}(${stances})$`), async ({ ack, body, action, respond }) => {
    await ack();
    const where = buttonContext(body, action);
    if (!where) return;
    const stance = action.action_id.slice(VOTE_ACTION.length) as Stance;
    const reply = rt.service.voteOn(
      { channel: rt.address(where.teamId, where.channelId), actor: rt.actorNow(where.teamId, body.user.id), eventId: `trigger:${body.trigger_id}` },
      where.proposalId,
      stance,
      null,
      'button',
    );
    await respond({ response_type: 'ephemeral', replace_original: false, ...(await rt.render(where.teamId, reply.doc)) });
  });

  // "Give a reason": a modal with the stance and the reason.
  app.action<BlockAction<ButtonAction>>(REASON_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    const where = buttonContext(body, action);
    if (!where) return;
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: reasonModal(where, `Proposal #${where.number}`) });
    } catch (e) {
      rt.warn('views.open failed', e);
      await respond({ response_type: 'ephemeral', replace_original: false, text: `I could not open the form. Type /vote ${where.number} agree|disagree|abstain|block <your reason> instead.` });
    }
  });

  // The /propose form. Refusals stay in the form, under the field they are about.
  app.view<ViewSubmitAction>(PROPOSE_VIEW, async ({ ack, body, view, client }) => {
    const meta = parseMeta(proposeMeta, view.private_metadata);
    if (!meta) return ack();
    const fields = readProposeFields(view.state.values);
    const reply = rt.service.proposeFields(
      {
        channel: rt.address(meta.teamId, meta.channelId),
        ...(meta.channelName ? { channelName: meta.channelName } : {}),
        actor: rt.actorNow(meta.teamId, body.user.id),
        eventId: `trigger:${body.trigger_id}`,
      },
      fields,
    );
    if (!reply.ok) return ack({ response_action: 'errors', errors: { [blame(fields)]: rt.firstLine(reply) } });
    await ack();
    await postEphemeral(client, rt, meta.teamId, meta.channelId, body.user.id, reply.doc);
  });

  // The reason form.
  app.view<ViewSubmitAction>(REASON_VIEW, async ({ ack, body, view, client }) => {
    const meta = parseMeta(reasonMeta, view.private_metadata);
    if (!meta) return ack();
    const { stance, reason: typed } = readReason(view.state.values);
    if (!stance) return ack({ response_action: 'errors', errors: { stance: 'Pick agree, disagree, abstain or block.' } });
    // The form's max_length is only asked of the client: a submission is a request like any other,
    // checked with the same schema as a typed /vote (as on Discord; the core checks it again).
    const checked = voteReasonSchema.safeParse(typed);
    if (!checked.success) return ack({ response_action: 'errors', errors: { reason: checked.error.issues[0]?.message ?? 'That reason cannot be used.' } });
    const reason = checked.data;
    const reply = rt.service.voteOn(
      { channel: rt.address(meta.teamId, meta.channelId), actor: rt.actorNow(meta.teamId, body.user.id), eventId: `trigger:${body.trigger_id}` },
      meta.proposalId,
      stance,
      reason || null,
      'button',
    );
    if (!reply.ok) return ack({ response_action: 'errors', errors: { reason: rt.firstLine(reply) } });
    await ack();
    await postEphemeral(client, rt, meta.teamId, meta.channelId, body.user.id, reply.doc);
  });
}

async function postEphemeral(client: App['client'], rt: SlackRuntime, teamId: string, channel: string, user: string, doc: Parameters<SlackRuntime['render']>[1]) {
  try {
    await client.chat.postEphemeral({ channel, user, ...(await rt.render(teamId, doc)) });
  } catch (e) {
    rt.warn('chat.postEphemeral failed', e);
  }
}
