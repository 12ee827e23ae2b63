import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/core/log';

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

function show(a: unknown): string {
  if (typeof a === 'string') return a;
  if (a instanceof Error) return a.message;
  try {
    return JSON.stringify(a) ?? String(a);
  } catch {
    return String(a);
  }
}

// Secrets are never logged: whatever a library prints, tokens are masked.
const TOKEN = /\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g;
const text = (args: unknown[]) => args.map(show).join(' ').replace(TOKEN, '[token]');

/** Bolt's and the Socket Mode client's logs, as the app's JSON lines (debug dropped: it dumps payloads). */
export function boltLogger(log: Logger, initial: LogLevel = LogLevel.INFO): BoltLogger {
  let level = initial;
  let name = 'slack';
  const on = (l: LogLevel) => ORDER.indexOf(l) >= ORDER.indexOf(level) && l !== LogLevel.DEBUG;
  return {
    debug() {},
    info: (...m: unknown[]) => on(LogLevel.INFO) && log.info(text(m), { source: name }),
    warn: (...m: unknown[]) => on(LogLevel.WARN) && log.warn(text(m), { source: name }),
    error: (...m: unknown[]) => on(LogLevel.ERROR) && log.error(text(m), { source: name }),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: (n: string) => void (name = n),
  };
}
