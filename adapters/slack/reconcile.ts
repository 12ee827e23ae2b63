import { webApi } from '@slack/bolt';
import { stanceOfReaction } from '../../src/core/emoji';
import type { Logger } from '../../src/core/ports';
import type { Leaderful } from '../../src/core/service';
import type { Stance } from '../../src/core/types';

/** Reactions on a message, grouped by the stance they stand for; the bot's own are left out. */
export function reactionsByStance(reactions: { name?: string; users?: string[] }[], botUserId: string): Partial<Record<Stance, string[]>> {
  const out: Partial<Record<Stance, Set<string>>> = {};
  for (const r of reactions) {
    const stance = r.name ? stanceOfReaction(r.name) : undefined;
    if (!stance) continue;
    const set = (out[stance] ??= new Set());
    for (const u of r.users ?? []) if (u !== botUserId) set.add(u);
  }
  return Object.fromEntries(Object.entries(out).map(([s, users]) => [s, [...users]]));
}

const MAX_RATE_LIMIT_WAITS = 3;

/**
 * Votes made while the bot was down: reads each open proposal message's reactions (reactions.get)
 * and lets the core bring the reaction votes in line. Runs after start, in the background, one
 * message at a time (reactions.get is a Tier 3 method); a message that fails is logged and skipped.
 */
export async function reconcileReactions(
  client: webApi.WebClient,
  service: Leaderful,
  botUserId: string,
  log: Logger,
  stopped: () => boolean,
): Promise<number> {
  let changes = 0;
  for (const m of service.openProposalMessages('slack')) {
    if (stopped()) break;
    for (let waits = 0; ; waits++) {
      try {
        const asOf = service.now();
        const r = await client.reactions.get({ channel: m.channel.channelId, timestamp: m.messageId, full: true });
        changes += service.reconcile(m.channel, m.messageId, reactionsByStance(r.message?.reactions ?? [], botUserId), asOf);
      } catch (e) {
        if (e instanceof webApi.WebAPIRateLimitedError && waits < MAX_RATE_LIMIT_WAITS && !stopped()) {
          await new Promise((r) => setTimeout(r, e.retryAfter * 1000));
          continue;
        }
        log.warn('could not reconcile reactions', { channel: m.channel.channelId, message: m.messageId, error: e instanceof Error ? e.message : String(e) });
      }
      break;
    }
  }
  if (changes) log.info('reconciled reaction votes', { changes });
  return changes;
}
