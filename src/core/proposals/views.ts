/** Pure builders of the messages about proposals: the live card, the outcome, reminders, lists and the decision log. */
import { type Doc, type Line, mention, name, strong, text } from '../delivery/doc';
import { CLOSER_WORDS, type CloserRole } from '../permissions';
import { formatLocal } from '../schedule';
import { type Counts, type Proposal, STANCES, STATUS_WORDS, type Stance } from '../types';
import { at } from '../views';
import { ballotOf, howToVote, reactionsAreVotes, resultsShown, turnoutText } from './ballot';
import { STANCE_EMOJI } from './emoji';
import { extendedOutcomeLine, extensionLine } from './extension';
import { POLL_STATUS_WORDS } from './poll-tally';
import { quorumNeeded, votersOf } from './tally';

export function countsText(c: Counts): string {
  return STANCES.map((s) => `${c[s]} ${s}`).join(', ');
}

export interface VoteReason {
  userId: string;
  stance: Stance;
  reason: string;
}

const MAX_REASONS_ON_CARD = 10;
const MAX_REASON_CHARS = 200;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The card of a proposal. A hidden or secret ballot shows, while open, only how many have voted: no
 * tally, no reasons (they carry names and stances); at close, everything its ballot allows: a
 * secret ballot's reasons come as `anonymous`, without name or stance.
 */
export function proposalCard(p: Proposal, zone: string, rosterSize: number, reasons: VoteReason[], anonymous: string[] = []): Doc {
  const lines: Line[] = [];
  const shownNow = resultsShown(p);
  if (p.reasons) lines.push([text(p.reasons)]);
  lines.push([text('Proposed by '), name(p.authorId)]);
  lines.push(p.status === 'open' ? [text('Closes '), at(p.closesAt, zone)] : [text('Closed '), at(p.closedAt ?? p.closesAt, zone)]);
  const q = quorumNeeded(p.quorum, rosterSize);
  lines.push([text(`Rule: ${p.rule}${q > 0 ? ` · quorum: ${q} voter${q === 1 ? '' : 's'}` : ''}`)]);
  if (p.status === 'open') {
    if (reactionsAreVotes(p)) lines.push([text('Vote by reacting 👍 agree, 👎 disagree, 🤷 abstain or 🛑 block, or with the buttons.')]);
    else lines.push([text(howToVote(p))]);
  }
  if (!shownNow) lines.push([text(turnoutText(votersOf(p.counts)))]);
  const extension = extensionLine(p);
  if (extension) lines.push(extension);
  if (p.amendedAt != null) lines.push([text('Amended by its author '), at(p.amendedAt, zone), text(': votes cast before were reset.')]);
  const shown = shownNow ? reasons.slice(-MAX_REASONS_ON_CARD) : [];
  const doc: Doc = {
    kind: 'proposal',
    title: `Proposal #${p.number}${p.amendedAt != null ? ' (amended)' : ''}: ${p.title}`,
    lines,
    ...(shownNow ? { tally: { counts: p.counts, voters: votersOf(p.counts), quorumNeeded: q } } : {}),
    status: p.status,
  };
  if (shown.length) {
    doc.fields = shown.map((r) => ({
      label: `${STANCE_EMOJI[r.stance]} ${r.stance}`,
      value: [name(r.userId), text(`: ${clip(r.reason, MAX_REASON_CHARS)}`)],
    }));
  }
  const unsigned = shownNow ? anonymous.slice(0, MAX_REASONS_ON_CARD) : [];
  if (unsigned.length) doc.fields = unsigned.map((r) => ({ label: 'A reason given (secret ballot)', value: [text(clip(r, MAX_REASON_CHARS))] }));
  if (p.status === 'open') {
    doc.voting = {
      proposalId: p.id,
      number: p.number,
      ...(reactionsAreVotes(p) ? {} : { reactions: false as const }),
      ...(ballotOf(p) === 'secret' ? { secret: true as const } : {}),
    };
  }
  return doc;
}

/**
 * `closedAs`: in what capacity `closedBy` ended it (the outcome says so when it was not the author).
 * `postedLateAt`: when the outcome of a close that fell due while the bot was offline goes out.
 */
export function outcomeDoc(p: Proposal, zone: string, rosterSize: number, closedAs?: CloserRole, postedLateAt?: number): Doc {
  const word = STATUS_WORDS[p.status];
  const lines: Line[] = [];
  const voters = votersOf(p.counts);
  const capacity = closedAs && closedAs !== 'author' ? `, ${CLOSER_WORDS[closedAs]}` : '';
  const why = p.closeReason ? `: “${p.closeReason}”` : '';
  if (p.status === 'withdrawn') {
    lines.push([text('Withdrawn by '), name(p.closedBy ?? p.authorId), text(`${capacity}${why}.`)]);
  } else if (p.status === 'no_quorum') {
    lines.push([text(`No quorum: ${voters} voted, ${quorumNeeded(p.quorum, rosterSize)} needed.`)]);
  } else {
    lines.push([text(`Decided by ${p.rule} with ${voters} vote${voters === 1 ? '' : 's'}: ${countsText(p.counts)}.`)]);
  }
  if (p.closedBy && p.status !== 'withdrawn') lines.push([text('Closed early by '), name(p.closedBy), text(`${capacity}${why}.`)]);
  if (ballotOf(p) === 'secret') lines.push([text('Secret ballot: how each member voted was never recorded.')]);
  const extended = extendedOutcomeLine(p);
  if (extended) lines.push(extended);
  lines.push([text('Closed '), at(p.closedAt ?? p.closesAt, zone)]);
  if (postedLateAt !== undefined) {
    lines.push([text(`(Late: voting closed at its deadline while I was offline; this outcome was posted ${formatLocal(postedLateAt, zone)}.)`)]);
  }
  return {
    kind: 'outcome',
    ...(postedLateAt !== undefined ? { late: true } : {}),
    title: `Proposal #${p.number} ${word}: ${p.title}`,
    lines,
    tally: { counts: p.counts, voters, quorumNeeded: quorumNeeded(p.quorum, rosterSize) },
    status: p.status,
  };
}

/** The closing-soon reminder: who has not voted (never how anyone voted; on a hidden or secret ballot, no tally). */
export function reminderDoc(p: Proposal, zone: string, notVoted: string[]): Doc {
  const line: Line = [text('Not voted yet: ')];
  notVoted.forEach((u, i) => {
    if (i) line.push(text(' '));
    line.push(mention(u));
  });
  const lines: Line[] = [[text('Voting closes '), at(p.closesAt, zone), text('.')], line];
  // (A poll's counts live apart from the proposal row: its card has them.)
  const poll = p.kind === 'poll';
  if (!resultsShown(p) && !poll) lines.push([text(turnoutText(votersOf(p.counts)))]);
  return {
    kind: 'reminder',
    title: `Closing soon: ${poll ? 'poll' : 'proposal'} #${p.number}: ${p.title}`,
    lines,
    ...(resultsShown(p) && !poll ? { tally: { counts: p.counts, voters: votersOf(p.counts), quorumNeeded: 0 } } : {}),
  };
}

/** The counts of a list line: the tally, or only how many voted while a hidden or secret ballot is open. */
const listedCounts = (p: Proposal): string => (resultsShown(p) ? countsText(p.counts) : `${votersOf(p.counts)} voted, results at close`);

/** A poll's counts and status word for lists (polls keep their counts apart: see poll-views.ts). */
export type PollSummary = (p: Proposal) => string;
const statusWord = (p: Proposal) => (p.kind === 'poll' ? (POLL_STATUS_WORDS[p.status] ?? STATUS_WORDS[p.status]) : STATUS_WORDS[p.status]);
const summaryOf = (p: Proposal, poll: PollSummary | undefined, counts: (p: Proposal) => string) => (p.kind === 'poll' && poll ? poll(p) : counts(p));

export function proposalListDoc(title: string, ps: Proposal[], zone: string, poll?: PollSummary): Doc {
  const lines: Line[] = ps.map((p) => [
    strong(`#${p.number}`),
    text(` ${p.title} · ${statusWord(p)} · `),
    ...(p.status === 'open' ? [text('closes '), at(p.closesAt, zone)] : [text('closed '), at(p.closedAt ?? p.closesAt, zone)]),
    text(` · ${summaryOf(p, poll, listedCounts)}`),
  ]);
  if (!lines.length) lines.push([text('None.')]);
  return { kind: 'list', title, lines };
}

export function decisionsDoc(ps: Proposal[], zone: string, poll?: PollSummary): Doc {
  const lines: Line[] = ps.map((p) => [
    strong(`#${p.number} ${statusWord(p)}`),
    text(` ${p.title} · `),
    at(p.closedAt ?? p.closesAt, zone),
    text(` · ${summaryOf(p, poll, (x) => countsText(x.counts))}`),
  ]);
  if (!lines.length) lines.push([text('No decisions yet.')]);
  return { kind: 'decisions', title: 'Decision log', lines };
}
