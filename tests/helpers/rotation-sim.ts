/**
 * A year of a rotation under real life, at the rule level: absences, churn, volunteers, skips and
 * swaps, driven by a seeded generator so every run of a seed is the same year. The rule is passed
 * in (planPeriod and nextInLine) so the same year can be lived under another rule for comparison.
 */
import type { Assignment, PlanInput, RosterMember, Served } from '../../src/core/rotation/plan';

export interface Rule {
  planPeriod(input: PlanInput): Assignment[];
  nextInLine(
    members: readonly RosterMember[],
    history: readonly Served[],
    exclude: ReadonlySet<string>,
    opts: { role: string; roles: readonly string[] },
  ): string | undefined;
}

export interface SimOptions {
  weeks: number;
  members: number;
  roles: number;
  /** Chance that an available member starts an absence (of 1 or 2 weeks) in a given week. */
  absenceStart: number;
  /** Weeks at which one member leaves and one joins. */
  churnWeeks: readonly number[];
  /** Per role and week, the chance that someone volunteers for it. */
  volunteer: number;
  /** Per week, the chance that a holder skips (handing the role to the next in line). */
  skip: number;
  /** Per week, the chance that two holders swap roles. */
  swap: number;
}

// Away ~20 % of weeks: an absence (1 or 2 weeks, mean 1.5) starts with chance p in each week one
// is not away, so spells present last (1 − p)/p weeks on average: 1.5 / ((1 − p)/p + 1.5) = 20 %
// at p = 1/7.
export const YEAR: SimOptions = {
  weeks: 52,
  members: 12,
  roles: 3,
  absenceStart: 1 / 7,
  churnWeeks: [13, 26, 39],
  volunteer: 0.05,
  skip: 0.15,
  swap: 0.1,
};

interface Newcomer {
  userId: string;
  joinWeek: number;
  /** Roster size (all members, away or not) the week they joined. */
  present: number;
  /** Weeks they were available from joining up to and including their first turn (null: never served). */
  availableWeeksToFirstTurn: number | null;
  /**
   * From their first turn on (to the end, or their leaving), the most their level was above the
   * most-served founder still on the roster, and below the least-served one. Their level: the
   * fewest turns of a founder on the roster when they joined (where the rule says they start),
   * plus their turns since.
   */
  ahead: number;
  behind: number;
}

export interface SimResult {
  /** Members on the roster every week of the year. */
  yearRound: string[];
  totalSpread: number;
  /** The largest, over the roles, of (most − fewest turns in that role) among the year-round members. */
  roleSpread: number;
  newcomers: Newcomer[];
  /** Broken invariants, described (empty when all held). */
  violations: string[];
}

/** mulberry32: a small, good-enough seeded generator. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROLE_NAMES = ['facilitator', 'note-taker', 'timekeeper', 'greeter', 'host', 'scribe', 'tech', 'snacks', 'treasurer', 'outreach'];

export function simulateYear(rule: Rule, seed: number, o: SimOptions = YEAR): SimResult {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const roles = ROLE_NAMES.slice(0, o.roles);
  const periods = Array.from({ length: o.weeks }, (_, w) => `2026-w${String(w).padStart(2, '0')}`);

  interface Sim {
    userId: string;
    joinSeq: number;
    joinWeek: number;
    leftWeek: number | null;
    awayLeft: number;
  }
  const all: Sim[] = Array.from({ length: o.members }, (_, i) => ({ userId: `y${i}`, joinSeq: i + 1, joinWeek: 0, leftWeek: null, awayLeft: 0 }));
  let history: Served[] = [];
  const violations: string[] = [];
  const availability = new Map<string, boolean[]>(all.map((m) => [m.userId, []]));
  const present = new Map<string, number>();

  for (let w = 0; w < o.weeks; w++) {
    const period = periods[w]!;
    if (o.churnWeeks.includes(w)) {
      const leaver = pick(all.filter((m) => m.leftWeek === null));
      leaver.leftWeek = w;
      const n = all.length - o.members + 1;
      const joiner: Sim = { userId: `n${n}`, joinSeq: all.length + 1, joinWeek: w, leftWeek: null, awayLeft: 0 };
      all.push(joiner);
      availability.set(joiner.userId, new Array<boolean>(w).fill(false));
      present.set(joiner.userId, all.filter((m) => m.leftWeek === null).length);
    }
    const roster = all.filter((m) => m.leftWeek === null);
    const away = new Set<string>();
    for (const m of roster) {
      if (m.awayLeft > 0) {
        away.add(m.userId);
        m.awayLeft--;
      } else if (m.joinWeek !== w && rand() < o.absenceStart) {
        // A newcomer is there the week they join; others start 1- or 2-week absences (this week counts).
        away.add(m.userId);
        m.awayLeft = rand() < 0.5 ? 0 : 1;
      }
    }
    const members: RosterMember[] = roster.map((m) => ({
      userId: m.userId,
      joinSeq: m.joinSeq,
      available: !away.has(m.userId),
      joinedPeriod: periods[m.joinWeek]!,
    }));
    const free = members.filter((m) => m.available).map((m) => m.userId);
    const freeSet = new Set(free);
    for (const m of all) availability.get(m.userId)!.push(freeSet.has(m.userId));

    const volunteers = new Map<string, string>();
    for (const role of roles) {
      if (rand() >= o.volunteer) continue;
      const taken = new Set(volunteers.values());
      const candidates = free.filter((u) => !taken.has(u));
      if (candidates.length) volunteers.set(role, pick(candidates));
    }

    let plan = rule.planPeriod({ roles, members, history, volunteers });
    checkWeek(plan, members, roles, `week ${w} plan`, violations);
    const holders = () => [...new Set(plan.map((a) => a.userId).filter((u): u is string => u !== null))];
    if (rand() < o.skip && holders().length) {
      const skipper = pick(holders());
      const a = plan.find((x) => x.userId === skipper)!;
      const next = rule.nextInLine(members, history, new Set([...holders(), skipper]), { role: a.role, roles });
      // Nobody free: the skip is refused, as the service does.
      if (next) plan = plan.map((x) => (x === a ? { role: x.role, userId: next, source: 'skip' } : x));
    }
    if (rand() < o.swap && holders().length >= 2) {
      const x = pick(holders());
      const y = pick(holders().filter((u) => u !== x));
      plan = plan.map((a) => (a.userId === x ? { ...a, userId: y, source: 'swap' } : a.userId === y ? { ...a, userId: x, source: 'swap' } : a));
    }
    checkWeek(plan, members, roles, `week ${w} after skip/swap`, violations);
    history = history.concat(plan.filter((a) => a.userId).map((a) => ({ userId: a.userId!, role: a.role, period })));
  }

  const yearRound = all.filter((m) => m.joinWeek === 0 && m.leftWeek === null).map((m) => m.userId);
  const count = (u: string, fromWeek = 0, role?: string) =>
    history.filter((h) => h.userId === u && h.period >= periods[fromWeek]! && (role === undefined || h.role === role)).length;
  const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
  // turnsBefore(u, w): u's turns in the weeks before week w (w = weeks: the whole year).
  const cumulative = new Map<string, number[]>(all.map((m) => [m.userId, new Array<number>(o.weeks + 1).fill(0)]));
  for (const h of history) cumulative.get(h.userId)![periods.indexOf(h.period) + 1]! += 1;
  for (const c of cumulative.values()) for (let w = 1; w <= o.weeks; w++) c[w]! += c[w - 1]!;
  const turnsBefore = (u: string, week: number) => cumulative.get(u)![week]!;
  const newcomers: Newcomer[] = all
    .filter((m) => m.joinWeek > 0)
    .map((m) => {
      const first = history.find((h) => h.userId === m.userId);
      const firstWeek = first ? periods.indexOf(first.period) : null;
      const avail = availability.get(m.userId)!;
      const founders = (w: number) => all.filter((f) => f.joinWeek === 0 && (f.leftWeek === null || f.leftWeek > w)).map((f) => f.userId);
      const start = Math.min(...founders(m.joinWeek).map((u) => turnsBefore(u, m.joinWeek)));
      let ahead = -Infinity;
      let behind = -Infinity;
      for (let w = (firstWeek ?? o.weeks) + 1; w <= (m.leftWeek ?? o.weeks); w++) {
        const upTo = (u: string) => turnsBefore(u, w);
        const level = start + upTo(m.userId) - turnsBefore(m.userId, m.joinWeek);
        const others = founders(Math.min(w, o.weeks - 1)).map(upTo);
        ahead = Math.max(ahead, level - Math.max(...others));
        behind = Math.max(behind, Math.min(...others) - level);
      }
      return {
        userId: m.userId,
        joinWeek: m.joinWeek,
        present: present.get(m.userId)!,
        availableWeeksToFirstTurn: firstWeek === null ? null : avail.slice(m.joinWeek, firstWeek + 1).filter(Boolean).length,
        ahead,
        behind,
      };
    });
  return {
    yearRound,
    totalSpread: spread(yearRound.map((u) => count(u))),
    roleSpread: Math.max(...roles.map((r) => spread(yearRound.map((u) => count(u, 0, r))))),
    newcomers,
    violations,
  };
}

/** The week's invariants: nobody away or gone; no role empty while someone is free; no double role while someone free has none. */
function checkWeek(plan: Assignment[], members: RosterMember[], roles: string[], when: string, out: string[]): void {
  const free = new Set(members.filter((m) => m.available).map((m) => m.userId));
  if (plan.length !== roles.length || plan.some((a, i) => a.role !== roles[i])) out.push(`${when}: roles not planned in order`);
  const load = new Map<string, number>();
  for (const a of plan) {
    if (a.userId === null) {
      if (free.size) out.push(`${when}: ${a.role} empty while ${free.size} are free`);
      continue;
    }
    if (!free.has(a.userId)) out.push(`${when}: ${a.userId} assigned but away or not on the roster`);
    load.set(a.userId, (load.get(a.userId) ?? 0) + 1);
  }
  const doubled = [...load].filter(([, n]) => n > 1);
  const idle = [...free].filter((u) => !load.has(u));
  if (doubled.length && idle.length) out.push(`${when}: ${doubled[0]![0]} holds ${doubled[0]![1]} roles while ${idle[0]} holds none`);
}
