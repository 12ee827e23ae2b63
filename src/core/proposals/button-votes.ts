import type { Store } from '../../store/store';
import { voteReasonSchema } from '../commands/values';
import { text } from '../delivery/doc';
import { UserError } from '../errors';
import type { Reply, RequestContext, Requests } from '../requests';
import type { ChannelAddress, Stance } from '../types';
import { errorDoc, notice } from '../views';
import type { Proposals, VoteSource } from './service';

/** Votes from the buttons and forms on a card: a stance (with a reason), a poll's option, a --multi poll's choice. */
export class ButtonVotes {
  constructor(
    private readonly store: Store,
    private readonly proposals: Proposals,
    private readonly requests: Requests,
  ) {}

  /** A vote from a button or a reason form on the proposal's card. */
  voteOn(ctx: RequestContext, proposalId: number, stance: Stance, reason: string | null, source: VoteSource): Reply {
    // A form's limits are only what the client was asked to enforce: the reason is checked here
    // with the same schema as a typed /vote, whichever platform it came from.
    const checked = reason === null ? undefined : voteReasonSchema.safeParse(reason);
    if (checked && !checked.success) return { ok: false, doc: errorDoc(checked.error.issues[0]?.message ?? 'That reason cannot be used.') };
    const why = checked?.data || null;
    return this.requests.run(
      ctx,
      (channel) => {
        const p = this.store.proposals.get(proposalId);
        if (!p || p.channelFk !== channel.id) throw new UserError('That proposal is not in this channel.');
        const changed = this.proposals.setVote(p, ctx.actor.userId, stance, why, source);
        if (p.ballot === 'secret') return this.proposals.secretVoteReply(p);
        return notice([text(changed ? `Your vote on #${p.number} is recorded: ${stance}.` : `You already vote ${stance} on #${p.number}.`)]);
      },
      'vote',
    )!;
  }

  /**
   * A poll's option button (`options`: that one), or the choice made in its form (a --multi poll's
   * whole choice): the member's vote, answered privately.
   */
  choose(ctx: RequestContext, proposalId: number, options: number[], source: VoteSource): Reply {
    return this.requests.run(
      ctx,
      (channel) => {
        const p = this.store.proposals.get(proposalId);
        if (!p || p.channelFk !== channel.id || p.kind !== 'poll') throw new UserError('That poll is not in this channel.');
        const changed = this.proposals.polls.setChoice(p, ctx.actor.userId, options, source);
        return this.proposals.polls.answer(p, ctx.actor.userId, changed, this.proposals.secretVoteReply(p));
      },
      'vote',
    )!;
  }

  /** What the form of a --multi poll offers (its options); undefined if it is no open poll here. Read-only. */
  pollForm(channel: ChannelAddress, proposalId: number): { number: number; question: string; options: string[] } | undefined {
    const row = this.store.channels.find(channel);
    const p = this.store.proposals.get(proposalId);
    if (!row || !p || p.channelFk !== row.id || p.kind !== 'poll' || p.status !== 'open') return undefined;
    return { number: p.number, question: p.title, options: this.proposals.polls.options(p).map((o) => o.label) };
  }
}
