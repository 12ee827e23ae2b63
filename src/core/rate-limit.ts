import { LruMap } from './lru';
import { MINUTE } from './schedule';

/**
 * Rate limits: token buckets, kept in memory and driven by the injected clock.
 *
 * A bucket holds up to `burst` tokens and gains one every `everyMs`; each request takes one. So a
 * member can do `burst` things at once, then one per `everyMs`. Refused requests change nothing
 * (they never reach the store), so nothing already accepted is lost.
 *
 * Kept in memory on purpose: the vote path must stay a single small write, and a restart (which a
 * member cannot cause) merely refills the buckets. The buckets live in an LruMap, so memory is
 * bounded however many members pass through; an evicted bucket was idle longest, and is full again.
 */

export interface BucketRule {
  burst: number;
  everyMs: number;
}

export interface Bucket {
  tokens: number;
  at: number;
  /** The member was already told to slow down since their last accepted request. */
  told: boolean;
}

export type Take = { ok: true; bucket: Bucket } | { ok: false; bucket: Bucket; waitMs: number };

/** Refills `bucket` up to `now` and takes one token if there is one. Pure. */
export function take(bucket: Bucket | undefined, rule: BucketRule, now: number): Take {
  const b = bucket ?? { tokens: rule.burst, at: now, told: false };
  const elapsed = Math.max(0, now - b.at); // a clock set back gives nothing, takes nothing
  const tokens = Math.min(rule.burst, b.tokens + elapsed / rule.everyMs);
  if (tokens >= 1) return { ok: true, bucket: { tokens: tokens - 1, at: now, told: false } };
  return { ok: false, bucket: { tokens, at: now, told: b.told }, waitMs: Math.ceil((1 - tokens) * rule.everyMs) };
}

export type LimitKind = 'propose' | 'vote' | 'command';

export interface RateLimitRules {
  /** Per member (platform, workspace or server, user): every kind. */
  member: Record<LimitKind, BucketRule>;
  /** Per channel: only new proposals. Votes are never limited per channel: a whole group reacting at once is the point. */
  channel: { propose: BucketRule };
}

/**
 * The defaults. A real member: a few proposals after a meeting, votes on a dozen proposals in a
 * row, a reaction changed back and forth while making up their mind, a handful of commands. The
 * limits leave all of that alone and stop a script: 5,000 proposals become 5 (then one per 2
 * minutes, and the open-proposal caps stop them well before); 20,000 vote flips become 60 (then one
 * a second).
 */
export const DEFAULT_RATE_LIMITS: RateLimitRules = {
  member: {
    propose: { burst: 5, everyMs: 2 * MINUTE },
    vote: { burst: 60, everyMs: 1000 },
    command: { burst: 30, everyMs: 2000 },
  },
  channel: { propose: { burst: 20, everyMs: 30_000 } },
};

export type Verdict = { ok: true } | { ok: false; waitMs: number; scope: 'member' | 'channel'; firstRefusal: boolean };
const OK: Verdict = { ok: true };
type Refused = [key: string, bucket: Bucket, rule: BucketRule, whose: 'member' | 'channel'];

export class RateLimiter {
  private readonly buckets: LruMap<string, Bucket>;

  constructor(
    private readonly rules: RateLimitRules = DEFAULT_RATE_LIMITS,
    maxBuckets = 20_000,
  ) {
    this.buckets = new LruMap(maxBuckets);
  }

  get size(): number {
    return this.buckets.size;
  }

  /**
   * Takes a token from the member's bucket for this kind (and the channel's, for proposals), or
   * neither: a request refused by one bucket costs the other nothing. This runs on every vote, so
   * it updates buckets in place (the same arithmetic as `take`) and allocates nothing when it passes.
   */
  check(kind: LimitKind, member: string, channel: string, now: number): Verdict {
    const mKey = `m:${kind}:${member}`;
    const mRule = this.rules.member[kind];
    const m = this.fill(mKey, mRule, now);
    if (kind !== 'propose') return m.tokens >= 1 ? this.spend(mKey, m) : this.refuse([[mKey, m, mRule, 'member']]);
    const cKey = `c:propose:${channel}`;
    const cRule = this.rules.channel.propose;
    const c = this.fill(cKey, cRule, now);
    if (m.tokens >= 1 && c.tokens >= 1) {
      this.spend(cKey, c);
      return this.spend(mKey, m);
    }
    // A bucket that had room keeps its token (only its refill is stored).
    this.buckets.set(mKey, m);
    this.buckets.set(cKey, c);
    const refused: Refused[] = [];
    if (m.tokens < 1) refused.push([mKey, m, mRule, 'member']);
    if (c.tokens < 1) refused.push([cKey, c, cRule, 'channel']);
    return this.refuse(refused);
  }

  /** The bucket under `key`, refilled up to `now` (created full). */
  private fill(key: string, rule: BucketRule, now: number): Bucket {
    const b = this.buckets.peek(key);
    if (!b) return { tokens: rule.burst, at: now, told: false };
    const elapsed = Math.max(0, now - b.at); // a clock set back gives nothing, takes nothing
    b.tokens = Math.min(rule.burst, b.tokens + elapsed / rule.everyMs);
    b.at = now;
    return b;
  }

  private spend(key: string, b: Bucket): Verdict {
    b.tokens -= 1;
    b.told = false;
    this.buckets.set(key, b);
    return OK;
  }

  private waitOf(b: Bucket, rule: BucketRule): number {
    return Math.ceil((1 - b.tokens) * rule.everyMs);
  }

  /** Refused: the wait is the longest of the empty buckets', and says whose (the member's or the channel's). */
  private refuse(refused: Refused[]): Verdict {
    const firstRefusal = !refused.some(([, b]) => b.told);
    let waitMs = 0;
    let scope: 'member' | 'channel' = 'member';
    for (const [key, b, rule, whose] of refused) {
      const wait = this.waitOf(b, rule);
      if (wait > waitMs) [waitMs, scope] = [wait, whose];
      b.told = true;
      this.buckets.set(key, b);
    }
    return { ok: false, waitMs, scope, firstRefusal };
  }

  /** Drops a member's buckets on a platform (after their data is erased: nothing keyed by their id stays). */
  forgetMember(platform: string, userId: string): void {
    for (const key of [...this.buckets.keys()]) {
      if (key.startsWith('m:') && key.includes(`:${platform}:`) && key.endsWith(`:${userId}`)) this.buckets.delete(key);
    }
  }
}
