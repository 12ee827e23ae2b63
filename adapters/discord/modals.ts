import { type APILabelComponent, type APIModalInteractionResponseCallbackData, ComponentType, TextInputStyle } from 'discord.js';
import type { ProposeFields } from '../../src/core/commands/fields';
import { STANCE_EMOJI } from '../../src/core/proposals/emoji';
import { MAX_REASONS_LENGTH, MAX_TITLE_LENGTH, MAX_VOTE_REASON_LENGTH, RULES, STANCES } from '../../src/core/types';
import { actionId } from '../../src/core/actions';
import { clip } from './markdown';

/** Field ids inside our modals. */
export const FIELD = {
  title: 'title',
  reasons: 'reasons',
  closes: 'closes',
  rule: 'rule',
  quorum: 'quorum',
  stance: 'stance',
  reason: 'reason',
  options: 'options',
} as const;

/** Values to show again in the /propose form (typed options given without a title). */
/** What typed options gave before the form opens: the core's form fields, the title not yet known. */
export type ProposeDraft = Omit<ProposeFields, 'title'> & { title?: string | undefined };

const prefill = (v: string | undefined, max: number) => (v?.trim() ? { value: clip(v.trim(), max) } : {});

/** The /propose form: the same fields as the typed options (a modal holds at most 5). */
export function proposeModal(draft: ProposeDraft = {}): APIModalInteractionResponseCallbackData {
  const rule: APILabelComponent = {
    type: ComponentType.Label,
    label: 'Decision rule',
    description: "Leave empty for this channel's default.",
    component: {
      type: ComponentType.StringSelect,
      custom_id: FIELD.rule,
      required: false,
      min_values: 0,
      max_values: 1,
      options: RULES.map((r) => ({ label: r, value: r, default: draft.rule === r })),
    },
  };
  // A modal holds five fields: a hidden or secret ballot chosen in the options travels in the form's id.
  const ballot = draft.ballot === 'hidden' || draft.ballot === 'secret' ? draft.ballot : undefined;
  const extend = draft.extend?.trim() && /^\d{1,6}[wdhm](\d{1,6}[wdhm]){0,3}$/i.test(draft.extend.trim()) ? draft.extend.trim() : undefined;
  return {
    custom_id: actionId({ kind: 'propose-modal', ...(ballot ? { ballot } : {}), ...(extend ? { extend } : {}) }),
    title: ballot ? `New proposal (${ballot} ballot)` : 'New proposal',
    components: [
      {
        type: ComponentType.Label,
        label: 'Title',
        component: {
          type: ComponentType.TextInput,
          custom_id: FIELD.title,
          style: TextInputStyle.Short,
          required: true,
          max_length: MAX_TITLE_LENGTH,
          ...prefill(draft.title, MAX_TITLE_LENGTH),
        },
      },
      {
        type: ComponentType.Label,
        label: 'Reasons',
        description: 'Why? Proposals persuade; they do not order.',
        component: {
          type: ComponentType.TextInput,
          custom_id: FIELD.reasons,
          style: TextInputStyle.Paragraph,
          required: false,
          max_length: MAX_REASONS_LENGTH,
          ...prefill(draft.reasons, MAX_REASONS_LENGTH),
        },
      },
      {
        type: ComponentType.Label,
        label: 'Closes',
        description: "A duration (3d, 36h) or a date (2026-12-01 18:00). Empty: the channel's default.",
        component: {
          type: ComponentType.TextInput,
          custom_id: FIELD.closes,
          style: TextInputStyle.Short,
          required: false,
          max_length: 40,
          placeholder: '3d',
          ...prefill(draft.closes, 40),
        },
      },
      rule,
      {
        type: ComponentType.Label,
        label: 'Quorum',
        description: 'A number of voters (5) or a share of the roster (50%). Empty: the default.',
        component: {
          type: ComponentType.TextInput,
          custom_id: FIELD.quorum,
          style: TextInputStyle.Short,
          required: false,
          max_length: 6,
          placeholder: '50%',
          ...prefill(draft.quorum, 6),
        },
      },
    ],
  };
}

/** The "Give a reason" form of a proposal's card: a stance and the reason. */
export function reasonModal(proposalId: number, number: number, secret = false): APIModalInteractionResponseCallbackData {
  return {
    custom_id: actionId({ kind: 'reason-modal', proposalId }),
    title: clip(`Vote on proposal #${number}`, 45),
    components: [
      {
        type: ComponentType.Label,
        label: 'Your vote',
        component: {
          type: ComponentType.StringSelect,
          custom_id: FIELD.stance,
          required: true,
          min_values: 1,
          max_values: 1,
          options: STANCES.map((s) => ({ label: s, value: s, emoji: { name: STANCE_EMOJI[s] } })),
        },
      },
      {
        type: ComponentType.Label,
        label: 'Your reason',
        description: secret ? 'Shown when voting closes, without your name or vote.' : 'Shown on the proposal with your name.',
        component: {
          type: ComponentType.TextInput,
          custom_id: FIELD.reason,
          style: TextInputStyle.Paragraph,
          required: true,
          max_length: MAX_VOTE_REASON_LENGTH,
        },
      },
    ],
  };
}

/** The form of a poll on which several options may be chosen: the member's whole choice. */
export function chooseModal(proposalId: number, poll: { number: number; question: string; options: string[] }): APIModalInteractionResponseCallbackData {
  return {
    custom_id: actionId({ kind: 'choose-modal', proposalId }),
    title: clip(`Poll #${poll.number}`, 45),
    components: [
      {
        type: ComponentType.Label,
        label: clip(poll.question, 45),
        description: 'Choose one or more options; your choice replaces any earlier one.',
        component: {
          type: ComponentType.StringSelect,
          custom_id: FIELD.options,
          required: true,
          min_values: 1,
          max_values: poll.options.length,
          options: poll.options.map((o, i) => ({ label: clip(`${i + 1}. ${o}`, 100), value: String(i + 1) })),
        },
      },
    ],
  };
}
