/** Parses what people type (and what forms send) into typed Commands, or a friendly error with the usage line. */
import { z } from 'zod';
import { MAX_OPEN_LIMIT, MAX_OPEN_PER_MEMBER_LIMIT } from '../types';
import {
  type Command,
  COMMAND_NAMES,
  type CommandName,
  isCommandName,
  type Parsed,
  POLL_VOTE_USAGE,
  type SettingsChange,
  SUB_USAGE,
  type SubTopic,
  USAGE,
} from './grammar';
import { isChoiceWord, parsePoll, parsePollVote } from './parse-poll';
import { parseRotation } from './parse-rotation';
import {
  CommandError,
  check,
  closeReasonSchema,
  countSetting,
  durationSchema,
  extendSchema,
  neutralise,
  proposalNumberSchema,
  quorumSchema,
  reasonsSchema,
  ruleSchema,
  stanceSchema,
  titleSchema,
  userRefSchema,
  voteReasonSchema,
  whenTextSchema,
  words,
  zoneSchema,
} from './values';
import { looksLikeWhen } from './when';
import { extractFlags, type OptionSpec } from './flags';

/** The options of /propose: the ones that take a value, and the switches that stand alone. */
const PROPOSE_OPTIONS: OptionSpec = { values: ['closes', 'rule', 'quorum', 'extend'], switches: ['hidden', 'secret'] };
/** --hidden or --secret (a secret ballot hides the results too, so both given mean secret). */
function ballotOf(flags: Map<string, string>): { ballot?: 'hidden' | 'secret' } {
  if (flags.has('secret')) return { ballot: 'secret' };
  return flags.has('hidden') ? { ballot: 'hidden' } : {};
}

function parsePropose(text: string): Command {
  const { rest, flags } = extractFlags(text, PROPOSE_OPTIONS);
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
    if (!looksLikeWhen(closes))
      throw new CommandError(
        `I couldn't read "${closes}" as a time for --closes: write a duration such as 3d or a date such as 2026-12-01 18:00. (If "--closes" is part of your text, write \\--closes.)`,
      );
  }
  if (rule !== undefined) cmd.rule = check(ruleSchema, rule);
  if (quorum !== undefined) cmd.quorum = check(quorumSchema, quorum);
  const extend = flags.get('extend');
  if (extend !== undefined) cmd.extend = check(extendSchema, extend);
  return { ...cmd, ...ballotOf(flags) };
}

function parseVote(text: string): Command {
  const [num, stance, ...rest] = words(text);
  if (!num || !stance) throw new CommandError('Say which proposal and how you vote.');
  if (isChoiceWord(stance)) return parsePollVote(check(proposalNumberSchema, num), [stance, ...rest]);
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

// Schemas built once, not on every command (building one costs more than running it).
const decisionsCountSchema = z
  .string()
  .regex(/^\d{1,6}$/, { message: 'The count is a whole number, like 10.' })
  .transform(Number)
  .refine((c) => c >= 1, { message: 'Ask for at least 1 decision, like /decisions 10.' })
  .refine((c) => c <= 50, { message: 'I can show at most 50 decisions at once.' });
const windowSchema = durationSchema.refine((m) => m <= 366 * 1440, { message: 'The voting window can be at most 366 days.' });
const reminderSchema = durationSchema.refine((m) => m <= 30 * 1440, { message: 'The reminder can come at most 30 days before the close.' });
const maxOpenSchema = countSetting('max-open', MAX_OPEN_LIMIT);
const maxOpenPerMemberSchema = countSetting('max-open-member', MAX_OPEN_PER_MEMBER_LIMIT);

/** `/amend <proposal#> <new title> [| <new reasons>]`: the text is taken as written (no options). */
function parseAmend(text: string): Command {
  const [num, ...rest] = words(text);
  if (!num) throw new CommandError('Give the number of your proposal and its new title, like /amend 3 Buy two kettles | one leaks.');
  const number = check(proposalNumberSchema, num);
  if (!rest.length) throw new CommandError('Give the new title after the number, like /amend 3 Buy two kettles.');
  const body = text.trim().slice(num.length);
  const pipe = body.indexOf('|');
  const title = check(titleSchema, (pipe < 0 ? body : body.slice(0, pipe)).replace(/\s+/g, ' '));
  return { kind: 'amend', number, title, ...(pipe < 0 ? {} : { reasons: check(reasonsSchema, body.slice(pipe + 1)) }) };
}

function parseDecisions(text: string): Command {
  const w = words(text);
  if (w.length === 0) return { kind: 'decisions', count: 10 };
  const n = check(decisionsCountSchema, w[0]);
  if (w.length > 1) throw new CommandError('Give only a count.');
  return { kind: 'decisions', count: n };
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
        changes.windowMinutes = check(windowSchema, value);
        break;
      case 'rule':
        changes.rule = check(ruleSchema, value);
        break;
      case 'quorum':
        changes.quorum = check(quorumSchema, value);
        break;
      case 'reminder':
        changes.reminderLeadMinutes = value.toLowerCase() === 'off' ? 0 : check(reminderSchema, value);
        break;
      case 'max-open':
        changes.maxOpen = check(maxOpenSchema, value);
        break;
      case 'max-open-member':
        changes.maxOpenPerMember = check(maxOpenPerMemberSchema, value);
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
        throw new CommandError(
          `I don't know the setting "${key}". Settings are timezone, window, rule, quorum, reminder, max-open, max-open-member and steward.`,
        );
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
      if (rest.length > 1 || (rest[0] && rest[0].toLowerCase() !== 'confirm'))
        throw new CommandError('Type /leaderful forget-me to see what it does, then /leaderful forget-me confirm.');
      return { kind: 'forget.me', confirm: rest.length === 1 };
    case 'forget': {
      const [who, confirm, ...extra] = rest;
      if (!who || extra.length || (confirm && confirm.toLowerCase() !== 'confirm'))
        throw new CommandError('Name one member, like /leaderful forget @sam, then add confirm.');
      return { kind: 'forget.user', who: check(userRefSchema, who), confirm: confirm !== undefined };
    }
    default:
      throw new CommandError(`"${sub}" is not a /leaderful command.`);
  }
}

const PARSERS: Record<CommandName, (text: string) => Command> = {
  propose: parsePropose,
  poll: parsePoll,
  vote: parseVote,
  proposals: parseProposals,
  close: (t) => parseEnd('close', t),
  withdraw: (t) => parseEnd('withdraw', t),
  amend: parseAmend,
  decisions: parseDecisions,
  rotation: parseRotation,
  leaderful: parseLeaderful,
};
/** Parses one command (`name` with or without its slash) into a typed Command or a friendly error. */
export function parseCommand(name: string, text: string): Parsed {
  const cmd = name.replace(/^\//, '').toLowerCase();
  if (!isCommandName(cmd)) {
    const shown = cmd.length > 30 || /[^\p{L}\p{N}_.-]/u.test(cmd) ? '' : ` /${cmd}`;
    return {
      ok: false,
      error: `I don't know the command${shown}. The commands are ${COMMAND_NAMES.map((c) => `/${c}`).join(', ')}.`,
      usage: 'Try /leaderful help for the list of commands.',
    };
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
  const [first = '', second = ''] = words(text);
  if (cmd === 'vote' && isChoiceWord(second)) return POLL_VOTE_USAGE;
  const sub = first.toLowerCase();
  const own = (cmd === 'rotation' || cmd === 'leaderful') && Object.hasOwn(SUB_USAGE, sub) && SUB_USAGE[sub as SubTopic].startsWith(`/${cmd} `);
  return own ? SUB_USAGE[sub as SubTopic] : USAGE[cmd];
}

/** Splits a console or chat line such as "/vote 3 agree" into name and text. */
export function splitCommandLine(line: string): { name: string; text: string } | undefined {
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line.trim());
  return m ? { name: m[1]!, text: m[2]! } : undefined;
}
