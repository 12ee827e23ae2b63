import { ManualClock } from '../../src/core/clock';
import type { Doc } from '../../src/core/delivery/doc';
import { MemoryPort as RecordingPort } from '../../adapters/memory/port';

import { Dispatcher, type DispatcherOptions } from '../../src/core/delivery/dispatcher';
import { Leaderful, type RequestContext } from '../../src/core/service';
import type { ChannelAddress, ChannelSettings } from '../../src/core/types';
import { Store } from '../../src/store/store';
import { runUntil } from '../../src/core/time-travel';

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

export function harness(
  opts: { db?: string; start?: number; defaults?: Partial<ChannelSettings>; minEditIntervalMs?: number; dispatcher?: DispatcherOptions } = {},
): Harness {
  const store = Store.open(opts.db ?? ':memory:');
  const clock = new ManualClock(opts.start ?? T0);
  const service = new Leaderful(store, clock, opts.defaults ? { defaults: opts.defaults } : {});
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
/** Who holds a role in a rotation ping or plan: the users on lines that start with a role's name (not "up next" or thanks). */
export function roleHolders(doc: Doc): string[] {
  return doc.lines.flatMap((l) => (l[0] && 'strong' in l[0] ? l.flatMap((s) => ('user' in s ? [s.user] : [])) : []));
}

export function docText(doc: Doc): string {
  const line = (l: Doc['lines'][number]) => l.map((s) => ('text' in s ? s.text : 'strong' in s ? s.strong : 'user' in s ? `@${s.user}` : s.fallback)).join('');
  return [doc.title ?? '', ...doc.lines.map(line), ...(doc.fields ?? []).map((f) => `${f.label}: ${line(f.value)}`)].join('\n');
}
