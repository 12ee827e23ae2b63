import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  MessageFlags,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
  type RepliableInteraction,
} from 'discord.js';
import { voteReasonSchema } from '../../src/core/commands/values';
import type { Logger } from '../../src/core/log';
import type { Core } from '../../src/core/platform';
import type { Reply, RequestContext } from '../../src/core/service';
import { STANCES, type Stance } from '../../src/core/types';
import { commandText } from './command-text';
import { parseActionId } from '../../src/core/actions';
import { FIELD } from './modals';
import { clip } from './markdown';
import { chooseModal, proposeModal, reasonModal } from './modals';
import { DISCORD } from './port';
import { type DiscordMessage, renderReply } from './render';

export interface InteractionDeps {
  service: Core;
  log: Logger;
}

/** Commands whose answer reads history that grows over time: acknowledged first, answered after. */
const DEFERRED_COMMANDS: ReadonlySet<string> = new Set(['proposals', 'decisions']);

const filesOf = (m: DiscordMessage) => (m.files ? { files: m.files.map((f) => ({ attachment: f.data, name: f.name })) } : {});

const toReply = (m: DiscordMessage): InteractionReplyOptions => ({
  ...(m.content ? { content: m.content } : {}),
  embeds: m.embeds,
  components: m.components,
  allowedMentions: { parse: [], users: m.allowed_mentions.users ?? [] },
  ...filesOf(m),
  flags: MessageFlags.Ephemeral, // answers are for the asker only
});

const toEdit = (m: DiscordMessage): InteractionEditReplyOptions => ({
  content: m.content || null,
  embeds: m.embeds,
  components: m.components,
  allowedMentions: { parse: [], users: m.allowed_mentions.users ?? [] },
  ...filesOf(m),
});

/**
 * Members named in a command's user options. Discord resolved them itself, so they are real: the
 * core may remember them as seen (it only makes seen members stewards).
 */
function vouchedUsers(i: ChatInputCommandInteraction): RequestContext['knownUsers'] {
  const users = i.options.resolved?.users;
  if (!users?.size) return undefined;
  const members = i.options.resolved?.members;
  return [...users.values()]
    .filter((u) => !u.bot)
    .map((u) => {
      const m = members?.get(u.id);
      const displayName = (m && 'displayName' in m ? m.displayName : undefined) ?? (m && 'nick' in m ? m.nick : undefined) ?? u.globalName ?? u.username;
      return { userId: u.id, displayName };
    });
}

const answer = (i: RepliableInteraction, r: Reply) => i.reply(toReply(renderReply(r.doc)));

const say = (i: RepliableInteraction, content: string) => i.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });

/** Who asks, where, and the interaction id that makes a redelivered interaction change nothing. */
function contextOf(i: Interaction): RequestContext | undefined {
  if (!i.inGuild() || !i.channelId) return undefined;
  const member = i.member;
  const displayName = 'displayName' in member ? member.displayName : (member.nick ?? i.user.globalName ?? i.user.username);
  const channelName = i.channel && 'name' in i.channel && i.channel.name ? i.channel.name : undefined;
  return {
    channel: { platform: DISCORD, spaceId: i.guildId, channelId: i.channelId },
    ...(channelName ? { channelName } : {}),
    // Manage Server (Administrator implies it) is Discord's word for "may change this bot's settings".
    actor: { userId: i.user.id, displayName, platformAdmin: i.memberPermissions.has(PermissionFlagsBits.ManageGuild) },
    eventId: i.id,
  };
}

async function chatInput(i: ChatInputCommandInteraction, asked: RequestContext, { service }: InteractionDeps): Promise<void> {
  const name = i.commandName;
  const vouched = vouchedUsers(i);
  const ctx: RequestContext = vouched ? { ...asked, knownUsers: vouched } : asked;
  if (name === 'propose') {
    const draft = {
      title: i.options.getString('title') ?? undefined,
      reasons: i.options.getString('reasons') ?? undefined,
      closes: i.options.getString('closes') ?? undefined,
      rule: i.options.getString('rule') ?? undefined,
      quorum: i.options.getString('quorum') ?? undefined,
      ballot: i.options.getString('ballot') ?? undefined,
      extend: i.options.getString('extend') ?? undefined,
    };
    // No title: the form, showing whatever options were given.
    if (!draft.title?.trim()) {
      await i.showModal(proposeModal(draft));
      return;
    }
    await answer(i, service.proposeFields(ctx, { ...draft, title: draft.title }));
    return;
  }
  if (name === 'poll') {
    await answer(
      i,
      service.pollFields(ctx, {
        question: i.options.getString('question') ?? '',
        options: i.options.getString('options') ?? '',
        multi: i.options.getBoolean('multi') === true,
        closes: i.options.getString('closes') ?? undefined,
        quorum: i.options.getString('quorum') ?? undefined,
        ballot: i.options.getString('ballot') ?? undefined,
        extend: i.options.getString('extend') ?? undefined,
      }),
    );
    return;
  }
  const text = commandText(name, i.options.data);
  if (DEFERRED_COMMANDS.has(name)) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    await i.editReply(toEdit(renderReply(service.command(ctx, name, text).doc)));
    return;
  }
  await answer(i, service.command(ctx, name, text));
}

async function button(i: ButtonInteraction, ctx: RequestContext, { service }: InteractionDeps): Promise<void> {
  const id = parseActionId(i.customId);
  if (id?.kind === 'vote') {
    await answer(i, service.voteOn(ctx, id.proposalId, id.stance, null, 'button'));
  } else if (id?.kind === 'reason') {
    await i.showModal(reasonModal(id.proposalId, id.number, id.secret === true));
  } else if (id?.kind === 'option') {
    await answer(i, service.choose(ctx, id.proposalId, [id.option], 'button'));
  } else if (id?.kind === 'choose') {
    const poll = service.pollForm(ctx.channel, id.proposalId);
    if (poll) await i.showModal(chooseModal(id.proposalId, poll));
    else await say(i, 'That poll is closed.');
  } else {
    await say(i, 'This button is no longer in use.');
  }
}

const optionalText = (i: ModalSubmitInteraction, field: string): string | undefined => {
  const v = i.fields.getTextInputValue(field).trim();
  return v || undefined;
};

async function modalSubmit(i: ModalSubmitInteraction, ctx: RequestContext, { service }: InteractionDeps): Promise<void> {
  const id = parseActionId(i.customId);
  if (id?.kind === 'propose-modal') {
    const rule = i.fields.getStringSelectValues(FIELD.rule)[0];
    await answer(
      i,
      service.proposeFields(ctx, {
        title: i.fields.getTextInputValue(FIELD.title),
        reasons: optionalText(i, FIELD.reasons),
        closes: optionalText(i, FIELD.closes),
        rule,
        quorum: optionalText(i, FIELD.quorum),
        ...(id.ballot ? { ballot: id.ballot } : {}),
        ...(id.extend ? { extend: id.extend } : {}),
      }),
    );
  } else if (id?.kind === 'choose-modal') {
    const chosen = i.fields
      .getStringSelectValues(FIELD.options)
      .map(Number)
      .filter((n) => Number.isSafeInteger(n));
    await answer(i, service.choose(ctx, id.proposalId, chosen, 'button'));
  } else if (id?.kind === 'reason-modal') {
    const stance = i.fields.getStringSelectValues(FIELD.stance)[0];
    if (!stance || !(STANCES as readonly string[]).includes(stance)) return void (await say(i, 'Pick agree, disagree, abstain or block.'));
    // The form limits the length, but a submission is only a request: check it like typed text.
    const reason = voteReasonSchema.safeParse(i.fields.getTextInputValue(FIELD.reason));
    if (!reason.success) return void (await say(i, reason.error.issues[0]?.message ?? 'That reason cannot be used.'));
    await answer(i, service.voteOn(ctx, id.proposalId, stance as Stance, reason.data || null, 'button'));
  } else {
    await say(i, 'This form is no longer in use.');
  }
}

/** Open proposal numbers (for /proposals, recent closed ones too) and role names, as the user types. */
async function autocomplete(i: AutocompleteInteraction, { service }: InteractionDeps): Promise<void> {
  const focused = i.options.getFocused(true);
  if (!i.guildId || !i.channelId) return i.respond([]);
  const channel = { platform: DISCORD, spaceId: i.guildId, channelId: i.channelId };
  const typed = String(focused.value);
  if (focused.name === 'proposal') {
    const choices = service
      .suggestProposals(channel, typed, i.commandName === 'proposals')
      .map((p) => ({ name: clip(`#${p.number} ${p.title}`, 100), value: p.number }));
    return i.respond(choices);
  }
  if (focused.name === 'role') {
    return i.respond(
      service
        .suggestRoles(channel, typed)
        .slice(0, 25)
        .map((r) => ({ name: r, value: r })),
    );
  }
  return i.respond([]);
}

/** Every interaction: commands, autocomplete, buttons, forms. Failures are answered privately. */
export async function handleInteraction(i: Interaction, deps: InteractionDeps): Promise<void> {
  try {
    if (i.isAutocomplete()) return await autocomplete(i, deps);
    if (!i.isRepliable()) return;
    const ctx = contextOf(i);
    if (!ctx) return void (await say(i, 'Leaderful works in server channels, not in direct messages.'));
    if (i.isChatInputCommand()) return await chatInput(i, ctx, deps);
    if (i.isButton()) return await button(i, ctx, deps);
    if (i.isModalSubmit()) return await modalSubmit(i, ctx, deps);
    await say(i, 'Leaderful does not handle this kind of interaction.');
  } catch (e) {
    deps.log.error('discord interaction failed', { interaction: i.id, type: i.type, error: e instanceof Error ? e.message : String(e) });
    if (!i.isRepliable()) return;
    const sorry = {
      content: 'Something went wrong on my side. Please try again in a moment.',
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    } as const;
    try {
      if (i.deferred || i.replied) await i.followUp(sorry);
      else await i.reply(sorry);
    } catch {
      // The interaction token may have expired; the error is logged above.
    }
  }
}
