import type { Store } from '../store/store';
import type { ChannelRow } from '../store/channels';
import type { Clock } from './clock';
import type { Command } from './commands/grammar';
import { parseCommand } from './commands/parse';
import { proposeFromFields, type ProposeFields } from './commands/fields';
import { type PollFields, pollFromFields } from './commands/parse-poll';
import { Channels, DEFAULT_SETTINGS } from './channels';
import type { Doc } from './delivery/doc';
import { type DueReport, DueWork } from './due-work';
import { helpDoc } from './commands/help';
import { Outbox, type Payload } from './delivery/outbox';
import { type Logger, silentLogger } from './log';
import { Privacy } from './privacy';
import { Proposals, type VoteSource } from './proposals/service';
import { ButtonVotes } from './proposals/button-votes';
import { Amendments } from './proposals/amend';
import { ProposalReading } from './proposals/reading';
import { DEFAULT_RATE_LIMITS, type LimitKind, RateLimiter, type RateLimitRules } from './rate-limit';
import { ReactionVotes } from './proposals/reactions';
import { type Reply, type RequestContext, Requests } from './requests';
import { Rotation } from './rotation/service';
import { RotationMembers } from './rotation/members';
import { RotationSetup } from './rotation/setup';
import { SettingsService } from './settings-service';
import { Suggestions } from './suggestions';
import { Swaps } from './rotation/swaps';
import type { Actor, ChannelAddress, ChannelSettings, Stance } from './types';
import { errorDoc } from './views';

export type { DueReport, Reply, RequestContext };

/** Names the platform told us, for adapters that look names up (Slack's user directory). */
export interface KnownNames {
  remember(platform: string, spaceId: string, userId: string, displayName: string, at: number): void;
  name(platform: string, spaceId: string, userId: string): string | undefined;
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

/**
 * The application service: every platform calls the core through this, and only through this (the
 * store and the clock stay inside). It is the command layer: it parses, routes each command to its
 * feature and answers; the request wrapper, settings, reaction votes, due work and suggestions live
 * in modules of their own.
 */
export class Leaderful {
  readonly channels: Channels;
  readonly proposals: Proposals;
  readonly rotation: Rotation;
  readonly setup: RotationSetup;
  readonly members: RotationMembers;
  readonly swaps: Swaps;
  readonly privacy: Privacy;
  readonly limiter: RateLimiter;
  /** Where every message is queued; the dispatcher listens to it (see Dispatcher's `wakeOn`). */
  readonly outbox: Outbox;
  /** Names the platform told us (read and written by adapters that look names up). */
  readonly names: KnownNames;
  private readonly requests: Requests;
  private readonly settings: SettingsService;
  private readonly reactions: ReactionVotes;
  private readonly due: DueWork;
  private readonly suggestions: Suggestions;
  private readonly reading: ProposalReading;
  private readonly buttons: ButtonVotes;
  private readonly amendments: Amendments;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    opts: ServiceOptions = {},
  ) {
    const log = opts.log ?? silentLogger;
    this.channels = new Channels(store, clock, { ...DEFAULT_SETTINGS, ...opts.defaults });
    this.outbox = new Outbox(store.outbox, clock);
    if (opts.onQueued) this.outbox.onQueued(opts.onQueued);
    this.rotation = new Rotation(store, clock, this.outbox);
    this.members = new RotationMembers(store, clock, this.rotation);
    this.setup = new RotationSetup(store, clock, this.channels, this.rotation);
    this.swaps = new Swaps(store, clock, this.rotation);
    this.proposals = new Proposals(store, clock, this.rotation, this.channels, this.outbox);
    this.limiter = new RateLimiter({
      member: { ...DEFAULT_RATE_LIMITS.member, ...opts.rateLimits?.member },
      channel: { ...DEFAULT_RATE_LIMITS.channel, ...opts.rateLimits?.channel },
    });
    // Rate-limit buckets are keyed by the member's id: an erasure drops them too.
    this.privacy = new Privacy(
      store,
      clock,
      this.channels,
      this.outbox,
      (platform, userId) => this.limiter.forgetMember(platform, userId),
      this.proposals.secret,
    );
    this.requests = new Requests(store, clock, this.channels, this.limiter, this.outbox, log);
    this.settings = new SettingsService(store, this.channels, this.rotation);
    this.reactions = new ReactionVotes(store, clock, this.proposals, this.requests, this.outbox);
    this.due = new DueWork(store, clock, this.proposals, this.rotation, this.outbox, log, opts.dueBatch ?? 5000);
    this.suggestions = new Suggestions(store);
    this.reading = new ProposalReading(store, this.proposals);
    this.buttons = new ButtonVotes(store, this.proposals, this.requests);
    this.amendments = new Amendments(store, clock, this.outbox, this.proposals);
    this.names = store.users;
  }

  /** The service's time (adapters stamp what they read with it, e.g. reactions fetched on start). */
  now(): number {
    return this.clock.now();
  }

  /** A slash command as typed: `name` with or without its slash, `text` the rest. */
  command(ctx: RequestContext, name: string, text: string): Reply {
    const parsed = parseCommand(name, text);
    if (!parsed.ok) return { ok: false, doc: errorDoc(parsed.error, parsed.usage) };
    return this.execute(ctx, parsed.command);
  }

  /** /poll from typed options (Discord) rather than one line of text. */
  pollFields(ctx: RequestContext, fields: PollFields): Reply {
    const parsed = pollFromFields(fields);
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
    const kind: LimitKind = cmd.kind === 'propose' || cmd.kind === 'poll' ? 'propose' : cmd.kind === 'vote' || cmd.kind === 'vote.poll' ? 'vote' : 'command';
    return this.requests.run(ctx, (channel) => this.dispatch(channel, ctx.actor, cmd), kind)!;
  }

  private dispatch(channel: ChannelRow, actor: Actor, cmd: Command): Doc {
    const r = this.rotation;
    const p = this.proposals;
    switch (cmd.kind) {
      case 'propose':
      case 'poll':
        return p.propose(channel, actor, cmd);
      case 'vote':
        return p.vote(channel, actor, cmd.number, cmd.stance, cmd.reason);
      case 'vote.poll':
        return p.votePoll(channel, actor, cmd.number, cmd.choices);
      case 'proposals':
        return this.reading.list(channel, cmd.filter);
      case 'proposal':
        return this.reading.detail(channel, cmd.number);
      case 'close':
      case 'withdraw':
        return p.closeByCommand(channel, actor, cmd);
      case 'amend':
        return this.amendments.amend(channel, actor, cmd);
      case 'decisions':
        return this.reading.decisions(channel, cmd.count);
      case 'rotation.show':
        return r.show(channel);
      case 'rotation.join':
        return this.members.join(channel, actor);
      case 'rotation.leave':
        return this.members.leave(channel, actor);
      case 'rotation.away':
        return this.members.away(channel, actor, cmd.until);
      case 'rotation.back':
        return this.members.back(channel, actor);
      case 'rotation.skip':
        return this.members.skip(channel, actor);
      case 'rotation.swap':
        return this.swaps.offer(channel, actor, this.channels.resolveUser(channel, cmd.with));
      case 'rotation.accept':
        return this.swaps.accept(channel, actor, cmd.from && this.channels.resolveUser(channel, cmd.from));
      case 'rotation.decline':
        return this.swaps.decline(channel, actor, cmd.from && this.channels.resolveUser(channel, cmd.from));
      case 'rotation.volunteer':
        return this.members.volunteer(channel, actor, cmd.role);
      case 'rotation.volunteer.cancel':
        return this.members.volunteerCancel(channel, actor);
      case 'rotation.roles':
        return this.setup.roles(channel);
      case 'rotation.roles.add':
        return this.setup.addRole(channel, actor, cmd.role);
      case 'rotation.roles.remove':
        return this.setup.removeRole(channel, actor, cmd.role);
      case 'rotation.roles.describe':
        return this.setup.describeRole(channel, actor, cmd.role, cmd.description);
      case 'rotation.roles.eligible':
        return this.setup.setEligible(channel, actor, cmd.role, cmd.members);
      case 'rotation.schedule':
        return this.setup.schedule(channel, actor, cmd.weekday, cmd.time, cmd.repeat);
      case 'rotation.schedule.show':
        return this.setup.showSchedule(channel);
      case 'rotation.stats':
        return r.stats(channel);
      case 'help':
        return helpDoc(cmd.topic);
      case 'settings':
        return this.settings.apply(channel, actor, cmd.changes);
      case 'export.me':
        return this.privacy.exportMe(channel, actor);
      case 'forget.me':
        return this.privacy.forgetMe(channel, actor, cmd.confirm);
      case 'forget.user':
        return this.privacy.forgetUser(channel, actor, cmd.who, cmd.confirm);
    }
  }

  /** A vote from a button or a reason form on the proposal's card. */
  voteOn(ctx: RequestContext, proposalId: number, stance: Stance, reason: string | null, source: VoteSource): Reply {
    return this.buttons.voteOn(ctx, proposalId, stance, reason, source);
  }

  /** A poll's option button, or the choice made in a --multi poll's form: see ButtonVotes. */
  choose(ctx: RequestContext, proposalId: number, options: number[], source: VoteSource): Reply {
    return this.buttons.choose(ctx, proposalId, options, source);
  }

  /** What the form of a --multi poll offers, for adapters that build it; undefined if it is no open poll here. */
  pollForm(channel: ChannelAddress, proposalId: number): { number: number; question: string; options: string[] } | undefined {
    return this.buttons.pollForm(channel, proposalId);
  }

  /** How many channel messages the bot has posted here (the console numbers its messages by it). */
  postedCount(channel: ChannelAddress): number {
    const row = this.store.channels.find(channel);
    return row ? this.store.outbox.postCount(row.id) : 0;
  }

  /** Renders an outbox payload at delivery time. */
  render = (_channelFk: number, payload: Payload): Doc | undefined => ('doc' in payload ? payload.doc : this.proposals.card(payload.proposal));

  /** The channel's time zone (the channel is created with the defaults on first use). */
  channelZone(channel: ChannelAddress, name?: string): string {
    return this.channels.ensure(channel, name).settings.timezone;
  }

  /**
   * A reaction added to or removed from a message. Reactions that are not votes, or on messages
   * that are not proposals, are ignored (undefined). Adapters drop the bot's own reactions.
   */
  react(ctx: RequestContext, messageId: string, reaction: string, added: boolean): Reply | undefined {
    return this.reactions.react(ctx, messageId, reaction, added);
  }

  /**
   * Brings reaction votes in line with a message's reactions now (after downtime): see ReactionVotes.
   * `reactions` is keyed by what they vote for: a stance, or a poll's option number ('1' … '10').
   */
  reconcile(channel: ChannelAddress, messageId: string, reactions: Partial<Record<string, string[]>>, asOf = Infinity): number {
    return this.reactions.reconcile(channel, messageId, reactions, asOf);
  }

  /** Open proposals whose message is on this platform, for reconciling reactions on start. */
  openProposalMessages(platform: string): { channel: ChannelAddress; messageId: string; proposalId: number }[] {
    return this.reactions.openProposalMessages(platform);
  }

  /** Does whatever has fallen due by `now`: closes, closing-soon reminders, rotation pings. Each exactly once. */
  runDue(now = this.clock.now()): DueReport {
    return this.due.runDue(now);
  }

  /** When the next scheduled job falls due (for stepping a manual clock through time), or null. */
  nextDueAt(): number | null {
    return this.due.nextDueAt();
  }

  /** Proposals to offer while someone types (open ones, then recent decided ones when asked). */
  suggestProposals(channel: ChannelAddress, typed: string, includeDecided: boolean, limit = 25): { number: number; title: string }[] {
    return this.suggestions.proposals(channel, typed, includeDecided, limit);
  }

  suggestRoles(channel: ChannelAddress, typed: string): string[] {
    return this.suggestions.roles(channel, typed);
  }
}
