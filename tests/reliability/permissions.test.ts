import { describe, expect, it } from 'vitest';
import { DAY } from '../../src/core/schedule';
import { docText, harness } from '../helpers/harness';

/** Everything stored, to show that a refusal changed nothing. */
function dump(h: ReturnType<typeof harness>) {
  const tables = ['channels', 'proposals', 'votes', 'vote_history', 'outbox', 'roles', 'roster', 'assignments', 'volunteers', 'skips', 'scheduled_keys'];
  return Object.fromEntries(tables.map((t) => [t, h.store.db.prepare(`SELECT * FROM ${t}`).all()]));
}

async function group() {
  const h = harness();
  for (const u of ['fac', 'notes', 'member']) h.run(u, '/rotation join');
  h.run('author', '/propose Ours to decide --closes 2w');
  await h.advance(Date.parse('2026-11-30T09:00:00Z') - h.clock.now()); // the ping makes fac this week's facilitator
  return h;
}

describe('permissions', () => {
  it.each([
    ['/close 1', /Only the author of #1 or this week's facilitator can close it/],
    ['/withdraw 1', /Only the author of #1 or this week's facilitator can withdraw it/],
  ])('a member who is neither author nor facilitator: %s is refused and changes nothing', async (line, message) => {
    const h = await group();
    const before = dump(h);
    const r = h.run('member', line);
    expect(r.ok).toBe(false);
    expect(docText(r.doc)).toMatch(message);
    expect(dump(h)).toEqual(before);
  });

  it('a platform admin who is neither author nor facilitator cannot close either', async () => {
    const h = await group();
    expect(h.run('member', '/close 1', { admin: true }).ok).toBe(false);
  });

  it('the author may close; the facilitator may withdraw', async () => {
    const a = await group();
    expect(a.run('author', '/close 1').ok).toBe(true);
    const b = await group();
    expect(b.run('fac', '/withdraw 1').ok).toBe(true);
    expect(b.store.proposals.get(1)!.status).toBe('withdrawn');
  });

  it('last week\'s facilitator is no longer allowed', async () => {
    const h = await group();
    await h.advance(7 * DAY);
    expect(h.run('fac', '/close 1').ok).toBe(false);
  });

  it.each([
    '/leaderful settings timezone Europe/Paris',
    '/leaderful settings rule majority',
    '/leaderful settings quorum 3',
    '/leaderful settings window 1w',
    '/leaderful settings reminder off',
    '/leaderful settings steward add <@member>',
    '/rotation roles add timekeeper',
    '/rotation roles remove note-taker',
    '/rotation schedule friday 10:00',
  ])('only channel admins: %s is refused for a member and changes nothing', async (line) => {
    const h = await group();
    const before = dump(h);
    const r = h.run('member', line);
    expect(r.ok).toBe(false);
    expect(docText(r.doc)).toMatch(/Only channel admins or stewards can/);
    expect(dump(h)).toEqual(before);
    // The same line from an admin works.
    expect(h.run('admin', line, { admin: true }).ok).toBe(true);
  });

  it('stewards count as admins; removing the steward takes it back', async () => {
    const h = await group();
    h.run('admin', '/leaderful settings steward add <@member>', { admin: true });
    expect(h.run('member', '/leaderful settings rule majority').ok).toBe(true);
    h.run('admin', '/leaderful settings steward remove <@member>', { admin: true });
    expect(h.run('member', '/leaderful settings rule consent').ok).toBe(false);
  });

  it('anyone may read settings, roles, the rotation and stats', async () => {
    const h = await group();
    for (const line of ['/leaderful settings', '/rotation roles', '/rotation show', '/rotation stats', '/decisions', '/proposals all']) {
      expect(h.run('member', line).ok).toBe(true);
    }
  });
});
