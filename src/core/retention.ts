import type { Store } from '../store/store';
import { NOTICE_COALESCE_MS } from './rotation/service';
import { DAY, MINUTE } from './schedule';

/**
 * What is kept only for a while, and why deleting it then is safe. runDue prunes at most once a
 * minute, so an idle tick stays a few index reads.
 *
 * - Delivered outbox rows: nothing reads a row once it is `done` (the dispatcher reads only pending
 *   and sending rows; a posted message's id lives in `messages`). Kept a day, for looking into a
 *   problem, then deleted.
 * - Given-up outbox rows (`failed`): kept 30 days, as the record of what never reached the platform.
 * - Exactly-once keys (scheduled_keys) must outlive any chance of their job running again:
 *   · `outcome:<id>`: a proposal is closed by one UPDATE … WHERE status = 'open', in the same
 *     transaction that claims the key; once that commits nothing closes it again, key or not.
 *   · `reminder:<id>`: claimed in the transaction that clears the proposal's remind_at, which is
 *     never set again; the job cannot come back.
 *   · `rotation:<channel>:<period>`: a ping claims the key of the *current* period. The current
 *     period starts at most a week before now, so once a period began more than a week ago it can
 *     never be current again (the clock only moves forward; a schedule change picks a period
 *     within the last week too). Its key is dead after 7 days.
 *   So 14 days (twice the longest of these, allowing for DST and a clock corrected backwards) is
 *   safe for every key.
 * - Platform event ids (seen_events): Slack and Discord retry an event within minutes; a day.
 * - Swap offers: deleted when they lapse (the end of their week).
 * - Notice digests: only needed for the coalescing window.
 */
export const RETENTION = {
  doneOutboxMs: DAY,
  failedOutboxMs: 30 * DAY,
  scheduledKeysMs: 14 * DAY,
  seenEventsMs: DAY,
  noticesMs: NOTICE_COALESCE_MS,
  everyMs: MINUTE,
} as const;

export interface PruneReport {
  outbox: number;
  scheduledKeys: number;
  seenEvents: number;
  swapOffers: number;
  notices: number;
}

/** Deletes whatever has outlived its use. Call inside a transaction. */
export function prune(store: Store, now: number): PruneReport {
  return {
    outbox: store.retention.pruneOutbox(now - RETENTION.doneOutboxMs, now - RETENTION.failedOutboxMs),
    scheduledKeys: store.retention.pruneScheduledKeys(now - RETENTION.scheduledKeysMs),
    seenEvents: store.keys.pruneEvents(now - RETENTION.seenEventsMs),
    swapOffers: store.swaps.pruneExpired(now),
    notices: store.notices.prune(now - RETENTION.noticesMs),
  };
}
