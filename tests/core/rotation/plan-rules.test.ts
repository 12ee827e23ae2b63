// The rotation's rules in detail, beside the examples and properties of rotation.test.ts: the
// queue's ordering with unsorted history, the role matching for many roles at once, doubling up,
// projections and statistics.
import { describe, expect, it } from 'vitest';
import { nextInLine, planPeriod, projectPeriods, queueOrder, type RosterMember, type Served, serviceStats } from '../../../src/core/rotation/plan';

const roster = (n: number, away: number[] = []): RosterMember[] =>
  Array.from({ length: n }, (_, i) => ({ userId: `m${i}`, joinSeq: i + 1, available: !away.includes(i) }));
const ids = (ms: { userId: string | null }[]) => ms.map((m) => m.userId);

describe('the queue', () => {
  it('reads the latest turn of each member whatever the order of the history', () => {
    // m0 served last in January, m1 in December: m1 has waited longest, however the rows come.
    const history: Served[] = [
      { userId: 'm0', role: 'facilitator', period: '2026-01-12' },
      { userId: 'm1', role: 'facilitator', period: '2025-12-01' },
      { userId: 'm0', role: 'note-taker', period: '2025-11-03' },
    ];
    expect(ids(queueOrder(roster(2), history))).toEqual(['m1', 'm0']);
    expect(ids(queueOrder(roster(2), [...history].reverse()))).toEqual(['m1', 'm0']);
  });

  it('ties on the latest turn go to fewer turns served, then to who joined first', () => {
    const history: Served[] = [
      { userId: 'm0', role: 'facilitator', period: '2026-01-05' },
      { userId: 'm0', role: 'note-taker', period: '2025-12-01' },
      { userId: 'm1', role: 'facilitator', period: '2026-01-05' },
      { userId: 'm2', role: 'note-taker', period: '2026-01-05' },
    ];
    const members: RosterMember[] = [
      { userId: 'm0', joinSeq: 1, available: true },
      { userId: 'm2', joinSeq: 2, available: true },
      { userId: 'm1', joinSeq: 3, available: true },
    ];
    expect(ids(queueOrder(members, history))).toEqual(['m2', 'm1', 'm0']);
  });

  it('does not reorder the roster it is given', () => {
    const members = roster(3);
    queueOrder(members, [{ userId: 'm0', role: 'facilitator', period: '2026-01-05' }]);
    expect(ids(members)).toEqual(['m0', 'm1', 'm2']);
  });
});

describe('role matching', () => {
  it('prefers for each the role held least recently, then the role held fewer times', () => {
    // m0 and m1 both held both roles; m0 took notes more recently, m1 facilitated more recently.
    const history: Served[] = [
      { userId: 'm0', role: 'facilitator', period: '2026-01-05' },
      { userId: 'm0', role: 'note-taker', period: '2026-01-12' },
      { userId: 'm1', role: 'note-taker', period: '2026-01-05' },
      { userId: 'm1', role: 'facilitator', period: '2026-01-12' },
    ];
    expect(ids(planPeriod({ roles: ['facilitator', 'note-taker'], members: roster(2), history }))).toEqual(['m0', 'm1']);
    // Equally recent everywhere: the one held fewer times wins.
    const counted: Served[] = [
      { userId: 'm0', role: 'facilitator', period: '2026-01-05' },
      { userId: 'm0', role: 'facilitator', period: '2026-01-05' },
      { userId: 'm0', role: 'note-taker', period: '2026-01-05' },
      { userId: 'm1', role: 'facilitator', period: '2026-01-05' },
      { userId: 'm1', role: 'note-taker', period: '2026-01-05' },
      { userId: 'm1', role: 'note-taker', period: '2026-01-05' },
    ];
    expect(ids(planPeriod({ roles: ['facilitator', 'note-taker'], members: roster(2), history: counted }))).toEqual(['m1', 'm0']);
  });

  it('with no preference, roles go in queue order', () => {
    const plan = planPeriod({ roles: ['a', 'b', 'c', 'd', 'e'], members: roster(5), history: [] });
    expect(ids(plan)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('seven holders: the best of all assignments; each takes a role new to them', () => {
    const roles = Array.from({ length: 7 }, (_, i) => `r${i}`);
    const history: Served[] = roles.map((role, i) => ({ userId: `m${i}`, role, period: '2026-01-05' }));
    const plan = planPeriod({ roles, members: roster(7), history });
    for (const a of plan) expect(history.some((s) => s.userId === a.userId && s.role === a.role)).toBe(false);
    expect(new Set(ids(plan)).size).toBe(7);
  });

  it('up to seven holders the assignment is the best overall, even where role-by-role choice would not be', () => {
    // Everyone held every role last week, except: m0 never held r0 or r1, m1 never held r0, and
    // each other mi never held ri. Role by role, r0 would go to m0 (first in the queue) and leave m1
    // a role they just held; the best overall gives r0 to m1 and r1 to m0.
    const roles = Array.from({ length: 7 }, (_, i) => `r${i}`);
    const never = (m: number, r: number) => (m === 0 && r <= 1) || (m === 1 && r === 0) || (m >= 2 && m === r);
    const history: Served[] = [];
    for (let m = 0; m < 7; m++) for (let r = 0; r < 7; r++) if (!never(m, r)) history.push({ userId: `m${m}`, role: `r${r}`, period: '2026-01-05' });
    expect(ids(planPeriod({ roles, members: roster(7), history }))).toEqual(['m1', 'm0', 'm2', 'm3', 'm4', 'm5', 'm6']);
  });
});

describe('volunteers and doubling up', () => {
  it('a volunteer for a role the channel does not have, or who is not on the roster, is ignored', () => {
    const plan = planPeriod({
      roles: ['facilitator'],
      members: roster(2),
      history: [],
      volunteers: new Map([
        ['dj', 'm1'],
        ['facilitator', 'stranger'],
      ]),
    });
    expect(plan).toEqual([{ role: 'facilitator', userId: 'm0', source: 'auto' }]);
  });

  it('a volunteer is not given a second role while others are free', () => {
    const plan = planPeriod({ roles: ['facilitator', 'note-taker'], members: roster(3), history: [], volunteers: new Map([['facilitator', 'm0']]) });
    expect(plan).toEqual([
      { role: 'facilitator', userId: 'm0', source: 'volunteer' },
      { role: 'note-taker', userId: 'm1', source: 'auto' },
    ]);
  });

  it('doubles up in queue order, cycling through everyone available, least served first', () => {
    const history: Served[] = [{ userId: 'm0', role: 'a', period: '2026-01-05' }];
    const plan = planPeriod({ roles: ['a', 'b', 'c', 'd', 'e'], members: roster(3, [2]), history });
    // m1 (never served) then m0 take a and b; c, d, e cycle m1, m0, m1.
    expect(ids(plan)).toEqual(['m1', 'm0', 'm1', 'm0', 'm1']);
  });
});

describe('projections and statistics', () => {
  it('volunteers count for the first week only, and each week counts as served for the next', () => {
    const plans = projectPeriods({ roles: ['facilitator'], members: roster(3), history: [], volunteers: new Map([['facilitator', 'm2']]) }, [
      '2026-01-05',
      '2026-01-12',
      '2026-01-19',
    ]);
    expect(plans).toEqual([
      [{ role: 'facilitator', userId: 'm2', source: 'volunteer' }],
      [{ role: 'facilitator', userId: 'm0', source: 'auto' }],
      [{ role: 'facilitator', userId: 'm1', source: 'auto' }],
    ]);
  });

  it('an empty week (nobody available) adds no turn', () => {
    const plans = projectPeriods({ roles: ['facilitator'], members: roster(1, [0]), history: [] }, ['2026-01-05', '2026-01-12']);
    expect(plans).toEqual([[{ role: 'facilitator', userId: null, source: 'auto' }], [{ role: 'facilitator', userId: null, source: 'auto' }]]);
  });

  it('next in line passes over members who are away or excluded; nobody left gives undefined', () => {
    const members = roster(4, [1]);
    expect(nextInLine(members, [], new Set(['m0']))).toBe('m2');
    expect(nextInLine(members, [{ userId: 'm2', role: 'a', period: '2026-01-05' }], new Set(['m0']))).toBe('m3');
    expect(nextInLine(members, [], new Set(['m0', 'm2', 'm3']))).toBeUndefined();
  });

  it('counts turns per member and role', () => {
    const stats = serviceStats([
      { userId: 'm0', role: 'a', period: '1' },
      { userId: 'm0', role: 'a', period: '2' },
      { userId: 'm0', role: 'b', period: '3' },
      { userId: 'm1', role: 'b', period: '3' },
    ]);
    expect([...stats].map(([u, m]) => [u, Object.fromEntries(m)])).toEqual([
      ['m0', { a: 2, b: 1 }],
      ['m1', { b: 1 }],
    ]);
    expect(serviceStats([]).size).toBe(0);
  });
});
