import type { Store } from '../../store/store';
import type { ChannelRow } from '../../store/channels';
import { type Doc, type Line, name, text } from '../delivery/doc';
import { ballotOf, resultsShown } from './ballot';
import { pollSummary } from './poll-views';
import type { Proposals } from './service';
import { decisionsDoc, proposalListDoc } from './views';

/** What members read about proposals and polls: lists, one in detail with who voted (as its ballot allows), the decision log. Read-only. */
export class ProposalReading {
  constructor(
    private readonly store: Store,
    private readonly proposals: Proposals,
  ) {}

  private readonly summary = (p: Parameters<typeof pollSummary>[0]) => pollSummary(p, this.proposals.polls.state(p));

  list(channel: ChannelRow, filter: 'open' | 'closed' | 'all'): Doc {
    const zone = channel.settings.timezone;
    const open = filter === 'closed' ? [] : this.store.proposals.open(channel.id);
    const closed = filter === 'open' ? [] : this.store.proposals.decided(channel.id, 25);
    const title = { open: 'Open proposals', closed: 'Recently closed proposals', all: 'Proposals' }[filter];
    return proposalListDoc(title, [...open, ...closed], zone, this.summary);
  }

  /** One proposal or poll: its card, and who voted how once (and as far as) its ballot shows it. */
  detail(channel: ChannelRow, number: number): Doc {
    const p = this.proposals.find(channel, number);
    const doc = this.proposals.card(p.id)!;
    delete doc.voting;
    const names = (ids: string[], after: (i: number) => string = () => ''): Line =>
      ids.flatMap((u, i) => [...(i ? [text(', ')] : []), name(u), ...(after(i) ? [text(after(i))] : [])]);
    if (ballotOf(p) === 'secret') {
      // Who voted may be shown once it is over, never how (nothing records how).
      const who = p.status === 'open' ? [] : this.proposals.secret.voters(p.id);
      if (who.length) doc.lines.push([text('Voted (how each voted is not recorded): '), ...names(who)]);
      return doc;
    }
    // A hidden ballot names who voted how only once closed (its card already says how many voted).
    if (!resultsShown(p)) return doc;
    if (p.kind === 'poll') {
      const votes = this.store.polls.votes(p.id);
      if (votes.length)
        doc.lines.push([
          text('Votes: '),
          ...names(
            votes.map((v) => v.userId),
            (i) => ` ${votes[i]!.choices.join(' ')}`,
          ),
        ]);
      return doc;
    }
    const votes = this.store.proposals.votes(p.id);
    if (votes.length)
      doc.lines.push([
        text('Votes: '),
        ...names(
          votes.map((v) => v.userId),
          (i) => ` ${votes[i]!.stance}`,
        ),
      ]);
    return doc;
  }

  decisions(channel: ChannelRow, count: number): Doc {
    return decisionsDoc(this.store.proposals.decided(channel.id, count), channel.settings.timezone, this.summary);
  }
}
