/** The console's input language (DESIGN §4), parsed into typed lines. */
export type ConsoleLine =
  | { kind: 'blank' }
  | { kind: 'command'; user: string; name: string; text: string }
  | { kind: 'reaction'; user: string; added: boolean; reaction: string; message: string }
  | { kind: 'clock'; arg: string }
  | { kind: 'invalid'; reason: string };

const USER = /^[\p{L}\p{N}_.-]{1,40}$/u;

export function parseConsoleLine(raw: string): ConsoleLine {
  const line = raw.trim();
  if (!line || line.startsWith('#')) return { kind: 'blank' };
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
    reason: 'Lines look like "alice: /propose …", "bob +👍 #1", "bob -👍 #1", ":clock +7d" or "# a comment".',
  };
}

/** `@bob` in console text means the console user bob: give the core a platform-style mention. */
export const mentionsToIds = (text: string): string => text.replace(/(^|\s)@([\p{L}\p{N}_.-]+)/gu, '$1<@$2>');
