import { createHash } from 'node:crypto';
import {
  DiscordAPIError,
  HTTPError,
  type RateLimitData,
  RateLimitError,
  type REST,
  type RESTPatchAPIChannelMessageJSONBody,
  type RESTPostAPIChannelMessageJSONBody,
  type RESTPostAPIChannelMessageResult,
  RESTJSONErrorCodes,
  Routes,
} from 'discord.js';
import type { Doc } from '../../src/core/delivery/doc';
import { DeliveryError, type PlatformPort } from '../../src/core/delivery/port';
import type { ChannelAddress } from '../../src/core/types';
import { renderMessage } from './render';

export const DISCORD = 'discord';

/** Discord keeps a nonce at most 25 characters; a hash of the outbox key fits and stays unique. */
export function nonceOf(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 25);
}

// Errors a retry cannot fix: the channel or message is gone, or the bot may not post there.
const PERMANENT_CODES = new Set<number>([
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.UnknownMessage,
  RESTJSONErrorCodes.UnknownGuild,
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.ThreadLocked,
]);

/**
 * Rate limits up to this long are waited out inside discord.js: that is Discord's ordinary pacing
 * of a route (a few requests per few seconds), and waiting briefly beats spending an outbox attempt.
 * Longer waits come back to the outbox as a DeliveryError with retryAfterMs, so one channel's limit
 * does not hold up every other delivery, and pending edits coalesce meanwhile.
 */
const MAX_INLINE_WAIT_MS = 2000;

/** discord.js's `rejectOnRateLimit` for the outbox's REST client. */
export const rejectLongRateLimits = (d: RateLimitData): boolean => Math.max(d.retryAfter, d.timeToReset) > MAX_INLINE_WAIT_MS;

/** Translates what discord.js throws into the outbox's terms. */
function toDeliveryError(e: unknown): DeliveryError {
  if (e instanceof RateLimitError) {
    // Thrown instead of a long wait (rejectLongRateLimits): the outbox waits instead.
    return new DeliveryError(`Discord rate limit on ${e.method.toUpperCase()} ${e.route}`, { retryAfterMs: Math.max(0, e.retryAfter, e.timeToReset) });
  }
  if (e instanceof DiscordAPIError) {
    const permanent = PERMANENT_CODES.has(Number(e.code)) || e.status === 400 || e.status === 403 || e.status === 404;
    return new DeliveryError(`Discord ${e.status} (code ${e.code}): ${e.message}`, { permanent });
  }
  if (e instanceof HTTPError) return new DeliveryError(`Discord ${e.status}: ${e.message}`);
  return new DeliveryError(e instanceof Error ? e.message : String(e));
}

export interface DiscordPortOptions {
  /** Called after a post went out (the adapter adds the vote reactions to proposal cards). */
  onPosted?: (channelId: string, messageId: string, doc: Doc) => void;
}

/**
 * Posts and edits channel messages for the outbox dispatcher. `rest` should be created with
 * `rejectOnRateLimit: rejectLongRateLimits` and `retries: 0`: retrying after failures and long
 * waits are the dispatcher's job.
 */
export class DiscordPort implements PlatformPort {
  readonly platform = DISCORD;
  // Discord allows about 5 edits per 5 s per channel; one edit a second per message stays clear of it.
  readonly minEditIntervalMs = 1000;

  constructor(
    private readonly rest: REST,
    private readonly opts: DiscordPortOptions = {},
  ) {}

  async post(channel: ChannelAddress, doc: Doc, key: string): Promise<{ messageId: string }> {
    // enforce_nonce: if a post was received but its answer lost, the re-send returns the same message.
    const body: RESTPostAPIChannelMessageJSONBody = { ...renderMessage(doc), nonce: nonceOf(key), enforce_nonce: true };
    let message: RESTPostAPIChannelMessageResult;
    try {
      // A notice for one member goes to them directly (a direct message), not to the channel.
      const to = doc.privateTo
        ? ((await this.rest.post(Routes.userChannels(), { body: { recipient_id: doc.privateTo } })) as { id: string }).id
        : channel.channelId;
      message = (await this.rest.post(Routes.channelMessages(to), { body })) as RESTPostAPIChannelMessageResult;
    } catch (e) {
      throw toDeliveryError(e);
    }
    this.opts.onPosted?.(channel.channelId, message.id, doc);
    return { messageId: message.id };
  }

  async edit(channel: ChannelAddress, messageId: string, doc: Doc): Promise<void> {
    const body: RESTPatchAPIChannelMessageJSONBody = renderMessage(doc);
    try {
      await this.rest.patch(Routes.channelMessage(channel.channelId, messageId), { body });
    } catch (e) {
      throw toDeliveryError(e);
    }
  }
}
