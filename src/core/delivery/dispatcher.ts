import type { Store } from '../../store/store';
import type { OutboxItem } from '../../store/outbox';
import type { Clock } from '../clock';
import type { Doc } from './doc';
import type { ChannelAddress } from '../types';
import { DeliveryError, type PlatformPort } from './port';
import { type Logger, silentLogger } from '../log';

import { type Outbox, type Payload, readPayload } from './outbox';

export type { Payload };

export interface DispatcherOptions {
  /** Tries that failed (errors, timeouts) before giving up on a message. */
  maxAttempts?: number;
  /** Rate-limited retries (Retry-After) before giving up: the platform pacing us is not a failure. */
  maxRateLimited?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  leaseMs?: number;
  /** A platform call that takes longer than this counts as failed (and is retried). */
  timeoutMs?: number;
  batch?: number;
  log?: Logger;
  /** The outbox the core queues to: the dispatcher starts a drain whenever it announces work. */
  wakeOn?: Pick<Outbox, 'onQueued'>;
}

export interface DrainReport {
  delivered: number;
  retried: number;
  failed: number;
}

/**
 * Delivers the outbox through the platform ports: in order per message, edits only after their
 * post, edits of one message at most every `minEditIntervalMs` (pending ones coalesce meanwhile),
 * failures retried with exponential backoff or the platform's Retry-After, bounded attempts.
 */
export class Dispatcher {
  private readonly ports = new Map<string, PlatformPort>();
  /** Posts the platform accepted whose recording has not succeeded yet (outbox id → message id). */
  private readonly sentNotRecorded = new Map<number, string>();
  private readonly o: Required<Omit<DispatcherOptions, 'log' | 'wakeOn'>>;
  private readonly log: Logger;
  private draining: Promise<DrainReport> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private pollMs = 1000;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly render: (channelFk: number, payload: Payload) => Doc | undefined,
    opts: DispatcherOptions = {},
  ) {
    this.o = {
      maxAttempts: opts.maxAttempts ?? 8,
      maxRateLimited: opts.maxRateLimited ?? 50,
      baseBackoffMs: opts.baseBackoffMs ?? 1000,
      maxBackoffMs: opts.maxBackoffMs ?? 5 * 60_000,
      leaseMs: opts.leaseMs ?? 30_000,
      timeoutMs: opts.timeoutMs ?? 15_000,
      batch: opts.batch ?? 500,
    };
    this.log = opts.log ?? silentLogger;
    opts.wakeOn?.onQueued(() => this.kick());
  }

  register(port: PlatformPort): void {
    this.ports.set(port.platform, port);
  }

  backoff(attempts: number): number {
    return Math.min(this.o.maxBackoffMs, this.o.baseBackoffMs * 2 ** (attempts - 1));
  }

  /** Delivers everything that is ready now. Concurrent calls share one run (plus one re-run). */
  drain(): Promise<DrainReport> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      const total: DrainReport = { delivered: 0, retried: 0, failed: 0 };
      try {
        do {
          this.again = false;
          for (;;) {
            const r = await this.pass();
            total.delivered += r.delivered;
            total.retried += r.retried;
            total.failed += r.failed;
            if (r.delivered + r.retried + r.failed === 0) break;
          }
        } while (this.again);
      } finally {
        this.draining = undefined;
      }
      return total;
    })();
    return this.draining;
  }

  private async pass(): Promise<DrainReport> {
    const report: DrainReport = { delivered: 0, retried: 0, failed: 0 };
    const blocked = new Set<string>();
    for (const item of this.store.outbox.readyItems(this.clock.now(), [...this.ports.keys()], this.o.batch)) {
      if (blocked.has(item.ref)) continue;
      blocked.add(item.ref); // whatever happens, later items of this message wait for this one
      const now = this.clock.now();
      const port = this.ports.get(item.platform)!;
      const message = this.store.outbox.message(item.ref);
      if (item.op === 'edit') {
        if (!message) continue; // its post has not gone out yet
        const earliest = (message.lastEditAt ?? -Infinity) + port.minEditIntervalMs;
        if (earliest > now) {
          this.store.outbox.defer(item.id, earliest);
          continue;
        }
      }
      if (!this.store.outbox.claim(item.id, now, this.o.leaseMs)) continue;
      const outcome = await this.deliver(item, port, message?.platformMessageId);
      report[outcome] += 1;
    }
    return report;
  }

  private async deliver(item: OutboxItem, port: PlatformPort, messageId: string | undefined): Promise<keyof DrainReport> {
    const channel = this.store.channels.get(item.channelFk);
    const doc = this.render(item.channelFk, readPayload(item.payload));
    try {
      if (doc) {
        if (item.op === 'post') {
          const id = item.sentMessageId ?? this.sentNotRecorded.get(item.id) ?? (await this.send(item, port, channel.address, doc));
          const at = this.clock.now();
          this.store.tx(() => {
            this.store.outbox.recordMessage(item.channelFk, item.ref, id, at);
            this.store.outbox.done(item.id, at);
          });
          this.sentNotRecorded.delete(item.id);
          return 'delivered';
        }
        await this.withTimeout(port.edit(channel.address, messageId!, doc));
      }
      const at = this.clock.now();
      this.store.tx(() => {
        this.store.outbox.setLastEdit(item.ref, at);
        this.store.outbox.done(item.id, at);
      });
      return 'delivered';
    } catch (e) {
      const err = e instanceof Error ? e.message : String(e);
      const opts = e instanceof DeliveryError ? e.opts : {};
      const limited = opts.retryAfterMs !== undefined;
      const attempts = item.attempts + (limited ? 0 : 1);
      const rateLimited = item.rateLimited + (limited ? 1 : 0);
      if (opts.permanent || attempts >= this.o.maxAttempts || rateLimited > this.o.maxRateLimited) {
        // A post that never went out leaves nothing for its pending edits to edit.
        this.store.tx(() => {
          this.store.outbox.fail(item.id, attempts, rateLimited, err);
          this.sentNotRecorded.delete(item.id);
          if (item.op === 'post') this.store.outbox.failPendingEdits(item.ref, 'its post failed');
        });
        this.log.error('giving up on a message', { outbox: item.id, ref: item.ref, op: item.op, attempts, rateLimited, error: err });
        return 'failed';
      }
      // A floor keeps a "Retry-After: 0" from spinning the drain loop.
      const wait = limited ? Math.max(250, opts.retryAfterMs!) : this.backoff(attempts);
      this.store.outbox.retry(item.id, attempts, rateLimited, this.clock.now() + wait, err);
      this.log.warn('delivery failed, will retry', { outbox: item.id, ref: item.ref, attempts, retryInMs: wait, error: err });
      return 'retried';
    }
  }

  /**
   * Sends a post and, before anything else, writes down that it went out (the platform's id on the
   * outbox item). Should even that write fail, the id is kept in memory, so this process's retries
   * record the post rather than send it again; only a crash in that instant can repeat a post, and
   * the key (Discord's enforce_nonce) lets the platform drop the repeat.
   */
  private async send(item: OutboxItem, port: PlatformPort, address: ChannelAddress, doc: Doc): Promise<string> {
    const { messageId } = await this.withTimeout(port.post(address, doc, `${item.ref}#${item.id}`));
    this.sentNotRecorded.set(item.id, messageId);
    this.store.outbox.markSent(item.id, messageId);
    return messageId;
  }

  private withTimeout<T>(call: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DeliveryError(`no answer within ${this.o.timeoutMs} ms`)), this.o.timeoutMs);
    });
    return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
  }

  /** Real-time mode: drain now, then whenever something is queued (kick) or comes due. */
  start(pollMs = 1000): void {
    this.running = true;
    this.pollMs = pollMs;
    this.wake(0);
  }

  /** Asks for a delivery pass soon (after a state change queued messages). */
  kick(): void {
    if (this.running) this.wake(0);
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  private wake(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    try {
      await this.drain();
    } catch (e) {
      this.log.error('dispatcher pass failed', { error: e instanceof Error ? e.message : String(e) });
    }
    if (!this.running) return;
    const next = this.store.outbox.nextDueAt();
    this.wake(next === null ? this.pollMs : Math.max(10, Math.min(this.pollMs, next - this.clock.now())));
  }
}
