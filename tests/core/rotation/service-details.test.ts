// The rotation commands at their edges (swaps and permissions are in rotation-service.test.ts and
// tests/reliability/permissions.test.ts).
import { describe, expect, it } from 'vitest';
import { DAY, LATE_AFTER, MINUTE } from '../../../src/core/schedule';
import { docText, harness, roleHolders, T0 } from '../../helpers/harness';

const said = (r: { doc: Parameters<typeof docText>[0] } | undefined) => docText(r!.doc).trim();
const MON_NEXT = Date.parse('2026-11-30T09:00:00Z');

describe('joining, leaving, away and back', () => {
  it('join says when pings go out; joining twice says so; the first member schedules the ping', () => {
    const h = harness();
    expect(h.store.channels.find(h.address)?.nextRotationAt ?? null).toBeNull();
    expect(said(h.run('ann', '/rotation join'))).toBe('Welcome to the rotation. Roles are pinged Mondays at 09:00 (UTC); /rotation show has the plan.');
    expect(h.store.channels.find(h.address)!.nextRotationAt).toBe(MON_NEXT);
    expect(said(h.run('ann', '/rotation join'))).toContain('already on the rotation');
    expect(h.store.rotation.activeCount(1)).toBe(1);
  });

  it('the last member leaving unschedules the ping; someone not on it cannot leave, skip, be away or volunteer', () => {
    const h = harness();
    h.run('ann', '/rotation join');
    for (const cmd of ['leave', 'skip', 'back', 'away 2d', 'volunteer facilitator']) {
      const r = h.run('bob', `/rotation ${cmd}`);
      expect(r.ok, cmd).toBe(false);
      expect(said(r), cmd).toContain('/rotation join');
    }
    expect(said(h.run('ann', '/rotation leave'))).toContain('left the rotation');
    expect(h.store.channels.find(h.address)!.nextRotationAt).toBeNull();
  });

  it('away until a moment in the future; then passed over at the ping; back brings them in again', async () => {
    const h = harness();
    for (const u of ['ann', 'bob', 'cat']) h.run(u, '/rotation join');
    expect(said(h.run('ann', '/rotation away 2026-12-01 12:00'))).toBe(
      "You're away until Tue 1 Dec 2026 12:00 UTC: the rotation will pass you over until then.",
    );
    for (const bad of ['2026-11-23 10:00', '2020-01-01']) {
      const r = h.run('ann', `/rotation away ${bad}`);
      expect(r.ok).toBe(false);
      expect(said(r)).toContain('already passed');
    }
    expect(h.run('ann', '/rotation away someday').ok).toBe(false);
    expect(said(h.run('carol', '/rotation show'))).toContain('@ann (away until Tue 1 Dec 2026)');
    await h.advance(MON_NEXT - T0);
    expect(roleHolders(h.port.posts('rotation')[0]!.doc)).not.toContain('ann');
    expect(said(h.run('ann', '/rotation back'))).toContain('Welcome back');
    expect(h.store.rotation.roster(1).find((m) => m.userId === 'ann')!.awayUntil).toBeNull();
  });

  it('someone away until exactly the ping serves at it', async () => {
    const h = harness();
    for (const u of ['ann', 'bob', 'cat']) h.run(u, '/rotation join');
    h.run('ann', '/rotation away 2026-11-30 09:00');
    await h.advance(MON_NEXT - T0);
    expect(docText(h.port.posts('rotation')[0]!.doc)).toContain('facilitator: @ann');
  });
});

describe('the weekly ping', () => {
  it('on time it is not marked late; fifteen minutes late is still on time, a minute more is late', async () => {
    for (const [delay, late] of [
      [0, false],
      [LATE_AFTER, false],
      [LATE_AFTER + MINUTE, true],
    ] as const) {
      const h = harness();
      h.run('ann', '/rotation join');
      h.clock.set(MON_NEXT + delay);
      expect(h.service.runDue().pinged).toBe(1);
      await h.dispatcher.drain();
      expect(h.port.posts('rotation')[0]!.doc.late, `${delay}`).toBe(late);
    }
  });

  it('once a week, and the next one is scheduled a week on', () => {
    const h = harness();
    h.run('ann', '/rotation join');
    h.clock.set(MON_NEXT);
    expect(h.service.runDue().pinged).toBe(1);
    expect(h.service.runDue().pinged).toBe(0);
    expect(h.store.channels.find(h.address)!.nextRotationAt).toBe(MON_NEXT + 7 * DAY);
  });

  it('a channel whose roster emptied after the ping was scheduled posts nothing and stops scheduling', () => {
    const h = harness();
    h.run('ann', '/rotation join');
    h.store.rotation.leave(1, 'ann'); // straight in the store: the scheduled ping stays
    h.clock.set(MON_NEXT);
    expect(h.service.runDue().pinged).toBe(0);
    expect(h.store.channels.find(h.address)!.nextRotationAt).toBeNull();
  });
});

describe('skip', () => {
  it('refused with no role this week; refused before an announcement, naming the next ping', async () => {
    const h = harness();
    for (const u of ['ann', 'bob', 'cat']) h.run(u, '/rotation join');
    const early = h.run('ann', '/rotation skip');
    expect(early.ok).toBe(false);
    expect(said(early)).toContain('Mon 30 Nov 2026 09:00 UTC');
    await h.advance(MON_NEXT - T0);
    const r = h.run('cat', '/rotation skip');
    expect(r.ok).toBe(false);
    expect(said(r)).toContain('nothing to skip');
  });

  it('hands the role to the next free member, publicly, and the answer says the skipper is first next time', async () => {
    const h = harness();
    for (const u of ['ann', 'bob', 'cat']) h.run(u, '/rotation join');
    await h.advance(MON_NEXT - T0);
    // The answer says exactly what happens next: her next turn, as the plan now stands.
    expect(said(h.run('ann', '/rotation skip'))).toBe(
      'Done: facilitator went to the next in line. The turn counts for them, not you, so you stay owed one.\n' +
        'As things stand your next turn is note-taker for the week of Mon 7 Dec 2026 (plans change as people are away, volunteer or swap).',
    );
    await h.dispatcher.drain();
    const notice = h.port.posts('rotation').at(-1)!.doc;
    expect(notice.title).toBe('Rotation change');
    expect(docText(notice)).toContain('@ann skips this week; facilitator: @cat');
    const stats = said(h.run('ann', '/rotation stats'));
    expect(stats).toContain('@ann: facilitator 0, note-taker 0, skipped 1');
  });
});

describe('volunteering', () => {
  it('for the next announced week; a role someone else took is refused; the same person may repeat', () => {
    const h = harness();
    for (const u of ['ann', 'bob']) h.run(u, '/rotation join');
    expect(said(h.run('bob', '/rotation volunteer facilitator'))).toBe("Thank you: you're facilitator for the week of Mon 30 Nov 2026.");
    expect(h.run('bob', '/rotation volunteer facilitator').ok).toBe(true);
    const taken = h.run('ann', '/rotation volunteer facilitator');
    expect(taken.ok).toBe(false);
    expect(said(taken)).toContain('already volunteered');
    const none = h.run('ann', '/rotation volunteer dj');
    expect(none.ok).toBe(false);
    expect(said(none)).toContain('"dj"');
    expect(said(none)).toContain('facilitator, note-taker');
  });
});

describe('roles and schedule (by an admin)', () => {
  it('lists, adds up to ten, refuses duplicates, removes, keeps at least one', () => {
    const h = harness();
    expect(said(h.run('ann', '/rotation roles'))).toBe('Roles, in order\nfacilitator\nnote-taker');
    expect(said(h.run('root', '/rotation roles add timekeeper', { admin: true }))).toBe(
      'Added the role timekeeper. Roles: facilitator, note-taker, timekeeper.',
    );
    expect(said(h.run('root', '/rotation roles add timekeeper', { admin: true }))).toContain('already a role "timekeeper"');
    for (let i = 4; i <= 10; i++) expect(h.run('root', `/rotation roles add r${i}`, { admin: true }).ok).toBe(true);
    const eleventh = h.run('root', '/rotation roles add r11', { admin: true });
    expect(eleventh.ok).toBe(false);
    expect(said(eleventh)).toContain('10');
    expect(said(h.run('root', '/rotation roles remove timekeeper', { admin: true }))).toMatch(
      /^Removed the role timekeeper\. Roles: facilitator, note-taker, r4/,
    );
    for (let i = 4; i <= 10; i++) h.run('root', `/rotation roles remove r${i}`, { admin: true });
    h.run('root', '/rotation roles remove note-taker', { admin: true });
    const last = h.run('root', '/rotation roles remove facilitator', { admin: true });
    expect(last.ok).toBe(false);
    expect(said(last)).toContain('last role');
    expect(said(h.run('root', '/rotation roles remove nope', { admin: true }))).toContain('"nope"');
  });

  it('a new schedule moves the next ping and is shown as the channel says it', () => {
    const h = harness();
    h.run('ann', '/rotation join');
    expect(said(h.run('root', '/rotation schedule wednesday 18:30', { admin: true }))).toBe(
      'Rotation pings now go out Wednesdays at 18:30 (UTC); the next is Wed 25 Nov 2026 18:30 UTC.',
    );
    expect(h.store.channels.find(h.address)!.nextRotationAt).toBe(Date.parse('2026-11-25T18:30:00Z'));
    expect(said(h.run('ann', '/rotation show'))).toContain('Pings go out Wednesdays at 18:30 (UTC).');
  });

  it('without a roster, a new schedule schedules nothing', () => {
    const h = harness();
    h.run('root', '/rotation schedule friday 08:00', { admin: true });
    expect(h.store.channels.find(h.address)!.nextRotationAt).toBeNull();
  });
});

describe('show', () => {
  it('before any announcement: says so, plans four weeks, lists the roster', () => {
    const h = harness();
    for (const u of ['ann', 'bob']) h.run(u, '/rotation join');
    const lines = said(h.run('ann', '/rotation show')).split('\n');
    expect(lines[1]).toBe('No roles announced for this week.');
    expect(lines.filter((l) => l.startsWith('Week of'))).toEqual([
      'Week of Mon 30 Nov 2026 (planned)',
      'Week of Mon 7 Dec 2026 (planned)',
      'Week of Mon 14 Dec 2026 (planned)',
      'Week of Mon 21 Dec 2026 (planned)',
    ]);
    expect(lines.at(-1)).toBe('Roster (2): @ann, @bob');
  });

  it('with nobody on the roster, says how to join', () => {
    const h = harness();
    expect(said(h.run('ann', '/rotation show')).split('\n').at(-1)).toBe('Roster (0): nobody yet. /rotation join to take part.');
  });
});
