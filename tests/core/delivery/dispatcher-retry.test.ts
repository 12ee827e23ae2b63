// The dispatcher's retry rules on their own: backoff and its cap, the bounds on tries, Retry-After
// and its floor, the call timeout, the edit interval's boundary and the real-time loop. Time is the
// harness's manual clock; the dispatcher's own timers (call timeout, wake-ups) are vitest's fake
// timers, so nothing here waits for real.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dispatcher } from '../../../src/core/delivery/dispatcher';
import { DeliveryError } from '../../../src/core/delivery/port';
import type { Logger } from '../../../src/core/log';
import { harness } from '../../helpers/harness';

const recordingLog = () => {
  const lines: { level: string; msg: string; data?: Record<string, unknown> | undefined }[] = [];
  const log: Logger = {
    info: (msg, data) => lines.push({ level: 'info', msg, data }),
    warn: (msg, data) => lines.push({ level: 'warn', msg, data }),
    error: (msg, data) => lines.push({ level: 'error', msg, data }),
  };
  return { lines, log };
};

/** When the one pending item is next due, relative to now. */
const waitOf = (h: ReturnType<typeof harness>) => h.store.outbox.nextDueAt()! - h.clock.now();

afterEach(() => {
  vi.useRealTimers();
});

describe('backoff', () => {
  it('doubles from the base on each failed try and stops growing at the cap', () => {
    const h = harness({ dispatcher: { baseBackoffMs: 1000, maxBackoffMs: 5000 } });
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => h.dispatcher.backoff(n))).toEqual([1000, 2000, 4000, 5000, 5000, 5000, 5000]);
  });

  it('defaults: 1 s doubling, capped at 5 minutes', () => {
    const d = harness().dispatcher;
    expect(d.backoff(1)).toBe(1000);
    expect(d.backoff(9)).toBe(256_000);
    expect(d.backoff(10)).toBe(300_000); // 512 s would be past the cap
    expect(d.backoff(40)).toBe(300_000);
  });

  it('a message that keeps failing is retried no later than the cap', async () => {
    const h = harness({ dispatcher: { baseBackoffMs: 1000, maxBackoffMs: 3000, maxAttempts: 10 } });
    for (let i = 0; i < 6; i++) h.port.failures.push(() => new Error('HTTP 503'));
    h.run('alice', '/propose Capped');
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      expect(await h.dispatcher.drain()).toEqual({ delivered: 0, retried: 1, failed: 0 });
      waits.push(waitOf(h));
      h.clock.advance(waits.at(-1)!);
    }
    expect(waits).toEqual([1000, 2000, 3000, 3000, 3000, 3000]);
    expect(await h.dispatcher.drain()).toEqual({ delivered: 1, retried: 0, failed: 0 });
  });
});

describe('bounded tries', () => {
  async function failing(n: number, error: () => Error) {
    const h = harness({ dispatcher: { log: recordingLog().log } });
    for (let i = 0; i < n; i++) h.port.failures.push(error);
    h.run('alice', '/propose Bounded');
    const reports = [];
    for (let i = 0; i < n + 2; i++) {
      reports.push(await h.dispatcher.drain());
      h.clock.advance(5 * 60_000);
    }
    const row = h.store.db.prepare("SELECT status, attempts, rate_limited FROM outbox WHERE ref = 'proposal:1'").get();
    return { h, row, delivered: h.port.posts().length };
  }

  it('by default a message is tried 8 times: 7 failures are survived, the 8th gives up', async () => {
    expect((await failing(7, () => new Error('HTTP 500'))).row).toMatchObject({ status: 'done', attempts: 7 });
    const given = await failing(8, () => new Error('HTTP 500'));
    expect(given.row).toEqual({ status: 'failed', attempts: 8, rate_limited: 0 });
    expect(given.delivered).toBe(0);
  });

  it('by default 50 rate-limited answers are waited out; the 51st gives up', async () => {
    const limited = () => new DeliveryError('HTTP 429', { retryAfterMs: 1000 });
    expect((await failing(50, limited)).row).toMatchObject({ status: 'done', attempts: 0, rate_limited: 50 });
    expect((await failing(51, limited)).row).toEqual({ status: 'failed', attempts: 0, rate_limited: 51 });
  });

  it('a give-up is logged as an error with what was given up; each retry as a warning with its wait', async () => {
    const { lines, log } = recordingLog();
    const h = harness({ dispatcher: { maxAttempts: 2, baseBackoffMs: 1000, log } });
    h.port.failures.push(
      () => new Error('HTTP 500 first'),
      () => new Error('HTTP 500 second'),
    );
    h.run('alice', '/propose Logged');
    await h.dispatcher.drain();
    h.clock.advance(1000);
    await h.dispatcher.drain();
    expect(lines).toEqual([
      { level: 'warn', msg: 'delivery failed, will retry', data: { outbox: 1, ref: 'proposal:1', attempts: 1, retryInMs: 1000, error: 'HTTP 500 first' } },
      {
        level: 'error',
        msg: 'giving up on a message',
        data: { outbox: 1, ref: 'proposal:1', op: 'post', attempts: 2, rateLimited: 0, error: 'HTTP 500 second' },
      },
    ]);
  });

  it('a failure that is not an Error is still recorded and retried', async () => {
    const h = harness();
    h.port.failures.push(() => 'plain string' as unknown as Error);
    h.run('alice', '/propose Odd');
    expect(await h.dispatcher.drain()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(h.store.db.prepare('SELECT last_error FROM outbox').get()).toEqual({ last_error: 'plain string' });
  });
});

describe('Retry-After', () => {
  it('a shorter Retry-After than the backoff is honoured as given', async () => {
    const h = harness({ dispatcher: { baseBackoffMs: 10_000 } });
    h.port.failures.push(() => new DeliveryError('429', { retryAfterMs: 700 }));
    h.run('alice', '/propose Soon');
    await h.dispatcher.drain();
    expect(waitOf(h)).toBe(700);
  });

  it('"Retry-After: 0" waits a quarter second rather than spinning', async () => {
    const h = harness();
    h.port.failures.push(() => new DeliveryError('429', { retryAfterMs: 0 }));
    h.run('alice', '/propose Spin');
    expect(await h.dispatcher.drain()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(waitOf(h)).toBe(250);
  });
});

describe('a platform call that never answers', () => {
  it('counts as failed after the timeout (15 s by default) and is retried', async () => {
    vi.useFakeTimers();
    const h = harness();
    let calls = 0;
    h.dispatcher.register({
      platform: 'test',
      minEditIntervalMs: 0,
      post: () => (++calls === 1 ? new Promise(() => {}) : Promise.resolve({ messageId: 'm1' })),
      edit: async () => {},
    });
    h.run('alice', '/propose Hangs');
    let report: unknown;
    void h.dispatcher.drain().then((r) => (report = r));
    await vi.advanceTimersByTimeAsync(14_999);
    expect(report).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(report).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(h.store.db.prepare('SELECT last_error FROM outbox').get()).toEqual({ last_error: 'no answer within 15000 ms' });
    h.clock.advance(1000);
    await expect(h.dispatcher.drain()).resolves.toEqual({ delivered: 1, retried: 0, failed: 0 });
  });
});

describe('edit interval', () => {
  it('an edit exactly one interval after the last goes out; one a millisecond sooner waits', async () => {
    const h = harness({ minEditIntervalMs: 1000 });
    h.run('alice', '/propose Paced');
    await h.dispatcher.drain();
    h.run('bob', '/vote 1 agree');
    await h.dispatcher.drain();
    expect(h.port.edits()).toHaveLength(1);
    h.clock.advance(999);
    h.run('carol', '/vote 1 agree');
    expect((await h.dispatcher.drain()).delivered).toBe(0);
    expect(waitOf(h)).toBe(1);
    h.clock.advance(1);
    expect((await h.dispatcher.drain()).delivered).toBe(1);
    expect(h.port.edits().map((e) => e.doc.tally?.counts.agree)).toEqual([1, 2]);
  });
});

describe('concurrent drains', () => {
  it('a drain asked for while one runs shares it, and the run goes round again for what was queued meanwhile', async () => {
    const h = harness();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let first = true;
    h.dispatcher.register({
      platform: 'test',
      minEditIntervalMs: 0,
      post: async () => {
        if (first) {
          first = false;
          await gate;
        }
        return { messageId: `m${Math.random()}` };
      },
      edit: async () => {},
    });
    h.run('alice', '/propose First');
    const a = h.dispatcher.drain();
    h.run('alice', '/propose Second'); // queued while the first post is in flight
    const b = h.dispatcher.drain();
    release();
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).toEqual({ delivered: 2, retried: 0, failed: 0 });
    expect(rb).toBe(ra);
    expect(h.store.outbox.pendingCount()).toBe(0);
  });
});

describe('real-time mode', () => {
  it('start delivers at once; kick wakes it for new messages; stop ends it', async () => {
    vi.useFakeTimers();
    const h = harness();
    h.run('alice', '/propose Early');
    h.dispatcher.kick(); // not started: nothing happens
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.port.posts()).toHaveLength(0);
    h.dispatcher.start(60_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.port.posts()).toHaveLength(1);
    h.run('alice', '/propose Kicked');
    h.dispatcher.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.port.posts()).toHaveLength(2);
    h.dispatcher.stop();
    h.run('alice', '/propose After stop');
    h.dispatcher.kick();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(h.port.posts()).toHaveLength(2);
  });

  it('wakes when the next retry falls due, not only at the poll interval', async () => {
    vi.useFakeTimers();
    const h = harness({ dispatcher: { baseBackoffMs: 2000 } });
    h.port.failures.push(() => new Error('HTTP 500'));
    h.run('alice', '/propose Retried');
    h.dispatcher.start(60_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.port.posts()).toHaveLength(0);
    h.clock.advance(2000); // the manual clock says the retry is due; the timer fires after 2 s
    await vi.advanceTimersByTimeAsync(1999);
    expect(h.port.posts()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.port.posts()).toHaveLength(1);
    h.dispatcher.stop();
  });

  it('a pass that throws is logged and the loop goes on', async () => {
    vi.useFakeTimers();
    const { lines, log } = recordingLog();
    const h = harness();
    let broken = true;
    const d = new Dispatcher(
      h.store,
      h.clock,
      (fk, p) => {
        if (broken) throw new Error('render broke');
        return h.service.render(fk, p);
      },
      { log, leaseMs: 500 },
    );
    d.register(h.port);
    h.run('alice', '/propose Fragile');
    d.start(1000);
    await vi.advanceTimersByTimeAsync(0);
    expect(lines).toContainEqual({ level: 'error', msg: 'dispatcher pass failed', data: { error: 'render broke' } });
    broken = false;
    h.clock.advance(1000); // the failed pass's claim on the item lapses
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.port.posts()).toHaveLength(1);
    d.stop();
  });
});

describe('a post given up', () => {
  it('fails the edits waiting for it (nothing to edit), but a failed edit leaves later edits alone', async () => {
    const h = harness({ dispatcher: { maxAttempts: 1 } });
    h.port.failures.push(() => new DeliveryError('channel_not_found', { permanent: true }));
    h.run('alice', '/propose Lost');
    h.run('bob', '/vote 1 agree'); // an edit queued behind the post
    expect(await h.dispatcher.drain()).toEqual({ delivered: 0, retried: 0, failed: 1 });
    expect(h.store.db.prepare('SELECT op, status, last_error FROM outbox ORDER BY id').all()).toEqual([
      { op: 'post', status: 'failed', last_error: 'channel_not_found' },
      { op: 'edit', status: 'failed', last_error: 'its post failed' },
    ]);

    const k = harness({ dispatcher: { maxAttempts: 1 } });
    k.run('alice', '/propose Kept');
    await k.dispatcher.drain();
    k.port.failures.push(() => new DeliveryError('message_not_found', { permanent: true }));
    k.run('bob', '/vote 1 agree');
    expect(await k.dispatcher.drain()).toEqual({ delivered: 0, retried: 0, failed: 1 });
    k.run('carol', '/vote 1 agree');
    expect(await k.dispatcher.drain()).toEqual({ delivered: 1, retried: 0, failed: 0 });
  });

  it('posts carry a key unique to the outbox item, for platforms that deduplicate by it', async () => {
    const h = harness();
    const keys: string[] = [];
    h.dispatcher.register({
      platform: 'test',
      minEditIntervalMs: 0,
      post: async (_c, _d, key) => {
        keys.push(key);
        return { messageId: key };
      },
      edit: async () => {},
    });
    h.run('alice', '/propose A');
    h.run('alice', '/propose B');
    await h.dispatcher.drain();
    expect(keys).toEqual(['proposal:1#1', 'proposal:2#2']);
  });
});
