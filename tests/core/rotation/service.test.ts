import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../../src/core/schedule';
import { docText, harness, roleHolders, T0 } from '../../helpers/harness';

const NEXT_MONDAY_9 = Date.parse('2026-11-30T09:00:00Z');

function team(names = ['alice', 'bob', 'carol']) {
  const h = harness();
  for (const n of names) h.run(n, '/rotation join');
  return h;
}

async function toNextPing(h: ReturnType<typeof harness>) {
  await h.advance(NEXT_MONDAY_9 - h.clock.now());
}

describe('weekly ping', () => {
  it('names who holds each role, with mentions, at the channel time', async () => {
    const h = team();
    await h.advance(NEXT_MONDAY_9 - T0 - 1);
    expect(h.port.posts('rotation')).toHaveLength(0);
    await h.advance(1);
    const ping = h.port.posts('rotation')[0]!;
    expect(ping.at).toBe(NEXT_MONDAY_9);
    expect(docText(ping.doc)).toContain('facilitator: @alice');
    expect(docText(ping.doc)).toContain('note-taker: @bob');
    expect(ping.doc.lines[0]).toContainEqual({ user: 'alice', ping: true });
    expect(ping.doc.late).toBe(false);
  });

  it('rotates fairly week after week', async () => {
    const h = team();
    for (let w = 0; w < 3; w++) await h.advance(7 * DAY);
    const holders = h.port.posts('rotation').map((p) => docText(p.doc).split('\n').slice(1, 3).join(' / '));
    expect(holders).toEqual(['facilitator: @alice / note-taker: @bob', 'facilitator: @carol / note-taker: @alice', 'facilitator: @bob / note-taker: @carol']);
  });

  it('follows the channel time zone and schedule', async () => {
    const h = team();
    h.run('alice', '/leaderful settings timezone America/New_York', { admin: true });
    h.run('alice', '/rotation schedule wednesday 18:30', { admin: true });
    await h.advance(3 * DAY);
    expect(h.port.posts('rotation')[0]!.at).toBe(Date.parse('2026-11-25T23:30:00Z'));
  });

  it('a roster smaller than the roles doubles up rather than leaving a role empty', async () => {
    const h = team(['solo']);
    await toNextPing(h);
    expect(docText(h.port.posts('rotation')[0]!.doc)).toMatch(/facilitator: @solo\n.*note-taker: @solo/);
  });

  it('no roster, no ping', async () => {
    const h = harness();
    h.run('alice', '/propose Hello');
    await h.advance(14 * DAY);
    expect(h.port.posts('rotation')).toHaveLength(0);
  });
});

describe('roster changes', () => {
  it('away members are passed over until they are back', async () => {
    const h = team();
    h.run('alice', '/rotation away 2026-12-03');
    await toNextPing(h);
    expect(roleHolders(h.port.posts('rotation')[0]!.doc)).not.toContain('alice');
    h.run('alice', '/rotation back');
    await h.advance(7 * DAY);
    expect(docText(h.port.posts('rotation')[1]!.doc)).toContain('facilitator: @alice');
  });

  it('away needs a future date', () => {
    const h = team();
    expect(docText(h.run('alice', '/rotation away 2020-01-01').doc)).toMatch(/already passed/);
    expect(docText(h.run('alice', '/rotation away whenever').doc)).toMatch(/couldn't read/);
  });

  it('leave takes you off; join brings you back', async () => {
    const h = team(['alice', 'bob']);
    h.run('bob', '/rotation leave');
    await toNextPing(h);
    expect(docText(h.port.posts('rotation')[0]!.doc)).not.toContain('@bob');
    expect(docText(h.run('bob', '/rotation leave').doc)).toMatch(/not on this channel's rotation/);
  });

  it('skip hands the turn to the next in line and announces it', async () => {
    const h = team();
    await toNextPing(h);
    const r = h.run('alice', '/rotation skip');
    expect(r.ok).toBe(true);
    await h.dispatcher.drain();
    const change = h.port.posts('rotation').at(-1)!;
    expect(docText(change.doc)).toMatch(/@alice skips this week; facilitator: @carol/);
    expect(change.doc.lines[0]).toContainEqual({ user: 'carol', ping: false }); // named, not pinged
    expect(h.service.rotation.currentFacilitators(h.store.channels.find(h.address)!)).toEqual(['carol']);
    // alice did not serve, so she goes first next week.
    await h.advance(7 * DAY);
    expect(docText(h.port.posts('rotation').at(-1)!.doc)).toMatch(/@alice/);
  });

  it('skip before any roles were announced is refused', () => {
    const h = team();
    expect(docText(h.run('alice', '/rotation skip').doc)).toMatch(/No roles have been announced/);
  });

  it('skip with nobody free is refused and changes nothing', async () => {
    const h = team(['alice', 'bob']);
    await toNextPing(h);
    expect(docText(h.run('alice', '/rotation skip').doc)).toMatch(/Nobody else is free/);
    expect(h.store.rotation.skipCounts(1).size).toBe(0);
  });

  /** Who holds each role this week, from the store. */
  const holders = (h: ReturnType<typeof harness>) => {
    const channel = h.store.channels.find(h.address)!;
    const p = h.service.rotation.currentPeriod(channel);
    return Object.fromEntries(h.store.rotation.assignments(channel.id, p.key).map((a) => [a.role, a.userId]));
  };

  it('swap is an offer: nothing changes until the other member accepts, then they hold each other’s roles', async () => {
    const h = team();
    await toNextPing(h);
    expect(holders(h)).toEqual({ facilitator: 'alice', 'note-taker': 'bob' });
    const offered = h.run('alice', '/rotation swap <@carol>');
    expect(docText(offered.doc)).toMatch(/Offered\. Nothing changes unless they accept; the offer lapses Mon 7 Dec 2026 09:00/);
    expect(holders(h)).toEqual({ facilitator: 'alice', 'note-taker': 'bob' });
    await h.dispatcher.drain();
    const notice = h.port.posts('rotation').at(-1)!.doc;
    expect(docText(notice)).toMatch(/@alice \(facilitator\) offers @carol \(no role\) a swap for this week/);
    expect(notice.lines.flat()).toContainEqual({ user: 'carol', ping: false });
    expect(notice.lines.flat().some((s) => 'user' in s && s.ping)).toBe(false); // offers ping nobody
    // Only carol can accept it.
    expect(docText(h.run('bob', '/rotation accept').doc)).toMatch(/Nobody has offered you a swap/);
    expect(docText(h.run('carol', '/rotation accept').doc)).toMatch(/Swapped\. This week you hold facilitator/);
    expect(holders(h)).toEqual({ facilitator: 'carol', 'note-taker': 'bob' });
    expect(h.service.rotation.currentFacilitators(h.store.channels.find(h.address)!)).toEqual(['carol']);
    await h.dispatcher.drain();
    const change = h.port.posts('rotation').at(-1)!.doc;
    expect(docText(change)).toMatch(/@carol accepted the swap @alice offered, for this week\.\nfacilitator: @carol/);
    expect(change.lines.flat().some((s) => 'user' in s && s.ping)).toBe(false); // change notices ping nobody
    // The offer is used up.
    expect(docText(h.run('carol', '/rotation accept @alice').doc)).toMatch(/no swap offer waiting for you/);
    expect(docText(h.run('bob', '/rotation swap @bob').doc)).toMatch(/yourself/);
    expect(docText(h.run('bob', '/rotation swap <@zed>').doc)).toMatch(/not on the rotation/);
  });

  it('a declined offer changes nothing; offers lapse when the week ends', async () => {
    const h = team();
    await toNextPing(h);
    h.run('alice', '/rotation swap @bob');
    expect(docText(h.run('alice', '/rotation swap @bob').doc)).toMatch(/already offered them/);
    expect(docText(h.run('bob', '/rotation swap @alice').doc)).toMatch(/already offered you a swap/);
    expect(docText(h.run('bob', '/rotation decline').doc)).toMatch(/Declined/);
    expect(holders(h)).toEqual({ facilitator: 'alice', 'note-taker': 'bob' });
    await h.dispatcher.drain();
    expect(docText(h.port.posts('rotation').at(-1)!.doc)).toMatch(/@bob declined the swap @alice offered\. Nothing changes\./);
    h.run('alice', '/rotation swap @carol');
    expect(docText(h.run('bob', '/rotation show').doc)).toMatch(/Swap offered: @alice → @carol, until Mon 7 Dec 2026 09:00/);
    await h.advance(7 * DAY);
    expect(docText(h.run('carol', '/rotation accept').doc)).toMatch(/Nobody has offered you a swap/);
    expect(h.store.db.prepare('SELECT count(*) AS n FROM swap_offers').get()).toEqual({ n: 0 }); // pruned when it lapsed
  });

  it('an offer survives a restart', async () => {
    const dir = (await import('node:fs')).mkdtempSync((await import('node:path')).join((await import('node:os')).tmpdir(), 'leaderful-swap-'));
    const db = `${dir}/bot.db`;
    const h = harness({ db });
    for (const n of ['alice', 'bob', 'carol']) h.run(n, '/rotation join');
    await toNextPing(h);
    h.run('alice', '/rotation swap @carol');
    h.store.close();
    const again = harness({ db, start: h.clock.now() + HOUR });
    expect(docText(again.run('carol', '/rotation accept @alice').doc)).toMatch(/Swapped/);
    expect(holders(again)).toEqual({ facilitator: 'carol', 'note-taker': 'bob' });
  });

  it('with several offers, accept asks whose', async () => {
    const h = team(['alice', 'bob', 'carol', 'dana']);
    await toNextPing(h);
    h.run('alice', '/rotation swap @dana');
    h.run('bob', '/rotation swap @dana');
    expect(docText(h.run('dana', '/rotation accept').doc)).toMatch(/Several members offered you a swap: @alice, @bob\. Say whose/);
    expect(h.run('dana', '/rotation accept @bob').ok).toBe(true);
    expect(holders(h)).toEqual({ facilitator: 'alice', 'note-taker': 'dana' });
    // dana's roles changed, so alice's offer (made when dana held none) no longer means what it said: it is gone.
    expect(docText(h.run('dana', '/rotation accept @alice').doc)).toMatch(/no swap offer waiting for you/);
    expect(holders(h)).toEqual({ facilitator: 'alice', 'note-taker': 'dana' });
  });

  it('an identical change notice within 15 minutes is not posted again; a different one is', async () => {
    const h = team();
    await toNextPing(h);
    for (let i = 0; i < 3; i++) {
      h.run('alice', '/rotation swap @bob');
      h.run('bob', '/rotation decline');
    }
    h.run('alice', '/rotation swap @carol'); // a different notice, in the same millisecond
    await h.dispatcher.drain();
    const titles = () =>
      h.port
        .posts('rotation')
        .slice(1)
        .map((p) => docText(p.doc).split('\n').slice(0, 2).join(' '));
    expect(titles()).toEqual([
      'Swap offered @alice (facilitator) offers @bob (note-taker) a swap for this week.',
      'Swap declined @bob declined the swap @alice offered. Nothing changes.',
      'Swap offered @alice (facilitator) offers @carol (no role) a swap for this week.',
    ]);
    h.clock.advance(16 * MINUTE);
    h.run('alice', '/rotation swap @bob');
    await h.dispatcher.drain();
    expect(titles()).toHaveLength(4);
  });

  it('away is capped at 366 days (no more "away until Invalid DateTime")', () => {
    const h = team();
    expect(docText(h.run('alice', '/rotation away 99999999w').doc)).toMatch(/at most 366 days/);
    expect(docText(h.run('alice', '/rotation away 53w').doc)).toMatch(/at most 366 days/);
    expect(h.store.rotation.roster(1).find((m) => m.userId === 'alice')!.awayUntil).toBeNull();
    expect(docText(h.run('alice', '/rotation away 52w').doc)).toMatch(/You're away until Mon 22 Nov 2027 10:00/);
    expect(docText(h.run('alice', `/rotation away ${'1'.repeat(50)}`).doc)).toMatch(/Write a time like 3d/);
  });

  it('swap by @name resolves names the bot has seen', async () => {
    const h = team();
    await toNextPing(h);
    expect(h.run('bob', '/rotation swap @alice').ok).toBe(true);
    expect(docText(h.run('bob', '/rotation swap @nobody').doc)).toMatch(/don't know anyone called @nobody/);
  });

  it('volunteers are first at the next announcement', async () => {
    const h = team();
    expect(docText(h.run('carol', '/rotation volunteer facilitator').doc)).toMatch(/facilitator for the week of Mon 30 Nov 2026/);
    expect(docText(h.run('bob', '/rotation volunteer facilitator').doc)).toMatch(/already volunteered/);
    expect(docText(h.run('bob', '/rotation volunteer juggler').doc)).toMatch(/no role "juggler"/);
    await toNextPing(h);
    expect(docText(h.port.posts('rotation')[0]!.doc)).toContain('facilitator: @carol');
  });

  it('roles can be added and removed by admins only', async () => {
    const h = team();
    expect(docText(h.run('bob', '/rotation roles add timekeeper').doc)).toMatch(/Only channel admins/);
    expect(h.run('admin', '/rotation roles add timekeeper', { admin: true }).ok).toBe(true);
    expect(docText(h.run('bob', '/rotation roles').doc)).toBe('Roles, in order\nfacilitator\nnote-taker\ntimekeeper');
    await toNextPing(h);
    expect(docText(h.port.posts('rotation')[0]!.doc)).toMatch(/timekeeper: @carol/);
    expect(h.run('admin', '/rotation roles remove note-taker', { admin: true }).ok).toBe(true);
    h.run('admin', '/rotation roles remove timekeeper', { admin: true });
    expect(docText(h.run('admin', '/rotation roles remove facilitator', { admin: true }).doc)).toMatch(/last role/);
  });

  it('stewards listed in settings count as admins', () => {
    const h = team();
    h.run('admin', '/leaderful settings steward add <@bob>', { admin: true });
    expect(h.run('bob', '/rotation schedule friday 10:00').ok).toBe(true);
    expect(h.run('carol', '/rotation schedule friday 11:00').ok).toBe(false);
  });

  it('show lists this week and the next few, and stats count who served', async () => {
    const h = team();
    expect(docText(h.run('bob', '/rotation show').doc)).toMatch(/No roles announced for this week/);
    await toNextPing(h);
    await h.advance(7 * DAY);
    const show = docText(h.run('bob', '/rotation show').doc);
    expect(show).toMatch(/This week of Mon 7 Dec 2026\nfacilitator: @carol\nnote-taker: @alice/);
    expect(show).toMatch(/Week of Mon 14 Dec 2026 \(planned\)\nfacilitator: @bob\nnote-taker: @carol/);
    expect(show).toMatch(/Roster \(3\): @alice, @bob, @carol/);
    const stats = docText(h.run('bob', '/rotation stats').doc);
    expect(stats).toContain('@alice: facilitator 1, note-taker 1');
    expect(stats).toContain('@bob: facilitator 0, note-taker 1');
    expect(stats).toContain('@carol: facilitator 1, note-taker 0');
  });
});

describe('settings', () => {
  it('anyone can read them; only admins change them; bad values change nothing', () => {
    const h = harness();
    expect(docText(h.run('bob', '/leaderful settings').doc)).toMatch(/Time zone: UTC/);
    expect(h.run('bob', '/leaderful settings rule majority').ok).toBe(false);
    expect(h.run('admin', '/leaderful settings timezone Nowhere/Land', { admin: true }).ok).toBe(false);
    expect(h.store.channels.find(h.address)!.settings.rule).toBe('consent');
    expect(h.run('admin', '/leaderful settings timezone Asia/Tokyo reminder 2h', { admin: true }).ok).toBe(true);
    expect(h.store.channels.find(h.address)!.settings).toMatchObject({ timezone: 'Asia/Tokyo', reminderLeadMinutes: 120 });
  });

  it('help on one command explains it', () => {
    const h = harness();
    const help = docText(h.run('bob', '/leaderful help /withdraw').doc);
    expect(help).toMatch(/^\/withdraw\nWithdraws a proposal/);
    expect(help).toContain('Usage: /withdraw <proposal#>');
  });

  it('every new subcommand has its own help topic with a usage line', () => {
    const h = harness();
    for (const [topic, usage] of [
      ['swap', '/rotation swap @user'],
      ['accept', '/rotation accept [@user]'],
      ['decline', '/rotation decline [@user]'],
      ['export-me', '/leaderful export-me'],
      ['forget-me', '/leaderful forget-me [confirm]'],
      ['forget', '/leaderful forget @user [confirm]'],
      ['settings', '/leaderful settings [timezone <zone>]'],
    ]) {
      const help = docText(h.run('bob', `/leaderful help ${topic}`).doc);
      expect(help).toContain(`Usage: ${usage}`);
      expect(help.split('\n')[1]!.length).toBeGreaterThan(40); // an explanation, not only the usage
    }
    expect(docText(h.run('bob', '/leaderful help close').doc)).toMatch(/facilitator can close someone else’s proposal early only with confirm and a reason/);
  });

  it('help lists every command', () => {
    const h = harness();
    const help = docText(h.run('bob', '/leaderful help').doc);
    for (const c of ['/propose', '/vote', '/proposals', '/close', '/withdraw', '/decisions', '/rotation', '/leaderful']) expect(help).toContain(c);
  });

  it('the reminder mentions roster members who have not voted', async () => {
    const h = team();
    h.run('alice', '/propose Snacks --closes 2d');
    h.run('alice', '/vote 1 agree');
    await h.advance(DAY + HOUR);
    const reminder = h.port.posts('reminder')[0]!;
    expect(docText(reminder.doc)).toMatch(/Not voted yet: @bob @carol/);
    expect(reminder.doc.lines[1]).toContainEqual({ user: 'bob', ping: true });
    await h.advance(DAY);
    expect(h.port.posts('reminder')).toHaveLength(1);
  });

  it('the reminder leaves out members who are away, and is not sent when everyone has voted', async () => {
    const h = team();
    h.run('carol', '/rotation away 1w');
    h.run('alice', '/propose Snacks --closes 2d');
    h.run('alice', '/propose Drinks --closes 2d');
    for (const u of ['alice', 'bob']) h.run(u, '/vote 2 agree');
    h.run('alice', '/vote 1 agree');
    await h.advance(DAY + HOUR);
    const reminders = h.port.posts('reminder');
    expect(reminders).toHaveLength(1);
    expect(docText(reminders[0]!.doc)).toMatch(/proposal #1[\s\S]*Not voted yet: @bob$/);
  });
});
