import { ApplicationCommandOptionType } from 'discord.js';

/** An option as Discord delivers it (discord.js's CommandInteractionOption fits this shape). */
export interface GivenOption {
  name: string;
  type: ApplicationCommandOptionType;
  value?: string | number | boolean;
  options?: readonly GivenOption[];
}

const join = (...parts: (string | undefined)[]) => parts.filter((p): p is string => p !== undefined && p !== '').join(' ');

// The order settings are written in, and the grammar's words for them.
const SETTINGS: [option: string, words: string][] = [
  ['timezone', 'timezone'],
  ['window', 'window'],
  ['rule', 'rule'],
  ['quorum', 'quorum'],
  ['reminder', 'reminder'],
  ['max_open', 'max-open'],
  ['max_open_member', 'max-open-member'],
  ['steward_add', 'steward add'],
  ['steward_remove', 'steward remove'],
];

/** Whether the boolean option `name` was given as true. */
const confirmOr = (args: readonly GivenOption[], name: string) => args.some((a) => a.name === name && a.value === true);

/**
 * Writes a slash command's typed options as the text of the command grammar (src/core/commands/grammar.ts), so that every
 * command is parsed and validated by the core exactly as on Slack and the console.
 * A user option becomes a mention in the core's form, `<@id>`; so does a nickname mention (`<@!id>`) pasted into text.
 */
export function commandText(name: string, options: readonly GivenOption[]): string {
  const sub = options.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  const args = sub ? (sub.options ?? []) : options;
  const get = (n: string): string | undefined => {
    const o = args.find((a) => a.name === n);
    if (o?.value === undefined) return undefined;
    return o.type === ApplicationCommandOptionType.User
      ? `<@${o.value}>`
      : String(o.value)
          .trim()
          .replace(/<@!(\d+)>/g, '<@$1>');
  };
  // A boolean option named confirm becomes the grammar's word "confirm" when true.
  const confirm = args.some((a) => a.name === 'confirm' && a.value === true) ? 'confirm' : undefined;
  switch (name) {
    case 'vote': {
      // In a poll the option numbers stand where the stance would (/vote 4 1 3).
      const choice = get('choice');
      return choice === undefined ? join(get('proposal'), get('stance'), get('reason')) : join(get('proposal'), choice, get('reason'));
    }
    case 'proposals':
      return join(get('filter'), get('proposal'));
    case 'close':
      return join(get('proposal'), confirm, get('reason'));
    case 'withdraw':
      return join(get('proposal'), get('reason'));
    case 'amend': {
      // A | in the typed title would start the reasons: it stays a character of the title.
      const reasons = get('reasons');
      return join(get('proposal'), get('title')?.replace(/\|/g, '¦'), reasons === undefined ? undefined : `| ${reasons}`);
    }
    case 'decisions':
      return join(get('count'));
    case 'rotation': {
      const s = sub?.name ?? 'show';
      if (s === 'away') return join(s, get('until'));
      if (s === 'swap' || s === 'accept' || s === 'decline') return join(s, get('member'));
      if (s === 'volunteer') return confirmOr(args, 'cancel') ? 'volunteer cancel' : join(s, get('role'));
      if (s === 'roles') return join(s, get('action'), get('role'), get('details'));
      if (s === 'schedule') {
        const from = get('from');
        return join(s, get('repeat'), get('weekday'), get('time'), from === undefined ? undefined : `from ${from}`);
      }
      return s;
    }
    case 'leaderful': {
      const s = sub?.name ?? 'help';
      if (s === 'help') return join(s, get('topic'));
      if (s === 'forget-me') return join(s, confirm);
      if (s === 'forget') return join(s, get('member'), confirm);
      if (s !== 'settings') return s;
      return join(s, ...SETTINGS.map(([opt, words]) => (get(opt) === undefined ? undefined : `${words} ${get(opt)}`)));
    }
    default:
      // Not ours (a stale registration): the core answers that it does not know the command.
      return join(...args.map((a) => (a.value === undefined ? undefined : String(a.value))));
  }
}
