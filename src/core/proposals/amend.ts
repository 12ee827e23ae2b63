import type { Store } from '../../store/store';
import type { ChannelRow } from '../../store/channels';
import type { Clock } from '../clock';
import type { Command } from '../commands/grammar';
import { USAGE } from '../commands/grammar';
import { type Doc, name, text } from '../delivery/doc';
import { type Outbox, proposalRef } from '../delivery/outbox';
import { UserError } from '../errors';
import { STATUS_WORDS, type Actor, emptyCounts } from '../types';
import { notice } from '../views';
import { ballotOf } from './ballot';
import type { Proposals } from './service';

type Amend = Extract<Command, { kind: 'amend' }>;

/**
 * /amend: the author changes an open proposal's text. A vote was for the old text, so every vote is
 * reset (an open or hidden ballot's history keeps each, with a removal marked 'amend'; a secret
 * ballot's box and list of who voted are emptied) and each voter is told privately to vote again.
 * Runs inside the caller's transaction.
 */
export class Amendments {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly proposals: Proposals,
  ) {}

  amend(channel: ChannelRow, actor: Actor, c: Amend): Doc {
    const p = this.proposals.find(channel, c.number);
    if (p.kind === 'poll')
      throw new UserError(
        `#${p.number} is a poll, and polls cannot be amended: its votes are for its options. Withdraw it (/withdraw ${p.number}) and ask again.`,
      );
    if (p.authorId !== actor.userId)
      throw new UserError(
        `Only the author of proposal #${p.number} can amend it. You can make your own proposal, or give your reasons with your vote.`,
        USAGE.amend,
      );
    this.proposals.assertOpen(p);
    if (p.status !== 'open') throw new UserError(`Proposal #${p.number} is already ${STATUS_WORDS[p.status]}.`);
    const reasons = c.reasons ?? p.reasons;
    if (c.title === p.title && reasons === p.reasons) throw new UserError(`Proposal #${p.number} already says that: nothing to amend.`, USAGE.amend);
    const now = this.clock.now();
    this.store.proposals.amend(p.id, c.title, reasons, now);
    const voters = this.reset(p.id, now);
    this.outbox.edit(p.channelFk, proposalRef(p.id), { proposal: p.id });
    for (const u of voters) {
      this.outbox.notice(p.channelFk, {
        kind: 'notice',
        privateTo: u,
        lines: [
          [text(`Proposal #${p.number} was amended by its author, `), name(p.authorId), text(`: it now reads “${c.title}”.`)],
          [
            text(
              `Your vote was for the text before, so it has been reset. Please vote again: the buttons on its card, or /vote ${p.number} agree|disagree|abstain|block` +
                (ballotOf(p) === 'open' ? ' (or, if you reacted, remove your reaction and react again).' : '.'),
            ),
          ],
        ],
      });
    }
    const n = voters.length;
    return notice([
      text(
        n
          ? `Proposal #${p.number} is amended. ${n} vote${n === 1 ? ' was' : 's were'} reset, and ${n === 1 ? 'its voter is' : 'each voter is'} asked privately to vote again.`
          : `Proposal #${p.number} is amended. Nobody had voted yet.`,
      ),
    ]);
  }

  /** Takes back every vote (who had voted, for telling them), and zeroes the counts. */
  private reset(proposalId: number, now: number): string[] {
    const p = this.store.proposals.get(proposalId)!;
    let voters: string[];
    if (ballotOf(p) === 'secret') {
      voters = this.proposals.secret.voters(p.id);
      this.store.secretBallots.reset(p.id);
    } else {
      voters = this.store.proposals.votes(p.id).map((v) => v.userId);
      for (const u of voters) this.store.proposals.recordVote(p.id, u, null, null, 'amend', now);
    }
    this.store.proposals.setCounts(p.id, emptyCounts());
    return voters;
  }
}
