import { describe, expect, it } from 'vitest';
import { harness } from '../helpers/harness';

describe('duplicated platform events', () => {
  it('the same event id delivered twice changes nothing (votes, commands, buttons)', async () => {
    const h = harness();
    h.run('alice', '/propose Once');
    await h.dispatcher.drain();
    const msg = h.port.posts()[0]!.messageId;
    const snapshot = () => ({
      votes: h.store.proposals.votes(1),
      history: h.store.db.prepare('SELECT count(*) AS n FROM vote_history').get(),
      outbox: h.store.db.prepare('SELECT count(*) AS n FROM outbox').get(),
      proposals: h.store.db.prepare('SELECT count(*) AS n FROM proposals').get(),
    });

    h.service.react(h.ctx('bob', { eventId: 'Ev-react' }), msg, '👍', true);
    h.service.command(h.ctx('carol', { eventId: 'Ev-cmd' }), 'propose', 'Posted once');
    h.service.voteOn(h.ctx('dana', { eventId: 'Ev-btn' }), 1, 'block', null, 'button');
    const before = snapshot();
    // Retries of all three, then a removal retried after bob changed his mind by another event.
    expect(h.service.react(h.ctx('bob', { eventId: 'Ev-react' }), msg, '👍', true)?.duplicate).toBe(true);
    expect(h.service.command(h.ctx('carol', { eventId: 'Ev-cmd' }), 'propose', 'Posted once').duplicate).toBe(true);
    expect(h.service.voteOn(h.ctx('dana', { eventId: 'Ev-btn' }), 1, 'block', null, 'button').duplicate).toBe(true);
    expect(snapshot()).toEqual(before);
  });

  it('a repeated reaction without an event id (Discord re-sends) is idempotent', async () => {
    const h = harness();
    h.run('alice', '/propose Idem');
    await h.dispatcher.drain();
    const msg = h.port.posts()[0]!.messageId;
    for (let i = 0; i < 3; i++) h.service.react(h.ctx('bob'), msg, '👍', true);
    expect(h.store.proposals.get(1)!.counts.agree).toBe(1);
    expect(h.store.db.prepare('SELECT count(*) AS n FROM vote_history').get()).toEqual({ n: 1 });
    for (let i = 0; i < 3; i++) h.service.react(h.ctx('bob'), msg, '👍', false);
    expect(h.store.proposals.get(1)!.counts.agree).toBe(0);
    expect(h.store.db.prepare('SELECT count(*) AS n FROM vote_history').get()).toEqual({ n: 2 });
  });

  it('event ids are scoped per platform and forgotten after a day', async () => {
    const h = harness();
    h.run('alice', '/propose Scoped');
    expect(h.service.command({ ...h.ctx('bob', { eventId: 'E1' }) }, 'vote', '1 agree').duplicate).toBeUndefined();
    const other = { ...h.ctx('bob', { eventId: 'E1' }), channel: { platform: 'other', spaceId: 'S', channelId: 'C' } };
    expect(h.service.command(other, 'proposals', '').duplicate).toBeUndefined();
    await h.advance(25 * 3600_000);
    expect(h.store.keys.claimEvent('test:E1', h.clock.now())).toBe(true);
  });
});

describe('duplicated deliveries through the real Slack adapter', () => {
  it.each(['http', 'socket'] as const)('%s: a reaction event retried with X-Slack-Retry-Num (same event_id) counts once', async (mode) => {
    const { SlackHarness } = await import('../adapters/slack/harness');
    const h = await SlackHarness.start(mode);
    try {
      await h.command('UALICE', '/propose', 'Retried events');
      await h.dispatcher.drain();
      const ts = h.store.outbox.message('proposal:1')!.platformMessageId;
      const first = await h.reaction(true, 'UBOB', '+1', ts, { eventId: 'EvDup' });
      await h.reaction(false, 'UBOB', '+1', ts, { eventId: 'EvRemove' });
      await h.reaction(true, 'UBOB', '+1', ts, { eventId: first.eventId, retryNum: 1 });
      await h.reaction(true, 'UBOB', '+1', ts, { eventId: first.eventId, retryNum: 2 });
      expect(h.store.proposals.vote(1, 'UBOB')).toBeUndefined();
      expect(h.store.db.prepare('SELECT count(*) AS n FROM vote_history').get()).toEqual({ n: 2 });
    } finally {
      await h.close();
    }
  });
});

describe('duplicated deliveries through the real Discord adapter', () => {
  it('repeated MESSAGE_REACTION_ADD events and a redelivered interaction change nothing', async () => {
    const { makeUser, opt } = await import('../adapters/discord/fake-discord');
    const { Bot } = await import('../adapters/discord/harness');
    const alice = makeUser(1, 'alice');
    const bob = makeUser(2, 'bob');
    const { fake, bot } = await Bot.launch([alice, bob]);
    try {
      const payload = fake.commandPayload('propose', [opt.string('title', 'Delivered twice')], alice);
      fake.sendInteraction(payload);
      const first = await fake.callback(payload);
      await bot.deliver();
      const messageId = bot.messageIdOf(bot.proposal(1).id);
      for (let i = 0; i < 3; i++) fake.react(bob.id, messageId, '👍');
      fake.react(alice.id, messageId, '👎'); // a marker: once it counts, the repeats before it were handled
      await fake.until(() => bot.proposal(1).counts.disagree === 1, 'the marker vote');
      expect(bot.proposal(1).counts.agree).toBe(1);
      expect(bot.store.db.prepare('SELECT count(*) AS n FROM vote_history').get()).toEqual({ n: 2 });
      // The same interaction id again: "Already done." and no second proposal.
      fake.sendInteraction(payload);
      const again = await fake.until(() => fake.calls.filter((c) => c.path === first.path)[1], 'the second callback');
      expect(again.body.data.content).toBe('Already done.');
      expect(bot.store.db.prepare('SELECT count(*) AS n FROM proposals').get()).toEqual({ n: 1 });
    } finally {
      await bot.close();
      await fake.close();
    }
  });
});
