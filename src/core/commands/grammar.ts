/**
 * The command grammar as data: what each command is (the Command union), and the usage lines shown
 * with help and errors. Read by the domain; the parsers that build Commands live in parse.ts.
 */
import type { Nth } from '../rotation/cadence';
import type { Ballot, DecisionRule, Quorum, Stance } from '../types';

/** A user named in a command: a mention by id (`<@U123>`, adapters translate their platform's form into it) or a plain `@name`. */
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
  /** `ballot` absent: an open ballot. `extend`: minutes it stays open once more if its quorum is unmet at the deadline. */
  | {
      kind: 'propose';
      title: string;
      reasons: string;
      closes?: string;
      rule?: DecisionRule;
      quorum?: Quorum;
      ballot?: Exclude<Ballot, 'open'>;
      extend?: number;
    }
  /** An option poll: its question, 2 to 10 options, and whether members may choose several. */
  | { kind: 'poll'; question: string; options: string[]; multi?: true; closes?: string; quorum?: Quorum; ballot?: Exclude<Ballot, 'open'>; extend?: number }
  | { kind: 'vote'; number: number; stance: Stance; reason?: string }
  /** A vote in a poll: the options chosen, by number (several only on a --multi poll). */
  | { kind: 'vote.poll'; number: number; choices: number[] }
  | { kind: 'proposals'; filter: 'open' | 'closed' | 'all' }
  | { kind: 'proposal'; number: number }
  | { kind: 'close'; number: number; confirm?: true; reason?: string }
  | { kind: 'withdraw'; number: number; reason?: string }
  /** `reasons` absent: the reasons stay as they are. */
  | { kind: 'amend'; number: number; title: string; reasons?: string }
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
  propose:
    '/propose <title> [| <reasons>] [--closes <when>] [--rule consent|majority|supermajority] [--quorum <n>|<n>%] [--extend <duration>] [--hidden|--secret]',
  poll: '/poll <question> | <option> | <option> … [--multi] [--closes <when>] [--quorum <n>|<n>%] [--extend <duration>] [--hidden|--secret]',
  vote: '/vote <proposal#> agree|disagree|abstain|block [reason]',
  proposals: '/proposals [open|closed|all|<proposal#>]',
  close: '/close <proposal#> [confirm <reason>]',
  withdraw: '/withdraw <proposal#> [reason]',
  amend: '/amend <proposal#> <new title> [| <new reasons>]',
  decisions: '/decisions [<count>]',
  rotation:
    '/rotation show|join|leave|away <until>|back|skip|swap @user|accept [@user]|decline [@user]|volunteer <role>|cancel|roles [add|remove <role>]|roles describe <role> <text>|roles eligible <role> @user…|everyone|schedule [<repeat>] <weekday> <HH:MM>|stats',
  leaderful:
    '/leaderful help [<command>]|settings [timezone <zone>] [window <duration>] [rule <rule>] [quorum <n>|<n>%] [reminder <duration>|off] [max-open <n>] [max-open-member <n>] [steward add|remove @user]|export-me|forget-me [confirm]|forget @user [confirm]',
} as const;

/** How to vote in a poll (the /vote usage line is about proposals). */
export const POLL_VOTE_USAGE = '/vote <poll#> <option number> [<option number> …]';

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

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(USAGE, name);
}
