/** Pure builders of the rotation's messages: the weekly ping, the schedule, roles and stats. */
import { type Doc, type Line, mention, name, strong, text } from '../delivery/doc';
import { formatLocal, formatLocalDate } from '../schedule';
import type { Assignment } from './plan';

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
  /** Who served the period before (thanked by name), when it was fixed. */
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
  description: string | undefined;
  /** Members it is limited to; undefined: everyone. */
  only: readonly string[] | undefined;
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
