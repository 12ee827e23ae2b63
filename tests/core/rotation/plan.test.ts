import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rng } from '../../helpers/rotation-sim';
import {
  levelOffsets,
  nextInLine,
  planPeriod,
  projectPeriods,
  queueOrder,
  reentryGap,
  type RosterMember,
  type Served,
  standings,
} from '../../../src/core/rotation/plan';

const roster = (n: number, away: number[] = []): RosterMember[] =>
  Array.from({ length: n }, (_, i) => ({ userId: `m${i}`, joinSeq: i + 1, available: !away.includes(i) }));
const roles = (r: number) => Array.from({ length: r }, (_, i) => (i === 0 ? 'facilitator' : i === 1 ? 'note-taker' : `role${i}`));
const weeks = (n: number) =>
  Array.from({ length: n }, (_, i) => `2026-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`);

describe('planPeriod', () => {
  it('with no history takes members in join order', () => {
    const plan = planPeriod({ roles: roles(2), members: roster(4), history: [] });
    expect(plan).toEqual([
      { role: 'facilitator', userId: 'm0', source: 'auto' },
      { role: 'note-taker', userId: 'm1', source: 'auto' },
    ]);
  });

  it('puts volunteers first and plans the rest around them', () => {
    const plan = planPeriod({ roles: roles(2), members: roster(3), history: [], volunteers: new Map([['note-taker', 'm2']]) });
    expect(plan).toEqual([
      { role: 'facilitator', userId: 'm0', source: 'auto' },
      { role: 'note-taker', userId: 'm2', source: 'volunteer' },
    ]);
  });

  it('skips members who are away', () => {
    const plan = planPeriod({ roles: roles(2), members: roster(3, [0]), history: [] });
    expect(plan.map((a) => a.userId)).toEqual(['m1', 'm2']);
  });

  it('ignores a volunteer who is away', () => {
    const plan = planPeriod({ roles: roles(1), members: roster(2, [1]), history: [], volunteers: new Map([['facilitator', 'm1']]) });
    expect(plan[0]).toEqual({ role: 'facilitator', userId: 'm0', source: 'auto' });
  });

  it('gives one person two roles only when too few are free', () => {
    const plan = planPeriod({ roles: roles(3), members: roster(2), history: [] });
    expect(plan.map((a) => a.userId)).toEqual(['m0', 'm1', 'm0']);
  });

  it('leaves a role empty when nobody is available', () => {
    expect(planPeriod({ roles: roles(2), members: roster(2, [0, 1]), history: [] }).map((a) => a.userId)).toEqual([null, null]);
  });

  it('the fewest turns go first; ties by longest since any turn, then join order', () => {
    const history: Served[] = [
      { userId: 'm0', role: 'facilitator', period: '2026-01-05' },
      { userId: 'm1', role: 'facilitator', period: '2026-01-12' },
      { userId: 'm2', role: 'facilitator', period: '2026-01-05' },
      { userId: 'm2', role: 'note-taker', period: '2025-12-29' },
    ];
    // m3 none; m0 and m1 one each (m0's longer ago); m2 two, though none of them served longer ago.
    expect(queueOrder(roster(4), history).map((m) => m.userId)).toEqual(['m3', 'm0', 'm1', 'm2']);
  });

  it('equal turns, not recency: whoever has served fewest goes next, however their turns came about', () => {
    // m0 served longest ago but has two turns (say one volunteered); m1 and m2 one each.
    const history: Served[] = [
      { userId: 'm0', role: 'facilitator', period: '2026-01-01' },
      { userId: 'm0', role: 'facilitator', period: '2026-01-02' },
      { userId: 'm1', role: 'facilitator', period: '2026-01-03' },
      { userId: 'm2', role: 'facilitator', period: '2026-01-04' },
    ];
    expect(planPeriod({ roles: roles(1), members: roster(3), history })[0]!.userId).toBe('m1');
  });

  it('turns in a role come before recency: each takes the role they have held fewest times', () => {
    // Recency alone would give m0 facilitator (held longer ago than note-taker), but m0 has
    // taken notes once and facilitated twice; m1 the other way round.
    const history: Served[] = [
      { userId: 'm0', role: 'facilitator', period: '2026-01-01' },
      { userId: 'm1', role: 'note-taker', period: '2026-01-01' },
      { userId: 'm0', role: 'facilitator', period: '2026-01-02' },
      { userId: 'm1', role: 'note-taker', period: '2026-01-02' },
      { userId: 'm0', role: 'note-taker', period: '2026-01-03' },
      { userId: 'm1', role: 'facilitator', period: '2026-01-03' },
    ];
    expect(planPeriod({ roles: roles(2), members: roster(2), history }).map((a) => a.userId)).toEqual(['m1', 'm0']);
  });

  it('gives each holder the role they held least recently', () => {
    const history: Served[] = [
      { userId: 'm0', role: 'facilitator', period: '2026-01-05' },
      { userId: 'm1', role: 'note-taker', period: '2026-01-05' },
    ];
    const plan = planPeriod({ roles: roles(2), members: roster(2), history });
    expect(plan.map((a) => a.userId)).toEqual(['m1', 'm0']);
  });

  it('skip: next in line excludes the skipper and current holders, and the skipper stays first next time', () => {
    const members = roster(4);
    const next = nextInLine(members, [], new Set(['m0', 'm1']));
    expect(next).toBe('m2');
    // m2 served instead of m0 (who skipped): m0 never served, so m0 leads the queue next period.
    const history: Served[] = [
      { userId: 'm2', role: 'facilitator', period: '2026-01-05' },
      { userId: 'm1', role: 'note-taker', period: '2026-01-05' },
    ];
    expect(planPeriod({ roles: roles(2), members, history })[0]!.userId === 'm0' || planPeriod({ roles: roles(2), members, history })[1]!.userId === 'm0').toBe(
      true,
    );
    expect(queueOrder(members, history)[0]!.userId).toBe('m0');
  });

  it('the per-role greedy counterexample (3 members, 2 roles) is fair here', () => {
    const plans = projectPeriods({ roles: roles(2), members: roster(3), history: [] }, weeks(3));
    const noteTakers = plans.map((p) => p[1]!.userId).sort();
    expect(noteTakers).toEqual(['m0', 'm1', 'm2']);
  });
});

/** Turns per member in some plans. */
function turns(plans: ReturnType<typeof projectPeriods>): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of plans) for (const a of p) if (a.userId) out.set(a.userId, (out.get(a.userId) ?? 0) + 1);
  return out;
}
const asHistory = (plans: ReturnType<typeof projectPeriods>, keys: string[]): Served[] =>
  plans.flatMap((p, i) => p.filter((a) => a.userId).map((a) => ({ userId: a.userId!, role: a.role, period: keys[i]! })));

describe('newcomers and long absences', () => {
  const keys = weeks(30);
  // Three founders took one role in turn for 9 weeks: 3 turns each.
  const founders = roster(3);
  const nine = asHistory(projectPeriods({ roles: roles(1), members: founders, history: [] }, keys.slice(0, 9)), keys);

  it('a newcomer starts at the group’s lowest count: first turn at once, then their share, not every week until level', () => {
    const members = [...founders, { userId: 'new', joinSeq: 4, available: true, joinedPeriod: keys[9]! }];
    const next8 = projectPeriods({ roles: roles(1), members, history: nine }, keys.slice(9, 17));
    expect(next8[0]![0]!.userId).toBe('new');
    expect([...turns(next8).values()]).toEqual([2, 2, 2, 2]);
  });

  it('without a join period a member counts as there from the start: turns missed within a cycle are made up', () => {
    const six = nine.slice(0, 6); // 2 turns each; 6 periods is within the re-entry gap of 8
    const members = [...founders, { userId: 'new', joinSeq: 4, available: true }];
    const next3 = projectPeriods({ roles: roles(1), members, history: six }, keys.slice(6, 9));
    expect(next3.map((p) => p[0]!.userId)).toEqual(['new', 'new', 'm0']);
  });

  it('a member back after more than a full cycle away starts at the lowest count too', () => {
    // m3 served once, then was away while m0..m2 served 12 weeks (4 turns each): a gap past N + ⌈N/R⌉ = 8.
    expect(reentryGap(4, 1)).toBe(8);
    const history: Served[] = [
      { userId: 'm3', role: 'facilitator', period: keys[0]! },
      ...keys.slice(1, 13).map((period, i) => ({ userId: `m${i % 3}`, role: 'facilitator', period })),
    ];
    const st = standings(roles(1), roster(4), history);
    expect(st.get('m3')).toMatchObject({ turns: 1, lift: 3, level: 4 });
    const next8 = projectPeriods({ roles: roles(1), members: roster(4), history }, keys.slice(13, 21));
    expect(next8[0]![0]!.userId).toBe('m3');
    expect(turns(next8).get('m3')).toBe(2);
  });

  it('a shorter absence is made up: totals come level again', () => {
    // One turn each, then m3 away for three weeks while m0..m2 each took another.
    const history: Served[] = keys.slice(0, 7).map((period, i) => ({ userId: `m${i < 4 ? i : i - 4}`, role: 'facilitator', period }));
    expect(standings(roles(1), roster(4), history).get('m3')).toMatchObject({ turns: 1, lift: 0 });
    const next5 = projectPeriods({ roles: roles(1), members: roster(4), history }, keys.slice(7, 12));
    const all = turns([...[history.map((h) => ({ role: h.role, userId: h.userId, source: 'auto' as const }))], ...next5]);
    expect([...all.values()]).toEqual([3, 3, 3, 3]);
  });

  it('offsets from the group’s level: against the middle level, with newcomers counted from where they start', () => {
    // 7 weeks, one role: m0 three turns, m1 and m2 two, m3 (there from the start) none yet.
    const history: Served[] = ['m0', 'm1', 'm2', 'm0', 'm1', 'm2', 'm0'].map((userId, i) => ({ userId, role: 'facilitator', period: keys[i]! }));
    expect(Object.fromEntries(levelOffsets(roles(1), roster(4), history))).toEqual({ m0: 1, m1: 0, m2: 0, m3: -2 });
    const withNewcomer = [...roster(3), { userId: 'new', joinSeq: 4, available: true, joinedPeriod: keys[7]! }];
    expect(levelOffsets(roles(1), withNewcomer, history).get('new')).toBe(0);
  });

  it('someone who has left no longer holds the group’s level down for a newcomer', () => {
    // m2 served once long ago and left; m0 and m1 have 5 turns each. The newcomer starts at 5.
    const history: Served[] = [
      { userId: 'm2', role: 'facilitator', period: keys[0]! },
      ...keys.slice(1, 11).map((period, i) => ({ userId: `m${i % 2}`, role: 'facilitator', period })),
    ];
    const members = [...roster(2), { userId: 'new', joinSeq: 4, available: true, joinedPeriod: keys[11]! }];
    expect(standings(roles(1), members, history).get('new')).toMatchObject({ turns: 0, level: 5 });
  });
});

/** Counts of (member, role) over a window of periods. */
function served(plans: ReturnType<typeof projectPeriods>): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of plans) for (const a of p) if (a.userId) out.set(`${a.userId}/${a.role}`, (out.get(`${a.userId}/${a.role}`) ?? 0) + 1);
  return out;
}

describe('rotation invariants (property)', () => {
  it('a stable roster of N with R ≤ N roles: every member serves every role exactly once in any N consecutive periods (every N ≤ 12)', () => {
    // Every case, not a sample: 78 rosters, 3N weeks each, every window of N weeks.
    for (let n = 1; n <= 12; n++) {
      for (let r = 1; r <= n; r++) {
        const plans = projectPeriods({ roles: roles(r), members: roster(n), history: [] }, weeks(3 * n));
        for (let start = 0; start + n <= plans.length; start++) {
          const counts = served(plans.slice(start, start + n));
          expect({ n, r, start, pairs: counts.size, once: [...counts.values()].every((v) => v === 1) }).toEqual({ n, r, start, pairs: n * r, once: true });
        }
      }
    }
  });

  it('the same holds whatever the members are called, and from any round already served', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 12, maxLength: 12 }),
        fc.nat(30),
        (n, r0, ids, skipWeeks) => {
          const r = Math.min(r0, n);
          const members = ids.slice(0, n).map((userId, i) => ({ userId, joinSeq: i + 1, available: true }));
          const keys = weeks(skipWeeks + 2 * n);
          const plans = projectPeriods({ roles: roles(r), members, history: [] }, keys);
          for (let start = skipWeeks; start + n <= plans.length; start++) {
            const counts = served(plans.slice(start, start + n));
            expect(counts.size).toBe(n * r);
            expect([...counts.values()].every((v) => v === 1)).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never gives one member two roles while enough members are free, and never picks someone away', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat(7), { maxLength: 4 }),
        fc.array(fc.record({ m: fc.nat(7), r: fc.nat(4), p: fc.nat(30) }), { maxLength: 30 }),
        (n, r, awayIdx, past) => {
          const members = roster(n, awayIdx);
          const history = past.filter((h) => h.m < n && h.r < r).map((h) => ({ userId: `m${h.m}`, role: roles(r)[h.r]!, period: weeks(31)[h.p]! }));
          const plan = planPeriod({ roles: roles(r), members, history });
          const free = members.filter((m) => m.available).length;
          const ids = plan.map((a) => a.userId).filter((u): u is string => u !== null);
          for (const id of ids) expect(members.find((m) => m.userId === id)?.available).toBe(true);
          if (free >= r) expect(new Set(ids).size).toBe(r);
          if (free === 0) expect(ids).toEqual([]);
          else expect(ids.length).toBe(r);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with members away now and then, nobody is picked over an available member at a lower level', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.nat(9), { minLength: 30, maxLength: 30 }),
        (n, r0, awayPattern) => {
          const r = Math.min(r0, n - 1);
          let history: Served[] = [];
          weeks(30).forEach((period, i) => {
            const away = awayPattern[i]! < n ? [awayPattern[i]!] : [];
            const members = roster(n, away);
            const st = standings(roles(r), members, history);
            const plan = planPeriod({ roles: roles(r), members, history });
            const picked = new Set(plan.map((a) => a.userId));
            const level = (m: RosterMember) => st.get(m.userId)!.level;
            const unpicked = members.filter((m) => m.available && !picked.has(m.userId));
            for (const p of members.filter((m) => picked.has(m.userId))) for (const u of unpicked) expect(level(p)).toBeLessThanOrEqual(level(u));
            history = history.concat(plan.filter((a) => a.userId).map((a) => ({ userId: a.userId!, role: a.role, period })));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rosters of dozens and ten roles: every role filled, nobody doubled while someone is free, nobody away picked', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, seed) => {
        const rand = rng(seed);
        const rs = roles(10);
        let history: Served[] = [];
        for (const period of weeks(20)) {
          const members = roster(n).map((m) => ({ ...m, available: rand() >= 0.3 }));
          const plan = planPeriod({ roles: rs, members, history });
          const free = members.filter((m) => m.available).map((m) => m.userId);
          const ids = plan.map((a) => a.userId);
          expect(plan.map((a) => a.role)).toEqual(rs);
          if (free.length) expect(ids.every((u) => u !== null && free.includes(u))).toBe(true);
          expect(new Set(ids).size).toBe(Math.min(10, free.length));
          history = history.concat(plan.filter((a) => a.userId).map((a) => ({ userId: a.userId!, role: a.role, period })));
        }
      }),
      { numRuns: 25 },
    );
  });
});
