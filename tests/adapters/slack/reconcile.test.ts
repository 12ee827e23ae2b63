// Restart after downtime: the adapter reads the reactions on open proposals (reactions.get) and the
// core counts what changed while the bot was away.
import { afterAll, describe, expect, it } from 'vitest';
import { reactionsByStance } from '../../../adapters/slack/reconcile';
import { buttons, CHANNEL, type Mode, SlackHarness, tallyRow } from './harness';

describe('reactionsByStance', () => {
  it('groups Slack reaction names by stance, skin tones alike, without the bot or other emoji', () => {
    expect(
      reactionsByStance(
        [
          { name: '+1', users: ['U1', 'UBOT'] },
          { name: '+1::skin-tone-5', users: ['U2', 'U1'] },
          { name: 'thumbsdown', users: ['U3'] },
          { name: 'octagonal_sign', users: ['U4'] },
          { name: 'tada', users: ['U5'] },
          { users: ['U6'] },
        ],
        'UBOT',
      ),
    ).toEqual({ agree: ['U1', 'U2'], disagree: ['U3'], block: ['U4'] });
  });
});

describe.each<Mode>(['http', 'socket'])('reconcile on start (%s mode)', (mode) => {
  let h: SlackHarness | undefined;
  afterAll(async () => {
    await h?.close();
  });

  it('counts votes made while the bot was down and drops reactions taken away', async () => {
    h = await SlackHarness.start(mode);
    expect(await h.slack.reconciled).toBe(0); // nothing open yet

    await h.command('UALICE', '/propose', 'Reconcile me');
    await h.command('UALICE', '/propose', 'Closed already');
    await h.deliver();
    const [open, closed] = h.posts().map((p) => {
      const id = Number(buttons(p.body.blocks)[0]!.value);
      return { id, ts: h!.store.outbox.message(`proposal:${id}`)!.platformMessageId };
    });
    await h.reaction(true, 'UBOB', '+1', open!.ts);
    await h.command('UERIN', '/vote', '1 disagree'); // a command vote: reactions do not touch it
    await h.command('UALICE', '/close', '2');
    await h.deliver();
    const counts = () => h!.store.proposals.get(open!.id)!.counts;
    expect(counts()).toEqual({ agree: 1, disagree: 1, abstain: 0, block: 0 });

    await h.slack.stop();
    // While down: Bob took his 👍 back, Carol agreed (skin tone), Dave blocked; the bot and a 🎉 don't count.
    h.api.reactions.set(`${CHANNEL}:${open!.ts}`, [
      { name: '+1::skin-tone-2', users: ['UCAROL'] },
      { name: 'octagonal_sign', users: ['UDAVE'] },
      { name: '+1', users: ['UBOT'] },
      { name: 'tada', users: ['UERIN'] },
    ]);
    h.api.reactions.set(`${CHANNEL}:${closed!.ts}`, [{ name: '+1', users: ['UCAROL'] }]);
    const updates = h.updates(open!.ts).length;

    await h.startAdapter();
    expect(await h.slack.reconciled).toBe(3);
    const gets = h.api.calls.filter((c) => c.method === 'reactions.get');
    expect(gets.map((c) => c.body)).toEqual([{ channel: CHANNEL, timestamp: open!.ts, full: 'true' }]); // closed proposals are not read
    expect(counts()).toEqual({ agree: 1, disagree: 1, abstain: 0, block: 1 });
    expect(h.store.proposals.vote(open!.id, 'UBOB')).toBeUndefined();
    expect(h.store.proposals.vote(open!.id, 'UCAROL')?.stance).toBe('agree');

    await h.deliver();
    expect(h.updates(open!.ts).length).toBe(updates + 1);
    const card = h.updates(open!.ts).at(-1)!.body;
    expect(tallyRow(card.blocks, 'Agree')).toContain('*1*');
    expect(tallyRow(card.blocks, 'Block')).toContain('*1*');
    if (mode === 'socket') expect(h.api.socket.connections).toBe(2);
  });
});
