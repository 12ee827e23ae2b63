// The service's entry points beyond the happy path: settings, duplicates and failures, reactions
// that are not votes, votes from buttons, reconciling at the edges, suggestions.
import { describe, expect, it } from 'vitest';
import { Leaderful } from '../../src/core/service';
import { DAY } from '../../src/core/schedule';
import { docText, harness, T0 } from '../helpers/harness';

const said = (r: { doc: Parameters<typeof docText>[0] } | undefined) => docText(r!.doc).trim();
const settingsOf = (h: ReturnType<typeof harness>) => h.store.channels.find(h.address)!.settings;

describe('settings', () => {
  it('anyone may read them; changing them is refused to non-admins and changes nothing', () => {
    const h = harness();
    const read = h.run('bob', '/leaderful settings');
    expect(read.ok).toBe(true);
    expect(read.doc.title).toBe('Channel settings');
    const r = h.run('bob', '/leaderful settings window 2d');
    expect(r.ok).toBe(false);
    expect(said(r).toLowerCase()).toMatch(/admin|steward/);
    expect(settingsOf(h).windowMinutes).toBe((3 * DAY) / 60_000);
  });

  it('an admin changes each setting; the answer shows them saved', () => {
    const h = harness();
    const r = h.run('root', '/leaderful settings timezone Asia/Tokyo window 2d rule supermajority quorum 40% reminder off', { admin: true });
    expect(r.doc.title).toBe('Settings saved');
    expect(settingsOf(h)).toMatchObject({
      timezone: 'Asia/Tokyo',
      windowMinutes: 2880,
      rule: 'supermajority',
      quorum: { kind: 'share', percent: 40 },
      reminderLeadMinutes: 0,
    });
    expect(said(r)).toContain('Closing-soon reminder: off');
    h.run('root', '/leaderful settings reminder 2h', { admin: true });
    expect(settingsOf(h).reminderLeadMinutes).toBe(120);
    // Settings not named stay as they were.
    expect(settingsOf(h).rule).toBe('supermajority');
  });

  it('stewards: added by mention or by a known @name, once; they may change settings; removed again', () => {
    const h = harness();
    h.run('sam', '/rotation show'); // the bot learns the name "sam" from sam's own request
    h.run('kim', '/rotation show'); // stewards must be members the bot has seen
    h.run('root', '/leaderful settings steward add @sam', { admin: true });
    h.run('root', '/leaderful settings steward add <@sam>', { admin: true });
    h.run('root', '/leaderful settings steward add <@kim>', { admin: true });
    expect(settingsOf(h).stewards).toEqual(['sam', 'kim']);
    expect(h.run('sam', '/leaderful settings window 1d').ok).toBe(true);
    expect(settingsOf(h).windowMinutes).toBe(1440);
    h.run('root', '/leaderful settings steward remove <@sam>', { admin: true });
    expect(settingsOf(h).stewards).toEqual(['kim']);
    expect(h.run('sam', '/leaderful settings window 2d').ok).toBe(false);
  });

  it('an @name nobody here has used is refused, naming it, and nothing changes', () => {
    const h = harness();
    h.run('root', '/leaderful settings', { admin: true });
    const r = h.run('root', '/leaderful settings steward add @ghost window 1d', { admin: true });
    expect(r.ok).toBe(false);
    expect(said(r)).toContain('@ghost');
    expect(settingsOf(h)).toMatchObject({ stewards: [], windowMinutes: 3 * 1440 });
  });

  it('a new time zone moves the next weekly ping to the same local time there', () => {
    const h = harness();
    h.run('ann', '/rotation join');
    expect(h.store.channels.find(h.address)!.nextRotationAt).toBe(Date.parse('2026-11-30T09:00:00Z'));
    // 10:00 UTC is 05:00 in New York: this Monday's 09:00 there is still ahead.
    h.run('root', '/leaderful settings timezone America/New_York', { admin: true });
    expect(h.store.channels.find(h.address)!.nextRotationAt).toBe(Date.parse('2026-11-23T14:00:00Z'));
    h.run('root', '/leaderful settings window 1d', { admin: true }); // same zone: the ping stays
    expect(h.store.channels.find(h.address)!.nextRotationAt).toBe(Date.parse('2026-11-23T14:00:00Z'));
  });
});

describe('requests that repeat or fail', () => {
  it('a repeated event id is answered "already done" and changes nothing', () => {
    const h = harness();
    h.run('alice', '/propose X');
    expect(h.service.command(h.ctx('bob', { eventId: 'e1' }), 'vote', '1 agree').duplicate).toBeUndefined();
    const again = h.service.command(h.ctx('bob', { eventId: 'e1' }), 'vote', '1 block');
    expect(again).toMatchObject({ ok: true, duplicate: true });
    expect(said(again)).toBe('Already done.');
    expect(h.store.proposals.vote(1, 'bob')!.stance).toBe('agree');
    // The same id on another platform is another event.
    const other = h.service.command({ ...h.ctx('bob', { eventId: 'e1' }), channel: { ...h.address, platform: 'other' } }, 'propose', 'Y');
    expect(other.duplicate).toBeUndefined();
  });

  it('an unexpected failure is logged, answered politely, rolled back, and does not notify the dispatcher', () => {
    const h = harness();
    const errors: string[] = [];
    let queued = 0;
    const service = new Leaderful(h.store, h.clock, { log: { info() {}, warn() {}, error: (m) => errors.push(m) }, onQueued: () => queued++ });
    h.store.db.exec(`CREATE TRIGGER broken BEFORE INSERT ON proposals BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const r = service.command(h.ctx('alice'), 'propose', 'Doomed');
    expect(r.ok).toBe(false);
    expect(said(r)).toContain('nothing was changed');
    expect(errors).toEqual(['command failed']);
    expect(queued).toBe(0);
    expect(h.store.outbox.pendingCount()).toBe(0);
    h.store.db.exec('DROP TRIGGER broken');
    expect(service.command(h.ctx('alice'), 'propose', 'Fine').ok).toBe(true);
    expect(queued).toBe(1);
  });

  it('a refusal carries its usage line when it has one', () => {
    const h = harness();
    const r = h.run('alice', '/vote 1 maybe');
    expect(r.doc.kind).toBe('error');
    expect(said(r).split('\n').at(-1)).toBe('Usage: /vote <proposal#> agree|disagree|abstain|block [reason]');
    const f = h.service.proposeFields(h.ctx('alice'), { title: '' });
    expect(f.ok).toBe(false);
    expect(said(f)).toContain('Usage: /propose');
    expect(h.service.proposeFields(h.ctx('alice'), { title: 'From a form', quorum: '2' }).ok).toBe(true);
    expect(h.store.proposals.byNumber(1, 1)!.quorum).toEqual({ kind: 'count', n: 2 });
  });
});

describe('reactions', () => {
  async function posted() {
    const h = harness();
    h.run('alice', '/propose X');
    h.run('alice', '/rotation join');
    await h.dispatcher.drain();
    return { h, msg: h.port.posts()[0]!.messageId };
  }

  it('a reaction that is no vote, on an unknown channel, or on a message that is no proposal is ignored', async () => {
    const { h, msg } = await posted();
    expect(h.service.react(h.ctx('bob'), msg, '🎉', true)).toBeUndefined();
    expect(h.service.react({ ...h.ctx('bob'), channel: { ...h.address, channelId: 'elsewhere' } }, msg, '👍', true)).toBeUndefined();
    expect(h.service.react(h.ctx('bob'), 'no-such-message', '👍', true)).toBeUndefined();
    h.run('alice', '/close 1');
    await h.dispatcher.drain();
    const outcome = h.port.posts('outcome')[0]!.messageId;
    expect(h.service.react(h.ctx('bob'), outcome, '👍', true)).toBeUndefined();
    expect(h.store.proposals.votes(1)).toEqual([]);
  });

  it('removing a reaction removes the vote it made; the answer to a vote by reaction is empty', async () => {
    const { h, msg } = await posted();
    expect(h.service.react(h.ctx('bob'), msg, '👍', true)).toBeUndefined();
    expect(h.store.proposals.vote(1, 'bob')).toMatchObject({ stance: 'agree', source: 'reaction' });
    h.service.react(h.ctx('bob'), msg, '👍', false);
    expect(h.store.proposals.vote(1, 'bob')).toBeUndefined();
  });

  it('a reaction on a closed proposal is refused, saying so', async () => {
    const { h, msg } = await posted();
    h.clock.advance(4 * DAY);
    const r = h.service.react(h.ctx('bob'), msg, '👍', true);
    expect(r?.ok).toBe(false);
    expect(said(r)).toContain('closed');
  });
});

describe('votes from buttons and forms', () => {
  it('records, says so, and says when nothing changed', () => {
    const h = harness();
    h.run('alice', '/propose X');
    expect(said(h.service.voteOn(h.ctx('bob'), 1, 'abstain', null, 'button'))).toBe('Your vote on #1 is recorded: abstain.');
    expect(said(h.service.voteOn(h.ctx('bob'), 1, 'abstain', null, 'button'))).toBe('You already vote abstain on #1.');
    h.service.voteOn(h.ctx('bob'), 1, 'abstain', 'not my area', 'button');
    expect(h.store.proposals.vote(1, 'bob')).toMatchObject({ stance: 'abstain', reason: 'not my area', source: 'button' });
  });

  it('a proposal of another channel, or none, is refused', () => {
    const h = harness();
    h.service.command({ ...h.ctx('alice'), channel: { ...h.address, channelId: 'C2' } }, 'propose', 'Elsewhere');
    h.run('alice', '/propose Here');
    for (const id of [1, 99]) {
      const r = h.service.voteOn(h.ctx('bob'), id, 'agree', null, 'button');
      expect(r.ok).toBe(false);
      expect(said(r)).toContain('not in this channel');
    }
    expect(h.store.proposals.votes(1)).toEqual([]);
  });
});

describe('reconciling at the edges', () => {
  it('does nothing for unknown channels and messages, or once the proposal has closed', async () => {
    const h = harness();
    h.run('alice', '/propose X --closes 1d');
    await h.dispatcher.drain();
    const msg = h.port.posts()[0]!.messageId;
    expect(h.service.reconcile({ ...h.address, channelId: 'nope' }, msg, { agree: ['bob'] })).toBe(0);
    expect(h.service.reconcile(h.address, 'nope', { agree: ['bob'] })).toBe(0);
    h.clock.set(T0 + DAY); // past the deadline, not yet closed by the scheduler
    expect(h.service.reconcile(h.address, msg, { agree: ['bob'] })).toBe(0);
    expect(h.store.proposals.votes(1)).toEqual([]);
  });

  it('a member reacting with two stances gets the last; one already matching is left alone; onQueued only on change', async () => {
    let queued = 0;
    const h = harness();
    const service = new Leaderful(h.store, h.clock, { onQueued: () => queued++ });
    h.run('alice', '/propose X');
    await h.dispatcher.drain();
    const msg = h.port.posts()[0]!.messageId;
    expect(service.reconcile(h.address, msg, { agree: ['bob'], block: ['bob'] })).toBe(1);
    expect(h.store.proposals.vote(1, 'bob')!.stance).toBe('block');
    expect(queued).toBe(1);
    expect(service.reconcile(h.address, msg, { agree: ['bob'], block: ['bob'] })).toBe(0);
    expect(queued).toBe(1);
  });
});

describe('lookups', () => {
  it('open proposal messages of one platform, for reconciling on start', async () => {
    const h = harness();
    h.run('alice', '/propose A');
    h.run('alice', '/propose B');
    h.service.command({ ...h.ctx('alice'), channel: { platform: 'other', spaceId: 'S', channelId: 'C' } }, 'propose', 'Elsewhere');
    expect(h.service.openProposalMessages('test')).toEqual([]); // nothing delivered yet: no message ids
    await h.dispatcher.drain();
    h.run('alice', '/withdraw 2');
    expect(h.service.openProposalMessages('test')).toEqual([{ channel: h.address, messageId: h.port.posts()[0]!.messageId, proposalId: 1 }]);
  });

  it('suggestions are capped, and a channel never used has none', () => {
    const h = harness();
    for (let i = 0; i < 30; i++) {
      expect(h.run(`u${i}`, `/propose P${i}`).ok).toBe(true);
      h.clock.advance(30_000); // the channel's pace of new proposals
    }
    expect(h.service.suggestProposals(h.address, '', false)).toHaveLength(25);
    expect(h.service.suggestProposals(h.address, '', false, 3).map((p) => p.number)).toEqual([1, 2, 3]);
    // Number starting with 2 (#2, #20–#29) or title containing 2 (P2 is #3, P12 is #13, P20–P29 are #21–#30).
    expect(h.service.suggestProposals(h.address, ' #2 ', false).map((p) => p.number)).toEqual([2, 3, 13, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect(h.service.suggestRoles({ ...h.address, channelId: 'never' }, '')).toEqual([]);
    expect(h.service.suggestRoles(h.address, '')).toEqual(['facilitator', 'note-taker']);
  });

  it('counts the messages posted in a channel', async () => {
    const h = harness();
    expect(h.service.postedCount(h.address)).toBe(0);
    h.run('alice', '/propose A');
    await h.dispatcher.drain();
    expect(h.service.postedCount(h.address)).toBe(1);
  });
});

describe('channels', () => {
  it('are created on first use with the defaults, the default roles and the name given; found again after', () => {
    const h = harness({ defaults: { timezone: 'Europe/Berlin', rule: 'majority' } });
    h.service.command({ ...h.ctx('ann'), channelName: 'general' }, 'rotation', 'show');
    const row = h.store.channels.find(h.address)!;
    expect(row).toMatchObject({
      name: 'general',
      settings: {
        timezone: 'Europe/Berlin',
        rule: 'majority',
        windowMinutes: 4320,
        reminderLeadMinutes: 1440,
        rotationWeekday: 1,
        rotationTime: '09:00',
        quorum: { kind: 'none' },
        stewards: [],
      },
    });
    expect(h.store.rotation.roles(row.id)).toEqual(['facilitator', 'note-taker']);
    h.service.command({ ...h.ctx('ann'), channelName: 'renamed' }, 'rotation', 'show');
    expect(h.store.channels.find(h.address)!.id).toBe(row.id);
    const unnamed = { ...h.address, channelId: 'C9' };
    h.service.command({ ...h.ctx('ann'), channel: unnamed }, 'rotation', 'show');
    expect(h.store.channels.find(unnamed)!.name).toBeNull();
  });
});

describe('reconcile and reactions, finer points', () => {
  it('a vote by command is never replaced from reactions; a reaction vote follows the reactions', async () => {
    const h = harness();
    h.run('alice', '/propose X');
    await h.dispatcher.drain();
    const msg = h.port.posts()[0]!.messageId;
    h.run('carol', '/vote 1 block');
    h.service.react(h.ctx('bob'), msg, '👍', true);
    expect(h.service.reconcile(h.address, msg, { agree: ['carol'], disagree: ['bob'] })).toBe(2); // bob's 👍 taken away, his 👎 counted
    expect(h.store.proposals.vote(1, 'carol')).toMatchObject({ stance: 'block', source: 'command' });
    expect(h.store.proposals.vote(1, 'bob')).toMatchObject({ stance: 'disagree', source: 'reaction' });
  });

  it('a reaction that is no vote changes nothing and wakes nothing, even on a proposal', async () => {
    let queued = 0;
    const h = harness();
    const service = new Leaderful(h.store, h.clock, { onQueued: () => queued++ });
    h.run('alice', '/propose X');
    await h.dispatcher.drain();
    const msg = h.port.posts()[0]!.messageId;
    expect(service.react(h.ctx('bob'), msg, '🎉', true)).toBeUndefined();
    expect(service.react(h.ctx('bob'), msg, '🎉', false)).toBeUndefined();
    expect(queued).toBe(0);
    expect(h.store.users.findByName('test', 'S1', 'bob')).toBeUndefined();
  });
});
