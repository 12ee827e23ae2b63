import { z } from 'zod';
import { parseHHMM, weekdayNumber } from './schedule';
import { MAX_WEEKS_APART, NTH_WORDS, type Nth } from './cadence';
import { readZone } from './zones';
import {
  type DecisionRule,
  MAX_CLOSE_REASON_LENGTH,
  MAX_OPEN_LIMIT,
  MAX_OPEN_PER_MEMBER_LIMIT,
  MAX_REASONS_LENGTH,
  MAX_ROLE_NAME_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_VOTE_REASON_LENGTH,
  type Quorum,
  RULES,
  STANCES,
  type Stance,
} from './types';
import { looksLikeWhen, parseDurationMinutes } from './when';

/** A user named in a command: a platform mention (`<@U123>`) or a plain `@name`. */
export type UserRef = { id: string } | { name: string };

export type SettingsChange = {
  timezone?: string;
  windowMinutes?: number;
  rule?: DecisionRule;
  quorum?: Quorum;
  reminderLeadMinutes?: number;
  stewardAdd?: UserRef;
  stewardRemove?: UserRef;
  maxOpen?: number;
  maxOpenPerMember?: number;
};

export type Command =
  | { kind: 'propose'; title: string; reasons: string; closes?: string; rule?: DecisionRule; quorum?: Quorum }
  | { kind: 'vote'; number: number; stance: Stance; reason?: string }
  | { kind: 'proposals'; filter: 'open' | 'closed' | 'all' }
  | { kind: 'proposal'; number: number }
  | { kind: 'close'; number: number; confirm?: true; reason?: string }
  | { kind: 'withdraw'; number: number; reason?: string }
  | { kind: 'decisions'; count: number }
  | { kind: 'rotation.show' }
  | { kind: 'rotation.join' }
  | { kind: 'rotation.leave' }
  | { kind: 'rotation.away'; until: string }
  | { kind: 'rotation.back' }
  | { kind: 'rotation.skip' }
  | { kind: 'rotation.swap'; with: UserRef }
  | { kind: 'rotation.accept'; from?: UserRef }
  | { kind: 'rotation.decline'; from?: UserRef }
  | { kind: 'rotation.volunteer'; role: string }
  | { kind: 'rotation.volunteer.cancel' }
  | { kind: 'rotation.roles' }
  | { kind: 'rotation.roles.add'; role: string }
  | { kind: 'rotation.roles.remove'; role: string }
  /** `description: null` clears it. */
  | { kind: 'rotation.roles.describe'; role: string; description: string | null }
  /** `'everyone'` opens the role to all again. */
  | { kind: 'rotation.roles.eligible'; role: string; members: UserRef[] | 'everyone' }
  | { kind: 'rotation.schedule'; weekday: number; time: string; repeat: RepeatSpec }
  | { kind: 'rotation.schedule.show' }
  | { kind: 'rotation.stats' }
  | { kind: 'help'; topic?: string }
  | { kind: 'settings'; changes: SettingsChange }
  | { kind: 'export.me' }
  | { kind: 'forget.me'; confirm: boolean }
  | { kind: 'forget.user'; who: UserRef; confirm: boolean };

/** How often, as typed: `from` (every n weeks only) names a week of the series, as a <when>. */
export type RepeatSpec = { every: 'week' } | { every: 'weeks'; n: number; from?: string } | { every: 'month'; nth: Nth };

export type Parsed = { ok: true; command: Command } | { ok: false; error: string; usage: string };

export const USAGE = {
  propose: '/propose <title> [| <reasons>] [--closes <when>] [--rule consent|majority|supermajority] [--quorum <n>|<n>%]',
  vote: '/vote <proposal#> agree|disagree|abstain|block [reason]',
  proposals: '/proposals [open|closed|all|<proposal#>]',
  close: '/close <proposal#> [confirm <reason>]',
  withdraw: '/withdraw <proposal#> [reason]',
  decisions: '/decisions [<count>]',
  rotation:
    '/rotation show|join|leave|away <until>|back|skip|swap @user|accept [@user]|decline [@user]|volunteer <role>|cancel|roles [add|remove <role>]|roles describe <role> <text>|roles eligible <role> @user…|everyone|schedule [<repeat>] <weekday> <HH:MM>|stats',
  leaderful:
    '/leaderful help [<command>]|settings [timezone <zone>] [window <duration>] [rule <rule>] [quorum <n>|<n>%] [reminder <duration>|off] [max-open <n>] [max-open-member <n>] [steward add|remove @user]|export-me|forget-me [confirm]|forget @user [confirm]',
} as const;

/** Usage lines of subcommands that have their own help topic (`/leaderful help swap`). */
export const SUB_USAGE = {
  swap: '/rotation swap @user',
  accept: '/rotation accept [@user]',
  decline: '/rotation decline [@user]',
  away: '/rotation away <until>',
  volunteer: '/rotation volunteer <role>|cancel',
  roles: '/rotation roles [add|remove <role>] | roles describe <role> <text>|clear | roles eligible <role> @user…|everyone',
  schedule: '/rotation schedule [every <n> weeks [from <date>] | first|second|third|fourth|last] <weekday> <HH:MM>',
  settings:
    '/leaderful settings [timezone <zone>] [window <duration>] [rule <rule>] [quorum <n>|<n>%] [reminder <duration>|off] [max-open <n>] [max-open-member <n>] [steward add|remove @user]',
  'export-me': '/leaderful export-me',
  'forget-me': '/leaderful forget-me [confirm]',
  forget: '/leaderful forget @user [confirm]',
} as const;
export type SubTopic = keyof typeof SUB_USAGE;

export type CommandName = keyof typeof USAGE;
export const COMMAND_NAMES = Object.keys(USAGE) as CommandName[];

class CommandError extends Error {}

/** Runs a zod schema and turns its first issue into a friendly CommandError. */
function check<T>(schema: z.ZodType<T>, value: unknown): T {
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
  yes: 'agree', y: 'agree', '+1': 'agree', '👍': 'agree', for: 'agree',
  no: 'disagree', n: 'disagree', '-1': 'disagree', '👎': 'disagree', against: 'disagree',
  '🤷': 'abstain', pass: 'abstain', '🛑': 'block', veto: 'block', object: 'block',
};

export const stanceSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => (Object.hasOwn(STANCE_ALIASES, s) ? STANCE_ALIASES[s]! : s))
  .pipe(z.enum(STANCES, { message: 'Your vote must be one of agree, disagree, abstain or block.' }));

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
export const MAX_ROLE_DESCRIPTION_LENGTH = 200;
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

const countSetting = (what: string, max: number) =>
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

export const userRefSchema = z
  .string()
  .trim()
  .transform((s, ctx): UserRef => {
    const platform = /^<@!?([A-Za-z0-9_.-]+)(?:\|[^>]*)?>$/.exec(s);
    if (platform) return { id: platform[1]! };
    const plain = /^@([\p{L}\p{N}_.-]{1,80})$/u.exec(s);
    if (plain) return { name: plain[1]! };
    ctx.addIssue({ code: 'custom', message: 'Name the member with an @mention, like @sam.' });
    return z.NEVER;
  });

// ---- the grammar ----

function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

const PROPOSE_FLAGS = ['closes', 'rule', 'quorum'] as const;
type ProposeFlag = (typeof PROPOSE_FLAGS)[number];

/**
 * Flags of /propose, wherever they stand (before the title, after the reasons): `--closes 3d`,
 * `--rule=majority`. Phones and Slack turn "--" into an em or en dash; those count too when a flag
 * name follows, but an unknown word after a dash is prose ("the old one —it leaks"), while an
 * unknown `--word` is a typo worth saying. `\--closes` writes the words themselves.
 */
const FLAG_TOKEN = /(^|\s)(\\?)(--|—|–)([a-z][\w-]*)(?:=(\S*))?(?=\s|$)/gi;

/** How many words a flag's value takes: --closes takes a date and a time as one value. */
function flagValueWords(flag: ProposeFlag, words: string[]): number {
  if (words.length < 2) return 1;
  // "--quorum 5 %": the stray % belongs to the value (and is refused with it), not to the title.
  if (flag === 'quorum') return words[1] === '%' ? 2 : 1;
  if (flag !== 'closes') return 1;
  return /^\d{4}-\d{2}-\d{2}$/.test(words[0]!) && /^\d{1,2}:\d{2}$/.test(words[1]!) ? 2 : 1;
}

function extractFlags(text: string): { rest: string; flags: Map<ProposeFlag, string> } {
  const flags = new Map<ProposeFlag, string>();
  let rest = '';
  let from = 0;
  FLAG_TOKEN.lastIndex = 0;
  for (let m = FLAG_TOKEN.exec(text); m; m = FLAG_TOKEN.exec(text)) {
    const [whole, space, backslash, dash, rawName, inline] = m as unknown as [string, string, string, string, string, string | undefined];
    const start = m.index + space.length;
    if (backslash) {
      rest += text.slice(from, start) + dash + rawName + (inline !== undefined ? `=${inline}` : '');
      from = m.index + whole.length;
      continue;
    }
    const name = rawName.toLowerCase();
    if (!(PROPOSE_FLAGS as readonly string[]).includes(name)) {
      if (dash === '--') {
        throw new CommandError(`I don't know the option --${rawName}. The options are --closes, --rule and --quorum (to write "--${rawName}" itself, put a \\ before it).`);
      }
      continue; // a dash in prose
    }
    const flag = name as ProposeFlag;
    if (flags.has(flag)) throw new CommandError(`--${flag} is given twice.`);
    let end = m.index + whole.length;
    let value = inline ?? '';
    if (inline === undefined) {
      const after = text.slice(end);
      const following = after.match(/^\s+(\S+)(?:\s+(\S+))?/);
      const words = following ? [following[1]!, ...(following[2] ? [following[2]] : [])].filter((w) => !/^(--|—|–)[a-z]/i.test(w)) : [];
      const n = words.length ? flagValueWords(flag, words) : 0;
      value = words.slice(0, n).join(' ');
      if (n) {
        const taken = after.match(n === 2 ? /^\s+\S+\s+\S+/ : /^\s+\S+/)!;
        end += taken[0].length;
      }
    }
    if (!value) throw new CommandError(`--${flag} needs a value, like ${flag === 'closes' ? '--closes 3d' : flag === 'rule' ? '--rule majority' : '--quorum 5'}.`);
    flags.set(flag, value);
    rest += text.slice(from, start);
    from = end;
    FLAG_TOKEN.lastIndex = end;
  }
  rest += text.slice(from);
  return { rest, flags };
}

function parsePropose(text: string): Command {
  const { rest, flags } = extractFlags(text);
  const pipe = rest.indexOf('|');
  const rawTitle = pipe < 0 ? rest : rest.slice(0, pipe);
  const rawReasons = pipe < 0 ? '' : rest.slice(pipe + 1);
  const cmd: Extract<Command, { kind: 'propose' }> = {
    kind: 'propose',
    title: check(titleSchema, rawTitle.replace(/\s+/g, ' ')),
    reasons: check(reasonsSchema, rawReasons),
  };
  const closes = flags.get('closes');
  const rule = flags.get('rule');
  const quorum = flags.get('quorum');
  if (closes !== undefined) {
    // A typed flag may have been meant as words of the reasons: say how to write those.
    cmd.closes = check(whenTextSchema, closes);
    if (!looksLikeWhen(closes)) throw new CommandError(`I couldn't read "${closes}" as a time for --closes: write a duration such as 3d or a date such as 2026-12-01 18:00. (If "--closes" is part of your text, write \\--closes.)`);
  }
  if (rule !== undefined) cmd.rule = check(ruleSchema, rule);
  if (quorum !== undefined) cmd.quorum = check(quorumSchema, quorum);
  return cmd;
}

function parseVote(text: string): Command {
  const [num, stance, ...rest] = words(text);
  if (!num || !stance) throw new CommandError('Say which proposal and how you vote.');
  const reason = check(voteReasonSchema, rest.join(' '));
  return { kind: 'vote', number: check(proposalNumberSchema, num), stance: check(stanceSchema, stance), ...(reason ? { reason } : {}) };
}

function parseProposals(text: string): Command {
  const w = words(text);
  if (w.length === 0) return { kind: 'proposals', filter: 'open' };
  if (w.length > 1) throw new CommandError('Give one filter or one proposal number.');
  const arg = w[0]!.toLowerCase();
  if (arg === 'open' || arg === 'closed' || arg === 'all') return { kind: 'proposals', filter: arg };
  if (/^#?\d+$/.test(arg)) return { kind: 'proposal', number: check(proposalNumberSchema, arg) };
  throw new CommandError(`"${w[0]}" is not a filter: use open, closed, all or a proposal number.`);
}

function parseNumberOnly(kind: 'close' | 'withdraw', text: string): Command {
  const w = words(text);
  if (w.length !== 1) throw new CommandError('Give the number of one proposal.');
  return { kind, number: check(proposalNumberSchema, w[0]!) };
}

/** `/close <n> [confirm] [reason]` and `/withdraw <n> [reason]`: a number, then optional words. */
function parseEnd(kind: 'close' | 'withdraw', text: string): Command {
  const [num, ...rest] = words(text);
  if (!num) return parseNumberOnly(kind, text);
  const number = check(proposalNumberSchema, num);
  const confirm = kind === 'close' && rest[0]?.toLowerCase() === 'confirm';
  const reason = check(closeReasonSchema, (confirm ? rest.slice(1) : rest).join(' '));
  const extra = reason ? { reason } : {};
  return kind === 'close' ? { kind, number, ...(confirm ? { confirm: true as const } : {}), ...extra } : { kind, number, ...extra };
}

function parseDecisions(text: string): Command {
  const w = words(text);
  if (w.length === 0) return { kind: 'decisions', count: 10 };
  const n = check(
    z
      .string()
      .regex(/^\d{1,6}$/, { message: 'The count is a whole number, like 10.' })
      .transform(Number)
      .refine((c) => c >= 1, { message: 'Ask for at least 1 decision, like /decisions 10.' })
      .refine((c) => c <= 50, { message: 'I can show at most 50 decisions at once.' }),
    w[0],
  );
  if (w.length > 1) throw new CommandError('Give only a count.');
  return { kind: 'decisions', count: n };
}

const ROLES_HELP = 'Use /rotation roles, /rotation roles add|remove <role>, /rotation roles describe <role> <text> or /rotation roles eligible <role> @user… (or everyone).';

function parseRoles(rest: string[]): Command {
  if (rest.length === 0) return { kind: 'rotation.roles' };
  const [op = '', role, ...more] = rest;
  const verb = op.toLowerCase();
  if (!role || !['add', 'remove', 'describe', 'eligible'].includes(verb)) throw new CommandError(ROLES_HELP);
  const name = check(roleNameSchema, role);
  if (verb === 'add' || verb === 'remove') {
    if (more.length) throw new CommandError(`Role names are one word; /rotation roles ${verb} <role> takes nothing after it.`);
    return { kind: verb === 'add' ? 'rotation.roles.add' : 'rotation.roles.remove', role: name };
  }
  if (verb === 'describe') {
    const text = more.join(' ');
    if (text.toLowerCase() === 'clear') return { kind: 'rotation.roles.describe', role: name, description: null };
    return { kind: 'rotation.roles.describe', role: name, description: check(roleDescriptionSchema, text) };
  }
  if (!more.length) throw new CommandError(`Name who may hold it, like /rotation roles eligible ${name} @sam @kim, or everyone to open it to all.`);
  if (more.length === 1 && ['everyone', 'all', 'anyone'].includes(more[0]!.toLowerCase())) return { kind: 'rotation.roles.eligible', role: name, members: 'everyone' };
  if (more.length > MAX_ELIGIBLE) throw new CommandError(`Name at most ${MAX_ELIGIBLE} members; a role open to more is open to everyone.`);
  return { kind: 'rotation.roles.eligible', role: name, members: more.map((m) => check(userRefSchema, m)) };
}

const SCHEDULE_EXAMPLES = 'like /rotation schedule monday 09:00, every 2 weeks monday 09:00, first monday 09:00 or last friday 17:00';

/** `<weekday> <HH:MM>` at the start of `w`; what follows is returned. */
function weekdayAndTime(w: string[]): { weekday: number; time: string; after: string[] } {
  const [day, hhmm, ...after] = w;
  const weekday = day ? weekdayNumber(day) : undefined;
  if (!weekday) throw new CommandError(`Name a weekday, ${SCHEDULE_EXAMPLES}.`);
  const t = hhmm ? parseHHMM(hhmm) : undefined;
  if (!t) throw new CommandError(`Give the time as HH:MM after the weekday, ${SCHEDULE_EXAMPLES}.`);
  return { weekday, time: `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`, after };
}

function parseSchedule(rest: string[]): Command {
  if (!rest.length) return { kind: 'rotation.schedule.show' };
  const w = rest.map((x) => x.toLowerCase());
  const first = w[0]!;
  if (Object.hasOwn(NTH_WORDS, first)) {
    const { weekday, time, after } = weekdayAndTime(w.slice(1));
    if (after.length) throw new CommandError(`A monthly schedule is the day and the time only, ${SCHEDULE_EXAMPLES}.`);
    return { kind: 'rotation.schedule', weekday, time, repeat: { every: 'month', nth: NTH_WORDS[first]! } };
  }
  if (first !== 'every') {
    const { weekday, time, after } = weekdayAndTime(w);
    if (after.length) throw new CommandError(`Only a weekday and a time, ${SCHEDULE_EXAMPLES}.`);
    return { kind: 'rotation.schedule', weekday, time, repeat: { every: 'week' } };
  }
  // every week … | every other week … | every <n> weeks … | every <weekday> …
  let n = 1;
  let i = 1;
  if (w[1] === 'week') i = 2;
  else if (w[1] === 'other' && w[2] === 'week') {
    n = 2;
    i = 3;
  } else if (/^\d{1,3}$/.test(w[1] ?? '') && (w[2] === 'weeks' || w[2] === 'week')) {
    n = Number(w[1]);
    i = 3;
  }
  else if (!(w[1] && weekdayNumber(w[1]))) throw new CommandError(`Say how many weeks apart, ${SCHEDULE_EXAMPLES}.`);
  if (n < 1 || n > MAX_WEEKS_APART) throw new CommandError(`Pings can be 1 to ${MAX_WEEKS_APART} weeks apart; for less often, use a monthly day like first monday 09:00.`);
  const { weekday, time, after } = weekdayAndTime(w.slice(i));
  let from: string | undefined;
  if (after.length) {
    if (after[0] !== 'from' || after.length < 2) throw new CommandError(`After the time, only from <date> (a week the pings fall in), ${SCHEDULE_EXAMPLES} from 2026-12-07.`);
    if (n === 1) throw new CommandError('A weekly ping needs no from <date>: it goes out every week.');
    from = check(whenTextSchema, rest.slice(i + 3).join(' '));
  }
  if (n === 1) return { kind: 'rotation.schedule', weekday, time, repeat: { every: 'week' } };
  return { kind: 'rotation.schedule', weekday, time, repeat: from === undefined ? { every: 'weeks', n } : { every: 'weeks', n, from } };
}

function parseRotation(text: string): Command {
  const [sub = 'show', ...rest] = words(text);
  const arg = rest.join(' ');
  const none = (c: Command): Command => {
    if (rest.length) throw new CommandError(`/rotation ${sub} takes nothing after it.`);
    return c;
  };
  switch (sub.toLowerCase()) {
    case 'show':
      return none({ kind: 'rotation.show' });
    case 'join':
      return none({ kind: 'rotation.join' });
    case 'leave':
      return none({ kind: 'rotation.leave' });
    case 'back':
      return none({ kind: 'rotation.back' });
    case 'skip':
      return none({ kind: 'rotation.skip' });
    case 'stats':
      return none({ kind: 'rotation.stats' });
    case 'away':
      if (!arg) throw new CommandError('Say until when you are away, like /rotation away 2026-12-15 or /rotation away 2w.');
      return { kind: 'rotation.away', until: check(whenTextSchema, arg) };
    case 'swap':
      if (rest.length !== 1) throw new CommandError('Name one member to swap with, like /rotation swap @sam.');
      return { kind: 'rotation.swap', with: check(userRefSchema, rest[0]) };
    case 'accept':
    case 'decline': {
      const kind = sub.toLowerCase() === 'accept' ? 'rotation.accept' : 'rotation.decline';
      if (rest.length > 1) throw new CommandError(`Name at most one member, like /rotation ${sub.toLowerCase()} @sam.`);
      return rest[0] ? { kind, from: check(userRefSchema, rest[0]) } : { kind };
    }
    case 'volunteer':
      if (rest.length !== 1) throw new CommandError('Name the role, like /rotation volunteer facilitator (or /rotation volunteer cancel).');
      if (rest[0]!.toLowerCase() === 'cancel') return { kind: 'rotation.volunteer.cancel' };
      return { kind: 'rotation.volunteer', role: check(roleNameSchema, rest[0]) };
    case 'roles':
      return parseRoles(rest);
    case 'schedule':
      return parseSchedule(rest);
    default:
      throw new CommandError(`"${sub}" is not a /rotation command.`);
  }
}

function parseSettings(rest: string[]): SettingsChange {
  const changes: SettingsChange = {};
  for (let i = 0; i < rest.length; ) {
    const key = rest[i]!.toLowerCase();
    const value = rest[i + 1];
    if (value === undefined) throw new CommandError(`The setting ${key} needs a value.`);
    i += 2;
    switch (key) {
      case 'timezone':
      case 'tz':
        changes.timezone = check(zoneSchema, value);
        break;
      case 'window':
        changes.windowMinutes = check(durationSchema.refine((m) => m <= 366 * 1440, { message: 'The voting window can be at most 366 days.' }), value);
        break;
      case 'rule':
        changes.rule = check(ruleSchema, value);
        break;
      case 'quorum':
        changes.quorum = check(quorumSchema, value);
        break;
      case 'reminder':
        changes.reminderLeadMinutes =
          value.toLowerCase() === 'off' ? 0 : check(durationSchema.refine((m) => m <= 30 * 1440, { message: 'The reminder can come at most 30 days before the close.' }), value);
        break;
      case 'max-open':
        changes.maxOpen = check(countSetting('max-open', MAX_OPEN_LIMIT), value);
        break;
      case 'max-open-member':
        changes.maxOpenPerMember = check(countSetting('max-open-member', MAX_OPEN_PER_MEMBER_LIMIT), value);
        break;
      case 'steward': {
        const who = rest[i];
        i += 1;
        if (value !== 'add' && value !== 'remove') throw new CommandError('Use steward add @user or steward remove @user.');
        const ref = check(userRefSchema, who ?? '');
        if (value === 'add') changes.stewardAdd = ref;
        else changes.stewardRemove = ref;
        break;
      }
      default:
        throw new CommandError(`I don't know the setting "${key}". Settings are timezone, window, rule, quorum, reminder, max-open, max-open-member and steward.`);
    }
  }
  return changes;
}

function parseLeaderful(text: string): Command {
  const [sub = 'help', ...rest] = words(text);
  switch (sub.toLowerCase()) {
    case 'help':
      return { kind: 'help', ...(rest[0] ? { topic: rest[0].replace(/^\//, '').toLowerCase() } : {}) };
    case 'settings':
      return { kind: 'settings', changes: parseSettings(rest) };
    case 'export-me':
      if (rest.length) throw new CommandError('/leaderful export-me takes nothing after it.');
      return { kind: 'export.me' };
    case 'forget-me':
      if (rest.length > 1 || (rest[0] && rest[0].toLowerCase() !== 'confirm')) throw new CommandError('Type /leaderful forget-me to see what it does, then /leaderful forget-me confirm.');
      return { kind: 'forget.me', confirm: rest.length === 1 };
    case 'forget': {
      const [who, confirm, ...extra] = rest;
      if (!who || extra.length || (confirm && confirm.toLowerCase() !== 'confirm')) throw new CommandError('Name one member, like /leaderful forget @sam, then add confirm.');
      return { kind: 'forget.user', who: check(userRefSchema, who), confirm: confirm !== undefined };
    }
    default:
      throw new CommandError(`"${sub}" is not a /leaderful command.`);
  }
}

const PARSERS: Record<CommandName, (text: string) => Command> = {
  propose: parsePropose,
  vote: parseVote,
  proposals: parseProposals,
  close: (t) => parseEnd('close', t),
  withdraw: (t) => parseEnd('withdraw', t),
  decisions: parseDecisions,
  rotation: parseRotation,
  leaderful: parseLeaderful,
};

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(USAGE, name);
}

/** Parses one command (`name` with or without its slash) into a typed Command or a friendly error. */
export function parseCommand(name: string, text: string): Parsed {
  const cmd = name.replace(/^\//, '').toLowerCase();
  if (!isCommandName(cmd)) {
    const shown = cmd.length > 30 || /[^\p{L}\p{N}_.-]/u.test(cmd) ? '' : ` /${cmd}`;
    return { ok: false, error: `I don't know the command${shown}. The commands are ${COMMAND_NAMES.map((c) => `/${c}`).join(', ')}.`, usage: 'Try /leaderful help for the list of commands.' };
  }
  // Control characters and direction overrides have no business in a command: drop them before anything reads it.
  const clean = neutralise(text);
  try {
    return { ok: true, command: PARSERS[cmd](clean) };
  } catch (e) {
    if (e instanceof CommandError) return { ok: false, error: e.message, usage: usageFor(cmd, clean) };
    throw e;
  }
}

/** The usage to show with an error: the subcommand's own line when it has one (/rotation schedule), else the command's. */
function usageFor(cmd: CommandName, text: string): string {
  const sub = words(text)[0]?.toLowerCase() ?? '';
  const own = (cmd === 'rotation' || cmd === 'leaderful') && Object.hasOwn(SUB_USAGE, sub) && SUB_USAGE[sub as SubTopic].startsWith(`/${cmd} `);
  return own ? SUB_USAGE[sub as SubTopic] : USAGE[cmd];
}

/** Splits a console or chat line such as "/vote 3 agree" into name and text. */
export function splitCommandLine(line: string): { name: string; text: string } | undefined {
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line.trim());
  return m ? { name: m[1]!, text: m[2]! } : undefined;
}

/** Typed fields from a form or typed options (Slack modal, Discord options): validated the same way. */
export interface ProposeFields {
  title: string;
  reasons?: string;
  closes?: string;
  rule?: string;
  quorum?: string;
}

export function proposeFromFields(f: ProposeFields): Parsed {
  try {
    const cmd: Extract<Command, { kind: 'propose' }> = {
      kind: 'propose',
      title: check(titleSchema, f.title),
      reasons: check(reasonsSchema, f.reasons ?? ''),
    };
    if (f.closes?.trim()) cmd.closes = check(whenTextSchema, f.closes);
    if (f.rule?.trim()) cmd.rule = check(ruleSchema, f.rule);
    if (f.quorum?.trim()) cmd.quorum = check(quorumSchema, f.quorum);
    return { ok: true, command: cmd };
  } catch (e) {
    if (e instanceof CommandError) return { ok: false, error: e.message, usage: USAGE.propose };
    throw e;
  }
}
