import { type Doc, mention, name, strong, text, time } from '../../src/core/delivery/doc';
import type { Assignment } from '../../src/core/rotation/plan';
import type { Proposal } from '../../src/core/types';
import { decisionsDoc, outcomeDoc, proposalCard, proposalListDoc, reminderDoc } from '../../src/core/proposals/views';
import { errorDoc } from '../../src/core/views';
import { rotationPingDoc, rotationShowDoc, statsDoc } from '../../src/core/rotation/views';
import { helpDoc } from '../../src/core/commands/help';

/**
 * Messages far past every platform limit, built by the real view builders: long titles, reasons and
 * names, hundreds of lines, fields and mentions, and text made of characters that escaping makes
 * longer (& becomes &amp; on Slack, * becomes \* on Discord). `users` are platform user ids.
 */
export function hugeDocs(users: string[]): { label: string; doc: Doc }[] {
  const u = (i: number) => users[i % users.length]!;
  const long = (n: number) => 'Ab&<>*_~`|@here '.repeat(Math.ceil(n / 16)).slice(0, n);
  const T = Date.UTC(2026, 10, 23, 10);
  const proposal = (over: Partial<Proposal> = {}): Proposal => ({
    id: 987_654_321,
    channelFk: 1,
    number: 999_999_999,
    authorId: u(0),
    title: long(5000),
    reasons: long(50_000),
    rule: 'supermajority',
    quorum: { kind: 'share', percent: 7 },
    createdAt: T,
    closesAt: T + 86_400_000,
    remindAt: null,
    status: 'open',
    closedAt: null,
    closedBy: null,
    counts: { agree: 123_456, disagree: 2, abstain: 3, block: 0 },
    ...over,
  });
  const reasons = Array.from({ length: 300 }, (_, i) => ({ userId: u(i), stance: 'agree' as const, reason: long(3000) }));
  const roles = Array.from({ length: 120 }, (_, i) => `role-${i}-${'x'.repeat(24)}`);
  const plan: Assignment[] = roles.map((role, i) => ({ role, userId: i % 7 ? u(i) : null, source: 'auto' }));
  const closed = Array.from({ length: 60 }, (_, i) => proposal({ number: i + 1, status: 'passed', closedAt: T }));
  const raw: Doc = {
    kind: 'notice',
    title: long(10_000),
    lines: Array.from({ length: 120 }, (_, i) => [strong(long(500)), text(long(2000)), mention(u(i)), name(u(i + 1)), time(T, long(300))]),
    fields: Array.from({ length: 80 }, (_, i) => ({ label: long(1000), value: [text(long(5000)), mention(u(i))] })),
    tally: { counts: { agree: 1e9, disagree: 1e9, abstain: 1e9, block: 1e9 }, voters: 4e9, quorumNeeded: 1e9 },
    voting: { proposalId: Number.MAX_SAFE_INTEGER, number: Number.MAX_SAFE_INTEGER },
    status: 'no_quorum',
  };
  return [
    { label: 'open proposal card', doc: proposalCard(proposal(), 'Europe/Berlin', 500, reasons) },
    { label: 'closed proposal card', doc: proposalCard(proposal({ status: 'rejected', closedAt: T }), 'UTC', 500, reasons) },
    { label: 'outcome', doc: outcomeDoc(proposal({ status: 'no_quorum', closedAt: T, closedBy: u(1) }), 'UTC', 500) },
    {
      label: 'reminder pinging hundreds',
      doc: reminderDoc(
        proposal(),
        'UTC',
        Array.from({ length: 400 }, (_, i) => u(i)),
      ),
    },
    {
      label: 'rotation ping, 120 roles',
      doc: rotationPingDoc({
        plan,
        start: T,
        zone: 'America/New_York',
        late: true,
        span: 'week',
        descriptions: new Map(plan.map((a) => [a.role, long(200)])),
        upNext: { start: T + 7 * 86_400_000, plan },
        previous: plan,
      }),
    },
    {
      label: 'rotation show',
      doc: rotationShowDoc(
        Array.from({ length: 8 }, (_, i) => ({ start: T + i * 7 * 86_400_000, plan, fixed: i === 0 })),
        'UTC',
        'on Mondays at 09:00',
        [[text(long(4000))]],
      ),
    },
    {
      label: 'stats',
      doc: statsDoc({
        roles,
        members: Array.from({ length: 300 }, (_, i) => u(i)),
        counts: new Map(),
        skips: new Map([[u(0), 5]]),
        available: { counts: new Map([[u(1), 40]]), since: '2026-01-05', complete: false },
      }),
    },
    { label: 'list', doc: proposalListDoc(long(400), closed, 'UTC') },
    { label: 'decisions', doc: decisionsDoc(closed, 'UTC') },
    { label: 'help', doc: helpDoc() },
    { label: 'error', doc: errorDoc(long(20_000), long(20_000)) },
    { label: 'raw doc with everything', doc: raw },
    {
      label: 'many short fields',
      doc: {
        kind: 'proposal',
        title: 'Fields',
        lines: [[text('x')]],
        fields: Array.from({ length: 80 }, (_, i) => ({ label: `f${i}`, value: [text('&*_')] })),
      },
    },
  ];
}
