import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { ProposeFields } from '../../src/core/commands/fields';
import { inertPlain } from './markdown';
import { BALLOTS, MAX_REASONS_LENGTH, MAX_TITLE_LENGTH, MAX_VOTE_REASON_LENGTH, RULES, STANCES, type Stance } from '../../src/core/types';

/** The two modals: /propose with no text, and "Give a reason" on a proposal's card. */

export const PROPOSE_VIEW = 'leaderful_propose';
export const REASON_VIEW = 'leaderful_reason';
export const CHOOSE_VIEW = 'leaderful_choose';

/** What a modal remembers about where it was opened (Slack hands private_metadata back unchanged). */
export const proposeMeta = z.object({ teamId: z.string(), channelId: z.string(), channelName: z.string().optional() });
export type ProposeMeta = z.infer<typeof proposeMeta>;
export const reasonMeta = z.object({
  teamId: z.string(),
  channelId: z.string(),
  proposalId: z.number().int(),
  number: z.number().int(),
  secret: z.literal(true).optional(),
});
export type ReasonMeta = z.infer<typeof reasonMeta>;
export const chooseMeta = z.object({ teamId: z.string(), channelId: z.string(), proposalId: z.number().int() });
export type ChooseMeta = z.infer<typeof chooseMeta>;

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null; selected_options?: { value: string }[] | null }>
>;

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text });

function textInput(
  blockId: string,
  label: string,
  opts: { optional?: boolean; multiline?: boolean; max?: number; placeholder?: string; hint?: string },
): types.InputBlock {
  const element: types.PlainTextInput = { type: 'plain_text_input', action_id: 'value' };
  if (opts.multiline) element.multiline = true;
  if (opts.max) element.max_length = opts.max;
  if (opts.placeholder) element.placeholder = plain(opts.placeholder);
  const block: types.InputBlock = { type: 'input', block_id: blockId, label: plain(label), element };
  if (opts.optional) block.optional = true;
  if (opts.hint) block.hint = plain(opts.hint);
  return block;
}

function select(blockId: string, label: string, values: readonly string[], optional: boolean, placeholder: string, hint?: string): types.InputBlock {
  const block: types.InputBlock = {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: {
      type: 'static_select',
      action_id: 'value',
      placeholder: plain(placeholder),
      options: values.map((v) => ({ text: plain(v), value: v })),
    },
  };
  if (optional) block.optional = true;
  if (hint) block.hint = plain(hint);
  return block;
}

export function proposeModal(meta: ProposeMeta): types.ModalView {
  return {
    type: 'modal',
    callback_id: PROPOSE_VIEW,
    private_metadata: JSON.stringify(meta),
    title: plain('New proposal'),
    submit: plain('Propose'),
    close: plain('Cancel'),
    blocks: [
      textInput('title', 'Title', { max: MAX_TITLE_LENGTH, placeholder: 'Adopt a code of conduct' }),
      textInput('reasons', 'Reasons', { optional: true, multiline: true, max: MAX_REASONS_LENGTH, placeholder: 'Why this helps the group' }),
      textInput('closes', 'Voting closes', {
        optional: true,
        placeholder: '3d, 36h, 2026-12-01 or 2026-12-01 18:00',
        hint: 'Empty: the channel’s usual voting window.',
      }),
      select('rule', 'Decision rule', RULES, true, 'The channel’s default'),
      textInput('quorum', 'Quorum', { optional: true, placeholder: '5 voters, or 50% of the roster' }),
      textInput('extend', 'Extend once if the quorum is unmet', {
        optional: true,
        placeholder: '2d',
        hint: 'Empty: it closes at its deadline whatever the turnout.',
      }),
      select('ballot', 'Ballot', BALLOTS, true, 'open: a live tally (the default)', 'hidden: the tally is shown at close; secret: nobody’s vote is ever shown'),
    ],
  };
}

const fieldValue = (v: StateValues, block: string): string => {
  const s = v[block]?.value;
  return s?.value ?? s?.selected_option?.value ?? '';
};

export function readProposeFields(values: StateValues): ProposeFields {
  const f: ProposeFields = { title: fieldValue(values, 'title') };
  for (const k of ['reasons', 'closes', 'rule', 'quorum', 'ballot', 'extend'] as const) {
    const v = fieldValue(values, k);
    if (v.trim()) f[k] = v;
  }
  return f;
}

export function reasonModal(meta: ReasonMeta, title: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: REASON_VIEW,
    private_metadata: JSON.stringify(meta),
    title: plain('Vote with a reason'),
    submit: plain('Vote'),
    close: plain('Cancel'),
    blocks: [
      { type: 'section', text: { type: 'plain_text', text: title.slice(0, 3000) } },
      select('stance', 'Your vote', STANCES, false, 'Agree, disagree, abstain or block'),
      textInput('reason', 'Reason', {
        multiline: true,
        max: MAX_VOTE_REASON_LENGTH,
        placeholder: meta.secret ? 'Shown when voting closes, without your name or vote' : 'Shown on the proposal',
      }),
    ],
  };
}

export function readReason(values: StateValues): { stance: Stance | undefined; reason: string } {
  const s = fieldValue(values, 'stance');
  return { stance: (STANCES as readonly string[]).includes(s) ? (s as Stance) : undefined, reason: fieldValue(values, 'reason').trim() };
}

/** The form of a poll on which several options may be chosen: the member's whole choice. */
export function chooseModal(meta: ChooseMeta, poll: { number: number; question: string; options: string[] }): types.ModalView {
  return {
    type: 'modal',
    callback_id: CHOOSE_VIEW,
    private_metadata: JSON.stringify(meta),
    title: plain(`Poll #${poll.number}`.slice(0, 24)),
    submit: plain('Vote'),
    close: plain('Cancel'),
    blocks: [
      { type: 'section', text: { type: 'plain_text', text: poll.question.slice(0, 3000) } },
      {
        type: 'input',
        block_id: 'options',
        label: plain('Your choice (one or more)'),
        element: {
          type: 'multi_static_select',
          action_id: 'value',
          placeholder: plain('Choose options'),
          options: poll.options.map((o, i) => ({ text: plain(inertPlain(`${i + 1}. ${o}`).slice(0, 75)), value: String(i + 1) })),
        },
      },
    ],
  };
}

/** The options chosen in the form, as numbers (validated again by the core). */
export function readChoice(values: StateValues): number[] {
  return (values.options?.value?.selected_options ?? []).map((o) => Number(o.value)).filter((n) => Number.isSafeInteger(n));
}

/** private_metadata back as the shape we wrote, or undefined when it is not ours. */
export function parseMeta<T>(schema: z.ZodType<T>, raw: string): T | undefined {
  try {
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
