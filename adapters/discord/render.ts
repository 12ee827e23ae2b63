import {
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { type Doc, type Line, pingedUsers, type Span, type TallyView } from '../../src/core/delivery/doc';
import { STANCE_EMOJI } from '../../src/core/proposals/emoji';
import { type ProposalStatus, STANCES, STATUS_WORDS, type Stance } from '../../src/core/types';
import { tallyBar } from '../shared/tally-bar';
import { actionId } from '../../src/core/actions';
import { clip, clipLines, escapeText } from './markdown';

/** Discord's documented message limits. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  allowedUsers: 100,
} as const;

/** What we send for one message: the body of a channel post or edit, or an interaction reply. */
export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowed_mentions: APIAllowedMentions;
  /** Files attached to a reply (a data export too long for an embed). */
  files?: { name: string; data: Buffer }[];
}

const SNOWFLAKE = /^\d{17,20}$/;

const COLORS: Record<ProposalStatus, number> = {
  open: 0x5865f2,
  passed: 0x57f287,
  rejected: 0xed4245,
  no_quorum: 0xfee75c,
  withdrawn: 0x99aab5,
};
const ERROR_COLOR = 0xed4245;
const DEFAULT_COLOR = 0x5865f2;

export function renderSpan(s: Span): string {
  if ('text' in s) return escapeText(s.text);
  if ('strong' in s) return s.strong.trim() ? `**${escapeText(s.strong)}**` : '';
  if ('user' in s) return SNOWFLAKE.test(s.user) ? `<@${s.user}>` : escapeText(`@${s.user}`);
  // Discord shows <t:…> in each reader's own zone; the relative form reads as "in 3 days".
  const unix = Math.floor(s.time / 1000);
  return `<t:${unix}:f> (<t:${unix}:R>)`;
}

const renderLine = (line: Line): string => line.map(renderSpan).join('');

export { tallyBar };

function tallyText(t: TallyView): string {
  const rows = t.options
    ? t.options.map((o) => `${o.emoji} \`${tallyBar(o.count, t.voters)}\` ${o.count} ${escapeText(o.label)}`)
    : STANCES.map((s: Stance) => `${STANCE_EMOJI[s]} \`${tallyBar(t.counts[s], t.voters)}\` ${t.counts[s]} ${s}`);
  rows.push(t.quorumNeeded > 0 ? `Voters: ${t.voters} (quorum: ${t.quorumNeeded})` : `Voters: ${t.voters}`);
  return rows.join('\n');
}

const embedSize = (e: APIEmbed): number =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/** The doc as one embed, within every embed limit (the total of 6,000 included). */
export function renderEmbed(doc: Doc): APIEmbed {
  const embed: APIEmbed = {
    color: doc.kind === 'error' ? ERROR_COLOR : doc.status ? COLORS[doc.status] : DEFAULT_COLOR,
  };
  if (doc.title) embed.title = clip(escapeText(doc.title), LIMITS.title);
  const description = clipLines(doc.lines.map(renderLine), LIMITS.description);
  if (description) embed.description = description;

  const footer: string[] = [];
  if (doc.status) footer.push(`Status: ${doc.statusText ?? STATUS_WORDS[doc.status]}`);
  if (doc.late) footer.push('posted late');
  if (footer.length) embed.footer = { text: clip(footer.join(' · '), LIMITS.footer) }; // footers show no markdown: plain bot text

  const fixed: APIEmbedField[] = doc.tally ? [{ name: 'Tally', value: clip(tallyText(doc.tally), LIMITS.fieldValue) }] : [];
  const optional: APIEmbedField[] = (doc.fields ?? []).map((f) => ({
    name: clip(escapeText(f.label), LIMITS.fieldName) || '\u200b',
    value: clip(renderLine(f.value), LIMITS.fieldValue) || '\u200b',
  }));
  // Keep as many optional fields as fit in 25 fields and 6,000 characters, saying how many were left out.
  for (let keep = optional.length; ; keep--) {
    const left = optional.length - keep;
    const fields = [...fixed, ...optional.slice(0, keep), ...(left ? [{ name: '\u200b', value: `…and ${left} more` }] : [])];
    if (fields.length) embed.fields = fields;
    else delete embed.fields;
    if (keep === 0 || (fields.length <= LIMITS.fields && embedSize(embed) <= LIMITS.embedTotal)) break;
  }
  const over = embedSize(embed) - LIMITS.embedTotal;
  if (over > 0 && embed.description) embed.description = clip(embed.description, Math.max(1, embed.description.length - over));
  return embed;
}

const BUTTONS: { stance: Stance; label: string; style: ButtonStyle }[] = [
  { stance: 'agree', label: 'Agree', style: ButtonStyle.Success },
  { stance: 'disagree', label: 'Disagree', style: ButtonStyle.Secondary },
  { stance: 'abstain', label: 'Abstain', style: ButtonStyle.Secondary },
  { stance: 'block', label: 'Block', style: ButtonStyle.Danger },
];

/** Vote buttons for an open proposal's card; none otherwise (an edit with [] removes them). */
function renderComponents(doc: Doc): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  if (!doc.voting) return [];
  const { proposalId, number, secret, options, multi } = doc.voting;
  if (options) return pollComponents(proposalId, number, options, multi === true);
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        ...BUTTONS.map((b) => ({
          type: ComponentType.Button as const,
          style: b.style as ButtonStyle.Success | ButtonStyle.Secondary | ButtonStyle.Danger,
          label: b.label,
          emoji: { name: STANCE_EMOJI[b.stance] },
          custom_id: actionId({ kind: 'vote', proposalId, stance: b.stance }),
        })),
        {
          type: ComponentType.Button as const,
          style: ButtonStyle.Primary as const,
          label: 'Give a reason',
          emoji: { name: '✍️' },
          custom_id: actionId({ kind: 'reason', proposalId, number, ...(secret ? { secret } : {}) }),
        },
      ],
    },
  ];
}

/** A poll's buttons: one per option, five to a row (several allowed: one button opening the form). */
function pollComponents(
  proposalId: number,
  number: number,
  options: { label: string; emoji: string }[],
  multi: boolean,
): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const buttons = multi
    ? [
        {
          type: ComponentType.Button as const,
          style: ButtonStyle.Primary as const,
          label: 'Choose options',
          custom_id: actionId({ kind: 'choose', proposalId, number }),
        },
      ]
    : options.map((o, i) => ({
        type: ComponentType.Button as const,
        style: ButtonStyle.Secondary as const,
        label: clip(o.label, LIMITS.buttonLabel),
        emoji: { name: o.emoji },
        custom_id: actionId({ kind: 'option', proposalId, option: i + 1 }),
      }));
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow)
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  return rows;
}

/**
 * Who may be pinged, and the mention line that pings them. Mentions inside embeds never notify
 * anyone, so the people a doc means to ping are mentioned in `content`; allowed_mentions lists
 * exactly them (at most 100, Discord's cap) and parses nothing else: no @everyone, @here or roles.
 */
function renderPings(doc: Doc): { content: string; allowed: APIAllowedMentions } {
  const users: string[] = [];
  let content = '';
  for (const u of pingedUsers(doc)) {
    if (!SNOWFLAKE.test(u) || users.length >= LIMITS.allowedUsers) continue;
    const next = content ? `${content} <@${u}>` : `<@${u}>`;
    if (next.length > LIMITS.content) break;
    content = next;
    users.push(u);
  }
  return { content, allowed: { parse: [], users } };
}

/** A message in a channel: the embed, the vote buttons, and the pings. */
export function renderMessage(doc: Doc): DiscordMessage {
  const { content, allowed } = renderPings(doc);
  return { content, embeds: [renderEmbed(doc)], components: renderComponents(doc), allowed_mentions: allowed };
}

/**
 * A doc's attachment (a member's data export): a code block in a second embed when it fits, else a
 * file. The core escapes backticks in it, so the block cannot be closed early.
 */
function renderAttachment(a: NonNullable<Doc['attachment']>): Pick<DiscordMessage, 'embeds' | 'files'> {
  const lang = a.filename.endsWith('.json') ? 'json' : '';
  const block = `\`\`\`${lang}\n${a.content}\n\`\`\``;
  if (block.length <= LIMITS.description) return { embeds: [{ color: DEFAULT_COLOR, description: block }] };
  return { embeds: [], files: [{ name: a.filename, data: Buffer.from(a.content, 'utf8') }] };
}

/** An answer to one person (sent ephemeral): short notices and errors as plain text, the rest as an embed. */
export function renderReply(doc: Doc): DiscordMessage {
  if (doc.attachment) {
    const extra = renderAttachment(doc.attachment);
    return {
      content: '',
      embeds: [renderEmbed(doc), ...extra.embeds],
      components: [],
      allowed_mentions: { parse: [], users: [] },
      ...(extra.files ? { files: extra.files } : {}),
    };
  }
  const plain = (doc.kind === 'notice' || doc.kind === 'error') && !doc.title && !doc.fields && !doc.tally;
  if (plain) {
    const text = clipLines(doc.lines.map(renderLine), LIMITS.content);
    if (text.trim()) {
      return { content: text, embeds: [], components: [], allowed_mentions: { parse: [], users: [] } };
    }
  }
  // Ephemeral messages never notify anyone, so replies carry no mention line.
  return { content: '', embeds: [renderEmbed(doc)], components: renderComponents(doc), allowed_mentions: { parse: [], users: [] } };
}
