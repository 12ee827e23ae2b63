import { describe, expect, it } from 'vitest';
import { emojiOf } from '../../../adapters/shared/emoji-names';
import { groupByVote } from '../../../adapters/shared/reaction-votes';
import { harness } from '../../helpers/harness';

describe('groupByVote', () => {
  it('groups stances and poll options (Slack’s names translated first), each user once, skipping whom it is told to', () => {
    expect(
      groupByVote(
        [
          { emoji: emojiOf('+1'), userIds: ['U1', 'BOT'] },
          { emoji: emojiOf('two'), userIds: ['U2', 'BOT'] },
          { emoji: '2️⃣', userIds: ['U2', 'U3'] },
          { emoji: emojiOf('keycap_ten'), userIds: ['U4'] },
          { emoji: emojiOf('tada'), userIds: ['U5'] },
        ],
        (u) => u === 'BOT',
      ),
    ).toEqual({ agree: ['U1'], '2': ['U2', 'U3'], '10': ['U4'] });
  });

  it('what the core makes of them: option keys vote on a poll and are only reactions on a proposal', async () => {
    const h = harness();
    h.run('ann', '/propose Paint the door');
    h.run('ann', '/poll Colour? | Red | Blue');
    await h.dispatcher.drain();
    const [proposal, poll] = h.port.posts('proposal').map((p) => p.messageId);
    const read = { agree: ['bob'], '2': ['cat'] };
    expect(h.service.reconcile(h.address, proposal!, read)).toBe(1);
    expect(h.service.reconcile(h.address, poll!, read)).toBe(1);
    expect(h.store.proposals.votes(1).map((v) => [v.userId, v.stance])).toEqual([['bob', 'agree']]);
    expect(h.store.polls.votes(2).map((v) => [v.userId, v.choices])).toEqual([['cat', [2]]]);
  });
});
