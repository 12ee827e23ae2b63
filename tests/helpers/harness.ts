import { ManualClock } from '../../src/core/clock';
import type { Doc } from '../../src/core/doc';
import { Dispatcher, type DispatcherOptions } from '../../src/core/dispatcher';
import type { PlatformPort } from '../../src/core/ports';
import { Leaderful, type RequestContext } from '../../src/core/service';
import type { ChannelAddress, ChannelSettings } from '../../src/core/types';
import { Store } from '../../src/store/store';
import { runUntil } from '../../src/core/time-travel';

export interface Sent {
  op: 'post' | 'edit';
  messageId: string;
  doc: Doc;
  at: number;
}

/** A port that records what it is asked to deliver; `failNext` makes calls throw. */
export class RecordingPort implements PlatformPort {
  readonly sent: Sent[] = [];
  private n = 0;
  failures: (() => Error)[] = [];

  constructor(
    private readonly clock: ManualClock,
    readonly platform = 'test',
    readonly minEditIntervalMs = 0,
  ) {}

  private maybeFail(): void {
    const f = this.failures.shift();
    if (f) throw f();
  }

  async post(_c: ChannelAddress, doc: Doc): Promise<{ messageId: string }> {
    this.maybeFail();
    const messageId = `m${++this.n}`;
    this.sent.push({ op: 'post', messageId, doc, at: this.clock.now() });
    return { messageId };
  }

  async edit(_c: ChannelAddress, messageId: string, doc: Doc): Promise<void> {
    this.maybeFail();
    this.sent.push({ op: 'edit', messageId, doc, at: this.clock.now() });
  }

  posts(kind?: Doc['kind']): Sent[] {
    return this.sent.filter((s) => s.op === 'post' && (!kind || s.doc.kind === kind));
  }

  edits(): Sent[] {
    return this.sent.filter((s) => s.op === 'edit');
  }
}

export const T0 = Date.parse('2026-11-23T10:00:00Z'); // a Monday, after the default 09:00 ping

export interface Harness {
  store: Store;
  clock: ManualClock;
  service: Leaderful;
  dispatcher: Dispatcher;
  port: RecordingPort;
  address: ChannelAddress;
  ctx(user: string, opts?: { admin?: boolean; eventId?: string }): RequestContext;
  run(user: string, line: string, opts?: { admin?: boolean }): ReturnType<Leaderful['command']>;
  advance(ms: number): Promise<void>;
}

export function harness(opts: { db?: string; start?: number; defaults?: Partial<ChannelSettings>; minEditIntervalMs?: number; dispatcher?: DispatcherOptions } = {}): Harness {
  const store = Store.open(opts.db ?? ':memory:');
  const clock = new ManualClock(opts.start ?? T0);
  const service = new Leaderful(store, clock, { defaults: opts.defaults });
  const dispatcher = new Dispatcher(store, clock, service.render, opts.dispatcher);
  const port = new RecordingPort(clock, 'test', opts.minEditIntervalMs ?? 0);
  dispatcher.register(port);
  const address: ChannelAddress = { platform: 'test', spaceId: 'S1', channelId: 'C1' };
  const ctx = (user: string, o: { admin?: boolean; eventId?: string } = {}): RequestContext => ({
    channel: address,
    actor: { userId: user, displayName: user, platformAdmin: o.admin ?? false },
    ...(o.eventId ? { eventId: o.eventId } : {}),
  });
  return {
    store,
    clock,
    service,
    dispatcher,
    port,
    address,
    ctx,
    run(user, line, o) {
      const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line)!;
      return service.command(ctx(user, o), m[1]!, m[2]!);
    },
    advance: (ms) => runUntil(service, clock, clock.now() + ms, () => dispatcher.drain()),
  };
}

/** All the text of a doc, spans joined, for assertions. */
export function docText(doc: Doc): string {
  const line = (l: Doc['lines'][number]) =>
    l.map((s) => ('text' in s ? s.text : 'strong' in s ? s.strong : 'user' in s ? `@${s.user}` : s.fallback)).join('');
  return [doc.title ?? '', ...doc.lines.map(line), ...(doc.fields ?? []).map((f) => `${f.label}: ${line(f.value)}`)].join('\n');
}
