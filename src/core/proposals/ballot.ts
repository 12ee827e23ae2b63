/**
 * The rules of the three ballots (see `Ballot` in types.ts), as pure functions: what may be shown
 * when, whether a reaction is a vote, and the words that tell members how to vote.
 */
import type { Ballot, Proposal } from '../types';

export const ballotOf = (p: Pick<Proposal, 'ballot'>): Ballot => p.ballot ?? 'open';

/** Whether the tally and who voted how (or, on a secret ballot, the anonymous reasons) may be shown now. */
export const resultsShown = (p: Pick<Proposal, 'ballot' | 'status'>): boolean => ballotOf(p) === 'open' || p.status !== 'open';

/** Whether reactions on its card are votes: a reaction is public, so it would show a hidden or secret vote. */
export const reactionsAreVotes = (p: Pick<Proposal, 'ballot'>): boolean => ballotOf(p) === 'open';

/** "hidden results" / "a secret ballot", for sentences about a proposal. */
export const BALLOT_WORDS: Record<Ballot, string> = { open: 'an open ballot', hidden: 'hidden results', secret: 'a secret ballot' };

/** How to vote on an open hidden or secret ballot, shown on its card instead of the reactions. */
export function howToVote(p: Pick<Proposal, 'ballot' | 'number'>): string {
  const typed = `/vote ${p.number} agree|disagree|abstain|block`;
  return ballotOf(p) === 'secret'
    ? `Secret ballot: vote with the buttons or ${typed}. How each member votes is never shown, nor stored with their name; the tally is shown when voting closes. Reactions are not votes here.`
    : `Hidden results: the tally and who voted how are shown when voting closes. Vote with the buttons or ${typed}; reactions are not votes here.`;
}

/** How many have voted, the one figure a hidden or secret ballot shows while open. */
export const turnoutText = (voters: number): string =>
  voters === 0 ? 'Nobody has voted yet.' : `${voters} ${voters === 1 ? 'member has' : 'members have'} voted so far.`;

/** The private answer to a reaction on a hidden or secret ballot: it is not counted, and why. */
export function reactionRefusal(p: Pick<Proposal, 'ballot' | 'number' | 'kind'>): string {
  const [noun, typed] = p.kind === 'poll' ? ['poll', `/vote ${p.number} <option number>`] : ['proposal', `/vote ${p.number} agree|disagree|abstain|block`];
  return (
    `Reactions are not votes on ${noun} #${p.number} (${BALLOT_WORDS[ballotOf(p)]}): a reaction shows everyone how you vote. ` +
    `Vote with the buttons on its card, or ${typed}. If your reaction is still there, please remove it.`
  );
}
