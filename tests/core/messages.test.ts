// Replies that say what happened (and nothing that did not).
import { describe, expect, it } from 'vitest';
import { docText, harness } from '../helpers/harness';

const reply = (h: ReturnType<typeof harness>, user: string, line: string, admin = false) => {
  const r = h.run(user, line, { admin });
  return { ok: r.ok, text: docText(r.doc).trim() };
};

describe('/vote repeated with the same stance', () => {
  it('updates the reason, clears it when none is given, and says which', () => {
    const h = harness();
    h.run('alice', '/propose Tea');
    expect(reply(h, 'bob', '/vote 1 agree because').text).toBe('Your vote on #1 is recorded: agree (“because”).');
    expect(reply(h, 'bob', '/vote 1 agree it is warm').text).toBe('Your vote on #1 stays agree; its reason is now “it is warm”.');
    expect(h.store.proposals.vote(1, 'bob')?.reason).toBe('it is warm');
    expect(reply(h, 'bob', '/vote 1 agree').text).toBe('Your vote on #1 stays agree; its reason is removed.');
    expect(h.store.proposals.vote(1, 'bob')).toMatchObject({ stance: 'agree', reason: null });
    expect(reply(h, 'bob', '/vote 1 agree').text).toBe('You already vote agree on #1.');
    // Each change is in the history, the no-op is not; the tally counted bob once throughout.
    const history = h.store.db.prepare('SELECT reason FROM vote_history WHERE user_id = ? ORDER BY id').all('bob');
    expect(history).toEqual([{ reason: 'because' }, { reason: 'it is warm' }, { reason: null }]);
    expect(h.store.proposals.get(1)!.counts.agree).toBe(1);
  });

  it('a reaction on top keeps the reason given by command', () => {
    const h = harness();
    h.run('alice', '/propose Tea');
    h.run('bob', '/vote 1 agree I like tea');
    return h.dispatcher.drain().then(() => {
      h.service.react(h.ctx('bob'), h.port.posts()[0]!.messageId, '👍', true);
      expect(h.store.proposals.vote(1, 'bob')?.reason).toBe('I like tea');
    });
  });
});

describe('/rotation back', () => {
  it('when not away says so, and changes nothing', () => {
    const h = harness();
    h.run('alice', '/rotation join');
    const r = reply(h, 'alice', '/rotation back');
    expect(r).toEqual({ ok: false, text: "You're not away, so there is nothing to come back from. /rotation away <until> marks an absence." });
  });
  it('when away welcomes back and clears the absence', () => {
    const h = harness();
    h.run('alice', '/rotation join');
    h.run('alice', '/rotation away 2w');
    expect(reply(h, 'alice', '/rotation back').text).toBe('Welcome back: you are in the rotation again.');
    expect(h.store.rotation.roster(1)[0]!.awayUntil).toBeNull();
  });
});

describe('quorums that cannot work as meant are named at creation', () => {
  it('a quorum larger than the roster', () => {
    const h = harness();
    for (const u of ['a', 'b', 'c']) h.run(u, '/rotation join');
    const r = reply(h, 'a', '/propose Big --quorum 5');
    expect(r.ok).toBe(true);
    expect(r.text).toContain('Note: the quorum asks for 5 voters, more than the 3 on the rotation roster');
    expect(reply(h, 'a', '/propose Fine --quorum 3').text).not.toContain('Note');
  });
  it('a share of an empty roster, also as the channel default', () => {
    const h = harness();
    expect(reply(h, 'a', '/propose Share --quorum 50%').text).toContain('the quorum is 50% of the rotation roster, which is empty');
    const s = reply(h, 'admin', '/leaderful settings quorum 40%', true);
    expect(s.text).toContain('Settings saved');
    expect(s.text).toContain('the quorum is 40% of the rotation roster, which is empty');
    expect(reply(h, 'a', '/propose Default').text).toContain('the quorum is 40%');
  });
});

describe('time zones in settings', () => {
  it('lower case is spelled properly; a fixed offset gets a note; an abbreviation is refused with the place', () => {
    const h = harness();
    expect(reply(h, 'admin', '/leaderful settings timezone europe/berlin', true).text).toContain('Time zone: Europe/Berlin');
    expect(h.store.channels.find(h.address)!.settings.timezone).toBe('Europe/Berlin');
    const est = reply(h, 'admin', '/leaderful settings timezone EST', true).text;
    expect(est).toContain(
      'Note: EST is a fixed offset (UTC−05:00) that never changes for daylight-saving time; for the clocks of New York use America/New_York.',
    );
    const pst = reply(h, 'admin', '/leaderful settings timezone PST', true);
    expect(pst.ok).toBe(false);
    expect(pst.text).toContain('PST is an abbreviation, not a time zone. Use the zone of a place, like America/Los_Angeles');
    expect(h.store.channels.find(h.address)!.settings.timezone).toBe('EST');
  });
  it('closing times show the abbreviation people know', () => {
    const h = harness({ defaults: { timezone: 'Europe/Berlin' } });
    expect(reply(h, 'a', '/propose Tea --closes 2026-12-01 18:00').text).toContain('Voting closes Tue 1 Dec 2026 18:00 CET.');
  });
  it('a duration across the DST change says it counts calendar days', () => {
    const h = harness({ start: Date.parse('2026-10-30T14:00:00Z'), defaults: { timezone: 'America/New_York' } });
    const r = reply(h, 'a', '/propose Tea --closes 3d').text;
    expect(r).toContain('Voting closes Mon 2 Nov 2026 10:00 EST.');
    expect(r).toContain('That is 3 calendar days in America/New_York: the clocks change on the way, so it is 73 hours from now.');
  });
});
