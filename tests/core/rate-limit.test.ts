import { describe, expect, it } from 'vitest';
import { LruMap } from '../../src/core/lru';
import { RateLimiter, take } from '../../src/core/rate-limit';

describe('token bucket', () => {
  const rule = { burst: 3, everyMs: 1000 };
  it('allows a burst, then one per interval, and says how long to wait', () => {
    let b = take(undefined, rule, 0);
    for (let i = 0; i < 2; i++) b = take(b.bucket, rule, 0);
    expect(b.ok).toBe(true);
    const refused = take(b.bucket, rule, 250);
    expect(refused).toMatchObject({ ok: false, waitMs: 750 });
    expect(take(refused.bucket, rule, 1000).ok).toBe(true);
    expect(take(take(refused.bucket, rule, 1000).bucket, rule, 1000).ok).toBe(false);
  });
  it('never holds more than the burst, and a clock set back gives nothing', () => {
    const idle = take(undefined, rule, 0).bucket;
    expect(take(idle, rule, 1_000_000).bucket.tokens).toBe(2);
    const empty = { tokens: 0, at: 5000, told: false };
    expect(take(empty, rule, 1000)).toMatchObject({ ok: false, waitMs: 1000 });
  });
});

describe('rate limiter', () => {
  it('a proposal refused by the channel costs the member nothing, and vice versa', () => {
    const l = new RateLimiter({
      member: { propose: { burst: 2, everyMs: 60_000 }, vote: { burst: 1, everyMs: 1 }, command: { burst: 1, everyMs: 1 } },
      channel: { propose: { burst: 1, everyMs: 60_000 } },
    });
    expect(l.check('propose', 'alice', 'C', 0).ok).toBe(true);
    expect(l.check('propose', 'bob', 'C', 0)).toMatchObject({ ok: false, scope: 'channel', waitMs: 60_000, firstRefusal: true });
    expect(l.check('propose', 'bob', 'C', 1)).toMatchObject({ ok: false, firstRefusal: false });
    expect(l.check('propose', 'bob', 'D', 2).ok).toBe(true); // bob's own bucket was not touched by the refusals
    expect(l.check('propose', 'bob', 'E', 3).ok).toBe(true);
  });
  it('forgets a member on request, and holds at most its cap of buckets', () => {
    const l = new RateLimiter(undefined, 100);
    for (let i = 0; i < 1000; i++) l.check('vote', `test:S:u${i}`, 'C', 0);
    expect(l.size).toBe(100);
    l.check('command', 'test:S:alice', 'C', 0);
    l.forgetMember('test', 'alice');
    expect(l.size).toBe(99);
  });
});

describe('LruMap', () => {
  it('evicts the least recently used entry past its cap', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1).set('b', 2);
    m.get('a');
    m.set('c', 3);
    expect([...m.keys()]).toEqual(['a', 'c']);
    expect(m.get('b')).toBeUndefined();
  });
});

describe('rate limiter: whose limit, how long, and told once', () => {
  const T = Date.parse('2026-11-23T10:00:00Z'); // a real epoch time: refills are measured from the last request, not from 0
  const rules = (propose: number, channelPropose: number, everyMs = 60_000) => ({
    member: { propose: { burst: propose, everyMs }, vote: { burst: 2, everyMs: 1000 }, command: { burst: 1, everyMs: 1000 } },
    channel: { propose: { burst: channelPropose, everyMs: 60_000 } },
  });

  it('votes: the burst, then a refusal with the exact wait, then one more as soon as a whole token has refilled', () => {
    const l = new RateLimiter(rules(1, 1));
    expect(l.check('vote', 'alice', '', T).ok).toBe(true);
    expect(l.check('vote', 'alice', '', T).ok).toBe(true);
    expect(l.check('vote', 'alice', '', T + 250)).toEqual({ ok: false, scope: 'member', waitMs: 750, firstRefusal: true });
    expect(l.check('vote', 'alice', '', T + 1000).ok).toBe(true); // exactly one token is enough
    // An accepted vote in between: this refusal is a first one again, so a reaction gets an answer.
    expect(l.check('vote', 'alice', '', T + 1000)).toEqual({ ok: false, scope: 'member', waitMs: 1000, firstRefusal: true });
  });

  it("a proposal refused by the member's own bucket names the member, and leaves the channel's token to someone else", () => {
    const l = new RateLimiter(rules(1, 1));
    expect(l.check('propose', 'alice', 'C', T).ok).toBe(true);
    expect(l.check('propose', 'alice', 'D', T)).toEqual({ ok: false, scope: 'member', waitMs: 60_000, firstRefusal: true });
    expect(l.check('propose', 'bob', 'D', T).ok).toBe(true);
  });

  it('"told" belongs to the bucket that refused: a refusal by one bucket does not silence the first refusal of another', () => {
    const l = new RateLimiter(rules(1, 1));
    l.check('propose', 'alice', 'C', T); // alice's bucket and C's are empty now
    l.check('propose', 'alice', 'D', T); // refused by alice's own bucket; D keeps its token
    l.check('propose', 'bob', 'D', T); // D's token goes to bob
    // D has refused nobody yet, though alice was refused while proposing in it.
    expect(l.check('propose', 'carol', 'D', T)).toMatchObject({ ok: false, scope: 'channel', firstRefusal: true });
    // C has refused nobody yet either; carol's own bucket never refused her.
    expect(l.check('propose', 'carol', 'C', T)).toMatchObject({ ok: false, scope: 'channel', firstRefusal: true });
  });

  it("a channel's earlier refusal of someone else does not silence a member's first refusal by their own bucket", () => {
    const l = new RateLimiter({ ...rules(1, 1), member: { ...rules(1, 1).member, propose: { burst: 1, everyMs: 120_000 } } });
    l.check('propose', 'bob', 'C', T);
    expect(l.check('propose', 'carol', 'C', T)).toMatchObject({ ok: false, scope: 'channel', firstRefusal: true }); // C has told carol
    l.check('propose', 'alice', 'D', T + 60_000); // alice's one token
    // C has refilled and would let a proposal through; alice's own bucket refuses her, for the first time.
    expect(l.check('propose', 'alice', 'C', T + 60_000)).toEqual({ ok: false, scope: 'member', waitMs: 120_000, firstRefusal: true });
  });

  it('both buckets empty: the longer wait is the one named; once told, a member is not told again until accepted', () => {
    const l = new RateLimiter(rules(1, 1, 120_000));
    l.check('propose', 'alice', 'C', T);
    expect(l.check('propose', 'alice', 'C', T)).toEqual({ ok: false, scope: 'member', waitMs: 120_000, firstRefusal: true });
    expect(l.check('propose', 'bob', 'C', T + 60_000).ok).toBe(true); // C refilled, and is empty again
    // alice was told about her own bucket and has had nothing accepted since: not a first refusal,
    // even though C is refusing her anew.
    expect(l.check('propose', 'alice', 'C', T + 60_000)).toEqual({ ok: false, scope: 'member', waitMs: 60_000, firstRefusal: false });
  });

  it("on equal waits the member's own limit is named (it is the one their own pace can change)", () => {
    const l = new RateLimiter(rules(1, 1, 60_000));
    l.check('propose', 'alice', 'C', T);
    expect(l.check('propose', 'alice', 'C', T)).toMatchObject({ ok: false, scope: 'member', waitMs: 60_000 });
  });

  it('forgetting a member on one platform keeps the buckets of the same id on another (someone else there)', () => {
    const l = new RateLimiter(rules(1, 1));
    for (const m of ['slack:T1:U1', 'discord:G1:U1']) l.check('command', m, '', T);
    l.forgetMember('slack', 'U1');
    expect(l.check('command', 'slack:T1:U1', '', T).ok).toBe(true); // a fresh, full bucket
    expect(l.check('command', 'discord:G1:U1', '', T).ok).toBe(false);
  });

  it('take: an accepted request clears "told", so the next refusal is a first one again', () => {
    const told = { tokens: 0, at: T, told: true };
    expect(take(told, { burst: 1, everyMs: 1000 }, T + 500)).toMatchObject({ ok: false, bucket: { told: true } });
    expect(take(told, { burst: 1, everyMs: 1000 }, T + 1000)).toMatchObject({ ok: true, bucket: { told: false } });
  });
});
