import { describe, expect, it } from 'vitest';
import { type Doc, mention, name, text } from '../../../src/core/delivery/doc';
import type { Proposal } from '../../../src/core/types';
import { countsText, decisionsDoc, outcomeDoc, proposalCard, proposalListDoc, reminderDoc } from '../../../src/core/proposals/views';
import { docText } from '../../helpers/harness';

const T = Date.parse('2026-11-23T10:00:00Z'); // Monday
const DAY = 86_400_000;
const p = (over: Partial<Proposal> = {}): Proposal => ({
  id: 7,
  channelFk: 1,
  number: 3,
  authorId: 'alice',
  title: 'Buy a kettle',
  reasons: 'Tea for all',
  rule: 'consent',
  quorum: { kind: 'none' },
  createdAt: T,
  closesAt: T + 3 * DAY,
  remindAt: null,
  status: 'open',
  closedAt: null,
  closedBy: null,
  counts: { agree: 2, disagree: 1, abstain: 0, block: 0 },
  ...over,
});
const lines = (doc: Doc) => docText(doc).split('\n');
describe('counts', () => {
  it('every stance, in order', () => expect(countsText({ agree: 1, disagree: 2, abstain: 3, block: 4 })).toBe('1 agree, 2 disagree, 3 abstain, 4 block'));
});

describe('proposal card', () => {
  it('open: title, reasons, author, closing time, rule, how to vote, tally and voting', () => {
    const doc = proposalCard(p(), 'UTC', 4, []);
    expect(doc.kind).toBe('proposal');
    expect(doc.title).toBe('Proposal #3: Buy a kettle');
    expect(lines(doc)).toEqual([
      'Proposal #3: Buy a kettle',
      'Tea for all',
      'Proposed by @alice',
      'Closes Thu 26 Nov 2026 10:00 UTC',
      'Rule: consent',
      'Vote by reacting 👍 agree, 👎 disagree, 🤷 abstain or 🛑 block, or with the buttons.',
    ]);
    expect(doc.lines[1]).toEqual([text('Proposed by '), name('alice')]); // a name, never a ping
    expect(doc.tally).toEqual({ counts: { agree: 2, disagree: 1, abstain: 0, block: 0 }, voters: 3, quorumNeeded: 0 });
    expect(doc.voting).toEqual({ proposalId: 7, number: 3 });
    expect(doc.status).toBe('open');
    expect(doc.fields).toBeUndefined();
  });

  it('closed: when it closed, no voting and no "how to vote"; without reasons no empty line', () => {
    const doc = proposalCard(p({ status: 'passed', closedAt: T + DAY, reasons: '' }), 'UTC', 4, []);
    expect(lines(doc)).toEqual(['Proposal #3: Buy a kettle', 'Proposed by @alice', 'Closed Tue 24 Nov 2026 10:00 UTC', 'Rule: consent']);
    expect(doc.voting).toBeUndefined();
    expect(doc.status).toBe('passed');
    expect(lines(proposalCard(p({ status: 'rejected' }), 'UTC', 4, []))).toContain('Closed Thu 26 Nov 2026 10:00 UTC');
  });

  it('states the quorum in voters: one voter, several', () => {
    expect(lines(proposalCard(p({ quorum: { kind: 'count', n: 1 } }), 'UTC', 4, []))).toContain('Rule: consent · quorum: 1 voter');
    expect(lines(proposalCard(p({ rule: 'majority', quorum: { kind: 'share', percent: 50 } }), 'UTC', 5, []))).toContain('Rule: majority · quorum: 3 voters');
    expect(proposalCard(p({ quorum: { kind: 'share', percent: 50 } }), 'UTC', 5, []).tally!.quorumNeeded).toBe(3);
  });

  it('shows the last ten reasons as fields, each clipped to 200 characters', () => {
    const reasons = Array.from({ length: 12 }, (_, i) => ({ userId: `u${i}`, stance: i % 2 ? ('block' as const) : ('agree' as const), reason: `r${i}` }));
    reasons[11]!.reason = 'x'.repeat(300);
    const doc = proposalCard(p(), 'UTC', 4, reasons);
    expect(doc.fields).toHaveLength(10);
    expect(doc.fields![0]).toEqual({ label: '👍 agree', value: [name('u2'), text(': r2')] });
    expect(doc.fields![1]!.label).toBe('🛑 block');
    const last = (doc.fields![9]!.value[1] as { text: string }).text;
    expect(last).toBe(`: ${'x'.repeat(199)}…`);
    const exact = proposalCard(p(), 'UTC', 4, [{ userId: 'u', stance: 'agree', reason: 'y'.repeat(200) }]);
    expect((exact.fields![0]!.value[1] as { text: string }).text).toBe(`: ${'y'.repeat(200)}`);
  });
});

describe('outcome', () => {
  it('decided: the rule, the number of votes and the counts', () => {
    const doc = outcomeDoc(p({ status: 'passed', closedAt: T + DAY }), 'UTC', 4);
    expect(doc.kind).toBe('outcome');
    expect(lines(doc)).toEqual([
      'Proposal #3 passed: Buy a kettle',
      'Decided by consent with 3 votes: 2 agree, 1 disagree, 0 abstain, 0 block.',
      'Closed Tue 24 Nov 2026 10:00 UTC',
    ]);
    expect(doc.status).toBe('passed');
    expect(doc.tally).toEqual({ counts: p().counts, voters: 3, quorumNeeded: 0 });
    expect(lines(outcomeDoc(p({ status: 'rejected', counts: { agree: 0, disagree: 1, abstain: 0, block: 0 } }), 'UTC', 4))[1]).toBe(
      'Decided by consent with 1 vote: 0 agree, 1 disagree, 0 abstain, 0 block.',
    );
  });
  it('no quorum: how many voted and how many were needed', () => {
    const doc = outcomeDoc(p({ status: 'no_quorum', quorum: { kind: 'share', percent: 7 }, closedAt: T + DAY }), 'UTC', 100);
    expect(lines(doc).slice(0, 2)).toEqual(['Proposal #3 no quorum: Buy a kettle', 'No quorum: 3 voted, 7 needed.']);
    expect(doc.tally!.quorumNeeded).toBe(7);
  });
  it('closed early: by whom; withdrawn: by whom, and no "closed early"', () => {
    expect(lines(outcomeDoc(p({ status: 'passed', closedBy: 'bob', closedAt: T }), 'UTC', 4))).toContain('Closed early by @bob.');
    const w = outcomeDoc(p({ status: 'withdrawn', closedBy: 'bob', closedAt: T }), 'UTC', 4);
    expect(lines(w)).toEqual(['Proposal #3 withdrawn: Buy a kettle', 'Withdrawn by @bob.', 'Closed Mon 23 Nov 2026 10:00 UTC']);
    expect(lines(outcomeDoc(p({ status: 'withdrawn', closedAt: T }), 'UTC', 4))).toContain('Withdrawn by @alice.');
  });
});

describe('reminder', () => {
  it('pings each member who has not voted, separated by spaces, and says when voting closes', () => {
    const doc = reminderDoc(p(), 'UTC', ['bob', 'carol']);
    expect(doc.kind).toBe('reminder');
    expect(doc.title).toBe('Closing soon: proposal #3: Buy a kettle');
    expect(doc.lines[1]).toEqual([text('Not voted yet: '), mention('bob'), text(' '), mention('carol')]);
    expect(lines(doc)[1]).toBe('Voting closes Thu 26 Nov 2026 10:00 UTC.');
    expect(doc.tally).toEqual({ counts: p().counts, voters: 3, quorumNeeded: 0 });
  });
});

describe('lists', () => {
  it('proposal list: number, title, status, closing or closed time, counts; "None." when empty', () => {
    const doc = proposalListDoc('Open proposals', [p(), p({ number: 4, title: 'Paint', status: 'no_quorum', closedAt: T + DAY })], 'UTC');
    expect(lines(doc)).toEqual([
      'Open proposals',
      '#3 Buy a kettle · open · closes Thu 26 Nov 2026 10:00 UTC · 2 agree, 1 disagree, 0 abstain, 0 block',
      '#4 Paint · no quorum · closed Tue 24 Nov 2026 10:00 UTC · 2 agree, 1 disagree, 0 abstain, 0 block',
    ]);
    expect(lines(proposalListDoc('X', [], 'UTC'))).toEqual(['X', 'None.']);
  });
  it('decision log: number and outcome, title, when, counts; a word when empty', () => {
    const doc = decisionsDoc([p({ status: 'rejected', closedAt: T + DAY }), p({ number: 9, status: 'passed' })], 'UTC');
    expect(doc.title).toBe('Decision log');
    expect(lines(doc).slice(1)).toEqual([
      '#3 rejected Buy a kettle · Tue 24 Nov 2026 10:00 UTC · 2 agree, 1 disagree, 0 abstain, 0 block',
      '#9 passed Buy a kettle · Thu 26 Nov 2026 10:00 UTC · 2 agree, 1 disagree, 0 abstain, 0 block',
    ]);
    expect(lines(decisionsDoc([], 'UTC'))).toEqual(['Decision log', 'No decisions yet.']);
  });
});
