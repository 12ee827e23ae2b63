import { describe, expect, it } from 'vitest';
import { quorumWarning } from '../../../src/core/proposals/quorum-check';

describe('quorum warnings at creation', () => {
  it('a count larger than the roster warns, naming both numbers', () => {
    expect(quorumWarning({ kind: 'count', n: 5 }, 3)).toBe(
      'Note: the quorum asks for 5 voters, more than the 3 on the rotation roster; it is met only if others in the channel vote too.',
    );
    expect(quorumWarning({ kind: 'count', n: 2 }, 0)).toContain('nobody is on this channel');
  });
  it('a count the roster can meet, exactly or more, is fine', () => {
    expect(quorumWarning({ kind: 'count', n: 3 }, 3)).toBeUndefined();
    expect(quorumWarning({ kind: 'count', n: 1 }, 9)).toBeUndefined();
  });
  it('a share of an empty roster asks for nobody: say so; of a real roster, fine', () => {
    expect(quorumWarning({ kind: 'share', percent: 50 }, 0)).toBe(
      'Note: the quorum is 50% of the rotation roster, which is empty, so for now it asks for no votes at all. Members join with /rotation join.',
    );
    expect(quorumWarning({ kind: 'share', percent: 100 }, 1)).toBeUndefined();
    expect(quorumWarning({ kind: 'none' }, 0)).toBeUndefined();
  });
});
