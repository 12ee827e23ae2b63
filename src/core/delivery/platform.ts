import type { Doc } from './doc';
import type { ChannelAddress } from '../types';

/** What an adapter offers the core for delivering messages to its platform. */
export interface PlatformPort {
  readonly platform: string;
  /** The least time between two edits of one message (coalescing window; 0 in the console). */
  readonly minEditIntervalMs: number;
  /** Posts a message; `key` is unique per outbox message, for platforms that can deduplicate by it. */
  post(channel: ChannelAddress, doc: Doc, key: string): Promise<{ messageId: string }>;
  edit(channel: ChannelAddress, messageId: string, doc: Doc): Promise<void>;
}

/**
 * A failed delivery. Adapters translate platform errors into this: `retryAfterMs` from a 429's
 * Retry-After, `permanent` for errors no retry can fix (channel gone, bot removed).
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly opts: { retryAfterMs?: number; permanent?: boolean } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** One JSON line per event on stderr; never given secrets. */
export const jsonLogger: Logger = {
  info: (msg, data) => console.error(JSON.stringify({ level: 'info', msg, ...data })),
  warn: (msg, data) => console.error(JSON.stringify({ level: 'warn', msg, ...data })),
  error: (msg, data) => console.error(JSON.stringify({ level: 'error', msg, ...data })),
};
