/** Parses /poll and a vote in a poll (`/vote 4 2`, `/vote 4 1 3`) into typed Commands. */
import { MAX_POLL_OPTIONS } from '../proposals/option-emoji';
import { extractFlags, type OptionSpec } from './flags';
import { type Command, type Parsed, USAGE } from './grammar';
import { ballotSchema, CommandError, check, extendSchema, optionSchema, quorumSchema, titleSchema, whenTextSchema } from './values';
import { looksLikeWhen } from './when';

const POLL_OPTIONS: OptionSpec = { values: ['closes', 'quorum', 'extend'], switches: ['multi', 'hidden', 'secret'] };

export function parsePoll(text: string): Command {
  const { rest, flags } = extractFlags(text, POLL_OPTIONS);
  const [rawQuestion = '', ...rawOptions] = rest.split('|');
  return pollCommand(rawQuestion, rawOptions, flags);
}

/** Typed fields of a form or typed options (Discord): the same checks as the typed command. */
export interface PollFields {
  question: string;
  /** The options, separated by | (or by new lines). */
  options: string;
  multi?: boolean | undefined;
  /** A field left empty may come as undefined. */
  closes?: string | undefined;
  quorum?: string | undefined;
  /** open (or empty), hidden or secret. */
  ballot?: string | undefined;
  /** A duration: stays open once this much longer when its quorum is unmet. */
  extend?: string | undefined;
}

export function pollFromFields(f: PollFields): Parsed {
  try {
    const flags = new Map<string, string>();
    if (f.multi) flags.set('multi', '');
    if (f.closes?.trim()) flags.set('closes', f.closes.trim());
    if (f.quorum?.trim()) flags.set('quorum', f.quorum.trim());
    if (f.extend?.trim()) flags.set('extend', f.extend.trim());
    const ballot = check(ballotSchema, f.ballot ?? '');
    if (ballot !== 'open') flags.set(ballot, '');
    return { ok: true, command: pollCommand(f.question, f.options.trim().split(/[|\n]/), flags) };
  } catch (e) {
    if (e instanceof CommandError) return { ok: false, error: e.message, usage: USAGE.poll };
    throw e;
  }
}

function pollCommand(rawQuestion: string, rawOptions: string[], flags: Map<string, string>): Extract<Command, { kind: 'poll' }> {
  const question = check(titleSchema, rawQuestion.replace(/\s+/g, ' '));
  if (rawOptions.length < 2)
    throw new CommandError('A poll needs at least 2 options after its question, each after a |, like /poll Lunch on Friday? | Pizza | Soup.');
  if (rawOptions.length > MAX_POLL_OPTIONS) throw new CommandError(`A poll can have at most ${MAX_POLL_OPTIONS} options (it has ${rawOptions.length}).`);
  const options = rawOptions.map((o, i) => check(optionSchema(i + 1), o.replace(/\s+/g, ' ')));
  const seen = new Map<string, number>();
  options.forEach((o, i) => {
    const before = seen.get(o.toLowerCase());
    if (before !== undefined) throw new CommandError(`Options ${before + 1} and ${i + 1} are the same ("${o}").`);
    seen.set(o.toLowerCase(), i);
  });
  const cmd: Extract<Command, { kind: 'poll' }> = { kind: 'poll', question, options };
  if (flags.has('multi')) cmd.multi = true;
  const closes = flags.get('closes');
  if (closes !== undefined) {
    cmd.closes = check(whenTextSchema, closes);
    if (!looksLikeWhen(closes))
      throw new CommandError(`I couldn't read "${closes}" as a time for --closes: write a duration such as 3d or a date such as 2026-12-01 18:00.`);
  }
  const quorum = flags.get('quorum');
  if (quorum !== undefined) cmd.quorum = check(quorumSchema, quorum);
  const extend = flags.get('extend');
  if (extend !== undefined) cmd.extend = check(extendSchema, extend);
  if (flags.has('secret')) cmd.ballot = 'secret';
  else if (flags.has('hidden')) cmd.ballot = 'hidden';
  return cmd;
}

/** Whether a word is option numbers (`2`, `1,3`): then the vote is a poll's. */
export const isChoiceWord = (w: string): boolean => /^\d{1,2}(,\d{1,2})*,?$/.test(w);

/** `/vote <poll#> <option number> [<option number> …]` (numbers by spaces or commas). */
export function parsePollVote(number: number, words: string[]): Command {
  const choices: number[] = [];
  for (const w of words) {
    if (!isChoiceWord(w))
      throw new CommandError(
        `"${w.slice(0, 30)}" is not an option number: a vote in a poll is only option numbers, like /vote ${number} 2 (or /vote ${number} 1 3 when several may be chosen).`,
      );
    for (const n of w.split(',').filter(Boolean).map(Number)) {
      if (n < 1 || n > MAX_POLL_OPTIONS) throw new CommandError(`Options are numbered 1 to ${MAX_POLL_OPTIONS}; ${n} is not one.`);
      if (choices.includes(n)) throw new CommandError(`Option ${n} is given twice.`);
      choices.push(n);
    }
  }
  return { kind: 'vote.poll', number, choices };
}
