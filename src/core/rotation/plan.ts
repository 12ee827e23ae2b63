/**
 * Who holds which role in a period: a pure function of the roster, the past and the volunteers.
 * (Longer than most files, on purpose: the rule, its standings and its retries read best together.)
 *
 * The rule (README "How the rotation chooses"): every turn counts, however it came about (planned,
 * volunteered, skipped into, swapped into), and the aim is equal turns, not just recency. Each
 * period, after volunteers are fixed, *who* serves and *which* role each takes are chosen together
 * by one minimum-cost assignment (./assignment) of the open roles to the available members, the
 * cost of "m takes role r" compared level by level:
 *
 *   1. how many roles m already holds this period (nobody doubles up while someone free has none);
 *   2. m's level: turns served, plus the lift below (equal turns first);
 *   3. m's turns in r, against m's own turns (R · in r − all: then every role in turn);
 *   4. how recently m held r, then 5. how recently m served at all (longest ago first);
 *   6. join order.
 * Whatever is still tied goes by the assignment's scan order (roles in their order, members in join
 * order), so plans are deterministic. That order also lays out a stable roster's cycles: the
 * property test checks every role once per member in any N weeks for every N ≤ 12, R ≤ N (pinning
 * the tied roles "earlier role to earlier joiner" instead broke it for N = 7, R = 4 and others).
 *
 * Choosing the two separately loses fairness: a queue by "longest since any turn" lets totals drift
 * apart once people are away, skip or volunteer, and roles matched only among the queue's first R
 * cannot even out. Level 3 comes before recency for the same reason (measured in the year-long
 * simulation: with either recency first, the per-role spread ends ≤ 1 in 1–14 % of years, not 64 %).
 *
 * Newcomers and long absences. Counted turns alone would make a newcomer (0 turns) serve every
 * week until level with the group, and so would someone back after months away. So a member who
 * joins, or comes back after more than a full cycle without a turn, is lifted to the lowest level
 * among those in the flow (on the rotation then, and served or joined within that span) if below
 * it: a newcomer at the period they join (`joinedPeriod`), someone coming back at their first turn
 * back (the store keeps no record of absences, only of turns); until then plans count them at the
 * current lowest level. The lift is kept from then on. Shorter absences are not lifted: those turns
 * are made up (that is what keeps members who are present all year level).
 *
 * "More than a full cycle" is measured in the group's own periods (a pause with no pings doesn't
 * count) as more than N + ⌈N/R⌉ periods since their last turn (or their join), N = members on the
 * roster, R = roles: a full cycle is N periods (every member holds every role once), and a member at
 * the group's level waits up to ⌈N/R⌉ periods for a turn anyway, so only a gap beyond both means an
 * absence of more than a full cycle. Everything is derived from the history and today's roster.
 */
import { type Cost, minCostAssignment } from './assignment';

export interface RosterMember {
  userId: string;
  joinSeq: number;
  /** False when away for this period. */
  available: boolean;
  /**
   * Key of the first period they were on the roster for (the first ping after joining). Without
   * it a member counts as there from the start, as the founders are.
   */
  joinedPeriod?: string;
}

export interface Served {
  userId: string;
  role: string;
  period: string; // period keys sort chronologically (ISO dates)
}

export type AssignmentSource = 'auto' | 'volunteer' | 'skip' | 'swap';

export interface Assignment {
  role: string;
  userId: string | null;
  source: AssignmentSource;
}

export interface PlanInput {
  roles: readonly string[];
  /** Everyone on the roster (away members too: they are part of N and of the group's level). */
  members: readonly RosterMember[];
  history: readonly Served[];
  volunteers?: ReadonlyMap<string, string>; // role -> userId
  /** Roles limited to some members (role -> who may hold it); a role absent here is open to all. */
  eligible?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Whether the member may hold the role (roles are open to everyone unless limited). */
export function mayHold(eligible: PlanInput['eligible'], role: string, userId: string): boolean {
  const only = eligible?.get(role);
  return only === undefined || only.has(userId);
}

/** Where a member stands before the period being planned. */
export interface Standing {
  userId: string;
  /** Turns actually served, in any role and however they came about. */
  turns: number;
  /** Turns credited on (re)entry to the rotation: see the header. */
  lift: number;
  /** turns + lift: what the rule equalises. */
  level: number;
  byRole: ReadonlyMap<string, number>;
  /** Index (in the history's periods, oldest 0) of the last turn, -1 if never. */
  lastAny: number;
  lastByRole: ReadonlyMap<string, number>;
}

/** More than this many periods without a turn means coming back to the rotation. */
export function reentryGap(members: number, roles: number): number {
  return members + Math.ceil(members / Math.max(1, roles));
}

/** The first index in sorted `xs` whose value is ≥ x (xs.length if none). */
function lowerBound(xs: readonly string[], x: string): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Every roster member's standing before the next period (the one after the last in `history`),
 * with the lift they would get on joining or coming back now.
 */
export function standings(roles: readonly string[], members: readonly RosterMember[], history: readonly Served[]): Map<string, Standing> {
  const gap = reentryGap(members.length, roles.length);
  // Everything indexed once (periods oldest first; roster members, then those who have left;
  // roles, then any since removed), so the replay below is plain array work: it runs for every
  // plan and every `/rotation show`, over the whole history.
  const periods = [...new Set(history.map((s) => s.period))].sort();
  const now = periods.length;
  const periodIndex = new Map(periods.map((p, i) => [p, i]));
  const users = members.map((m) => m.userId);
  const userIndex = new Map(users.map((u, i) => [u, i]));
  const roster = users.length;
  const roleNames = [...roles];
  const roleIndex = new Map(roleNames.map((r, i) => [r, i]));
  const byPeriod: number[][] = periods.map(() => []); // [user, role, user, role, …]
  for (const s of history) {
    let u = userIndex.get(s.userId);
    if (u === undefined) userIndex.set(s.userId, (u = users.push(s.userId) - 1));
    let r = roleIndex.get(s.role);
    if (r === undefined) roleIndex.set(s.role, (r = roleNames.push(s.role) - 1));
    byPeriod[periodIndex.get(s.period)!]!.push(u, r);
  }
  const U = users.length;
  const R = roleNames.length;

  // The period each one joins (`now`: with the period being planned). Those who have left count
  // too, for the group's level in the periods they were part of (so a departure doesn't rewrite
  // the lifts of the past); the store keeps neither when they joined nor when they left, so they
  // count from their first turn to their last.
  const entry = new Int32Array(U).fill(now);
  const lastTurn = new Int32Array(U).fill(2 ** 31 - 1);
  members.forEach((m, u) => {
    entry[u] = m.joinedPeriod === undefined ? 0 : lowerBound(periods, m.joinedPeriod);
  });
  for (let i = 0; i < now; i++) {
    const served = byPeriod[i]!;
    for (let k = 0; k < served.length; k += 2) {
      const u = served[k]!;
      if (i < entry[u]!) entry[u] = i; // also: served before the recorded join
      if (u >= roster) lastTurn[u] = i;
    }
  }
  const joiningAt: number[][] = Array.from({ length: now + 1 }, () => []);
  for (let u = 0; u < U; u++) joiningAt[entry[u]!]!.push(u);

  const turns = new Int32Array(U);
  const lift = new Int32Array(U);
  const level = new Int32Array(U);
  const lastAny = new Int32Array(U).fill(-1);
  const byRole = new Int32Array(U * R);
  const lastByRole = new Int32Array(U * R).fill(-1);
  const entering = new Int32Array(U).fill(-1); // = i when entering at period i

  /** On the rotation at period i (joined before it, and if gone now, not after their last turn) and served or joined within the gap before it. */
  const inFlow = (u: number, i: number) => entry[u]! < i && i <= lastTurn[u]! && i - Math.max(lastAny[u]!, entry[u]!) <= gap;
  /** The lowest level among those in the flow at period i (of the first `among` users), if any. */
  const lowAt = (i: number, among: number): number | undefined => {
    let low: number | undefined;
    for (let u = 0; u < among; u++) if (inFlow(u, i) && (low === undefined || level[u]! < low)) low = level[u]!;
    return low;
  };
  /** Marks who enters at period i: joins then, or serves in it (`serving`: [user, role, …]) after more than the gap. */
  const markEntering = (i: number, serving: readonly number[]): boolean => {
    let any = false;
    for (const u of joiningAt[i]!) {
      entering[u] = i;
      any = true;
    }
    for (let k = 0; k < serving.length; k += 2) {
      const u = serving[k]!;
      if (entry[u]! < i && !inFlow(u, i)) {
        entering[u] = i;
        any = true;
      }
    }
    return any;
  };
  const liftTo = (u: number, low: number | undefined) => {
    if (low !== undefined && low > level[u]!) {
      lift[u]! += low - level[u]!;
      level[u] = low;
    }
  };

  for (let i = 0; i < now; i++) {
    const served = byPeriod[i]!;
    // Lifts first, against the levels before this period.
    if (markEntering(i, served)) {
      const low = lowAt(i, U);
      for (let u = 0; u < U; u++) if (entering[u] === i) liftTo(u, low);
    }
    for (let k = 0; k < served.length; k += 2) {
      const u = served[k]!;
      const r = served[k + 1]!;
      turns[u]! += 1;
      level[u]! += 1;
      byRole[u * R + r]! += 1;
      lastAny[u] = i;
      lastByRole[u * R + r] = i;
    }
  }
  // The period being planned: joiners, and anyone who would come back with it, stand at the
  // lowest level of the roster's members in the flow.
  const everyone: number[] = [];
  for (let u = 0; u < roster; u++) everyone.push(u, -1);
  if (markEntering(now, everyone)) {
    const low = lowAt(now, roster);
    for (let u = 0; u < roster; u++) if (entering[u] === now) liftTo(u, low);
  }

  const out = new Map<string, Standing>();
  for (let u = 0; u < roster; u++) {
    const counts = new Map<string, number>();
    const lasts = new Map<string, number>();
    for (let r = 0; r < R; r++) {
      if (byRole[u * R + r]) counts.set(roleNames[r]!, byRole[u * R + r]!);
      if (lastByRole[u * R + r]! >= 0) lasts.set(roleNames[r]!, lastByRole[u * R + r]!);
    }
    out.set(users[u]!, { userId: users[u]!, turns: turns[u]!, lift: lift[u]!, level: level[u]!, byRole: counts, lastAny: lastAny[u]!, lastByRole: lasts });
  }
  return out;
}

/** Available members in join order (ties by id): the order every final tie-break uses. */
function joinOrder(members: readonly RosterMember[]): RosterMember[] {
  return members.filter((m) => m.available).sort((a, b) => a.joinSeq - b.joinSeq || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/** Levels 2–6 of the header's cost, for member `s` (join rank `rank`) taking `role`, of `roles` roles. */
function memberCost(s: Standing, role: string, roles: number, rank: number): number[] {
  // Turns in the role are weighed against the member's own turns (R · in-role − all, an integer):
  // for members at the same level with no lift this orders exactly as the plain count does, but
  // a newcomer, lifted to the group's level with few turns in any role, is not preferred for
  // every role (which had them serve week after week while tied with the group).
  const inRole = roles * (s.byRole.get(role) ?? 0) - s.turns;
  // Recency as cost: never = 0, period i = i + 1, so "longest ago" is cheapest.
  return [s.level, inRole, (s.lastByRole.get(role) ?? -1) + 1, s.lastAny + 1, rank];
}

/** The holders of every role for one period. */
export function planPeriod(input: PlanInput): Assignment[] {
  const st = standings(input.roles, input.members, input.history);
  const available = joinOrder(input.members);
  const result = new Map<string, Assignment>();
  const load = new Map<string, number>(available.map((m) => [m.userId, 0]));

  for (const role of input.roles) {
    const v = input.volunteers?.get(role);
    if (v !== undefined && load.has(v) && mayHold(input.eligible, role, v)) {
      result.set(role, { role, userId: v, source: 'volunteer' });
      load.set(v, load.get(v)! + 1);
    }
  }
  const open = input.roles.filter((r) => !result.has(r));
  if (!available.length) {
    for (const role of open) result.set(role, { role, userId: null, source: 'auto' });
    return input.roles.map((r) => result.get(r)!);
  }

  // One column per (member, how many roles they would then hold). With enough members who hold
  // nothing yet, nobody needs a second role; otherwise give everyone enough copies for any split.
  // The first cost is "may not hold it" (a role limited to some members): a role only someone
  // ineligible could take stays empty. When that happens with one copy each, a second try with
  // more copies lets an eligible member who already holds a role take it too.
  const solve = (copies: number) => {
    const columns = available.flatMap((m, rank) => Array.from({ length: copies }, (_, c) => ({ m, rank, k: load.get(m.userId)! + c })));
    const cost = (row: number, col: number): Cost => {
      const { m, rank, k } = columns[col]!;
      const role = open[row]!;
      return [mayHold(input.eligible, role, m.userId) ? 0 : 1, k, ...memberCost(st.get(m.userId)!, role, input.roles.length, rank)];
    };
    const chosen = minCostAssignment(open.length, columns.length, cost);
    return open.map((role, row) => {
      const userId = columns[chosen[row]!]!.m.userId;
      return { role, userId: mayHold(input.eligible, role, userId) ? userId : null };
    });
  };
  const idle = available.filter((m) => load.get(m.userId) === 0).length;
  let picked = solve(idle >= open.length ? 1 : open.length);
  if (picked.some((p) => p.userId === null) && idle >= open.length && open.length > 1) picked = solve(open.length);
  for (const p of picked) result.set(p.role, { role: p.role, userId: p.userId, source: 'auto' });
  return input.roles.map((r) => result.get(r)!);
}

/** Plans periods ahead, each one's result counted as served for the next (as `/rotation show` does). */
export function projectPeriods(input: PlanInput, periodKeys: readonly string[]): Assignment[][] {
  let history = [...input.history];
  return periodKeys.map((period, i) => {
    const { volunteers, ...rest } = input;
    const plan = planPeriod({ ...rest, history, ...(i === 0 && volunteers ? { volunteers } : {}) });
    history = history.concat(plan.filter((a) => a.userId).map((a) => ({ userId: a.userId!, role: a.role, period })));
    return plan;
  });
}

export interface NextInLineOptions {
  /** The role being handed on: ties in level go to whoever has held it least. */
  role?: string;
  /** The channel's roles, for the re-entry span (as planPeriod counts it); without them it assumes one role. */
  roles?: readonly string[];
  /** Roles limited to some members: only those are in line for `role`. */
  eligible?: PlanInput['eligible'];
}

/** The next in line for a role being skipped: the free member the rule would pick for it, if any. */
export function nextInLine(
  members: readonly RosterMember[],
  history: readonly Served[],
  exclude: ReadonlySet<string>,
  opts: NextInLineOptions = {},
): string | undefined {
  return queueOrder(members, history, opts).find((m) => !exclude.has(m.userId))?.userId;
}

/**
 * Available members in the order the rule would pick them for one role (`opts.role`, or none):
 * lowest level, fewest turns in the role (for their turns), longest since the role, longest since
 * any turn, join order — planPeriod's cost for a single role.
 */
export function queueOrder(members: readonly RosterMember[], history: readonly Served[], opts: NextInLineOptions = {}): RosterMember[] {
  const roles = opts.roles ?? (opts.role !== undefined ? [opts.role] : []);
  const st = standings(roles, members, history);
  const role = opts.role ?? '';
  const keyed = joinOrder(members)
    .map((m, rank) => ({ m, rank }))
    .filter(({ m }) => opts.role === undefined || mayHold(opts.eligible, opts.role, m.userId))
    .map(({ m, rank }) => ({ m, key: memberCost(st.get(m.userId)!, role, Math.max(1, roles.length), rank) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
    return 0;
  });
  return keyed.map((k) => k.m);
}

/**
 * How far each roster member is from the group's level, in turns: their level (turns plus any lift
 * on joining or coming back) minus the middle level of the roster (the lower median, so it is a
 * whole number and one member far off doesn't move it). + means ahead, − owed.
 */
export function levelOffsets(roles: readonly string[], members: readonly RosterMember[], history: readonly Served[]): Map<string, number> {
  const st = standings(roles, members, history);
  const levels = [...st.values()].map((s) => s.level).sort((a, b) => a - b);
  const middle = levels[Math.floor((levels.length - 1) / 2)] ?? 0;
  return new Map([...st.values()].map((s) => [s.userId, s.level - middle]));
}

/** How many times each member served each role. */
export function serviceStats(history: readonly Served[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const s of history) {
    const m = out.get(s.userId) ?? new Map<string, number>();
    m.set(s.role, (m.get(s.role) ?? 0) + 1);
    out.set(s.userId, m);
  }
  return out;
}
