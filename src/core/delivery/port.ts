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
