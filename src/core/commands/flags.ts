/** Options (`--closes 3d`, `--rule=majority`, `--secret`) taken out of a command's text, wherever they stand. */
import { CommandError } from './values';

/** The options a command takes: those that take a value, and the switches that stand alone. */
export type OptionSpec = { values: readonly string[]; switches: readonly string[] };

/**
 * Flags of /propose (and /poll), wherever they stand (before the title, after the reasons): `--closes 3d`,
 * `--rule=majority`, `--secret`. Phones and Slack turn "--" into an em or en dash; those count too
 * when a flag name follows, but an unknown word after a dash is prose ("the old one —it leaks"),
 * while an unknown `--word` is a typo worth saying. `\--closes` writes the words themselves.
 */
const FLAG_TOKEN = /(^|\s)(\\?)(--|—|–)([a-z][\w-]*)(?:=(\S*))?(?=\s|$)/gi;

/** How many words a flag's value takes: --closes takes a date and a time as one value. */
function flagValueWords(flag: string, words: string[]): number {
  if (words.length < 2) return 1;
  // "--quorum 5 %": the stray % belongs to the value (and is refused with it), not to the title.
  if (flag === 'quorum') return words[1] === '%' ? 2 : 1;
  if (flag !== 'closes') return 1;
  return /^\d{4}-\d{2}-\d{2}$/.test(words[0]!) && /^\d{1,2}:\d{2}$/.test(words[1]!) ? 2 : 1;
}

/** "--a, --b and --c" */
const listOptions = (names: readonly string[]) => {
  const flags = names.map((n) => `--${n}`);
  return flags.length > 1 ? `${flags.slice(0, -1).join(', ')} and ${flags.at(-1)}` : flags.join('');
};

const EXAMPLE: Record<string, string> = { closes: '--closes 3d', rule: '--rule majority', quorum: '--quorum 5', extend: '--extend 2d' };

/** Takes the options out of a command's text: what is left, the values given, and the switches set. */
export function extractFlags(text: string, spec: OptionSpec): { rest: string; flags: Map<string, string> } {
  const flags = new Map<string, string>();
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
    const flag = rawName.toLowerCase();
    const takesValue = spec.values.includes(flag);
    if (!takesValue && !spec.switches.includes(flag)) {
      if (dash === '--') {
        const switches = spec.switches.length ? `, and the switch${spec.switches.length > 1 ? 'es' : ''} ${listOptions(spec.switches)}` : '';
        throw new CommandError(
          `I don't know the option --${rawName}. The options are ${listOptions(spec.values)}${switches} (to write "--${rawName}" itself, put a \\ before it).`,
        );
      }
      continue; // a dash in prose
    }
    if (flags.has(flag)) throw new CommandError(`--${flag} is given twice.`);
    let end = m.index + whole.length;
    let value = inline ?? '';
    if (!takesValue) {
      if (inline !== undefined) throw new CommandError(`--${flag} takes no value: write just --${flag}.`);
    } else if (inline === undefined) {
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
    if (takesValue && !value) throw new CommandError(`--${flag} needs a value, like ${EXAMPLE[flag] ?? `--${flag} <value>`}.`);
    flags.set(flag, value);
    rest += text.slice(from, start);
    from = end;
    FLAG_TOKEN.lastIndex = end;
  }
  rest += text.slice(from);
  return { rest, flags };
}
