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
   * neither: a request refused by one bucket costs the other nothing.
   */
  check(kind: LimitKind, member: string, channel: string, now: number): Verdict {
    const checks: { key: string; rule: BucketRule; scope: 'member' | 'channel' }[] = [{ key: `m:${kind}:${member}`, rule: this.rules.member[kind], scope: 'member' }];
    if (kind === 'propose') checks.push({ key: `c:propose:${channel}`, rule: this.rules.channel.propose, scope: 'channel' });
    const results = checks.map((c) => ({ ...c, r: take(this.buckets.get(c.key), c.rule, now) }));
    const refused = results.filter((x) => !x.r.ok);
    if (!refused.length) {
      for (const x of results) this.buckets.set(x.key, x.r.bucket);
      return { ok: true };
    }
    const worst = refused.reduce((a, b) => ((b.r as { waitMs: number }).waitMs > (a.r as { waitMs: number }).waitMs ? b : a));
    const firstRefusal = !refused.some((x) => this.buckets.get(x.key)?.told);
    for (const x of refused) this.buckets.set(x.key, { ...x.r.bucket, told: true });
    return { ok: false, waitMs: (worst.r as { waitMs: number }).waitMs, scope: worst.scope, firstRefusal };
  }

  /** Drops a member's buckets on a platform (after their data is erased: nothing keyed by their id stays). */
  forgetMember(platform: string, userId: string): void {
    for (const key of [...this.buckets.keys()]) {
      if (key.startsWith('m:') && key.includes(`:${platform}:`) && key.endsWith(`:${userId}`)) this.buckets.delete(key);
    }
  }
}
