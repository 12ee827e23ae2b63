import type { Store } from '../store/store';
import type { ChannelRow } from '../store/channels';
import type { Clock } from './clock';
import { type Command, parseCommand, proposeFromFields, type ProposeFields } from './commands';
import { Channels, DEFAULT_SETTINGS } from './channels';
import { type Doc, text } from './doc';
import type { Payload } from './dispatcher';
import { stanceOfReaction } from './emoji';
import { RefusalKeepingCleanup, UserError } from './errors';
import { type Logger, silentLogger } from './ports';
import { Privacy } from './privacy';
import { Proposals, proposalRef, type VoteSource } from './proposals';
import { DEFAULT_RATE_LIMITS, type LimitKind, RateLimiter, type RateLimitRules } from './rate-limit';
import { prune, RETENTION } from './retention';
import { Rotation } from './rotation-service';
import { Swaps } from './swaps';
import { fixedOffsetNote } from './zones';
import { quorumWarning } from './quorum-check';
import type { Actor, ChannelAddress, ChannelSettings, Stance } from './types';
import { voteReasonSchema } from './commands';
import { errorDoc, notice, reminderDoc, settingsDoc, slowDownDoc } from './views';
import { helpDoc } from './help';

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
}

export interface DueReport {
  closed: number;
  reminded: number;
  pinged: number;
}

export interface ServiceOptions {
  defaults?: Partial<ChannelSettings>;
  log?: Logger;
  /** Called after a change queued messages, so the dispatcher can deliver them soon. */
  onQueued?: () => void;
  /** Most due items handled per kind in one runDue (the rest go in the next tick). */
  dueBatch?: number;
  /** Rate limits (defaults: DEFAULT_RATE_LIMITS); benchmarks that set up thousands of proposals lift them. */
  rateLimits?: { member?: Partial<RateLimitRules['member']>; channel?: Partial<RateLimitRules['channel']> };
}

/** The application service: every platform calls the core through this. */
export class Leaderful {
  readonly channels: Channels;
  readonly proposals: Proposals;
  readonly rotation: Rotation;
  readonly swaps: Swaps;
  readonly privacy: Privacy;
  readonly limiter: RateLimiter;
  private readonly log: Logger;
  private readonly onQueued: () => void;
  private readonly dueBatch: number;
  private lastPrune = -Infinity;

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    opts: ServiceOptions = {},
  ) {
    this.channels = new Channels(store, clock, { ...DEFAULT_SETTINGS, ...opts.defaults });
    this.rotation = new Rotation(store, clock, this.channels);
    this.swaps = new Swaps(store, clock, this.rotation);
    this.proposals = new Proposals(store, clock, this.rotation, this.channels);
    this.limiter = new RateLimiter({
      member: { ...DEFAULT_RATE_LIMITS.member, ...opts.rateLimits?.member },
      channel: { ...DEFAULT_RATE_LIMITS.channel, ...opts.rateLimits?.channel },
    });
    // Rate-limit buckets are keyed by the member's id: an erasure drops them too.
    this.privacy = new Privacy(store, clock, this.channels, (platform, userId) => this.limiter.forgetMember(platform, userId));
    this.log = opts.log ?? silentLogger;
    this.onQueued = opts.onQueued ?? (() => {});
    this.dueBatch = opts.dueBatch ?? 5000;
  }

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
   * RefusalKeepingCleanup keeps what was written before it) and becomes a
   * friendly reply; a repeated eventId changes nothing. With `limit`, the request first passes the
   * rate limit of that kind.
   */
  private run(ctx: RequestContext, fn: (channel: ChannelRow) => Doc | undefined, limit?: LimitKind): Reply | undefined {
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
      this.onQueued();
      return result && { ok: true, doc: result };
    } catch (e) {
      if (e instanceof UserError) return { ok: false, doc: errorDoc(e.message, e.usage) };
      this.log.error('command failed', { error: e instanceof Error ? e.stack : String(e) });
      return { ok: false, doc: errorDoc('Something went wrong on my side and nothing was changed. Please try again in a moment.') };
    }
  }

  /** A slash command as typed: `name` with or without its slash, `text` the rest. */
  command(ctx: RequestContext, name: string, text: string): Reply {
    const parsed = parseCommand(name, text);
    if (!parsed.ok) return { ok: false, doc: errorDoc(parsed.error, parsed.usage) };
    return this.execute(ctx, parsed.command);
  }

  /** /propose from a form or typed options rather than one line of text. */
  proposeFields(ctx: RequestContext, fields: ProposeFields): Reply {
    const parsed = proposeFromFields(fields);
    if (!parsed.ok) return { ok: false, doc: errorDoc(parsed.error, parsed.usage) };
    return this.execute(ctx, parsed.command);
  }

  execute(ctx: RequestContext, cmd: Command): Reply {
    const kind: LimitKind = cmd.kind === 'propose' ? 'propose' : cmd.kind === 'vote' ? 'vote' : 'command';
    return this.run(ctx, (channel) => this.dispatch(channel, ctx.actor, cmd), kind)!;
  }

  private dispatch(channel: ChannelRow, actor: Actor, cmd: Command): Doc {
    const r = this.rotation;
    const p = this.proposals;
    switch (cmd.kind) {
      case 'propose':
        return p.propose(channel, actor, cmd);
      case 'vote':
        return p.vote(channel, actor, cmd.number, cmd.stance, cmd.reason);
      case 'proposals':
        return p.list(channel, cmd.filter);
      case 'proposal':
        return p.detail(channel, cmd.number);
      case 'close':
      case 'withdraw':
        return p.closeByCommand(channel, actor, cmd);
      case 'decisions':
        return p.decisions(channel, cmd.count);
      case 'rotation.show':
        return r.show(channel);
      case 'rotation.join':
        return r.join(channel, actor);
      case 'rotation.leave':
        return r.leave(channel, actor);
      case 'rotation.away':
        return r.away(channel, actor, cmd.until);
      case 'rotation.back':
        return r.back(channel, actor);
      case 'rotation.skip':
        return r.skip(channel, actor);
      case 'rotation.swap':
        return this.swaps.offer(channel, actor, this.channels.resolveUser(channel, cmd.with));
      case 'rotation.accept':
        return this.swaps.accept(channel, actor, cmd.from && this.channels.resolveUser(channel, cmd.from));
      case 'rotation.decline':
        return this.swaps.decline(channel, actor, cmd.from && this.channels.resolveUser(channel, cmd.from));
      case 'rotation.volunteer':
        return r.volunteer(channel, actor, cmd.role);
      case 'rotation.roles':
        return r.roles(channel);
      case 'rotation.roles.add':
        return r.addRole(channel, actor, cmd.role);
      case 'rotation.roles.remove':
        return r.removeRole(channel, actor, cmd.role);
      case 'rotation.schedule':
        return r.schedule(channel, actor, cmd.weekday, cmd.time);
      case 'rotation.stats':
        return r.stats(channel);
      case 'help':
        return helpDoc(cmd.topic);
      case 'settings':
        return this.settings(channel, actor, cmd.changes);
      case 'export.me':
        return this.privacy.exportMe(channel, actor);
      case 'forget.me':
        return this.privacy.forgetMe(channel, actor, cmd.confirm);
      case 'forget.user':
        return this.privacy.forgetUser(channel, actor, cmd.who, cmd.confirm);
    }
  }

  private settings(channel: ChannelRow, actor: Actor, c: Extract<Command, { kind: 'settings' }>['changes']): Doc {
    const roles = () => this.store.rotation.roles(channel.id);
    if (Object.keys(c).length === 0) return settingsDoc(channel.settings, roles());
    this.channels.requireAdmin(channel, actor, 'change settings');
    const s = { ...channel.settings, stewards: [...channel.settings.stewards] };
    if (c.timezone) s.timezone = c.timezone;
    if (c.windowMinutes) s.windowMinutes = c.windowMinutes;
    if (c.rule) s.rule = c.rule;
    if (c.quorum) s.quorum = c.quorum;
    if (c.reminderLeadMinutes !== undefined) s.reminderLeadMinutes = c.reminderLeadMinutes;
    if (c.maxOpen !== undefined) s.maxOpen = c.maxOpen;
    if (c.maxOpenPerMember !== undefined) s.maxOpenPerMember = c.maxOpenPerMember;
    if (c.stewardAdd) s.stewards = this.channels.addSteward(channel, actor, s.stewards, c.stewardAdd);
    if (c.stewardRemove) s.stewards = this.channels.removeSteward(channel, actor, s.stewards, c.stewardRemove);
    this.store.channels.updateSettings(channel.id, s);
    if (s.timezone !== channel.settings.timezone) this.rotation.settingsChanged({ ...channel, settings: s });
    const doc = settingsDoc(s, roles());
    doc.title = 'Settings saved';
    const zoneNote = c.timezone ? fixedOffsetNote(s.timezone) : undefined;
    if (zoneNote) doc.lines.unshift([text(`Note: ${zoneNote}`)]);
    const quorumNote = c.quorum ? quorumWarning(s.quorum, this.store.rotation.activeCount(channel.id)) : undefined;
    if (quorumNote) doc.lines.unshift([text(quorumNote)]);
    return doc;
  }

  /**
   * A reaction added to or removed from a message. Reactions that are not votes, or on messages
   * that are not proposals, are ignored (undefined). Adapters drop the bot's own reactions.
   */
  react(ctx: RequestContext, messageId: string, reaction: string, added: boolean): Reply | undefined {
    const stance = stanceOfReaction(reaction);
    if (!stance) return undefined;
    const channel = this.store.channels.find(ctx.channel);
    if (!channel) return undefined;
    const msg = this.store.outbox.messageByPlatformId(channel.id, messageId);
    if (!msg?.ref.startsWith('proposal:')) return undefined;
    const proposalId = Number(msg.ref.slice('proposal:'.length));
    const reply = this.run(
      ctx,
      () => {
        const p = this.store.proposals.get(proposalId)!;
        if (added) this.proposals.setVote(p, ctx.actor.userId, stance, null, 'reaction');
        else if (this.store.proposals.vote(p.id, ctx.actor.userId)?.stance === stance) this.proposals.setVote(p, ctx.actor.userId, null, null, 'reaction');
        return undefined;
      },
      'vote',
    );
    // A reaction gets no answer unless asked for: a member told to slow down is not told again.
    return reply?.quiet ? undefined : reply;
  }

  /** A vote from a button or a reason form on the proposal's card. */
  voteOn(ctx: RequestContext, proposalId: number, stance: Stance, reason: string | null, source: VoteSource): Reply {
    // A form's limits are only what the client was asked to enforce: the reason is checked here
    // with the same schema as a typed /vote, whichever platform it came from.
    const checked = reason === null ? undefined : voteReasonSchema.safeParse(reason);
    if (checked && !checked.success) return { ok: false, doc: errorDoc(checked.error.issues[0]?.message ?? 'That reason cannot be used.') };
    const why = checked?.data || null;
    return this.run(
      ctx,
      (channel) => {
        const p = this.store.proposals.get(proposalId);
        if (!p || p.channelFk !== channel.id) throw new UserError('That proposal is not in this channel.');
        const changed = this.proposals.setVote(p, ctx.actor.userId, stance, why, source);
        return notice([text(changed ? `Your vote on #${p.number} is recorded: ${stance}.` : `You already vote ${stance} on #${p.number}.`)]);
      },
      'vote',
    )!;
  }

  /**
   * Brings reaction votes in line with the reactions a message has now (after downtime).
   * `reactions` maps each stance to the users reacting with it (bot excluded). Votes cast by command
   * or button are left alone; a reaction vote whose reaction is gone is removed. `asOf` is when the
   * reactions were read: a vote changed after it (a live event that overtook the read) is newer than
   * the snapshot and left alone.
   */
  reconcile(channel: ChannelAddress, messageId: string, reactions: Partial<Record<Stance, string[]>>, asOf = Infinity): number {
    const row = this.store.channels.find(channel);
    const msg = row && this.store.outbox.messageByPlatformId(row.id, messageId);
    if (!row || !msg?.ref.startsWith('proposal:')) return 0;
    const proposalId = Number(msg.ref.slice('proposal:'.length));
    let changes = 0;
    this.store.tx(() => {
      const byUser = new Map<string, Stance[]>();
      for (const [stance, users] of Object.entries(reactions) as [Stance, string[]][]) {
        for (const u of users) byUser.set(u, [...(byUser.get(u) ?? []), stance]);
      }
      const newer = (v: { updatedAt: number } | undefined) => v !== undefined && v.updatedAt > asOf;
      for (const v of this.store.proposals.votes(proposalId)) {
        if (v.source === 'reaction' && !newer(v) && !byUser.get(v.userId)?.includes(v.stance)) {
          const p = this.store.proposals.get(proposalId)!;
          if (p.status === 'open' && this.proposals.setVote(p, v.userId, null, null, 'reaction')) changes++;
        }
      }
      for (const [userId, stances] of byUser) {
        const p = this.store.proposals.get(proposalId)!;
        if (p.status !== 'open' || p.closesAt <= this.clock.now()) return;
        const current = this.store.proposals.vote(proposalId, userId);
        if (newer(current) || (current && stances.includes(current.stance))) continue;
        if (current && current.source !== 'reaction') continue;
        if (this.proposals.setVote(p, userId, stances[stances.length - 1]!, null, 'reaction')) changes++;
      }
    });
    if (changes) this.onQueued();
    return changes;
  }

  /** Open proposals whose message is on this platform, for reconciling reactions on start. */
  openProposalMessages(platform: string): { channel: ChannelAddress; messageId: string; proposalId: number }[] {
    const out = [];
    const channels = new Map<number, ChannelRow>(); // each channel read once, not once per proposal
    for (const p of this.store.proposals.allOpen()) {
      let ch = channels.get(p.channelFk);
      if (!ch) channels.set(p.channelFk, (ch = this.store.channels.get(p.channelFk)));
      if (ch.address.platform !== platform) continue;
      const msg = this.store.outbox.message(proposalRef(p.id));
      if (msg) out.push({ channel: ch.address, messageId: msg.platformMessageId, proposalId: p.id });
    }
    return out;
  }

  /** When the next scheduled job falls due (for stepping a manual clock through time), or null. */
  nextDueAt(): number | null {
    const times = [
      this.store.proposals.dueToClose(Number.MAX_SAFE_INTEGER, 1)[0]?.closesAt,
      this.store.proposals.dueToRemind(Number.MAX_SAFE_INTEGER, 1)[0]?.remindAt ?? undefined,
      this.store.channels.dueRotations(Number.MAX_SAFE_INTEGER, 1)[0]?.nextRotationAt ?? undefined,
    ].filter((t): t is number => t !== undefined);
    return times.length ? Math.min(...times) : null;
  }

  /**
   * Suggestions while someone types (Discord autocomplete, say): proposals whose number starts with
   * or whose title contains `typed` (open ones, then recent decided ones when asked), and role names.
   */
  suggestProposals(channel: ChannelAddress, typed: string, includeDecided: boolean, limit = 25): { number: number; title: string }[] {
    const row = this.store.channels.find(channel);
    if (!row) return [];
    const t = typed.trim().replace(/^#/, '').toLowerCase();
    const open = this.store.proposals.open(row.id);
    const list = includeDecided ? [...open, ...this.store.proposals.decided(row.id, limit)] : open;
    return list
      .filter((p) => !t || String(p.number).startsWith(t) || p.title.toLowerCase().includes(t))
      .slice(0, limit)
      .map((p) => ({ number: p.number, title: p.title }));
  }

  suggestRoles(channel: ChannelAddress, typed: string): string[] {
    const row = this.store.channels.find(channel);
    const t = typed.trim().toLowerCase();
    return row ? this.store.rotation.roles(row.id).filter((r) => r.startsWith(t)) : [];
  }

  /** How many channel messages the bot has posted here (the console numbers its messages by it). */
  postedCount(channel: ChannelAddress): number {
    const row = this.store.channels.find(channel);
    return row ? this.store.outbox.postCount(row.id) : 0;
  }

  /** Renders an outbox payload at delivery time. */
  render = (_channelFk: number, payload: Payload): Doc | undefined =>
    'doc' in payload ? payload.doc : this.proposals.card(payload.proposal);

  /** Does whatever has fallen due by `now`: closes, closing-soon reminders, weekly pings. Each exactly once. */
  runDue(now = this.clock.now()): DueReport {
    // Each kind's due batch commits once (one WAL write instead of one per item); every item runs in
    // its own nested transaction (a savepoint), so one that fails is undone and logged alone and
    // cannot hold back the rest. A tick with nothing due only reads.
    const inOneCommit = <T>(items: T[], each: (item: T) => unknown): number => {
      let done = 0;
      if (items.length) {
        this.store.tx(() => {
          for (const item of items) {
            try {
              if (this.store.tx(() => each(item))) done++;
            } catch (e) {
              this.log.error('scheduled job failed', { error: e instanceof Error ? e.message : String(e) });
            }
          }
        });
      }
      return done;
    };
    const report: DueReport = { closed: 0, reminded: 0, pinged: 0 };
    report.closed = inOneCommit(this.store.proposals.dueToClose(now, this.dueBatch), (p) => this.proposals.closeNow(p, null));
    report.reminded = inOneCommit(this.store.proposals.dueToRemind(now, this.dueBatch), (p) => {
      this.store.proposals.clearReminder(p.id);
      if (!this.store.keys.claimScheduled(`reminder:${p.id}`, now)) return false;
      const voted = new Set(this.store.proposals.votes(p.id).map((v) => v.userId));
      const here = (m: { active: boolean; awayUntil: number | null }) => m.active && !(m.awayUntil !== null && m.awayUntil > now);
      const notVoted = this.store.rotation.roster(p.channelFk).filter((m) => here(m) && !voted.has(m.userId)).map((m) => m.userId);
      if (!notVoted.length) return false;
      const zone = this.store.channels.get(p.channelFk).settings.timezone;
      this.store.outbox.enqueue(p.channelFk, `reminder:${p.id}`, 'post', JSON.stringify({ doc: reminderDoc(p, zone, notVoted) }), now);
      return true;
    });
    report.pinged = inOneCommit(this.store.channels.dueRotations(now, this.dueBatch), (channel) =>
      this.rotation.pingIfDue(this.store.channels.get(channel.id), now),
    );
    if (now - this.lastPrune >= RETENTION.everyMs || now < this.lastPrune) {
      this.lastPrune = now;
      const pruned = this.store.tx(() => prune(this.store, now));
      if (pruned.outbox + pruned.scheduledKeys > 0) this.log.info('pruned', { ...pruned });
    }
    if (report.closed + report.reminded + report.pinged > 0) {
      this.log.info('scheduled work done', { ...report });
      this.onQueued();
    }
    return report;
  }
}
