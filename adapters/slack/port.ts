import { webApi } from '@slack/bolt';
import type { Doc } from '../../src/core/delivery/doc';
import { DeliveryError, type PlatformPort } from '../../src/core/delivery/port';
import type { ChannelAddress } from '../../src/core/types';
import { renderMessage } from './render';
import type { UserDirectory } from './users';

/** Platform errors no retry can fix: the channel or message is gone, or the bot may not post there. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_arguments',
  'too_many_attachments',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'team_access_not_granted',
  'ekm_access_denied',
  'user_not_in_channel',
]);

/** Turns a Web API failure into the dispatcher's vocabulary: retry later, retry after N ms, or give up. */
function toDeliveryError(e: unknown): DeliveryError {
  if (e instanceof webApi.WebAPIRateLimitedError) {
    return new DeliveryError(`rate limited by Slack for ${e.retryAfter}s`, { retryAfterMs: e.retryAfter * 1000 });
  }
  if (e instanceof webApi.WebAPIPlatformError) {
    const code = e.data.error;
    return new DeliveryError(`Slack said ${code}`, { permanent: PERMANENT.has(code) });
  }
  if (e instanceof webApi.WebAPIHTTPError) {
    // A 429 without a usable Retry-After would land here; 5xx and the like are worth retrying.
    const after = Number.parseInt(e.headers['retry-after'] ?? '', 10);
    return new DeliveryError(`Slack answered HTTP ${e.statusCode}`, Number.isFinite(after) ? { retryAfterMs: after * 1000 } : {});
  }
  return new DeliveryError(e instanceof Error ? e.message : String(e));
}

/**
 * Delivers the core's messages as Block Kit. The message id is the message's `ts`. The client must
 * not retry on its own (retries: 0, rejectRateLimitedCalls): the outbox dispatcher does that.
 */
export class SlackPort implements PlatformPort {
  readonly platform = 'slack';
  /** chat.update is rate limited to about one edit a second per channel; leave a little room. */
  readonly minEditIntervalMs = 1200;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly users: UserDirectory,
  ) {}

  private async render(channel: ChannelAddress, doc: Doc) {
    return renderMessage(doc, await this.users.namesFor(channel.spaceId, doc));
  }

  // The outbox key is not used: chat.postMessage has no idempotency key for bots.
  async post(channel: ChannelAddress, doc: Doc): Promise<{ messageId: string }> {
    const msg = await this.render(channel, doc);
    if (doc.privateTo) return this.postPrivately(channel, doc.privateTo, msg);
    try {
      const r = await this.client.chat.postMessage({ channel: channel.channelId, ...msg, unfurl_links: false, unfurl_media: false });
      if (!r.ts) throw new DeliveryError('chat.postMessage returned no ts');
      return { messageId: r.ts };
    } catch (e) {
      throw e instanceof DeliveryError ? e : toDeliveryError(e);
    }
  }

  /** A notice for one member: an ephemeral message in the channel (never edited afterwards). */
  private async postPrivately(channel: ChannelAddress, user: string, msg: { text: string; blocks: unknown[] }): Promise<{ messageId: string }> {
    try {
      const r = await this.client.chat.postEphemeral({ channel: channel.channelId, user, text: msg.text, blocks: msg.blocks as never });
      return { messageId: `ephemeral:${r.message_ts ?? user}` };
    } catch (e) {
      throw toDeliveryError(e);
    }
  }

  async edit(channel: ChannelAddress, messageId: string, doc: Doc): Promise<void> {
    const msg = await this.render(channel, doc);
    try {
      await this.client.chat.update({ channel: channel.channelId, ts: messageId, ...msg });
    } catch (e) {
      throw toDeliveryError(e);
    }
  }
}
