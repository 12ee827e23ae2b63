import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, quorumNeeded, rulePasses, votersOf } from '../../src/core/tally';
import { type Counts, RULES } from '../../src/core/types';

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
