import { describe, expect, it } from 'vitest';
import { DAY } from '../../../src/core/schedule';
import { docText, harness, T0 } from '../../helpers/harness';

const NEXT_MONDAY_9 = Date.parse('2026-11-30T09:00:00Z');

function holdersOf(text: string): string[] {
  return [...text.matchAll(/^(?:facilitator|note-taker): @(\S+)$/gm)].map((m) => m[1]!);
}

describe('the rotation service feeds the rule what it needs', () => {
  it('someone joining a running rotation starts at the group’s level: their share of turns, not every week', async () => {
    const h = harness();
    for (const n of ['alice', 'bob', 'carol']) h.run(n, '/rotation join');
    await h.advance(NEXT_MONDAY_9 - T0);
    await h.advance(5 * 7 * DAY); // six pings: 12 turns, 4 each
    h.run('dave', '/rotation join');
    await h.advance(4 * 7 * DAY); // four more pings with four members and two roles: 2 turns each
    const pings = h.port.posts('rotation').map((p) => holdersOf(docText(p.doc)));
    expect(pings).toHaveLength(10);
    const count = (u: string, from: number) =>
      pings
        .slice(from)
        .flat()
        .filter((x) => x === u).length;
    for (const u of ['alice', 'bob', 'carol']) expect(count(u, 0) - count(u, 6)).toBe(4);
    for (const u of ['alice', 'bob', 'carol', 'dave']) expect(count(u, 6)).toBe(2);
    expect(pings[6]).toContain('dave'); // and right away: a newcomer has waited longest
  });

  it('/rotation show plans the weeks ahead by the same rule the pings then follow', async () => {
    const h = harness();
    for (const n of ['alice', 'bob', 'carol', 'dave', 'erin']) h.run(n, '/rotation join');
    await h.advance(NEXT_MONDAY_9 - T0);
    h.run('bob', '/rotation skip'); // an unequal week, so the plan has something to even out
    const planned = [...docText(h.run('alice', '/rotation show').doc).matchAll(/\(planned\)\n([^\n]+)\n([^\n]+)/g)].map((m) => holdersOf(`${m[1]}\n${m[2]}`));
    expect(planned).toHaveLength(4);
    await h.advance(4 * 7 * DAY);
    const pinged = h.port
      .posts('rotation')
      .filter((p) => p.doc.title?.startsWith("This week's roles"))
      .slice(1)
      .map((p) => holdersOf(docText(p.doc)));
    expect(pinged).toEqual(planned);
  });

  it('/rotation stats says how far each member is from the group’s level', async () => {
    const h = harness();
    for (const n of ['alice', 'bob', 'carol', 'erin']) h.run(n, '/rotation join');
    await h.advance(NEXT_MONDAY_9 - T0);
    await h.advance(7 * DAY); // two pings, four turns: alice and bob, then carol and erin
    h.run('alice', '/rotation volunteer facilitator');
    await h.advance(7 * DAY); // alice volunteers: a third turn for her, one week early
    h.run('erin', '/rotation leave');
    h.run('dave', '/rotation join');
    const stats = docText(h.run('bob', '/rotation stats').doc);
    expect(stats).toMatch(/@alice: facilitator 2, note-taker 0, available 3 · 1 ahead/);
    expect(stats).toMatch(/@bob: facilitator 0, note-taker \d+, available 3 · level with the group/);
    expect(stats).toMatch(/@dave: facilitator 0, note-taker 0, available 0 · level with the group/); // a newcomer starts level
    expect(stats).toMatch(/@erin: [^·\n]*$/m); // has left: no standing
  });
});
