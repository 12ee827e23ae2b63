import type { types } from '@slack/bolt';
import { actionId } from '../../src/core/actions';
import { tallyBar } from '../shared/tally-bar';
import type { Doc, Line, TallyView } from '../../src/core/delivery/doc';
import { STANCES, STATUS_WORDS, type ProposalStatus, type Stance } from '../../src/core/types';
import { escapeMrkdwn, inertPlain, lineAtoms, type NameOf, pack } from './markdown';

type KnownBlock = types.KnownBlock;

/** Slack's Block Kit limits (https://api.slack.com/reference/block-kit/blocks). */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  buttonLabel: 75,
  /** Notification text: Slack truncates past 40,000; a short preview is what people see. */
  fallbackText: 3000,
} as const;

/** Slack emoji names for the stances: the same reactions people vote with. */
const STANCE_REACTION: Record<Stance, string> = {
  agree: ':+1:',
  disagree: ':-1:',
  abstain: ':shrug:',
  block: ':octagonal_sign:',
};

const STANCE_LABEL: Record<Stance, string> = { agree: 'Agree', disagree: 'Disagree', abstain: 'Abstain', block: 'Block' };

const STATUS_ICON: Record<ProposalStatus, string> = {
  open: ':large_green_circle:',
  passed: ':white_check_mark:',
  rejected: ':x:',
  no_quorum: ':grey_question:',
  withdrawn: ':leftwards_arrow_with_hook:',
};

/**
 * Before the core owned action ids, buttons had these action_ids (the value carried the proposal id
 * and the block_id its number). Cards posted then still carry them until their next edit, so a click
 * on one is still understood (interactions.ts).
 */
export const LEGACY_VOTE_ACTION = 'leaderful_vote_';
export const LEGACY_REASON_ACTION = 'leaderful_vote_reason';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export { tallyBar };

/** A poll option's label in mrkdwn, inert like all people's text: it can neither mention nor link. */
const optionText = (label: string) => escapeMrkdwn(label);

function tallyBlocks(t: TallyView): KnownBlock[] {
  const rows = t.options
    ? t.options.map((o) => `${o.emoji} ${optionText(o.label)}  \`${tallyBar(o.count, t.voters)}\`  *${o.count}*`)
    : STANCES.map((s) => `${STANCE_REACTION[s]} ${STANCE_LABEL[s]}  \`${tallyBar(t.counts[s], t.voters)}\`  *${t.counts[s]}*`);
  const summary = `${t.voters} voter${t.voters === 1 ? '' : 's'}${t.quorumNeeded > 0 ? ` · quorum: ${t.quorumNeeded} needed` : ''}`;
  return [
    { type: 'section', text: { type: 'mrkdwn', text: rows.join('\n') } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: summary }] },
  ];
}

const clipLabel = (s: string) => (s.length > LIMITS.buttonLabel ? `${s.slice(0, LIMITS.buttonLabel - 1)}…` : s);

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): types.Button {
  const b: types.Button = { type: 'button', text: { type: 'plain_text', text: clipLabel(text), emoji: true }, action_id: actionId, value };
  if (style) b.style = style;
  return b;
}

function voteActions({ proposalId, number, secret, options, multi }: NonNullable<Doc['voting']>): KnownBlock {
  const value = String(proposalId);
  if (options) {
    // A poll: a button per option, or (several allowed) one button opening the form to choose them.
    const elements = multi
      ? [button('Choose options', actionId({ kind: 'choose', proposalId, number }), value, 'primary')]
      : options.map((o, i) => button(`${o.emoji} ${inertPlain(o.label)}`, actionId({ kind: 'option', proposalId, option: i + 1 }), value));
    return { type: 'actions', block_id: `leaderful_poll:${proposalId}:${number}`, elements };
  }
  return {
    type: 'actions',
    block_id: `leaderful_vote:${proposalId}:${number}`,
    elements: [
      button('👍 Agree', actionId({ kind: 'vote', proposalId, stance: 'agree' }), value, 'primary'),
      button('👎 Disagree', actionId({ kind: 'vote', proposalId, stance: 'disagree' }), value),
      button('🤷 Abstain', actionId({ kind: 'vote', proposalId, stance: 'abstain' }), value),
      button('🛑 Block', actionId({ kind: 'vote', proposalId, stance: 'block' }), value, 'danger'),
      button('Give a reason', actionId({ kind: 'reason', proposalId, number, ...(secret ? { secret } : {}) }), value),
    ],
  };
}

function fieldBlocks(fields: NonNullable<Doc['fields']>, nameOf: NameOf): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (let i = 0; i < fields.length; i += LIMITS.fieldsPerSection) {
    const group = fields.slice(i, i + LIMITS.fieldsPerSection).map((f) => {
      const [text] = pack([lineAtoms([{ strong: f.label }], nameOf), lineAtoms(f.value, nameOf)], LIMITS.fieldText);
      return { type: 'mrkdwn' as const, text: text ?? ' ' };
    });
    out.push({ type: 'section', fields: group });
  }
  return out;
}

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

/**
 * A doc's attachment (a member's data export) as code blocks of at most a section each. Slack's
 * &, < and > are escaped (so nothing in it can mention or link), and the core escapes backticks, so
 * no block can be closed early. What does not fit in `room` blocks is cut, saying how much.
 */
function attachmentBlocks(a: NonNullable<Doc['attachment']>, room: number): KnownBlock[] {
  const escaped = a.content.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const size = LIMITS.sectionText - 8; // the fences
  const chunks: string[] = [];
  let rest = escaped;
  while (rest) {
    // Cut at a line end when one is near, and never inside an escape like &amp;.
    let cut = rest.length <= size ? rest.length : rest.lastIndexOf('\n', size);
    if (cut <= size / 2) cut = size;
    const amp = rest.lastIndexOf('&', cut);
    if (amp > cut - 5 && rest.indexOf(';', amp) >= cut) cut = amp;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  const shown = chunks.length > room ? chunks.slice(0, Math.max(0, room - 1)) : chunks;
  const out: KnownBlock[] = shown.map((c) => section(`\`\`\`${c}\`\`\``));
  if (shown.length < chunks.length) {
    out.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `_…cut: ${chunks.length - shown.length} more parts do not fit in one Slack message._` }] });
  }
  return out;
}

/**
 * Renders a core Doc as a Slack message within Block Kit's limits. `nameOf` gives display names for
 * users shown without a ping; pings become real <@U…> mentions.
 */
export function renderMessage(doc: Doc, nameOf: NameOf): SlackMessage {
  const head: KnownBlock[] = [];
  const tail: KnownBlock[] = [];
  const titleAtoms = doc.title ? lineAtoms([{ strong: doc.title }], nameOf) : [];
  if (doc.title) head.push(...pack([titleAtoms], LIMITS.sectionText).slice(0, 1).map(section));
  if (doc.status) {
    head.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${STATUS_ICON[doc.status]} ${doc.statusText ?? STATUS_WORDS[doc.status]}` }] });
  }

  const bodyLines: Line[] = doc.kind === 'error' && doc.lines[0] ? [[{ text: '⚠️ ' }, ...doc.lines[0]], ...doc.lines.slice(1)] : doc.lines;
  const lineAtomsList = bodyLines.map((l) => lineAtoms(l, nameOf));
  let body = pack(lineAtomsList, LIMITS.sectionText).map(section);

  if (doc.fields?.length) tail.push(...fieldBlocks(doc.fields, nameOf));
  if (doc.attachment) tail.push(...attachmentBlocks(doc.attachment, LIMITS.blocks - head.length - Math.min(body.length, 5)));
  if (doc.tally) tail.push(...tallyBlocks(doc.tally));
  if (doc.voting) tail.push(voteActions(doc.voting));

  // The title, tally and buttons always fit; long bodies give way, with a note saying so.
  const room = LIMITS.blocks - head.length - tail.length;
  if (body.length > room) {
    body = body.slice(0, Math.max(0, room - 1));
    body.push({ type: 'context', elements: [{ type: 'mrkdwn', text: '_…more than fits in one Slack message._' }] });
  }
  const blocks = [...head, ...body, ...tail].slice(0, LIMITS.blocks);

  // The notification text: title and first lines, with the same mentions as the blocks.
  const text = pack([titleAtoms, ...lineAtomsList], LIMITS.fallbackText)[0] ?? 'Leaderful';
  return { text, blocks };
}
