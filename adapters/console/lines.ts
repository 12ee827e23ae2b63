/** The console's input language, parsed into typed lines. */
export type ConsoleLine =
  | { kind: 'blank' }
  | { kind: 'command'; user: string; name: string; text: string }
  | { kind: 'reaction'; user: string; added: boolean; reaction: string; message: string }
  | { kind: 'clock'; arg: string }
  | { kind: 'invalid'; reason: string };

const USER = /^[\p{L}\p{N}_.-]{1,40}$/u;

/** Longer than any command can be (reasons are at most a few thousand characters). */
const MAX_LINE = 20_000;

/** Who a line without a `name:` is from: a lone user trying the console. */
const YOU = 'you';

export function parseConsoleLine(raw: string): ConsoleLine {
  // Checked before any pattern runs: a 10 MB line would make the patterns below throw.
  if (raw.length > MAX_LINE) {
    return {
      kind: 'invalid',
      reason: `That line is ${raw.length.toLocaleString('en-US')} characters long; a line can be at most ${MAX_LINE.toLocaleString('en-US')}.`,
    };
  }
  const line = raw.trim();
  if (!line || line.startsWith('#')) return { kind: 'blank' };
  const own = /^\/(\S+)\s*(.*)$/su.exec(line);
  if (own) return { kind: 'command', user: YOU, name: own[1]!, text: own[2]! };
  const ownReaction = /^([+-])(\S+)\s+#(\d+)$/u.exec(line);
  if (ownReaction) return { kind: 'reaction', user: YOU, added: ownReaction[1] === '+', reaction: ownReaction[2]!, message: ownReaction[3]! };
  if (line.startsWith(':clock')) return { kind: 'clock', arg: line.slice(':clock'.length).trim() };
  const cmd = /^([^\s:]+):\s*\/(\S+)\s*(.*)$/su.exec(line);
  if (cmd) {
    if (!USER.test(cmd[1]!)) return { kind: 'invalid', reason: `"${cmd[1]}" is not a user name (letters, digits, . _ -).` };
    return { kind: 'command', user: cmd[1]!, name: cmd[2]!, text: cmd[3]! };
  }
  const react = /^(\S+)\s+([+-])(\S+)\s+#(\d+)$/u.exec(line);
  if (react) {
    if (!USER.test(react[1]!)) return { kind: 'invalid', reason: `"${react[1]}" is not a user name (letters, digits, . _ -).` };
    return { kind: 'reaction', user: react[1]!, added: react[2] === '+', reaction: react[3]!, message: react[4]! };
  }
  return {
    kind: 'invalid',
    reason: 'Lines look like "/propose …" (as you), "alice: /propose …", "bob +👍 #1", "bob -👍 #1", ":clock +7d" or "# a comment".',
  };
}

/** `@bob` in console text means the console user bob: give the core a platform-style mention. */
export const mentionsToIds = (text: string): string => text.replace(/(^|\s)@([\p{L}\p{N}_.-]+)/gu, '$1<@$2>');
