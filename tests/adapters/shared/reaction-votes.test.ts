import { describe, expect, it } from 'vitest';
import { emojiOf } from '../../../adapters/shared/emoji-names';
import { groupByStance, reconcileOpenProposals } from '../../../adapters/shared/reaction-votes';
import { tallyBar } from '../../../adapters/shared/tally-bar';
import { harness } from '../../helpers/harness';

describe('tallyBar', () => {
  it('fills a share of ten cells, rounding, and is empty with no voters', () => {
    expect(tallyBar(0, 0)).toBe('░░░░░░░░░░');
    expect(tallyBar(1, 3)).toBe('███░░░░░░░');
    expect(tallyBar(2, 3)).toBe('███████░░░');
    expect(tallyBar(1, 20)).toBe('█░░░░░░░░░'); // 0.5 rounds up
    expect(tallyBar(5, 5)).toBe('██████████');
  });
});

describe('groupByStance', () => {
  it('groups either platform’s vote emoji (Slack’s names translated first), each user once, skipping whom it is told to', () => {
    expect(
      groupByStance(
        [
          { emoji: emojiOf('+1'), userIds: ['U1', 'BOT'] },
          { emoji: '👍', userIds: ['U1', 'U2'] },
          { emoji: emojiOf('thumbsdown::skin-tone-2'), userIds: ['U3'] },
          { emoji: '🛑', userIds: ['U4'] },
          { emoji: emojiOf('tada'), userIds: ['U5'] },
          { emoji: '', userIds: ['U6'] },
        ],
        (u) => u === 'BOT',
      ),
    ).toEqual({ agree: ['U1', 'U2'], disagree: ['U3'], block: ['U4'] });
  });
});

describe('reconcileOpenProposals', () => {
  /** A channel with one open proposal whose card was posted as message "m1". */
  async function withCard() {
    const h = harness();
    h.run('ann', '/propose Paint the door | it peels');
    await h.dispatcher.drain();
    return h;
  }

  it('counts each open card’s reactions as the platform reports them now, stamped before the read', async () => {
    const h = await withCard();
    const read: string[] = [];
    const changes = await reconcileOpenProposals(h.service, 'test', {
      read: async (m) => {
        read.push(m.messageId);
        return { agree: ['bob', 'cat'] };
      },
      log: { info() {}, warn() {}, error() {} },
    });
    expect(changes).toBe(2);
    expect(read).toHaveLength(1);
    expect(h.store.proposals.votes(1).map((v) => [v.userId, v.stance, v.source])).toEqual([
      ['bob', 'agree', 'reaction'],
      ['cat', 'agree', 'reaction'],
    ]);
  });

  it('waits and tries again when asked to (rate limits), at most maxWaits times, then logs and goes on', async () => {
    const h = await withCard();
    let tries = 0;
    const logged: string[] = [];
    const changes = await reconcileOpenProposals(h.service, 'test', {
      read: async () => {
        tries++;
        throw new Error('slow down');
      },
      retryAfterMs: () => 1,
      maxWaits: 2,
      log: { info() {}, warn: (m) => logged.push(`warn ${m}`), error: (m) => logged.push(`error ${m}`) },
      levelOf: () => 'error',
    });
    expect(changes).toBe(0);
    expect(tries).toBe(3);
    expect(logged).toEqual(['error could not reconcile reactions']);
  });

  it('stops between messages when told to', async () => {
    const h = await withCard();
    let read = 0;
    await reconcileOpenProposals(h.service, 'test', {
      read: async () => {
        read++;
        return {};
      },
      log: { info() {}, warn() {}, error() {} },
      stopped: () => true,
    });
    expect(read).toBe(0);
  });
});
