import { describe, expect, it } from 'vitest';
import { DAY } from '../../src/core/schedule';
import { docText, harness } from '../helpers/harness';

/** Everything stored, to show that a refusal changed nothing. */
function dump(h: ReturnType<typeof harness>) {
  const tables = [
    'channels',
    'proposals',
    'votes',
    'vote_history',
    'outbox',
    'roles',
    'roster',
    'periods',
    'assignments',
    'volunteers',
    'skips',
    'scheduled_keys',
    'swap_offers',
    'recent_notices',
  ];
  return Object.fromEntries(tables.map((t) => [t, h.store.db.prepare(`SELECT * FROM ${t}`).all()]));
}

async function group() {
  const h = harness();
  for (const u of ['fac', 'notes', 'member']) h.run(u, '/rotation join');
  h.run('author', '/propose Ours to decide --closes 2w');
  await h.advance(Date.parse('2026-11-30T09:00:00Z') - h.clock.now()); // the ping makes fac this week's facilitator
  return h;
}

/** This week's holders, from the store. */
function holders(h: ReturnType<typeof harness>) {
  const channel = h.store.channels.find(h.address)!;
  const p = h.service.rotation.currentPeriod(channel);
  return Object.fromEntries(h.store.rotation.assignments(channel.id, p.key).map((a) => [a.role, a.userId]));
}

/** Runs a line that must be refused: asserts why, and that nothing stored changed. */
function refused(h: ReturnType<typeof harness>, user: string, line: string, why: RegExp, opts?: { admin?: boolean }) {
  const before = dump(h);
  const r = h.run(user, line, opts);
  expect(r.ok).toBe(false);
  expect(docText(r.doc)).toMatch(why);
  expect(dump(h)).toEqual(before);
}

describe('permissions: ending proposals', () => {
  it.each([
    ['/close 1', /Only the author of #1, a channel admin or a steward can close it/],
    ['/withdraw 1', /Only the author of #1, a channel admin or a steward can withdraw it/],
    ['/close 1 confirm I decide', /Only the author of #1, a channel admin or a steward can close it/],
  ])('a member who is neither author, admin nor facilitator: %s is refused, says why, and changes nothing', async (line, why) => {
    const h = await group();
    refused(h, 'member', line, why);
  });

  it('taking the chair does not work: a member with no role offers to swap with the facilitator, who keeps the role, and withdrawing is refused', async () => {
    // The console repro of issue #17: mallory joins, swaps with the facilitator, withdraws #1.
    const h = await group();
    expect(holders(h)).toEqual({ facilitator: 'fac', 'note-taker': 'notes' });
    h.run('mallory', '/rotation join');
    expect(docText(h.run('mallory', '/rotation swap <@fac>').doc)).toMatch(/Offered\. Nothing changes unless they accept/);
    expect(holders(h)).toEqual({ facilitator: 'fac', 'note-taker': 'notes' });
    refused(h, 'mallory', '/withdraw 1', /Only the author of #1, a channel admin or a steward can withdraw it/);
    refused(h, 'mallory', '/close 1 confirm mine now', /Only the author of #1, a channel admin or a steward can close it/);
    // Even once fac accepts (consent), the facilitator may not withdraw someone else's proposal.
    expect(h.run('fac', '/rotation accept').ok).toBe(true);
    expect(holders(h)).toEqual({ facilitator: 'mallory', 'note-taker': 'notes' });
    refused(h, 'mallory', '/withdraw 1', /Only the author of #1, a channel admin or a steward can withdraw it/);
    expect(h.store.proposals.get(1)!.status).toBe('open');
  });

  it('the facilitator closes early only with confirm and a reason; the refusals say how, and change nothing', async () => {
    const h = await group();
    refused(
      h,
      'fac',
      '/close 1',
      /not yours to close, but as this week's facilitator you may close it early if the group agreed\. Type \/close 1 confirm <why>/,
    );
    refused(h, 'fac', '/close 1 confirm', /Type \/close 1 confirm <why>/);
    refused(h, 'fac', '/close 1 we agreed', /Type \/close 1 confirm <why>/); // a reason without confirm is not enough
    refused(h, 'fac', '/withdraw 1 we agreed', /Only the author of #1, a channel admin or a steward can withdraw it/);
    expect(h.run('fac', '/close 1 confirm agreed in the meeting').ok).toBe(true);
    expect(h.store.proposals.get(1)).toMatchObject({ closedBy: 'fac', closeReason: 'agreed in the meeting' });
  });

  it('platform admins and stewards may close and withdraw anything; the author may too', async () => {
    const a = await group();
    expect(a.run('author', '/close 1').ok).toBe(true);
    const b = await group();
    expect(b.run('member', '/withdraw 1 spam', { admin: true }).ok).toBe(true);
    expect(b.store.proposals.get(1)).toMatchObject({ status: 'withdrawn', closedBy: 'member', closeReason: 'spam' });
    const c = await group();
    c.run('admin', '/leaderful settings steward add <@member>', { admin: true });
    expect(c.run('member', '/close 1').ok).toBe(true);
  });

  it("last week's facilitator is no longer allowed", async () => {
    const h = await group();
    await h.advance(7 * DAY);
    refused(h, 'fac', '/close 1 confirm old habits', /Only the author of #1, a channel admin or a steward can close it/);
  });
});

describe('permissions: settings and stewards', () => {
  it.each([
    '/leaderful settings timezone Europe/Paris',
    '/leaderful settings rule majority',
    '/leaderful settings quorum 3',
    '/leaderful settings window 1w',
    '/leaderful settings reminder off',
    '/leaderful settings max-open 5',
    '/leaderful settings steward add <@member>',
    '/rotation roles add timekeeper',
    '/rotation roles remove note-taker',
    '/rotation schedule friday 10:00',
  ])('only channel admins: %s is refused for a member and changes nothing', async (line) => {
    const h = await group();
    refused(h, 'member', line, /Only channel admins or stewards can/);
    // The same line from an admin works.
    expect(h.run('admin', line, { admin: true }).ok).toBe(true);
  });

  it('stewards count as admins; removing the steward takes it back', async () => {
    const h = await group();
    h.run('admin', '/leaderful settings steward add <@member>', { admin: true });
    expect(h.run('member', '/leaderful settings rule majority').ok).toBe(true);
    h.run('admin', '/leaderful settings steward remove <@member>', { admin: true });
    refused(h, 'member', '/leaderful settings rule consent', /Only channel admins or stewards can change settings/);
  });

  it('a steward who is not a platform admin cannot appoint or remove other stewards, but may step down', async () => {
    const h = await group();
    h.run('admin', '/leaderful settings steward add <@member>', { admin: true });
    h.run('admin', '/leaderful settings steward add <@notes>', { admin: true });
    refused(h, 'member', '/leaderful settings steward add <@fac>', /Only workspace or server admins can add stewards/);
    refused(h, 'member', '/leaderful settings steward remove <@notes>', /Only workspace or server admins can remove stewards/);
    expect(h.store.channels.find(h.address)!.settings.stewards).toEqual(['member', 'notes']);
    expect(h.run('member', '/leaderful settings steward remove <@member>').ok).toBe(true);
    expect(h.store.channels.find(h.address)!.settings.stewards).toEqual(['notes']);
  });

  it('only members the bot has seen can be made stewards', async () => {
    const h = await group();
    refused(h, 'admin', '/leaderful settings steward add <@not-a-real-user>', /I haven't seen that member here/, { admin: true });
    // The platform vouching for a member (a Discord user option, a Slack mention users.info confirmed) is enough.
    const ctx = { ...h.ctx('admin', { admin: true }), knownUsers: [{ userId: 'newcomer', displayName: 'Newcomer' }] };
    expect(h.service.command(ctx, 'leaderful', 'settings steward add <@newcomer>').ok).toBe(true);
  });

  it('removing someone who is not a steward says so instead of "Settings saved"', async () => {
    const h = await group();
    refused(h, 'admin', '/leaderful settings steward remove <@member>', /@member is not a steward here, so nothing changed/, { admin: true });
    h.run('admin', '/leaderful settings steward add <@member>', { admin: true });
    refused(h, 'admin', '/leaderful settings steward add <@member>', /@member is a steward already; nothing changed/, { admin: true });
  });

  it('anyone may read settings, roles, the rotation and stats', async () => {
    const h = await group();
    for (const line of ['/leaderful settings', '/rotation roles', '/rotation show', '/rotation stats', '/decisions', '/proposals all']) {
      expect(h.run('member', line).ok).toBe(true);
    }
  });
});
