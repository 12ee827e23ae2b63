import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors';
import { emptyCounts, formatQuorum, type Quorum, quorumFromStored, STATUS_WORDS } from '../../src/core/types';

describe('quorum as stored text', () => {
  it.each<[Quorum, string]>([
    [{ kind: 'none' }, 'none'],
    [{ kind: 'count', n: 5 }, '5'],
    [{ kind: 'share', percent: 7 }, '7%'],
    [{ kind: 'share', percent: 100 }, '100%'],
  ])('%j is written %s and read back the same', (q, stored) => {
    expect(formatQuorum(q)).toBe(stored);
    expect(quorumFromStored(stored)).toEqual(q);
  });

  it('an empty or missing value means no quorum', () => {
    expect(quorumFromStored(null)).toEqual({ kind: 'none' });
    expect(quorumFromStored('')).toEqual({ kind: 'none' });
  });
});

describe('vocabulary', () => {
  it('fresh counts are all zero, and a new object each time', () => {
    const a = emptyCounts();
    expect(a).toEqual({ agree: 0, disagree: 0, abstain: 0, block: 0 });
    a.agree = 3;
    expect(emptyCounts().agree).toBe(0);
  });

  it('status words read as people say them', () => {
    expect(STATUS_WORDS).toEqual({ open: 'open', passed: 'passed', rejected: 'rejected', no_quorum: 'no quorum', withdrawn: 'withdrawn' });
  });
});

describe('UserError', () => {
  it('carries the message and, when given, the usage to show with it', () => {
    const e = new UserError('No such proposal.', '/close <proposal#>');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('UserError');
    expect(e.message).toBe('No such proposal.');
    expect(e.usage).toBe('/close <proposal#>');
    expect(new UserError('Plain.').usage).toBeUndefined();
  });
});
