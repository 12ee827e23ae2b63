import type { Quorum } from '../types';

/**
 * A warning when a quorum cannot work as meant with the roster as it is now: a count larger than
 * the roster, or a share of an empty roster (which asks for nobody). The electorate a quorum is
 * measured against is the channel's rotation roster; anyone in the channel may still vote.
 */
export function quorumWarning(q: Quorum, rosterSize: number): string | undefined {
  if (q.kind === 'count' && q.n > rosterSize) {
    return rosterSize === 0
      ? `Note: the quorum asks for ${q.n} voters and nobody is on this channel's rotation roster yet; it is met only if ${q.n} people in the channel vote.`
      : `Note: the quorum asks for ${q.n} voters, more than the ${rosterSize} on the rotation roster; it is met only if others in the channel vote too.`;
  }
  if (q.kind === 'share' && rosterSize === 0) {
    return `Note: the quorum is ${q.percent}% of the rotation roster, which is empty, so for now it asks for no votes at all. Members join with /rotation join.`;
  }
  return undefined;
}
