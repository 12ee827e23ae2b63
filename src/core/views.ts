import { type Doc, type Line, mention, name, strong, text, time } from './doc';
import { STANCE_EMOJI } from './emoji';
import type { Assignment } from './rotation';
import { formatLocal, formatLocalDate, weekdayName } from './schedule';
import { quorumNeeded, votersOf } from './tally';
import { type ChannelSettings, type Counts, formatQuorum, type Proposal, STANCES, STATUS_WORDS, type Stance } from './types';
import { formatDuration } from './when';
import { CLOSER_WORDS, type CloserRole } from './permissions';

/** Pure builders of every message the bot sends. */

const at = (ms: number, zone: string) => time(ms, formatLocal(ms, zone));

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

export function proposalCard(p: Proposal, zone: string, rosterSize: number, reasons: VoteReason[]): Doc {
  const lines: Line[] = [];
  if (p.reasons) lines.push([text(p.reasons)]);
  lines.push([text('Proposed by '), name(p.authorId)]);
  lines.push(p.status === 'open' ? [text('Closes '), at(p.closesAt, zone)] : [text('Closed '), at(p.closedAt ?? p.closesAt, zone)]);
  const q = quorumNeeded(p.quorum, rosterSize);
  lines.push([text(`Rule: ${p.rule}${q > 0 ? ` · quorum: ${q} voter${q === 1 ? '' : 's'}` : ''}`)]);
  if (p.status === 'open') lines.push([text('Vote by reacting 👍 agree, 👎 disagree, 🤷 abstain or 🛑 block, or with the buttons.')]);
  const shown = reasons.slice(-MAX_REASONS_ON_CARD);
  const doc: Doc = {
    kind: 'proposal',
    title: `Proposal #${p.number}: ${p.title}`,
    lines,
    tally: { counts: p.counts, voters: votersOf(p.counts), quorumNeeded: q },
    status: p.status,
  };
  if (shown.length) {
    doc.fields = shown.map((r) => ({
      label: `${STANCE_EMOJI[r.stance]} ${r.stance}`,
      value: [name(r.userId), text(`: ${clip(r.reason, MAX_REASON_CHARS)}`)],
    }));
  }
  if (p.status === 'open') doc.voting = { proposalId: p.id, number: p.number };
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

export function reminderDoc(p: Proposal, zone: string, notVoted: string[]): Doc {
  const line: Line = [text('Not voted yet: ')];
  notVoted.forEach((u, i) => {
    if (i) line.push(text(' '));
    line.push(mention(u));
  });
  return {
    kind: 'reminder',
    title: `Closing soon: proposal #${p.number}: ${p.title}`,
    lines: [[text('Voting closes '), at(p.closesAt, zone), text('.')], line],
    tally: { counts: p.counts, voters: votersOf(p.counts), quorumNeeded: 0 },
  };
}

export function assignmentLines(plan: Assignment[], ping: boolean): Line[] {
  return plan.map((a) => [
    strong(a.role),
    text(': '),
    ...(a.userId ? [ping ? mention(a.userId) : name(a.userId)] : [text('nobody yet: /rotation volunteer ' + a.role)]),
  ]);
}

export function rotationPingDoc(plan: Assignment[], periodStart: number, zone: string, late: boolean): Doc {
  const lines = assignmentLines(plan, true);
  if (late) lines.push([text(`(Late: this was due ${formatLocal(periodStart, zone)}, while I was offline.)`)]);
  lines.push([text("Can't make it? /rotation skip, /rotation swap @someone, or /rotation away <until>.")]);
  return { kind: 'rotation', title: `This week's roles (week of ${formatLocalDate(periodStart, zone)})`, lines, late };
}

export interface PeriodView {
  start: number;
  plan: Assignment[];
  fixed: boolean;
}

export function rotationShowDoc(periods: PeriodView[], zone: string, schedule: string, rosterNote: Line[]): Doc {
  const lines: Line[] = [];
  if (!periods[0]?.fixed) lines.push([text('No roles announced for this week.')]);
  periods.forEach((p) => {
    lines.push([strong(`${p.fixed ? 'This week' : 'Week'} of ${formatLocalDate(p.start, zone)}${p.fixed ? '' : ' (planned)'}`)]);
    lines.push(...assignmentLines(p.plan, false));
  });
  lines.push([text(`Pings go out ${schedule}.`)]);
  lines.push(...rosterNote);
  return { kind: 'rotation', title: 'Rotation', lines };
}

/** `offsets`: turns ahead (+) of or behind (−) the group's level, for members on the rotation now. */
export function statsDoc(
  roles: string[],
  members: string[],
  counts: Map<string, Map<string, number>>,
  skips: Map<string, number>,
  offsets: Map<string, number> = new Map(),
): Doc {
  const lines: Line[] = members.map((u) => {
    const c = counts.get(u);
    const parts = roles.map((r) => `${r} ${c?.get(r) ?? 0}`);
    const s = skips.get(u) ?? 0;
    const o = offsets.get(u);
    const level = o === undefined ? '' : o === 0 ? ' · level with the group' : o > 0 ? ` · ${o} ahead` : ` · ${-o} behind`;
    return [name(u), text(`: ${parts.join(', ')}${s ? `, skipped ${s}` : ''}${level}`)];
  });
  if (!lines.length) lines.push([text('Nobody has served yet.')]);
  else if (offsets.size) lines.push([text("Ahead and behind count turns against the group's middle; newcomers start level.")]);
  return { kind: 'stats', title: 'Who served how often', lines };
}

export function proposalListDoc(title: string, ps: Proposal[], zone: string): Doc {
  const lines: Line[] = ps.map((p) => [
    strong(`#${p.number}`),
    text(` ${p.title} · ${STATUS_WORDS[p.status]} · `),
    ...(p.status === 'open' ? [text('closes '), at(p.closesAt, zone)] : [text('closed '), at(p.closedAt ?? p.closesAt, zone)]),
    text(` · ${countsText(p.counts)}`),
  ]);
  if (!lines.length) lines.push([text('None.')]);
  return { kind: 'list', title, lines };
}

export function decisionsDoc(ps: Proposal[], zone: string): Doc {
  const lines: Line[] = ps.map((p) => [
    strong(`#${p.number} ${STATUS_WORDS[p.status]}`),
    text(` ${p.title} · `),
    at(p.closedAt ?? p.closesAt, zone),
    text(` · ${countsText(p.counts)}`),
  ]);
  if (!lines.length) lines.push([text('No decisions yet.')]);
  return { kind: 'decisions', title: 'Decision log', lines };
}

export function settingsDoc(s: ChannelSettings, roles: string[]): Doc {
  const stewards: Line = [text('Stewards: ')];
  if (!s.stewards.length) stewards.push(text('none (platform admins only)'));
  s.stewards.forEach((u, i) => {
    if (i) stewards.push(text(', '));
    stewards.push(name(u));
  });
  return {
    kind: 'settings',
    title: 'Channel settings',
    lines: [
      [text(`Time zone: ${s.timezone}`)],
      [text(`Voting window: ${formatDuration(s.windowMinutes)}`)],
      [text(`Decision rule: ${s.rule}`)],
      [text(`Quorum: ${formatQuorum(s.quorum)}`)],
      [text(`Closing-soon reminder: ${s.reminderLeadMinutes ? `${formatDuration(s.reminderLeadMinutes)} before close` : 'off'}`)],
      [text(`Rotation: ${weekdayName(s.rotationWeekday)} ${s.rotationTime} · roles: ${roles.join(', ') || 'none'}`)],
      [text(`Open proposals at most: ${s.maxOpen} in the channel, ${s.maxOpenPerMember} per member`)],
      stewards,
    ],
  };
}

/** "45 seconds", "3 minutes": how long until a slowed-down member may try again. */
export function waitText(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 90) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}

const SLOW_WHAT: Record<'propose' | 'vote' | 'command', string> = {
  propose: 'You have made several proposals in a short time',
  vote: 'You have voted many times in a short time',
  command: 'You have sent many commands in a short time',
};

/** The friendly refusal of a rate-limited request: why, and when to try again. Nothing was changed. */
export function slowDownDoc(kind: 'propose' | 'vote' | 'command', scope: 'member' | 'channel', waitMs: number, now: number, zone: string): Doc {
  const why = scope === 'channel' ? 'This channel has had many new proposals in a short time' : SLOW_WHAT[kind];
  const what = kind === 'vote' ? 'That vote was not counted' : 'Nothing was changed';
  const at = waitMs >= 90_000 ? ` (at ${formatLocal(now + waitMs, zone)})` : '';
  return errorDoc(`Slow down: ${why}. ${what}; try again in ${waitText(waitMs)}${at}.`);
}

export const notice = (...lines: Line[]): Doc => ({ kind: 'notice', lines });
export const errorDoc = (message: string, usage?: string): Doc => ({
  kind: 'error',
  lines: usage ? [[text(message)], [text(`Usage: ${usage}`)]] : [[text(message)]],
});
