import type { App, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import { proposeFromFields, type ProposeFields } from '../../src/core/commands/fields';
import { voteReasonSchema } from '../../src/core/commands/values';
import { STANCES, type Stance } from '../../src/core/types';
import { type Action, parseActionId } from '../../src/core/actions';
import { LEGACY_REASON_ACTION, LEGACY_VOTE_ACTION } from './render';
import {
  CHOOSE_VIEW,
  chooseMeta,
  chooseModal,
  parseMeta,
  PROPOSE_VIEW,
  proposeMeta,
  readChoice,
  readProposeFields,
  readReason,
  REASON_VIEW,
  reasonMeta,
  reasonModal,
} from './modals';
import type { SlackRuntime } from './runtime';

/**
 * Where a button was pressed and what it asks: the core's action id, or on a card posted before
 * the core owned them, the legacy action_id with the proposal in its value and block_id.
 */
function buttonContext(body: BlockAction, action: ButtonAction) {
  const teamId = body.team?.id ?? body.user.team_id;
  const channelId = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
  if (!teamId || !channelId) return undefined;
  const parsed = parseActionId(action.action_id) ?? legacyAction(action);
  if (parsed?.kind !== 'vote' && parsed?.kind !== 'reason' && parsed?.kind !== 'option' && parsed?.kind !== 'choose') return undefined;
  return { teamId, channelId, action: parsed };
}

function legacyAction(action: ButtonAction): Action | undefined {
  const proposalId = Number(action.value);
  if (!Number.isSafeInteger(proposalId) || proposalId < 1) return undefined;
  if (action.action_id === LEGACY_REASON_ACTION) {
    // block_id was "leaderful_vote:<proposalId>:<number>".
    const number = Number(action.block_id.split(':')[2]);
    return { kind: 'reason', proposalId, number: Number.isSafeInteger(number) ? number : proposalId };
  }
  const stance = action.action_id.slice(LEGACY_VOTE_ACTION.length);
  return (STANCES as readonly string[]).includes(stance) ? { kind: 'vote', proposalId, stance: stance as Stance } : undefined;
}

/** The form field a refusal is about, so that Slack shows the message under it. */
function blame(fields: ProposeFields): string {
  if (!proposeFromFields({ title: fields.title }).ok) return 'title';
  for (const k of ['reasons', 'rule', 'quorum', 'ballot', 'extend'] as const) {
    if (fields[k] !== undefined && !proposeFromFields({ title: 'x', [k]: fields[k] }).ok) return k;
  }
  return fields.closes ? 'closes' : 'title';
}

export function registerInteractions(app: App, rt: SlackRuntime): void {
  // The buttons on an open proposal's card: Agree / Disagree / Abstain / Block, and "Give a reason"
  // (a modal with the stance and the reason).
  const legacy = new RegExp(`^(${LEGACY_VOTE_ACTION}(${STANCES.join('|')})|${LEGACY_REASON_ACTION})$`);
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: /^lf:|^leaderful_vote_/ }, async ({ ack, body, action, client, respond }) => {
    await ack();
    if (!action.action_id.startsWith('lf:') && !legacy.test(action.action_id)) return;
    const where = buttonContext(body, action);
    if (!where) return;
    const a = where.action;
    if (a.kind === 'vote') {
      const reply = rt.service.voteOn(
        { channel: rt.address(where.teamId, where.channelId), actor: rt.actorNow(where.teamId, body.user.id), eventId: `trigger:${body.trigger_id}` },
        a.proposalId,
        a.stance,
        null,
        'button',
      );
      await respond({ response_type: 'ephemeral', replace_original: false, ...(await rt.render(where.teamId, reply.doc)) });
      return;
    }
    if (a.kind === 'option') {
      const ctx = { channel: rt.address(where.teamId, where.channelId), actor: rt.actorNow(where.teamId, body.user.id), eventId: `trigger:${body.trigger_id}` };
      const reply = rt.service.choose(ctx, a.proposalId, [a.option], 'button');
      await respond({ response_type: 'ephemeral', replace_original: false, ...(await rt.render(where.teamId, reply.doc)) });
      return;
    }
    if (a.kind === 'choose') {
      const poll = rt.service.pollForm(rt.address(where.teamId, where.channelId), a.proposalId);
      if (!poll) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: 'That poll is closed.' }));
      try {
        await client.views.open({
          trigger_id: body.trigger_id,
          view: chooseModal({ teamId: where.teamId, channelId: where.channelId, proposalId: a.proposalId }, poll),
        });
      } catch (e) {
        rt.warn('views.open failed', e);
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: `I could not open the form. Type /vote ${poll.number} <option numbers> instead, like /vote ${poll.number} 1 3.`,
        });
      }
      return;
    }
    try {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: reasonModal(
          { teamId: where.teamId, channelId: where.channelId, proposalId: a.proposalId, number: a.number, ...(a.secret ? { secret: a.secret } : {}) },
          `Proposal #${a.number}`,
        ),
      });
    } catch (e) {
      rt.warn('views.open failed', e);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `I could not open the form. Type /vote ${a.number} agree|disagree|abstain|block <your reason> instead.`,
      });
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

  // The form of a poll on which several options may be chosen.
  app.view<ViewSubmitAction>(CHOOSE_VIEW, async ({ ack, body, view, client }) => {
    const meta = parseMeta(chooseMeta, view.private_metadata);
    if (!meta) return ack();
    const reply = rt.service.choose(
      { channel: rt.address(meta.teamId, meta.channelId), actor: rt.actorNow(meta.teamId, body.user.id), eventId: `trigger:${body.trigger_id}` },
      meta.proposalId,
      readChoice(view.state.values),
      'button',
    );
    if (!reply.ok) return ack({ response_action: 'errors', errors: { options: rt.firstLine(reply) } });
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

async function postEphemeral(
  client: App['client'],
  rt: SlackRuntime,
  teamId: string,
  channel: string,
  user: string,
  doc: Parameters<SlackRuntime['render']>[1],
) {
  try {
    await client.chat.postEphemeral({ channel, user, ...(await rt.render(teamId, doc)) });
  } catch (e) {
    rt.warn('chat.postEphemeral failed', e);
  }
}
