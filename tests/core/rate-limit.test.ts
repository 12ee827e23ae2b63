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
    const l = new RateLimiter({ member: { propose: { burst: 2, everyMs: 60_000 }, vote: { burst: 1, everyMs: 1 }, command: { burst: 1, everyMs: 1 } }, channel: { propose: { burst: 1, everyMs: 60_000 } } });
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
