/** --extend as people read it: on the card before and after, in the outcome, and the channel's notice. */
import { formatDuration } from '../commands/when';
import { type Doc, type Line, mention, text } from '../delivery/doc';
import type { Proposal } from '../types';
import { at } from '../views';

const nounOf = (p: Pick<Proposal, 'kind'>) => (p.kind === 'poll' ? 'poll' : 'proposal');

/** The card's line about the extension: what will happen, or what did; none without --extend. */
export function extensionLine(p: Proposal): Line | undefined {
  if (!p.extendMinutes) return undefined;
  const by = formatDuration(p.extendMinutes);
  if (p.extendedAt != null) return [text(`Extended once, by ${by}: the quorum was not met by the first deadline.`)];
  if (p.status !== 'open') return undefined;
  return [text(`If the quorum is not met by then, voting stays open ${by} longer, once.`)];
}

/** The outcome's line when it had been extended. */
export const extendedOutcomeLine = (p: Proposal): Line | undefined =>
  p.extendedAt != null && p.extendMinutes
    ? [text(`Voting was extended once, by ${formatDuration(p.extendMinutes)}, because the quorum was not met at first.`)]
    : undefined;

/** The channel is told: it stays open, until when, how many voted of how many needed, and who has not voted. */
export function extensionNotice(p: Proposal, voters: number, needed: number, zone: string, notVoted: string[]): Doc {
  const lines: Line[] = [
    [
      text(
        `${voters ? `Only ${voters} voted` : 'Nobody voted'} by the deadline; the quorum is ${needed}. As asked (--extend ${formatDuration(p.extendMinutes ?? 0)}), voting stays open once more, until `,
      ),
      at(p.closesAt, zone),
      text('; then it closes.'),
    ],
  ];
  if (notVoted.length) lines.push([text('Not voted yet: '), ...notVoted.flatMap((u, i) => [...(i ? [text(' ')] : []), mention(u)])]);
  return { kind: 'notice', title: `The ${nounOf(p)} #${p.number} stays open: ${p.title}`, lines };
}
