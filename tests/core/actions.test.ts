import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Action, ACTION_ID_MAX, actionId, parseActionId } from '../../src/core/actions';
import { STANCES } from '../../src/core/types';

describe('action ids', () => {
  it('every action reads back as itself, within the strictest platform limit', () => {
    const action = fc.oneof(
      fc.record({ kind: fc.constant('vote' as const), proposalId: fc.integer({ min: 1, max: 999_999_999_999_999 }), stance: fc.constantFrom(...STANCES) }),
      fc.record({
        kind: fc.constant('reason' as const),
        proposalId: fc.integer({ min: 1, max: 999_999_999_999_999 }),
        number: fc.integer({ min: 1, max: 999_999_999 }),
      }),
      fc.record({ kind: fc.constant('reason-modal' as const), proposalId: fc.integer({ min: 1, max: 999_999_999_999_999 }) }),
      fc.constant({ kind: 'propose-modal' as const }),
    );
    fc.assert(
      fc.property(action, (a: Action) => {
        const id = actionId(a);
        expect(id.length).toBeLessThanOrEqual(ACTION_ID_MAX);
        expect(parseActionId(id)).toEqual(a);
      }),
      { numRuns: 500, seed: 4 },
    );
  });

  it('stale, forged or foreign ids are nothing', () => {
    for (const bad of [
      '',
      'lf',
      'lf:v',
      'lf:v:1',
      'lf:v:1:maybe',
      'lf:v:x:agree',
      'lf:v:1:agree:x',
      'lf:r:1',
      'lf:r:1:x',
      'lf:rm',
      'lf:rm:1:2',
      'lf:pm:1',
      'xx:pm',
      'lf:v:1234567890123456:agree',
      'leaderful_vote_agree',
      'lf:r:1:agree',
      'lf:rm:1:agree',
      'lf:x:1:agree',
    ]) {
      expect(parseActionId(bad), bad).toBeUndefined();
    }
  });
});
