/** Pure builders of the messages about polls: the live card, the outcome, and a poll's line in lists. */
import { type Doc, type Line, name, text, type TallyView } from '../delivery/doc';
import { CLOSER_WORDS, type CloserRole } from '../permissions';
import { formatLocal } from '../schedule';
import { emptyCounts, type Proposal, STATUS_WORDS } from '../types';
import { at } from '../views';
import { ballotOf, resultsShown, turnoutText } from './ballot';
import { extendedOutcomeLine, extensionLine } from './extension';
import { OPTION_EMOJI } from './option-emoji';
import { POLL_STATUS_WORDS, type PollOption, pollWinners } from './poll-tally';
import { quorumNeeded } from './tally';

/** What the card and outcome need to know of a poll besides the proposal row. */
export interface PollState {
  options: PollOption[];
  /** How many members have voted (each counted once, however many options they chose). */
  voters: number;
}

/** How a poll's status reads ("decided", "no votes"; else as for proposals). */
export const pollStatusWord = (p: Pick<Proposal, 'status'>): string => POLL_STATUS_WORDS[p.status] ?? STATUS_WORDS[p.status];

const optionName = (o: Pick<PollOption, 'position' | 'label'>) => `${OPTION_EMOJI[o.position - 1]} ${o.label}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "1️⃣ Library, 2️⃣ Café and 3️⃣ Online" */
function namesOf(options: readonly PollOption[]): string {
  const names = options.map(optionName);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

function pollTally(s: PollState, q: number): TallyView {
  return {
    counts: emptyCounts(),
    voters: s.voters,
    quorumNeeded: q,
    options: s.options.map((o) => ({ label: o.label, emoji: OPTION_EMOJI[o.position - 1]!, count: o.votes })),
  };
}

function howToVotePoll(p: Proposal, s: PollState): string {
  const example = p.multi ? `/vote ${p.number} 1 3` : `/vote ${p.number} <option number>`;
  const reactions = s.options.map((o) => OPTION_EMOJI[o.position - 1]).join(' ');
  switch (ballotOf(p)) {
    case 'open':
      return `Vote by reacting ${reactions}, with the buttons, or ${example}.`;
    case 'hidden':
      return `Hidden results: the counts and who chose what are shown when voting closes. Vote with the buttons or ${example}; reactions are not votes here.`;
    case 'secret':
      return `Secret ballot: vote with the buttons or ${example}. What each member chooses is never shown, nor stored with their name; the counts are shown when voting closes. Reactions are not votes here.`;
  }
}

/** The card of a poll: its options (with live counts when its ballot shows them), how to vote, and buttons while open. */
export function pollCard(p: Proposal, s: PollState, zone: string, rosterSize: number): Doc {
  const shown = resultsShown(p);
  const q = quorumNeeded(p.quorum, rosterSize);
  const lines: Line[] = [[text('Asked by '), name(p.authorId)]];
  lines.push(p.status === 'open' ? [text('Closes '), at(p.closesAt, zone)] : [text('Closed '), at(p.closedAt ?? p.closesAt, zone)]);
  const how = p.status === 'open' ? (p.multi ? 'Choose any of the options (several allowed). ' : 'Choose one option. ') : '';
  if (how || q > 0) lines.push([text(`${how}${q > 0 ? `Quorum: ${plural(q, 'voter')}.` : ''}`.trim())]);
  if (!shown) lines.push(...s.options.map((o): Line => [text(optionName(o))]));
  if (p.status === 'open') lines.push([text(howToVotePoll(p, s))]);
  if (!shown) lines.push([text(turnoutText(s.voters))]);
  const extension = extensionLine(p);
  if (extension) lines.push(extension);
  const doc: Doc = { kind: 'proposal', title: `Poll #${p.number}: ${p.title}`, lines, status: p.status };
  if (p.status !== 'open' && POLL_STATUS_WORDS[p.status]) doc.statusText = pollStatusWord(p);
  if (shown) doc.tally = pollTally(s, q);
  if (p.status === 'open') {
    doc.voting = {
      proposalId: p.id,
      number: p.number,
      options: s.options.map((o) => ({ label: o.label, emoji: OPTION_EMOJI[o.position - 1]! })),
      ...(p.multi ? { multi: true as const } : {}),
      ...(ballotOf(p) === 'open' ? {} : { reactions: false as const }),
      ...(ballotOf(p) === 'secret' ? { secret: true as const } : {}),
    };
  }
  return doc;
}

/** What a closed poll decided, in a line: the winner, a tie, nobody, or no quorum. */
function pollResult(p: Proposal, s: PollState, rosterSize: number): string {
  const winners = pollWinners(s.options);
  if (p.status === 'no_quorum') return `No quorum: ${s.voters} voted, ${quorumNeeded(p.quorum, rosterSize)} needed.`;
  if (!winners.length) return 'Nobody voted.';
  const of = `of ${plural(s.voters, 'voter')}`;
  if (winners.length === 1) return `Chosen: ${optionName(winners[0]!)}, by ${winners[0]!.votes} ${of}.`;
  return `Tied: ${namesOf(winners)}, chosen by ${winners[0]!.votes} ${of} each.`;
}

/** The outcome of a poll: the winning option or the tie, the counts, who closed it early and why. */
export function pollOutcomeDoc(p: Proposal, s: PollState, zone: string, rosterSize: number, closedAs?: CloserRole, postedLateAt?: number): Doc {
  const lines: Line[] = [];
  const capacity = closedAs && closedAs !== 'author' ? `, ${CLOSER_WORDS[closedAs]}` : '';
  const why = p.closeReason ? `: “${p.closeReason}”` : '';
  if (p.status === 'withdrawn') lines.push([text('Withdrawn by '), name(p.closedBy ?? p.authorId), text(`${capacity}${why}.`)]);
  else lines.push([text(pollResult(p, s, rosterSize))]);
  if (p.closedBy && p.status !== 'withdrawn') lines.push([text('Closed early by '), name(p.closedBy), text(`${capacity}${why}.`)]);
  if (ballotOf(p) === 'secret') lines.push([text('Secret ballot: what each member chose was never recorded.')]);
  const extended = extendedOutcomeLine(p);
  if (extended) lines.push(extended);
  lines.push([text('Closed '), at(p.closedAt ?? p.closesAt, zone)]);
  if (postedLateAt !== undefined) {
    lines.push([text(`(Late: voting closed at its deadline while I was offline; this outcome was posted ${formatLocal(postedLateAt, zone)}.)`)]);
  }
  const doc: Doc = {
    kind: 'outcome',
    ...(postedLateAt !== undefined ? { late: true } : {}),
    title: `Poll #${p.number} ${pollStatusWord(p)}: ${p.title}`,
    lines,
    tally: pollTally(s, quorumNeeded(p.quorum, rosterSize)),
    status: p.status,
  };
  if (POLL_STATUS_WORDS[p.status]) doc.statusText = pollStatusWord(p);
  return doc;
}

/** A poll's counts in a list or the decision log: option counts, or only how many voted while they are hidden. */
export function pollSummary(p: Proposal, s: PollState): string {
  if (!resultsShown(p)) return `poll, ${s.voters} voted, results at close`;
  const counts = s.options.map((o) => `${OPTION_EMOJI[o.position - 1]} ${o.votes}`).join(' ');
  if (p.status === 'open') return `poll: ${counts}`;
  const winners = pollWinners(s.options);
  const result =
    winners.length === 0 ? 'nobody voted' : winners.length === 1 ? `chosen: ${winners[0]!.label}` : `tied: ${winners.map((w) => w.label).join(', ')}`;
  return `poll, ${result} (${counts})`;
}
