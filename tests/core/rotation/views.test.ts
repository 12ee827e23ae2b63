import { describe, expect, it } from 'vitest';
import { type Doc, mention, name, text } from '../../../src/core/delivery/doc';
import type { Assignment } from '../../../src/core/rotation/plan';
import { assignmentLines, rotationPingDoc, rotationShowDoc, statsDoc } from '../../../src/core/rotation/views';
import { docText } from '../../helpers/harness';

const T = Date.parse('2026-11-23T10:00:00Z'); // Monday
const DAY = 86_400_000;
const lines = (doc: Doc) => docText(doc).split('\n');
describe('rotation', () => {
  const plan: Assignment[] = [
    { role: 'facilitator', userId: 'alice', source: 'auto' },
    { role: 'note-taker', userId: null, source: 'auto' },
  ];
  it('assignment lines: the role in bold, the holder pinged or named, or how to volunteer', () => {
    expect(assignmentLines(plan, true)).toEqual([
      [{ strong: 'facilitator' }, text(': '), mention('alice')],
      [{ strong: 'note-taker' }, text(': '), text('nobody yet: /rotation volunteer note-taker')],
    ]);
    expect(assignmentLines(plan, false)[0]![2]).toEqual(name('alice'));
  });
  it('the weekly ping pings the holders and says how to get out of it; late ones say so', () => {
    const doc = rotationPingDoc({ plan, start: T - 3_600_000, zone: 'UTC', late: false, span: 'week' });
    expect(doc.title).toBe("This week's roles (week of Mon 23 Nov 2026)");
    expect(doc.late).toBe(false);
    expect(lines(doc).slice(1)).toEqual([
      'facilitator: @alice',
      'note-taker: nobody yet: /rotation volunteer note-taker',
      "Can't make it? /rotation skip, /rotation swap @someone, or /rotation away <until>.",
    ]);
    const late = rotationPingDoc({ plan, start: T - 3_600_000, zone: 'UTC', late: true, span: 'week' });
    expect(late.late).toBe(true);
    expect(lines(late)).toContain('(Late: this was due Mon 23 Nov 2026 09:00 UTC, while I was offline.)');
  });
  it('show: this week (fixed) and the planned weeks, the schedule and the roster note', () => {
    const doc = rotationShowDoc(
      [
        { start: T, plan, fixed: true },
        { start: T + 7 * DAY, plan, fixed: false },
      ],
      'UTC',
      'Mondays at 09:00',
      [[text('Roster: alice')]],
    );
    expect(doc.title).toBe('Rotation');
    expect(lines(doc).slice(1)).toEqual([
      'This week of Mon 23 Nov 2026',
      'facilitator: @alice',
      'note-taker: nobody yet: /rotation volunteer note-taker',
      'Week of Mon 30 Nov 2026 (planned)',
      'facilitator: @alice',
      'note-taker: nobody yet: /rotation volunteer note-taker',
      'Pings go out Mondays at 09:00.',
      'Roster: alice',
    ]);
    expect(pingless(doc)).toBe(true);
    const unannounced = rotationShowDoc([{ start: T, plan, fixed: false }], 'UTC', 'Mondays at 09:00', []);
    expect(lines(unannounced)[1]).toBe('No roles announced for this week.');
    expect(lines(rotationShowDoc([], 'UTC', 'Mondays at 09:00', []))[1]).toBe('No roles announced for this week.');
  });
  it('stats: turns per role for each member, skips when any, and a word when nobody served', () => {
    const counts = new Map([['alice', new Map([['facilitator', 2]])]]);
    const doc = statsDoc({ roles: ['facilitator', 'note-taker'], members: ['alice', 'bob'], counts, skips: new Map([['bob', 1]]) });
    expect(lines(doc)).toEqual(['Who served how often', '@alice: facilitator 2, note-taker 0', '@bob: facilitator 0, note-taker 0, skipped 1']);
    expect(lines(statsDoc({ roles: ['facilitator'], members: [], counts: new Map(), skips: new Map() }))[1]).toBe('Nobody has served yet.');
  });
});

const pingless = (doc: Doc) => doc.lines.flat().every((s) => !('user' in s) || !s.ping);
