import { stanceOfReaction, voteKeyOfReaction } from '../../src/core/proposals/emoji';
import type { Logger } from '../../src/core/log';
import type { Core } from '../../src/core/platform';
import type { Stance } from '../../src/core/types';

export type ReactionsByStance = Partial<Record<Stance, string[]>>;
/** Reactions by what they vote for: a stance, or a poll's option number ('1' … '10'). */
export type ReactionsByVote = Partial<Record<string, string[]>>;

/**
 * Reactions on a message grouped by the stance they stand for, each user once per stance. `emoji`
 * is the reaction as the platform names it (Slack's `+1`, Discord's 👍); anything that is not a vote
 * emoji, and every user `skip` names (the bot itself, other bots), is left out.
 */
export function groupByStance(reactions: Iterable<{ emoji: string; userIds: Iterable<string> }>, skip: (userId: string) => boolean): ReactionsByStance {
  const out: Partial<Record<Stance, Set<string>>> = {};
  for (const r of reactions) {
    const stance = stanceOfReaction(r.emoji);
    if (!stance) continue;
    const set = (out[stance] ??= new Set());
    for (const u of r.userIds) if (!skip(u)) set.add(u);
  }
  return Object.fromEntries(Object.entries(out).map(([s, users]) => [s, [...users]]));
}

/** Like groupByStance, for proposals and polls alike: keyed by stance or option number (see voteKeyOfReaction). */
export function groupByVote(reactions: Iterable<{ emoji: string; userIds: Iterable<string> }>, skip: (userId: string) => boolean): ReactionsByVote {
  const out = new Map<string, Set<string>>();
  for (const r of reactions) {
    const key = voteKeyOfReaction(r.emoji);
    if (!key) continue;
    const set = out.get(key) ?? new Set<string>();
    out.set(key, set);
    for (const u of r.userIds) if (!skip(u)) set.add(u);
  }
  return Object.fromEntries([...out].map(([k, users]) => [k, [...users]]));
}

export interface ReconcileOptions {
  /** Reads a message's vote reactions now. */
  read: (m: { channelId: string; messageId: string }) => Promise<ReactionsByVote>;
  log: Logger;
  /** How long the platform asks to wait before trying the same message again, if it did (rate limits). */
  retryAfterMs?: (e: unknown) => number | undefined;
  /** Tries per message after being asked to wait. */
  maxWaits?: number;
  /** Stops between messages (shutdown). */
  stopped?: () => boolean;
  /** The log level of a message that could not be read (a deleted message is only a warning). */
  levelOf?: (e: unknown) => 'warn' | 'error';
}

/**
 * Votes made while the bot was down: reads each open proposal message's reactions, one message at a
 * time, and lets the core bring the reaction votes in line. A message that fails is logged and
 * skipped. Returns the votes changed.
 */
export async function reconcileOpenProposals(service: Core, platform: string, o: ReconcileOptions): Promise<number> {
  let changes = 0;
  for (const m of service.openProposalMessages(platform)) {
    if (o.stopped?.()) break;
    for (let waits = 0; ; waits++) {
      try {
        // Stamped before the read: a vote changed after it (a live event that overtook the read) is newer and left alone.
        const asOf = service.now();
        const reactions = await o.read({ channelId: m.channel.channelId, messageId: m.messageId });
        changes += service.reconcile(m.channel, m.messageId, reactions, asOf);
      } catch (e) {
        const wait = o.retryAfterMs?.(e);
        if (wait !== undefined && waits < (o.maxWaits ?? 3) && !o.stopped?.()) {
          await new Promise((r) => setTimeout(r, wait));
          continue;
        }
        o.log[o.levelOf?.(e) ?? 'warn']('could not reconcile reactions', {
          proposal: m.proposalId,
          channel: m.channel.channelId,
          message: m.messageId,
          error: e instanceof Error ? e.message : String(e),
        });
      }
      break;
    }
  }
  if (changes) o.log.info('reconciled reaction votes', { changes });
  return changes;
}
