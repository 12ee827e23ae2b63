import type { Store } from '../../store/store';
import type { ChannelRow } from '../../store/channels';
import type { Clock } from '../clock';
import { UserError } from '../errors';
import { reactionRefusal, reactionsAreVotes } from './ballot';
import { stanceOfReaction } from './emoji';
import { optionOfReaction } from './option-emoji';
import { type Outbox, proposalKey, proposalOf } from '../delivery/outbox';
import type { Proposals } from './service';
import type { Reply, RequestContext, Requests } from '../requests';
import { type ChannelAddress, type Proposal, STANCES, type Stance } from '../types';

/**
 * Votes by reaction: a reaction added or removed as it happens, and on start the reactions each
 * open proposal's message has now, reconciled with the votes (reactions changed while offline).
 */
export class ReactionVotes {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly proposals: Proposals,
    private readonly requests: Requests,
    private readonly outbox: Outbox,
  ) {}

  /**
   * A reaction added to or removed from a message. Reactions that are not votes, or on messages
   * that are not proposals, are ignored (undefined). Adapters drop the bot's own reactions.
   */
  react(ctx: RequestContext, messageId: string, reaction: string, added: boolean): Reply | undefined {
    const stance = stanceOfReaction(reaction);
    const option = stance ? undefined : optionOfReaction(reaction);
    if (!stance && option === undefined) return undefined;
    const channel = this.store.channels.find(ctx.channel);
    if (!channel) return undefined;
    const msg = this.store.outbox.messageByPlatformId(channel.id, messageId);
    const proposalId = msg && proposalOf(msg.ref);
    if (proposalId === undefined) return undefined;
    const target = this.store.proposals.get(proposalId)!;
    // A stance on a poll, or an option number on a proposal, is only a reaction.
    if ((target.kind === 'poll') !== (option !== undefined)) return undefined;
    if (!reactionsAreVotes(target)) {
      // Never counted; the member is told (once, if they keep reacting) and the reaction goes where it can.
      if (!added) return undefined;
      const refused = this.requests.run(
        ctx,
        () => {
          throw new UserError(reactionRefusal(target));
        },
        'vote',
      );
      return refused && !refused.duplicate ? { ...refused, removeReaction: true } : undefined;
    }
    const reply = this.requests.run(
      ctx,
      () => {
        const p = this.store.proposals.get(proposalId)!;
        if (option !== undefined) this.proposals.polls.react(p, ctx.actor.userId, option, added);
        else if (!stance) return undefined;
        else if (added) this.proposals.setVote(p, ctx.actor.userId, stance, null, 'reaction');
        else if (this.store.proposals.vote(p.id, ctx.actor.userId)?.stance === stance) this.proposals.setVote(p, ctx.actor.userId, null, null, 'reaction');
        return undefined;
      },
      'vote',
    );
    // A reaction gets no answer unless asked for: a member told to slow down is not told again.
    return reply?.quiet ? undefined : reply;
  }

  /**
   * Brings reaction votes in line with the reactions a message has now (after downtime).
   * `reactions` maps each stance to the users reacting with it (bot excluded). Votes cast by command
   * or button are left alone; a reaction vote whose reaction is gone is removed. `asOf` is when the
   * reactions were read: a vote changed after it (a live event that overtook the read) is newer than
   * the snapshot and left alone.
   */
  reconcile(channel: ChannelAddress, messageId: string, reactions: Partial<Record<string, string[]>>, asOf = Infinity): number {
    const row = this.store.channels.find(channel);
    const msg = row && this.store.outbox.messageByPlatformId(row.id, messageId);
    const proposalId = msg && proposalOf(msg.ref);
    if (!row || proposalId === undefined) return 0;
    const target = this.store.proposals.get(proposalId)!;
    if (!reactionsAreVotes(target)) return 0; // reactions are not votes there
    if (target.kind === 'poll') return this.reconcilePoll(target, reactions, asOf);
    let changes = 0;
    this.store.tx(() => {
      const byUser = new Map<string, Stance[]>();
      for (const [stance, users] of Object.entries(reactions) as [Stance, string[]][]) {
        if (!(STANCES as readonly string[]).includes(stance)) continue; // an option number is only a reaction here
        for (const u of users) byUser.set(u, [...(byUser.get(u) ?? []), stance]);
      }
      const newer = (v: { updatedAt: number } | undefined) => v !== undefined && v.updatedAt > asOf;
      for (const v of this.store.proposals.votes(proposalId)) {
        if (v.source === 'reaction' && !newer(v) && !byUser.get(v.userId)?.includes(v.stance)) {
          const p = this.store.proposals.get(proposalId)!;
          if (p.status === 'open' && this.proposals.setVote(p, v.userId, null, null, 'reaction')) changes++;
        }
      }
      // After an amendment a reaction may be from before it (its vote was reset): reactions read back
      // then only take votes away; a reaction added anew while the bot runs still votes.
      if (target.amendedAt != null) return;
      for (const [userId, stances] of byUser) {
        const p = this.store.proposals.get(proposalId)!;
        if (p.status !== 'open' || p.closesAt <= this.clock.now()) return;
        const current = this.store.proposals.vote(proposalId, userId);
        if (newer(current) || (current && stances.includes(current.stance))) continue;
        if (current && current.source !== 'reaction') continue;
        if (this.proposals.setVote(p, userId, stances[stances.length - 1]!, null, 'reaction')) changes++;
      }
    });
    if (changes) this.outbox.announce();
    return changes;
  }

  /** The same for a poll: each member's reactions 1️⃣…🔟 are their reaction vote (the last one, unless several may be chosen). */
  private reconcilePoll(poll: Proposal, reactions: Partial<Record<string, string[]>>, asOf: number): number {
    let changes = 0;
    this.store.tx(() => {
      const byUser = new Map<string, number[]>();
      for (const [key, users] of Object.entries(reactions)) {
        const option = /^\d{1,2}$/.test(key) ? Number(key) : undefined;
        if (option === undefined) continue; // a stance is only a reaction on a poll
        for (const u of users ?? []) byUser.set(u, [...(byUser.get(u) ?? []), option]);
      }
      const newer = (v: { updatedAt: number } | undefined) => v !== undefined && v.updatedAt > asOf;
      const fresh = () => this.store.proposals.get(poll.id)!;
      const open = () => fresh().status === 'open' && fresh().closesAt > this.clock.now();
      const wanted = (options: number[] | undefined) => (options?.length ? (poll.multi ? options : [options[options.length - 1]!]) : null);
      const tryChoice = (userId: string, choices: number[] | null) => {
        try {
          if (this.proposals.polls.setChoice(fresh(), userId, choices, 'reaction')) changes++;
        } catch (e) {
          if (!(e instanceof UserError)) throw e; // a reaction for an option the poll lacks: not a vote
        }
      };
      for (const v of this.store.polls.votes(poll.id)) {
        if (!open()) return;
        if (v.source === 'reaction' && !newer(v)) tryChoice(v.userId, wanted(byUser.get(v.userId)));
        byUser.delete(v.userId); // handled (or cast otherwise, and left alone)
      }
      for (const [userId, options] of byUser) {
        if (!open()) return;
        tryChoice(userId, wanted(options));
      }
    });
    if (changes) this.outbox.announce();
    return changes;
  }

  /** Open proposals whose message is on this platform, for reconciling reactions on start. */
  openProposalMessages(platform: string): { channel: ChannelAddress; messageId: string; proposalId: number }[] {
    const out = [];
    const channels = new Map<number, ChannelRow>(); // each channel read once, not once per proposal
    for (const p of this.store.proposals.allOpen()) {
      let ch = channels.get(p.channelFk);
      if (!ch) channels.set(p.channelFk, (ch = this.store.channels.get(p.channelFk)));
      if (ch.address.platform !== platform || !reactionsAreVotes(p)) continue;
      const msg = this.store.outbox.message(proposalKey(p.id));
      if (msg) out.push({ channel: ch.address, messageId: msg.platformMessageId, proposalId: p.id });
    }
    return out;
  }
}
