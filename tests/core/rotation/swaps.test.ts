// Swap offers at their edges (the main flow is in rotation-service.test.ts).
import { describe, expect, it } from 'vitest';
import { docText, harness } from '../../helpers/harness';

const NEXT_MONDAY_9 = Date.parse('2026-11-30T09:00:00Z');

/** A team whose roles for the week are announced: with the default roles, alice facilitates and bob takes notes. */
async function announced(names: string[], roles: string[] = []) {
  const h = harness();
  for (const n of names) h.run(n, '/rotation join');
  for (const r of roles) h.run('admin', `/rotation roles add ${r}`, { admin: true });
  await h.advance(NEXT_MONDAY_9 - h.clock.now());
  return h;
}

function holders(h: ReturnType<typeof harness>) {
  const channel = h.store.channels.find(h.address)!;
  const { p } = h.service.rotation.announced(channel);
  return Object.fromEntries(h.store.rotation.assignments(channel.id, p.key).map((a) => [a.role, a.userId]));
}

const lastNotice = async (h: ReturnType<typeof harness>) => {
  await h.dispatcher.drain();
  return h.port.posts('rotation').at(-1)!.doc;
};

describe('swap offers', () => {
  it('two members without a role have nothing to swap', async () => {
    const h = await announced(['alice', 'bob', 'carol', 'dana']);
    expect(docText(h.run('carol', '/rotation swap @dana').doc)).toMatch(/Neither of you holds a role this week/);
  });

  it('an offer out to someone else does not block an offer to its maker', async () => {
    const h = await announced(['alice', 'bob', 'carol']);
    h.run('bob', '/rotation swap @carol');
    expect(docText(h.run('alice', '/rotation swap @bob').doc)).toMatch(/^\nOffered\./);
  });

  it('a member may have 3 offers waiting, not a 4th', async () => {
    const h = await announced(['alice', 'bob', 'carol', 'dana', 'erin']);
    for (const u of ['bob', 'carol', 'dana']) expect(h.run('alice', `/rotation swap @${u}`).ok, u).toBe(true);
    expect(docText(h.run('alice', '/rotation swap @erin').doc)).toMatch(/You have 3 swap offers waiting already/);
  });

  it('the offer and its notice say how to answer and when it lapses, as full sentences', async () => {
    const h = await announced(['alice', 'bob', 'carol']);
    expect(docText(h.run('alice', '/rotation swap @carol').doc)).toBe(
      '\nOffered. Nothing changes unless they accept; the offer lapses Mon 7 Dec 2026 09:00 UTC.',
    );
    expect(docText(await lastNotice(h))).toBe(
      'Swap offered\n@alice (facilitator) offers @carol (no role) a swap for this week.\nTo answer: /rotation accept or /rotation decline. The offer lapses Mon 7 Dec 2026 09:00 UTC.',
    );
  });

  it('a member holding two roles offers both', async () => {
    const h = await announced(['alice', 'bob'], ['timekeeper']);
    const held = new Map<string, number>(); // three roles, two members: one of them holds two
    for (const u of Object.values(holders(h))) if (u) held.set(u, (held.get(u) ?? 0) + 1);
    const doubled = [...held].find(([, n]) => n === 2)![0];
    const other = doubled === 'alice' ? 'bob' : 'alice';
    h.run(doubled, `/rotation swap @${other}`);
    expect(docText(await lastNotice(h))).toMatch(new RegExp(`@${doubled} \\(\\S+ and \\S+\\) offers`));
  });

  it('several offers: the answer names them by the names the bot knows', async () => {
    const h = await announced(['alice', 'bob', 'carol']);
    h.run('alice', '/rotation swap @carol');
    h.run('bob', '/rotation swap @carol');
    h.store.users.remember('test', 'S1', 'alice', 'Alice L', h.clock.now());
    expect(docText(h.run('carol', '/rotation accept').doc)).toMatch(/Several members offered you a swap: @Alice L, @bob\./);
  });
});

describe('accepting a swap', () => {
  // The refusal once rolled back its own deletion (a UserError undoes the whole transaction), so a
  // void offer stayed: refused again on every accept, counted among its maker's three, and good
  // again if its maker rejoined that week.
  it('an offer whose maker has left the rotation is void, and gone', async () => {
    const h = await announced(['alice', 'bob', 'carol']);
    h.run('alice', '/rotation swap @carol');
    h.run('alice', '/rotation leave');
    const before = holders(h);
    expect(docText(h.run('carol', '/rotation accept').doc)).toMatch(/They have left the rotation since, so the offer is void/);
    expect(holders(h)).toEqual(before);
    expect(docText(h.run('carol', '/rotation accept').doc)).toMatch(/Nobody has offered you a swap/);
  });

  it('both members holding roles: each takes the other’s, and the notice lists both and only them', async () => {
    const h = await announced(['alice', 'bob', 'carol']);
    h.run('alice', '/rotation swap @bob');
    expect(docText(h.run('bob', '/rotation accept').doc)).toBe('\nSwapped. This week you hold facilitator.');
    expect(holders(h)).toEqual({ facilitator: 'bob', 'note-taker': 'alice' });
    const n = await lastNotice(h);
    expect(n.title).toBe('Rotation change');
    expect(docText(n)).toBe('Rotation change\n@bob accepted the swap @alice offered, for this week.\nfacilitator: @bob\nnote-taker: @alice');
  });

  it('the notice leaves out the roles of members who were not part of the swap', async () => {
    const h = await announced(['alice', 'bob', 'carol']);
    h.run('alice', '/rotation swap @carol');
    h.run('carol', '/rotation accept');
    expect(docText(await lastNotice(h))).toBe('Rotation change\n@carol accepted the swap @alice offered, for this week.\nfacilitator: @carol');
  });

  it('an offer is void once neither member holds a role any more, and gone', async () => {
    const h = await announced(['alice', 'bob', 'carol', 'dana']);
    h.run('alice', '/rotation swap @dana');
    h.run('alice', '/rotation skip');
    expect(holders(h)).toEqual({ facilitator: 'carol', 'note-taker': 'bob' }); // carol took alice's turn
    expect(docText(h.run('dana', '/rotation accept').doc)).toMatch(/Neither of you holds a role this week any more/);
    expect(docText(h.run('dana', '/rotation accept').doc)).toMatch(/Nobody has offered you a swap/);
  });
});
