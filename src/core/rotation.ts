/**
 * Who holds which role in a period: a pure function of the roster, the past and the volunteers.
 *
 * Fairness rule (refines DESIGN §2, see the README): *who* serves is decided by one queue, those
 * who have gone longest without serving any role first (ties: fewer turns served, then join
 * order); *which* role each of them takes is the assignment that gives everyone the roles they
 * have held least recently. Choosing per role ("longest without this role") instead can starve a
 * member of a role forever (3 members, 2 roles: the third never takes notes); the queue makes a
 * stable roster of N members with R ≤ N roles serve every role exactly once every N periods.
 */

export interface RosterMember {
  userId: string;
  joinSeq: number;
  /** False when away for this period. */
  available: boolean;
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
  members: readonly RosterMember[];
  history: readonly Served[];
  volunteers?: ReadonlyMap<string, string>; // role -> userId
}

interface MemberRecord {
  lastAny: string; // '' = never
  total: number;
  lastByRole: Map<string, string>;
  countByRole: Map<string, number>;
}

function records(history: readonly Served[]): Map<string, MemberRecord> {
  const out = new Map<string, MemberRecord>();
  for (const s of history) {
    let r = out.get(s.userId);
    if (!r) {
      r = { lastAny: '', total: 0, lastByRole: new Map(), countByRole: new Map() };
      out.set(s.userId, r);
    }
    if (s.period > r.lastAny) r.lastAny = s.period;
    r.total += 1;
    if (s.period > (r.lastByRole.get(s.role) ?? '')) r.lastByRole.set(s.role, s.period);
    r.countByRole.set(s.role, (r.countByRole.get(s.role) ?? 0) + 1);
  }
  return out;
}

const NEVER: MemberRecord = { lastAny: '', total: 0, lastByRole: new Map(), countByRole: new Map() };

/** Members in the order they should next serve: longest without any role, fewer turns, join order. */
export function queueOrder(members: readonly RosterMember[], history: readonly Served[]): RosterMember[] {
  const recs = records(history);
  return [...members].sort((a, b) => {
    const ra = recs.get(a.userId) ?? NEVER;
    const rb = recs.get(b.userId) ?? NEVER;
    if (ra.lastAny !== rb.lastAny) return ra.lastAny < rb.lastAny ? -1 : 1;
    if (ra.total !== rb.total) return ra.total - rb.total;
    return a.joinSeq - b.joinSeq;
  });
}

function* permutations(n: number): Generator<number[]> {
  const a = Array.from({ length: n }, (_, i) => i);
  yield [...a];
  // Heap's algorithm would reorder; lexicographic next-permutation keeps ties deterministic.
  for (;;) {
    let i = n - 2;
    while (i >= 0 && a[i]! >= a[i + 1]!) i--;
    if (i < 0) return;
    let j = n - 1;
    while (a[j]! <= a[i]!) j--;
    [a[i], a[j]] = [a[j]!, a[i]!];
    for (let l = i + 1, r = n - 1; l < r; l++, r--) [a[l], a[r]] = [a[r]!, a[l]!];
    yield [...a];
  }
}

/** Gives each holder a role, preferring for everyone the roles they held least recently. */
function matchRoles(roles: string[], holders: RosterMember[], recs: Map<string, MemberRecord>, periods: string[]): string[] {
  const index = new Map(periods.map((p, i) => [p, i]));
  const rank = (p: string | undefined) => (p ? (index.get(p) ?? -1) : -1);
  const cost = (h: RosterMember, role: string) => {
    const r = recs.get(h.userId) ?? NEVER;
    return (rank(r.lastByRole.get(role)) + 1) * 1000 + (r.countByRole.get(role) ?? 0);
  };
  if (holders.length <= 7) {
    let best: number[] = [];
    let bestCost = Infinity;
    for (const perm of permutations(holders.length)) {
      let c = 0;
      for (let i = 0; i < perm.length; i++) c += cost(holders[perm[i]!]!, roles[i]!);
      if (c < bestCost) {
        bestCost = c;
        best = perm;
      }
    }
    return roles.map((_, i) => holders[best[i]!]!.userId);
  }
  // Many roles at once: greedy per role, still deterministic.
  const free = [...holders];
  return roles.map((role) => {
    let bi = 0;
    for (let i = 1; i < free.length; i++) if (cost(free[i]!, role) < cost(free[bi]!, role)) bi = i;
    return free.splice(bi, 1)[0]!.userId;
  });
}

/** The holders of every role for one period. */
export function planPeriod(input: PlanInput): Assignment[] {
  const recs = records(input.history);
  const periods = [...new Set(input.history.map((s) => s.period))].sort();
  const available = input.members.filter((m) => m.available);
  const byId = new Map(available.map((m) => [m.userId, m]));
  const result = new Map<string, Assignment>();
  const busy = new Set<string>();

  for (const role of input.roles) {
    const v = input.volunteers?.get(role);
    if (v && byId.has(v)) {
      result.set(role, { role, userId: v, source: 'volunteer' });
      busy.add(v);
    }
  }
  const open = input.roles.filter((r) => !result.has(r));
  const queue = queueOrder(available.filter((m) => !busy.has(m.userId)), input.history);
  const holders = queue.slice(0, open.length);
  const matched = matchRoles(open.slice(0, holders.length), holders, recs, periods);
  open.slice(0, holders.length).forEach((role, i) => {
    result.set(role, { role, userId: matched[i]!, source: 'auto' });
    busy.add(matched[i]!);
  });

  // Fewer free members than roles: double up, least-served first; nobody at all leaves it empty.
  const doubling = queueOrder(available, input.history);
  let k = 0;
  for (const role of open.slice(holders.length)) {
    const m = doubling.length ? doubling[k++ % doubling.length]! : undefined;
    result.set(role, { role, userId: m?.userId ?? null, source: 'auto' });
  }
  return input.roles.map((r) => result.get(r)!);
}

/** Plans `count` periods ahead, each one's result counted as served for the next. */
export function projectPeriods(input: PlanInput, periodKeys: readonly string[]): Assignment[][] {
  let history = [...input.history];
  return periodKeys.map((period, i) => {
    const plan = planPeriod({ ...input, history, volunteers: i === 0 ? input.volunteers : undefined });
    history = history.concat(plan.filter((a) => a.userId).map((a) => ({ userId: a.userId!, role: a.role, period })));
    return plan;
  });
}

/** The next in line for a role being skipped: the first free member in the queue, if any. */
export function nextInLine(
  members: readonly RosterMember[],
  history: readonly Served[],
  exclude: ReadonlySet<string>,
): string | undefined {
  return queueOrder(members.filter((m) => m.available && !exclude.has(m.userId)), history)[0]?.userId;
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
