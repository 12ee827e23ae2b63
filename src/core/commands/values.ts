/** The values a command's arguments may take: one zod schema each, with a friendly message per refusal. */
import { z } from 'zod';
import { readZone } from '../zones';
import {
  BALLOTS,
  MAX_CLOSE_REASON_LENGTH,
  MAX_OPTION_LENGTH,
  MAX_REASONS_LENGTH,
  MAX_ROLE_NAME_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_VOTE_REASON_LENGTH,
  type Quorum,
  RULES,
  STANCES,
  type Stance,
} from '../types';
import type { UserRef } from './grammar';
import { parseDurationMinutes } from './when';

/** A refusal of what was typed; parseCommand turns it into an error with the usage line. */
export class CommandError extends Error {}

/** Runs a zod schema and turns its first issue into a friendly CommandError. */
export function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new CommandError(r.error.issues[0]?.message ?? 'That value is not valid.');
}

// ---- value schemas (every command argument passes through one of these) ----

export const proposalNumberSchema = z
  .string()
  .trim()
  .regex(/^#?\d{1,9}$/, { message: 'A proposal is named by its number, like 3 or #3.' })
  .transform((s) => Number(s.replace('#', '')))
  .refine((n) => n >= 1, { message: 'Proposal numbers start at 1.' });

const STANCE_ALIASES: Record<string, Stance> = {
  yes: 'agree',
  y: 'agree',
  '+1': 'agree',
  '👍': 'agree',
  for: 'agree',
  no: 'disagree',
  n: 'disagree',
  '-1': 'disagree',
  '👎': 'disagree',
  against: 'disagree',
  '🤷': 'abstain',
  pass: 'abstain',
  '🛑': 'block',
  veto: 'block',
  object: 'block',
};

export const stanceSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => (Object.hasOwn(STANCE_ALIASES, s) ? STANCE_ALIASES[s]! : s))
  .pipe(z.enum(STANCES, { message: 'Your vote must be one of agree, disagree, abstain or block.' }));

/** A ballot as a form or a typed option names it: open (or nothing), hidden or secret. */
export const ballotSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s || 'open')
  .pipe(z.enum(BALLOTS, { message: 'The ballot must be open, hidden (results shown at close) or secret.' }));

export const ruleSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(RULES, { message: 'The rule must be consent, majority or supermajority.' }));

export const quorumSchema = z
  .string()
  .trim()
  .transform((s, ctx): Quorum => {
    if (s === 'none' || s === '0') return { kind: 'none' };
    const m = /^(\d{1,5})(%?)$/.exec(s);
    const n = m ? Number(m[1]) : NaN;
    if (!m || n < 1 || (m[2] && n > 100)) {
      ctx.addIssue({ code: 'custom', message: 'The quorum is a number of voters (like 5) or a share of the roster (like 50%).' });
      return z.NEVER;
    }
    return m[2] ? { kind: 'share', percent: n } : { kind: 'count', n };
  });

/**
 * Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) in someone's text could
 * reverse the rest of a line wherever it is shown (a title in a list, a reason on a card): they go.
 * Control characters become spaces.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are removed.
export const neutralise = (s: string): string => s.replace(/[\u202A-\u202E\u2066-\u2069]/g, '').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, ' ');

export const titleSchema = z
  .string()
  .overwrite(neutralise)
  .trim()
  .min(1, { message: 'A proposal needs a title.' })
  .max(MAX_TITLE_LENGTH, { message: `Titles can be at most ${MAX_TITLE_LENGTH} characters; put the detail in the reasons after a |.` });

export const optionSchema = (n: number) =>
  z
    .string()
    .overwrite(neutralise)
    .trim()
    .min(1, { message: `Option ${n} is empty: write the options between | signs, like /poll Lunch? | Pizza | Soup.` })
    .max(MAX_OPTION_LENGTH, { message: `Option ${n} is longer than ${MAX_OPTION_LENGTH} characters; keep options short (the question can say more).` });

export const reasonsSchema = z
  .string()
  .overwrite(neutralise)
  .trim()
  .max(MAX_REASONS_LENGTH, { message: `Reasons can be at most ${MAX_REASONS_LENGTH} characters.` });

export const voteReasonSchema = z
  .string()
  .overwrite(neutralise)
  .trim()
  .max(MAX_VOTE_REASON_LENGTH, { message: `A vote's reason can be at most ${MAX_VOTE_REASON_LENGTH} characters.` });

export const closeReasonSchema = z
  .string()
  .trim()
  .max(MAX_CLOSE_REASON_LENGTH, { message: `A reason for closing can be at most ${MAX_CLOSE_REASON_LENGTH} characters.` });

/** A moment as typed (`--closes`, `/rotation away`): short; parseWhen reads what it means. */
const MAX_ROLE_DESCRIPTION_LENGTH = 200;
export const MAX_ELIGIBLE = 50;

export const roleDescriptionSchema = z
  .string()
  .overwrite(neutralise)
  .trim()
  .min(1, { message: 'Say what the role does, like /rotation roles describe facilitator keeps time and the agenda.' })
  .max(MAX_ROLE_DESCRIPTION_LENGTH, { message: `A role's description can be at most ${MAX_ROLE_DESCRIPTION_LENGTH} characters.` });

export const whenTextSchema = z
  .string()
  .trim()
  .min(1, { message: 'Say when, like 3d or 2026-12-01.' })
  .max(40, { message: 'Write a time like 3d, 2026-12-01 or 2026-12-01 18:00.' });

export const countSetting = (what: string, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, { message: `${what} is a whole number, like 10.` })
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, { message: `${what} must be between 1 and ${max}.` });

export const roleNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, { message: 'Role names are one word of letters, digits, - or _ (like note-taker).' })
  .max(MAX_ROLE_NAME_LENGTH, { message: `Role names can be at most ${MAX_ROLE_NAME_LENGTH} characters.` });

/** A zone in its proper spelling (europe/berlin → Europe/Berlin); abbreviations get a suggestion. */
export const zoneSchema = z.string().transform((s, ctx) => {
  const r = readZone(s);
  if (r.ok) return r.zone;
  ctx.addIssue({ code: 'custom', message: r.error });
  return z.NEVER;
});

export const durationSchema = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const m = parseDurationMinutes(s);
    if (m === undefined) {
      ctx.addIssue({ code: 'custom', message: 'Write durations like 90m, 36h, 3d or 1w.' });
      return z.NEVER;
    }
    return m;
  });

/** --extend: how much longer it stays open, once, when its quorum is unmet (at most a year, like a window). */
export const extendSchema = durationSchema.refine((m) => m <= 366 * 1440, { message: 'A proposal can be extended by at most 366 days.' });

export const userRefSchema = z
  .string()
  .trim()
  .transform((s, ctx): UserRef => {
    const platform = /^<@([A-Za-z0-9_.-]+)>$/.exec(s);
    if (platform) return { id: platform[1]! };
    const plain = /^@([\p{L}\p{N}_.-]{1,80})$/u.exec(s);
    if (plain) return { name: plain[1]! };
    ctx.addIssue({ code: 'custom', message: 'Name the member with an @mention, like @sam.' });
    return z.NEVER;
  });

/** The words of a command's text. */
export function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}
