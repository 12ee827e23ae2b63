import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, describeRule, quorumNeeded, rulePasses, votersOf } from '../../../src/core/proposals/tally';
import { type Counts, RULES } from '../../../src/core/types';

const c = (agree: number, disagree = 0, abstain = 0, block = 0): Counts => ({ agree, disagree, abstain, block });
const none = { kind: 'none' } as const;

describe('consent', () => {
  it('passes with one agree and no block', () => expect(decide('consent', none, c(1), 0)).toBe('passed'));
  it('is rejected by a single block, however many agree', () => expect(decide('consent', none, c(10, 0, 0, 1), 0)).toBe('rejected'));
  it('is rejected with no agree at all', () => expect(decide('consent', none, c(0, 0, 3), 0)).toBe('rejected'));
  it('passes even with disagrees when nobody blocks', () => expect(decide('consent', none, c(1, 5), 0)).toBe('passed'));
});

describe('majority', () => {
  it('passes when agrees outnumber disagrees', () => expect(decide('majority', none, c(3, 2), 0)).toBe('passed'));
  it('is rejected on a tie', () => expect(decide('majority', none, c(2, 2), 0)).toBe('rejected'));
  it('ignores abstentions', () => expect(decide('majority', none, c(1, 0, 9), 0)).toBe('passed'));
  it('does not treat a block as a veto', () => expect(decide('majority', none, c(3, 1, 0, 1), 0)).toBe('passed'));
});

describe('supermajority (2/3 of agree + disagree, no block)', () => {
  it('passes at exactly two thirds', () => expect(decide('supermajority', none, c(2, 1), 0)).toBe('passed'));
  it('is rejected just under two thirds', () => expect(decide('supermajority', none, c(5, 3), 0)).toBe('rejected'));
  it('is rejected by a block', () => expect(decide('supermajority', none, c(9, 0, 0, 1), 0)).toBe('rejected'));
  it('is rejected with no decisive votes', () => expect(decide('supermajority', none, c(0, 0, 4), 0)).toBe('rejected'));
  it('respects a custom threshold', () => expect(rulePasses('supermajority', c(3, 1), 0.8)).toBe(false));
  it('the default threshold is two thirds exactly, not 0.65 nor 0.67', () => {
    expect(decide('supermajority', none, c(65, 35), 0)).toBe('rejected'); // 0.65 < 2/3
    expect(decide('supermajority', none, c(66, 34), 0)).toBe('rejected'); // 0.66 < 2/3
    expect(decide('supermajority', none, c(67, 33), 0)).toBe('passed'); // 0.67 ≥ 2/3
    expect(decide('supermajority', none, c(199, 101), 0)).toBe('rejected'); // 0.6633…
    expect(decide('supermajority', none, c(200, 100), 0)).toBe('passed'); // exactly 2/3
    expect(decide('supermajority', none, c(4, 2), 0)).toBe('passed');
    expect(decide('supermajority', none, c(1, 0), 0)).toBe('passed');
    expect(decide('supermajority', none, c(0, 1), 0)).toBe('rejected');
  });
  it('exactly two thirds passes and one agree less fails, for every size up to 3,000 decisive votes', () => {
    for (let k = 1; k <= 1000; k++) {
      expect(rulePasses('supermajority', c(2 * k, k)), `${2 * k}/${k}`).toBe(true);
      expect(rulePasses('supermajority', c(2 * k - 1, k)), `${2 * k - 1}/${k}`).toBe(false);
    }
  });
  it('agrees with exact integer arithmetic (3 × agree ≥ 2 × decisive) on any counts', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), fc.nat(3), (agree, disagree, abstain) => {
        const exact = agree + disagree > 0 && 3 * agree >= 2 * (agree + disagree);
        expect(rulePasses('supermajority', c(agree, disagree, abstain))).toBe(exact);
      }),
    );
  });
  it('abstentions do not count toward the two thirds', () => {
    expect(rulePasses('supermajority', c(2, 1, 100))).toBe(true);
    expect(rulePasses('supermajority', c(0, 0, 1))).toBe(false);
  });
});

describe('quorum', () => {
  it('a count needs that many voters; abstain and block count', () => {
    expect(decide('consent', { kind: 'count', n: 3 }, c(1, 0, 1), 10)).toBe('no_quorum');
    expect(decide('consent', { kind: 'count', n: 3 }, c(1, 0, 1, 1), 10)).toBe('rejected');
    expect(decide('consent', { kind: 'count', n: 3 }, c(2, 0, 1), 10)).toBe('passed');
  });
  it('a share is of the roster, rounded up', () => {
    expect(quorumNeeded({ kind: 'share', percent: 50 }, 5)).toBe(3);
    expect(decide('majority', { kind: 'share', percent: 50 }, c(2), 5)).toBe('no_quorum');
    expect(decide('majority', { kind: 'share', percent: 50 }, c(3), 5)).toBe('passed');
  });
  it('no quorum needs nobody', () => expect(quorumNeeded(none, 100)).toBe(0));
  it('a count quorum ignores the roster size', () => {
    expect(quorumNeeded({ kind: 'count', n: 4 }, 0)).toBe(4);
    expect(quorumNeeded({ kind: 'count', n: 4 }, 100)).toBe(4);
  });
  it('a share rounds up, never to the nearest (ceil, not round)', () => {
    expect(quorumNeeded({ kind: 'share', percent: 10 }, 11)).toBe(2); // 1.1 voters → 2
    expect(quorumNeeded({ kind: 'share', percent: 40 }, 1)).toBe(1); // 0.4 → 1
    expect(quorumNeeded({ kind: 'share', percent: 1 }, 1)).toBe(1); // 0.01 → 1
    expect(quorumNeeded({ kind: 'share', percent: 100 }, 7)).toBe(7);
    expect(quorumNeeded({ kind: 'share', percent: 50 }, 0)).toBe(0); // an empty roster asks for nobody
  });
  it('a share that is a whole number of voters asks for exactly that many (no floating-point extra)', () => {
    // (0.07 × 100 = 7.000000000000001 in floating point once asked for 8.)
    expect(quorumNeeded({ kind: 'share', percent: 7 }, 100)).toBe(7);
    expect(quorumNeeded({ kind: 'share', percent: 14 }, 50)).toBe(7);
    expect(quorumNeeded({ kind: 'share', percent: 14 }, 150)).toBe(21);
    expect(decide('consent', { kind: 'share', percent: 7 }, c(7), 100)).toBe('passed');
    expect(decide('consent', { kind: 'share', percent: 7 }, c(6), 100)).toBe('no_quorum');
  });
});

/** The exact answer, in BigInt rationals: the least n with n / roster ≥ percent / 100. */
function exactShare(percent: number, roster: number): number {
  const num = BigInt(percent) * BigInt(roster);
  return Number(num / 100n + (num % 100n === 0n ? 0n : 1n));
}

describe('share quorum against exact arithmetic', () => {
  it('every share 1–100 % of every roster 1–500 asks for exactly ceil(percent × roster / 100)', () => {
    const wrong: string[] = [];
    for (let percent = 1; percent <= 100; percent++) {
      for (let roster = 1; roster <= 500; roster++) {
        const got = quorumNeeded({ kind: 'share', percent }, roster);
        if (got !== exactShare(percent, roster)) wrong.push(`${percent}% of ${roster}: ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });
  it('is the least number of voters reaching the share, for any roster size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 1_000_000 }), (percent, roster) => {
        const n = quorumNeeded({ kind: 'share', percent }, roster);
        expect(n).toBe(exactShare(percent, roster));
        // n voters reach the share and n - 1 do not: n × 100 ≥ percent × roster > (n - 1) × 100.
        expect(n * 100).toBeGreaterThanOrEqual(percent * roster);
        if (n > 0) expect((n - 1) * 100).toBeLessThan(percent * roster);
      }),
    );
  });
});

const counts = fc.record({ agree: fc.nat(50), disagree: fc.nat(50), abstain: fc.nat(50), block: fc.nat(50) });

describe('tally properties', () => {
  it('adding an abstention never changes a decision once quorum is met', () => {
    fc.assert(
      fc.property(counts, fc.constantFrom(...RULES), (k, rule) => {
        expect(decide(rule, none, { ...k, abstain: k.abstain + 1 }, 0)).toBe(decide(rule, none, k, 0));
      }),
    );
  });
  it('an extra agree never turns a pass into a rejection', () => {
    fc.assert(
      fc.property(counts, fc.constantFrom(...RULES), (k, rule) => {
        if (decide(rule, none, k, 0) === 'passed') expect(decide(rule, none, { ...k, agree: k.agree + 1 }, 0)).toBe('passed');
      }),
    );
  });
  it('a block rejects under consent and supermajority', () => {
    fc.assert(
      fc.property(counts, fc.constantFrom('consent', 'supermajority' as const), (k, rule) => {
        expect(decide(rule, none, { ...k, block: k.block + 1 }, 0)).toBe('rejected');
      }),
    );
  });
  it('below quorum is always no_quorum, at or above never', () => {
    fc.assert(
      fc.property(counts, fc.integer({ min: 1, max: 250 }), fc.constantFrom(...RULES), (k, n, rule) => {
        const d = decide(rule, { kind: 'count', n }, k, 0);
        expect(d === 'no_quorum').toBe(votersOf(k) < n);
      }),
    );
  });
});

describe('rules described', () => {
  it('each rule says when it passes', () => {
    expect(describeRule('consent')).toBe('consent: passes with at least one agree and no block');
    expect(describeRule('majority')).toBe('majority: passes when agrees outnumber disagrees');
    expect(describeRule('supermajority')).toBe('supermajority: passes with two thirds of agree + disagree and no block');
  });
});
