import { type Doc, type Line, mention, name, strong, text, time } from './doc';
import { STANCE_EMOJI } from './emoji';
import type { Assignment } from './rotation';
import { describeCadence } from './cadence';
import { formatLocal, formatLocalDate, parseHHMM } from './schedule';
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

/** `descriptions`: what each role does, shown after its holder (role -> text). */
export function assignmentLines(plan: Assignment[], ping: boolean, descriptions: ReadonlyMap<string, string> = new Map()): Line[] {
  return plan.map((a) => {
    const what = descriptions.get(a.role);
    return [
      strong(a.role),
      text(': '),
      ...(a.userId ? [ping ? mention(a.userId) : name(a.userId)] : [text(`nobody yet: /rotation volunteer ${a.role}`)]),
      ...(what ? [text(` (${what})`)] : []),
    ];
  });
}

/** Holders in one line, by name (nobody is pinged): "facilitator Ana, note-taker Ben". */
function holdersInline(plan: Assignment[]): Line {
  const line: Line = [];
  plan.forEach((a, i) => {
    if (i) line.push(text(', '));
    line.push(text(`${a.role} `), a.userId ? name(a.userId) : text('nobody yet'));
  });
  return line;
}

/** "week of Mon 30 Nov 2026", "2 weeks from …", "month from …". */
export function periodLabel(span: string, start: number, zone: string): string {
  return `${span === 'week' ? 'week of' : `${span} from`} ${formatLocalDate(start, zone)}`;
}

export interface PingView {
  plan: Assignment[];
  start: number;
  zone: string;
  late: boolean;
  /** "week", "2 weeks", "month": how long these holders serve. */
  span: string;
  descriptions?: ReadonlyMap<string, string>;
  /** Who the plan has next, so they can prepare (names, not pings). */
  upNext?: { start: number; plan: Assignment[] };
  /** Who held the roles the period before, to thank them. */
  previous?: Assignment[];
}

export function rotationPingDoc(v: PingView): Doc {
  const lines = assignmentLines(v.plan, true, v.descriptions);
  if (v.late) lines.push([text(`(Late: this was due ${formatLocal(v.start, v.zone)}, while I was offline.)`)]);
  const thanked = v.previous?.filter((a) => a.userId !== null) ?? [];
  if (thanked.length) {
    const line: Line = [text('Thank you to those who served before: ')];
    thanked.forEach((a, i) => {
      if (i) line.push(text(', '));
      line.push(name(a.userId!), text(` (${a.role})`));
    });
    lines.push([...line, text('.')]);
  }
  if (v.upNext?.plan.some((a) => a.userId)) {
    lines.push([text(`Up next (${periodLabel(v.span, v.upNext.start, v.zone)}), so you can prepare: `), ...holdersInline(v.upNext.plan), text('.')]);
  }
  lines.push([text("Can't make it? /rotation skip, /rotation swap @someone, or /rotation away <until>.")]);
  const title = v.span === 'week' ? `This week's roles (week of ${formatLocalDate(v.start, v.zone)})` : `Roles for the ${periodLabel(v.span, v.start, v.zone)}`;
  return { kind: 'rotation', title, lines, late: v.late };
}

export interface PeriodView {
  start: number;
  plan: Assignment[];
  fixed: boolean;
}

export function rotationShowDoc(
  periods: PeriodView[],
  zone: string,
  schedule: string,
  rosterNote: Line[],
  span = 'week',
  descriptions: ReadonlyMap<string, string> = new Map(),
): Doc {
  const lines: Line[] = [];
  if (!periods[0]?.fixed) lines.push([text(span === 'week' ? 'No roles announced for this week.' : 'No roles announced for now.')]);
  periods.forEach((p, i) => {
    const head =
      span === 'week'
        ? `${p.fixed ? 'This week' : 'Week'} of ${formatLocalDate(p.start, zone)}${p.fixed ? '' : ' (planned)'}`
        : `${p.fixed ? 'Now' : 'Then'}: ${periodLabel(span, p.start, zone)}${p.fixed ? '' : ' (planned)'}`;
    lines.push([strong(head)]);
    // What each role does, once (on the first period shown).
    lines.push(...assignmentLines(p.plan, false, i === 0 ? descriptions : undefined));
  });
  lines.push([text(`Pings go out ${schedule}.`)]);
  lines.push(...rosterNote);
  return { kind: 'rotation', title: 'Rotation', lines };
}

export interface RoleView {
  role: string;
  description?: string;
  /** Members it is limited to; undefined: everyone. */
  only?: readonly string[];
}

export function rolesDoc(roles: RoleView[]): Doc {
  const lines: Line[] = roles.map((r) => {
    const line: Line = [strong(r.role)];
    if (r.description) line.push(text(`: ${r.description}`));
    if (r.only) {
      line.push(text(r.only.length ? ' · only ' : ' · nobody may hold it'));
      r.only.forEach((u, i) => {
        line.push(...(i ? [text(', ')] : []), name(u));
      });
    }
    return line;
  });
  if (!lines.length) lines.push([text('No roles yet. /rotation roles add <role> adds one.')]);
  return { kind: 'list', title: 'Roles, in order', lines };
}

export interface StatsView {
  roles: string[];
  members: string[];
  counts: Map<string, Map<string, number>>;
  skips: Map<string, number>;
  /** Turns ahead (+) of or behind (−) the group's level, for members on the rotation now. */
  offsets?: Map<string, number>;
  /** Fixed periods each member was on the rotation and not away for, and since when that is recorded. */
  available?: { counts: Map<string, number>; since: string | null; complete: boolean };
}

export function statsDoc(v: StatsView): Doc {
  const offsets = v.offsets ?? new Map<string, number>();
  const lines: Line[] = v.members.map((u) => {
    const c = v.counts.get(u);
    const parts = v.roles.map((r) => `${r} ${c?.get(r) ?? 0}`);
    const s = v.skips.get(u) ?? 0;
    const o = offsets.get(u);
    const level = o === undefined ? '' : o === 0 ? ' · level with the group' : o > 0 ? ` · ${o} ahead` : ` · ${-o} behind`;
    const avail = v.available ? `, available ${v.available.counts.get(u) ?? 0}` : '';
    return [name(u), text(`: ${parts.join(', ')}${s ? `, skipped ${s}` : ''}${avail}${level}`)];
  });
  if (!lines.length) lines.push([text('Nobody has served yet.')]);
  else {
    if (v.available) {
      const since = v.available.since && !v.available.complete ? ` (recorded since ${v.available.since})` : '';
      lines.push([text(`Available: the pings at which each was on the rotation and not away${since}.`)]);
    }
    if (offsets.size) lines.push([text("Ahead and behind count turns against the group's middle; newcomers start level.")]);
  }
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
      [text(`Rotation: ${describeCadence({ weekday: s.rotationWeekday, ...(parseHHMM(s.rotationTime) ?? { hour: 9, minute: 0 }), repeat: s.rotationRepeat })} · roles: ${roles.join(', ') || 'none'}`)],
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
