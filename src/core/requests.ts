import type { Store } from '../store/store';
import type { ChannelRow } from '../store/channels';
import type { Channels } from './channels';
import type { Clock } from './clock';
import { type Doc, text } from './delivery/doc';
import { RefusalKeepingCleanup, UserError } from './errors';
import type { Outbox } from './delivery/outbox';
import type { Logger } from './log';
import type { LimitKind, RateLimiter } from './rate-limit';
import type { Actor, ChannelAddress } from './types';
import { errorDoc, notice, slowDownDoc } from './views';

/** Where a request comes from. `eventId` makes a retried delivery of the same event a no-op. */
export interface RequestContext {
  channel: ChannelAddress;
  channelName?: string;
  actor: Actor;
  eventId?: string;
  /**
   * Members the platform itself vouched for in this request (a Discord user option, a Slack mention
   * users.info confirmed), with their names: remembered as seen, so that they can be made stewards.
   */
  knownUsers?: { userId: string; displayName: string }[];
}

/** The answer to the person who asked (shown only to them where the platform allows). */
export interface Reply {
  ok: boolean;
  doc: Doc;
  duplicate?: boolean;
  /** A refusal the person was already told about (slow down): adapters that answer unasked (reactions) may stay quiet. */
  quiet?: boolean;
  /**
   * The reaction this answers is not a vote and should not stay on the message (a hidden or secret
   * ballot, where it would show how the member votes): adapters remove it where the platform lets them.
   */
  removeReaction?: true;
}

/**
 * The request layer: every request from a platform runs through `run` — rate limit first, then one
 * transaction with the channel (created on first use), the names the platform told us remembered,
 * a retried event made a no-op, and any UserError turned into a friendly reply.
 */
export class Requests {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly channels: Channels,
    private readonly limiter: RateLimiter,
    private readonly outbox: Outbox,
    private readonly log: Logger,
  ) {}

  /**
   * The rate limit for `kind`, before anything is read or written: a refused request changes
   * nothing. Members are counted per workspace or server (not per channel), channels per channel.
   */
  private limited(ctx: RequestContext, kind: LimitKind): Reply | undefined {
    const { platform, spaceId, channelId } = ctx.channel;
    const now = this.clock.now();
    // (The channel's key only matters for proposals; votes, the hot path, skip building it.)
    const v = this.limiter.check(kind, `${platform}:${spaceId}:${ctx.actor.userId}`, kind === 'propose' ? `${platform}:${spaceId}:${channelId}` : '', now);
    if (v.ok) return undefined;
    const zone = this.store.channels.find(ctx.channel)?.settings.timezone ?? this.channels.defaultZone;
    return { ok: false, doc: slowDownDoc(kind, v.scope, v.waitMs, now, zone), ...(v.firstRefusal ? {} : { quiet: true }) };
  }

  /**
   * Runs fn in one transaction with the channel; a UserError rolls everything back (a
   * RefusalKeepingCleanup keeps what was written before it) and becomes a friendly reply; a
   * repeated eventId changes nothing. With `limit`, the request first passes the rate limit of
   * that kind.
   */
  run(ctx: RequestContext, fn: (channel: ChannelRow) => Doc | undefined, limit?: LimitKind): Reply | undefined {
    const slow = limit && this.limited(ctx, limit);
    if (slow) return slow;
    try {
      const result = this.store.tx(() => {
        if (ctx.eventId && !this.store.keys.claimEvent(`${ctx.channel.platform}:${ctx.eventId}`, this.clock.now())) return 'duplicate' as const;
        const channel = this.channels.ensure(ctx.channel, ctx.channelName);
        if (ctx.actor.displayName) {
          this.store.users.remember(ctx.channel.platform, ctx.channel.spaceId, ctx.actor.userId, ctx.actor.displayName, this.clock.now());
        }
        for (const u of ctx.knownUsers ?? []) this.store.users.remember(ctx.channel.platform, ctx.channel.spaceId, u.userId, u.displayName, this.clock.now());
        try {
          return fn(channel);
        } catch (e) {
          if (e instanceof RefusalKeepingCleanup) return e; // commits the cleanup, then refuses
          throw e;
        }
      });
      if (result === 'duplicate') return { ok: true, duplicate: true, doc: notice([text('Already done.')]) };
      if (result instanceof RefusalKeepingCleanup) return { ok: false, doc: errorDoc(result.message, result.usage) };
      this.outbox.announce();
      return result && { ok: true, doc: result };
    } catch (e) {
      if (e instanceof UserError) return { ok: false, doc: errorDoc(e.message, e.usage) };
      this.log.error('command failed', { error: e instanceof Error ? e.stack : String(e) });
      return { ok: false, doc: errorDoc('Something went wrong on my side and nothing was changed. Please try again in a moment.') };
    }
  }
}
