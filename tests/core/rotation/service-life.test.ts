/**
 * The rotation's commands keep their word as a group lives: schedules other than weekly, roles that
 * say what they are and who may hold them, volunteering and absences that never leave a role with
 * someone away, and a ping that names who is up next and thanks those before.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../../src/core/schedule';
import { docText, harness, roleHolders, T0 } from '../../helpers/harness';

const said = (r: { doc: Parameters<typeof docText>[0] } | undefined) => docText(r!.doc).trim();
const MON_NEXT = Date.parse('2026-11-30T09:00:00Z'); // T0 is Monday 23 Nov 10:00 UTC
const admin = { admin: true };

function team(names = ['ann', 'bob', 'cat']) {
  const h = harness();
  for (const n of names) h.run(n, '/rotation join');
  return h;
}

/** role -> holder in the current period, from the store. */
function holding(h: ReturnType<typeof harness>): Record<string, string | null> {
  const channel = h.store.channels.find(h.address)!;
  const p = h.service.rotation.currentPeriod(channel);
  return Object.fromEntries(h.store.rotation.assignments(channel.id, p.key).map((a) => [a.role, a.userId]));
}

describe('/rotation schedule: every n weeks and monthly', () => {
  it('every 2 weeks: pings two weeks apart, the first at the next such weekday; show and settings say so', async () => {
    const h = team();
    expect(said(h.run('root', '/rotation schedule every 2 weeks monday 09:00', admin))).toBe(
      'Rotation pings now go out every 2 weeks on Mondays at 09:00 (UTC); the next is Mon 30 Nov 2026 09:00 UTC.',
    );
    await h.advance(5 * 7 * DAY);
    expect(h.port.posts('rotation').map((p) => new Date(p.at).toISOString())).toEqual([
      '2026-11-30T09:00:00.000Z',
      '2026-12-14T09:00:00.000Z',
      '2026-12-28T09:00:00.000Z',
    ]);
    expect(h.port.posts('rotation')[0]!.doc.title).toBe('Roles for the 2 weeks from Mon 30 Nov 2026');
    expect(said(h.run('ann', '/rotation schedule'))).toBe(
      'Rotation pings go out every 2 weeks on Mondays at 09:00 (UTC); the next is Mon 11 Jan 2027 09:00 UTC.',
    );
    expect(said(h.run('ann', '/leaderful settings'))).toContain('Rotation: every 2 weeks on Mondays at 09:00');
  });

  it('switching to every 2 weeks after this week’s ping keeps this week’s roles: the series runs through this week', async () => {
    const h = team();
    await h.advance(MON_NEXT - T0 + DAY); // Tuesday, after Monday's ping
    expect(said(h.run('root', '/rotation schedule every 2 weeks monday 09:00', admin))).toContain('the next is Mon 14 Dec 2026 09:00 UTC');
    expect(h.run('ann', '/rotation skip').ok).toBe(true); // the current roles are still the announced ones
    expect(holding(h).facilitator).toBe('cat');
  });

  it('every other week from a date: the series runs through that week', async () => {
    const h = team();
    expect(said(h.run('root', '/rotation schedule every other week wednesday 18:00 from 2026-12-07', admin))).toBe(
      'Rotation pings now go out every 2 weeks on Wednesdays at 18:00 (UTC); the next is Wed 25 Nov 2026 18:00 UTC.',
    );
    await h.advance(3 * 7 * DAY);
    expect(h.port.posts('rotation').map((p) => new Date(p.at).toISOString())).toEqual(['2026-11-25T18:00:00.000Z', '2026-12-09T18:00:00.000Z']);
  });

  it('monthly: the first Monday and the last Friday of each month, in the channel zone across DST', async () => {
    const h = team();
    h.run('root', '/leaderful settings timezone America/New_York', admin);
    expect(said(h.run('root', '/rotation schedule last friday 17:00', admin))).toBe(
      'Rotation pings now go out the last Friday of each month at 17:00 (America/New_York); the next is Fri 27 Nov 2026 17:00 EST.',
    );
    await h.advance(130 * DAY);
    expect(h.port.posts('rotation').map((p) => new Date(p.at).toISOString())).toEqual([
      '2026-11-27T22:00:00.000Z',
      '2026-12-25T22:00:00.000Z',
      '2027-01-29T22:00:00.000Z',
      '2027-02-26T22:00:00.000Z',
      '2027-03-26T21:00:00.000Z', // 17:00 EDT after the March change
    ]);
    expect(h.port.posts('rotation')[0]!.doc.title).toBe('Roles for the month from Fri 27 Nov 2026');
    h.run('root', '/rotation schedule first monday 09:00', admin);
    expect(h.store.channels.find(h.address)!.nextRotationAt).toBe(Date.parse('2027-04-05T13:00:00Z'));
  });

  it('catch-up after downtime posts the missed monthly ping once, marked late, and the next one on time', async () => {
    const h = team();
    h.run('root', '/rotation schedule first monday 09:00', admin);
    // Down from before the 7 December ping until the 20th: one late ping when it comes back, however often it checks.
    h.clock.set(Date.parse('2026-12-20T12:00:00Z'));
    expect(h.service.runDue().pinged).toBe(1);
    expect(h.service.runDue().pinged).toBe(0);
    await h.dispatcher.drain();
    const posts = h.port.posts('rotation');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.doc.late).toBe(true);
    expect(docText(posts[0]!.doc)).toContain('this was due Mon 7 Dec 2026 09:00 UTC');
    expect(h.store.channels.find(h.address)!.nextRotationAt).toBe(Date.parse('2027-01-04T09:00:00Z'));
    await h.advance(Date.parse('2027-01-04T09:00:00Z') - h.clock.now());
    expect(h.port.posts('rotation')).toHaveLength(2);
    expect(h.port.posts('rotation')[1]!.doc.late).toBe(false);
  });

  it('only admins and stewards change it; anyone may see it; bad forms say what is wanted', () => {
    const h = team();
    expect(said(h.run('ann', '/rotation schedule every 2 weeks monday 09:00'))).toContain('Only channel admins');
    expect(said(h.run('ann', '/rotation schedule'))).toBe('Rotation pings go out Mondays at 09:00 (UTC); the next is Mon 30 Nov 2026 09:00 UTC.');
    for (const [bad, why] of [
      ['every 13 weeks monday 09:00', '1 to 12 weeks'],
      ['every few weeks monday 09:00', 'how many weeks apart'],
      ['fifth monday 09:00', 'weekday'],
      ['last monday', 'HH:MM'],
      ['last monday 09:00 of the month', 'monthly schedule'],
      ['every 2 weeks monday 09:00 starting soon', 'from <date>'],
      ['every week monday 09:00 from 2026-12-07', 'needs no from'],
    ] as const) {
      const r = h.run('root', `/rotation schedule ${bad}`, admin);
      expect(r.ok, bad).toBe(false);
      expect(said(r), bad).toContain(why);
    }
    const r = h.run('root', '/rotation schedule every 2 weeks monday 09:00 from someday', admin);
    expect(r.ok).toBe(false);
    expect(said(r)).toContain("couldn't read");
    expect(h.store.channels.find(h.address)!.settings.rotationRepeat).toEqual({ every: 'week' });
  });

  it('survives a restart: the schedule is in the database', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'lf-')), 'leaderful.db');
    const a = harness({ db });
    a.run('ann', '/rotation join');
    a.run('root', '/rotation schedule every 3 weeks tuesday 08:15', admin);
    a.store.close();
    const b = harness({ db });
    expect(b.store.channels.find(b.address)!.settings.rotationRepeat).toMatchObject({ every: 'weeks', n: 3 });
    expect(said(b.run('ann', '/rotation schedule'))).toContain('every 3 weeks on Tuesdays at 08:15');
    b.store.close();
  });
});

describe('/rotation roles describe and eligible', () => {
  it('a description is shown in the ping, in /rotation show and /rotation roles; clear removes it', async () => {
    const h = team();
    expect(said(h.run('ann', '/rotation roles describe facilitator keeps time'))).toContain('Only channel admins');
    expect(said(h.run('root', '/rotation roles describe facilitator keeps time and the agenda', admin))).toBe('facilitator: keeps time and the agenda');
    expect(said(h.run('ann', '/rotation roles'))).toBe('Roles, in order\nfacilitator: keeps time and the agenda\nnote-taker');
    expect(said(h.run('ann', '/rotation show'))).toContain('facilitator: @ann (keeps time and the agenda)');
    await h.advance(MON_NEXT - T0);
    expect(docText(h.port.posts('rotation')[0]!.doc)).toContain('facilitator: @ann (keeps time and the agenda)');
    expect(said(h.run('root', '/rotation roles describe facilitator clear', admin))).toBe('The role facilitator has no description now.');
    expect(said(h.run('ann', '/rotation roles'))).toBe('Roles, in order\nfacilitator\nnote-taker');
    expect(said(h.run('root', '/rotation roles describe dj plays music', admin))).toContain('no role "dj"');
    expect(said(h.run('root', `/rotation roles describe facilitator ${'x'.repeat(201)}`, admin))).toContain('at most 200');
  });

  it('a role limited to some members only ever goes to them, and stays empty when none of them is free', async () => {
    const h = team(['ann', 'bob', 'cat', 'dan']);
    h.run('root', '/rotation roles add treasurer', admin);
    expect(said(h.run('root', '/rotation roles eligible treasurer <@dan> <@cat>', admin))).toBe(
      'Only these may be treasurer now: @dan, @cat\nIf none of them is free in a week, the role stays empty that week.',
    );
    expect(said(h.run('ann', '/rotation roles'))).toContain('treasurer · only @cat, @dan');
    for (let week = 0; week < 6; week++) {
      await h.advance(week ? 7 * DAY : MON_NEXT - T0);
      expect(['cat', 'dan']).toContain(holding(h).treasurer);
    }
    h.run('cat', '/rotation away 3w');
    h.run('dan', '/rotation away 3w');
    await h.advance(7 * DAY);
    expect(holding(h).treasurer).toBeNull();
    expect(holding(h).facilitator).not.toBeNull();
    expect(docText(h.port.posts('rotation').at(-1)!.doc)).toContain('treasurer: nobody yet');
    expect(said(h.run('root', '/rotation roles eligible treasurer everyone', admin))).toBe('Anyone on the rotation may be treasurer now.');
    expect(h.store.rotation.eligible(1).has('treasurer')).toBe(false);
  });

  it('volunteering, skipping into and swapping into a limited role respect the limit', async () => {
    const h = team(['ann', 'bob', 'cat']);
    h.run('root', '/rotation roles eligible facilitator <@ann> <@bob>', admin);
    const v = h.run('cat', '/rotation volunteer facilitator');
    expect(v.ok).toBe(false);
    expect(said(v)).toContain('limited to some members');
    await h.advance(MON_NEXT - T0);
    expect(holding(h).facilitator).toBe('ann');
    // cat is free, but not eligible: ann's skip goes to bob (who then also holds note-taker? no: bob is busy, so nobody else).
    const before = holding(h);
    expect(before['note-taker']).toBe('bob');
    const offer = h.run('ann', '/rotation swap <@cat>');
    expect(offer.ok).toBe(false);
    expect(said(offer)).toContain('They may not hold facilitator');
    const skip = h.run('ann', '/rotation skip');
    expect(skip.ok).toBe(false);
    expect(said(skip)).toContain('Nobody else is free to be facilitator');
    expect(holding(h)).toEqual(before);
  });

  it('only members on the rotation can be named; removing a role removes its limit', () => {
    const h = team();
    const r = h.run('root', '/rotation roles eligible facilitator <@zed>', admin);
    expect(r.ok).toBe(false);
    expect(said(r)).toContain('not on the rotation');
    expect(said(h.run('root', '/rotation roles eligible facilitator', admin))).toContain('Name who may hold it');
    h.run('root', '/rotation roles add treasurer', admin);
    h.run('root', '/rotation roles eligible treasurer <@ann>', admin);
    h.run('root', '/rotation roles describe treasurer keeps the books', admin);
    h.run('root', '/rotation roles remove treasurer', admin);
    h.run('root', '/rotation roles add treasurer', admin);
    expect(said(h.run('ann', '/rotation roles'))).toBe('Roles, in order\nfacilitator\nnote-taker\ntreasurer');
  });
});

describe('volunteering keeps its word', () => {
  it('is refused for a week you are away, and withdrawn (privately) when you become away', () => {
    const h = team();
    h.run('ann', '/rotation away 2026-12-02');
    const r = h.run('ann', '/rotation volunteer facilitator');
    expect(r.ok).toBe(false);
    expect(said(r)).toBe("You're away until Wed 2 Dec 2026 23:59 UTC, which covers the week of Mon 30 Nov 2026. /rotation back first if your plans changed.");
    expect(said(h.run('bob', '/rotation volunteer note-taker'))).toBe("Thank you: you're note-taker for the week of Mon 30 Nov 2026.");
    expect(said(h.run('bob', '/rotation away 2w'))).toBe(
      "You're away until Mon 7 Dec 2026 10:00 UTC: the rotation will pass you over until then.\nYour offer to be note-taker for the week of Mon 30 Nov 2026 is withdrawn.",
    );
    expect(h.store.rotation.volunteers(1, '2026-11-30').size).toBe(0);
  });

  it('one role each while others are free; a second role when nobody else is; cancel withdraws', () => {
    const h = team(['ann', 'bob']);
    h.run('ann', '/rotation volunteer facilitator');
    const second = h.run('ann', '/rotation volunteer note-taker');
    expect(second.ok).toBe(false);
    expect(said(second)).toContain("You've already volunteered as facilitator for the week of Mon 30 Nov 2026, and others are free to be note-taker");
    h.run('bob', '/rotation away 2w');
    expect(said(h.run('ann', '/rotation volunteer note-taker'))).toBe("Thank you: you're note-taker for the week of Mon 30 Nov 2026.");
    expect(said(h.run('ann', '/rotation volunteer cancel'))).toBe(
      "Withdrawn: you're no longer volunteering as facilitator and note-taker for the week of Mon 30 Nov 2026. The rotation chooses as usual.",
    );
    const again = h.run('ann', '/rotation volunteer cancel');
    expect(again.ok).toBe(false);
    expect(said(again)).toContain("haven't volunteered");
    expect(said(h.run('ann', '/rotation volunteer facilitator'))).toContain('Thank you');
    expect(said(h.run('ann', '/rotation volunteer facilitator'))).toContain("You're already facilitator");
  });
});

describe('/rotation away while holding a role', () => {
  it('away past the next ping: the role goes to the next in line, the channel is told, the reply says so', async () => {
    const h = team(['ann', 'bob', 'cat']);
    await h.advance(MON_NEXT - T0);
    expect(holding(h).facilitator).toBe('ann');
    expect(said(h.run('ann', '/rotation away 2w'))).toBe(
      "You're away until Mon 14 Dec 2026 09:00 UTC: the rotation will pass you over until then.\nfacilitator went to the next in line; the channel is told.",
    );
    expect(holding(h).facilitator).toBe('cat');
    await h.dispatcher.drain();
    expect(docText(h.port.posts('rotation').at(-1)!.doc)).toBe('Rotation change\n@ann is away this week; facilitator: @cat');
  });

  it('back before the next ping: the role stays, with a clear reminder of how to hand it on', async () => {
    const h = team(['ann', 'bob', 'cat']);
    await h.advance(MON_NEXT - T0);
    expect(said(h.run('ann', '/rotation away 2d'))).toContain(
      "You still hold facilitator now: you're back before the next ping. If you can't do it, /rotation skip hands it on.",
    );
    expect(holding(h).facilitator).toBe('ann');
  });

  it('nobody free to take it: it stays, and the reply says so plainly', async () => {
    const h = team(['ann', 'bob']);
    await h.advance(MON_NEXT - T0);
    expect(said(h.run('ann', '/rotation away 3w'))).toContain('Nobody else is free to be facilitator, so it stays with you');
    expect(holding(h).facilitator).toBe('ann');
  });

  it('a swap with someone away is refused; accepting while away is refused when it would give you a role', async () => {
    const h = team(['ann', 'bob', 'cat']);
    await h.advance(MON_NEXT - T0);
    h.run('cat', '/rotation away 2d');
    const r = h.run('ann', '/rotation swap <@cat>');
    expect(r.ok).toBe(false);
    expect(said(r)).toContain('They are away until Wed 2 Dec 2026 09:00 UTC');
    expect(h.run('cat', '/rotation back').ok).toBe(true);
    expect(h.run('ann', '/rotation swap <@cat>').ok).toBe(true);
    h.run('cat', '/rotation away 1d');
    const accept = h.run('cat', '/rotation accept');
    expect(accept.ok).toBe(false);
    expect(said(accept)).toContain('You are away until');
    expect(holding(h).facilitator).toBe('ann');
  });
});

describe('the ping names who is up next and thanks those before', () => {
  it('up next by name (no ping), thanks by name; the first ping thanks nobody', async () => {
    const h = team(['ann', 'bob', 'cat']);
    await h.advance(MON_NEXT - T0);
    const first = h.port.posts('rotation')[0]!.doc;
    expect(docText(first)).not.toContain('Thank you');
    expect(docText(first)).toContain('Up next (week of Mon 7 Dec 2026), so you can prepare: facilitator @cat, note-taker @ann.');
    await h.advance(7 * DAY);
    const second = h.port.posts('rotation')[1]!.doc;
    expect(roleHolders(second)).toEqual(['cat', 'ann']); // up next was right
    expect(docText(second)).toContain('Thank you to those who served before: @ann (facilitator), @bob (note-taker).');
    // Only the holders are pinged.
    const pinged = second.lines
      .flat()
      .filter((s) => 'user' in s && s.ping)
      .map((s) => ('user' in s ? s.user : ''));
    expect(pinged.sort()).toEqual(['ann', 'cat']);
  });

  it('up next counts a volunteer for that week', async () => {
    const h = team(['ann', 'bob', 'cat']);
    await h.advance(MON_NEXT - T0 - HOUR);
    await h.advance(HOUR);
    h.run('bob', '/rotation volunteer facilitator');
    await h.advance(7 * DAY - MINUTE);
    await h.advance(MINUTE);
    expect(roleHolders(h.port.posts('rotation')[1]!.doc)[0]).toBe('bob');
  });
});

describe('/rotation stats: weeks available', () => {
  it('counts the pings at which each member was on the rotation and not away', async () => {
    const h = team(['ann', 'bob', 'cat']);
    await h.advance(MON_NEXT - T0);
    h.run('cat', '/rotation away 2026-12-08');
    await h.advance(14 * DAY);
    const stats = said(h.run('ann', '/rotation stats'));
    expect(stats).toMatch(/@ann: [^\n]*, available 3/);
    expect(stats).toMatch(/@cat: [^\n]*, available 2/);
    expect(stats).toContain('Available: the pings at which each was on the rotation and not away.');
  });
});
