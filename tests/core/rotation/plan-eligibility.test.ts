/** Roles limited to some members (a treasurer): the rule never gives them to anyone else, and fills them when it can. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayHold, nextInLine, planPeriod, projectPeriods, type RosterMember } from '../../../src/core/rotation/plan';

const member = (i: number, available = true): RosterMember => ({ userId: `m${i}`, joinSeq: i, available });

describe('eligibility in the plan', () => {
  it('a role open to all is open to all; a limited role only to those named', () => {
    const eligible = new Map([['treasurer', new Set(['m1'])]]);
    expect(mayHold(eligible, 'facilitator', 'm9')).toBe(true);
    expect(mayHold(eligible, 'treasurer', 'm1')).toBe(true);
    expect(mayHold(eligible, 'treasurer', 'm2')).toBe(false);
    expect(mayHold(undefined, 'treasurer', 'm2')).toBe(true);
  });

  it('the only eligible member takes the limited role every period and the others rotate the rest', () => {
    const roles = ['facilitator', 'note-taker', 'treasurer'];
    const members = [1, 2, 3, 4, 5].map((i) => member(i));
    const eligible = new Map([['treasurer', new Set(['m4'])]]);
    const plans = projectPeriods({ roles, members, history: [], eligible }, ['2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25']);
    for (const plan of plans) {
      expect(plan[2]).toEqual({ role: 'treasurer', userId: 'm4', source: 'auto' });
      expect(plan.slice(0, 2).map((a) => a.userId)).not.toContain('m4'); // others are free: no doubling up
    }
  });

  it('an eligible member who already holds a role takes the limited one too when no other eligible member is free', () => {
    const roles = ['facilitator', 'treasurer'];
    // m1 volunteered as facilitator; only m1 may be treasurer; m2 is free but not eligible.
    const plan = planPeriod({
      roles,
      members: [member(1), member(2)],
      history: [],
      volunteers: new Map([['facilitator', 'm1']]),
      eligible: new Map([['treasurer', new Set(['m1'])]]),
    });
    expect(plan.map((a) => a.userId)).toEqual(['m1', 'm1']);
  });

  it('a volunteer for a role limited to others is ignored', () => {
    const plan = planPeriod({
      roles: ['treasurer'],
      members: [member(1), member(2)],
      history: [],
      volunteers: new Map([['treasurer', 'm2']]),
      eligible: new Map([['treasurer', new Set(['m1'])]]),
    });
    expect(plan).toEqual([{ role: 'treasurer', userId: 'm1', source: 'auto' }]);
  });

  it('next in line for a limited role is an eligible member, or nobody', () => {
    const members = [member(1), member(2), member(3)];
    const eligible = new Map([['treasurer', new Set(['m3'])]]);
    expect(nextInLine(members, [], new Set(['m1']), { role: 'treasurer', roles: ['treasurer'], eligible })).toBe('m3');
    expect(nextInLine(members, [], new Set(['m3']), { role: 'treasurer', roles: ['treasurer'], eligible })).toBeUndefined();
  });

  it('property: nobody ever holds a role they may not; a role is empty only when no available member may hold it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (n, r, allowed, present) => {
          const roles = Array.from({ length: r }, (_, i) => `r${i}`);
          const members = Array.from({ length: n }, (_, i) => member(i, present[i]!));
          // Roles 0 and 2 (when there) are limited to the members `allowed` marks.
          const eligible = new Map(
            roles.filter((_, i) => i % 2 === 0).map((role, k) => [role, new Set(members.filter((_, i) => allowed[k * 8 + i]).map((m) => m.userId))] as const),
          );
          const plans = projectPeriods({ roles, members, history: [], eligible }, ['2027-01-04', '2027-01-11', '2027-01-18']);
          for (const plan of plans) {
            for (const a of plan) {
              if (a.userId !== null) {
                expect(mayHold(eligible, a.role, a.userId)).toBe(true);
                expect(members.find((m) => m.userId === a.userId)!.available).toBe(true);
              } else {
                expect(members.some((m) => m.available && mayHold(eligible, a.role, m.userId))).toBe(false);
              }
            }
          }
        },
      ),
      { numRuns: 300, seed: 9 },
    );
  });
});
