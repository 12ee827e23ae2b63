// Wires the real core (in-memory store, manual clock) to the Discord adapter and a FakeDiscord.
import { ManualClock } from '../../../src/core/clock';
import { Dispatcher } from '../../../src/core/delivery/dispatcher';
import type { Logger } from '../../../src/core/log';
import { Leaderful } from '../../../src/core/service';
import { Store } from '../../../src/store/store';
import { type DiscordAdapter, startDiscord } from '../../../adapters/discord/index';
import type { APIUser } from 'discord.js';
import { APP_ID, CHANNEL_ID, FakeDiscord, GUILD_ID, TOKEN } from './fake-discord';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
  data?: Record<string, unknown>;
}

/** Monday 2 March 2026, 08:00 UTC: an hour before the default weekly rotation ping. */
export const START = Date.parse('2026-03-02T08:00:00Z');
export const HOUR = 3_600_000;
export const DISCORD_CHANNEL = { platform: 'discord', spaceId: GUILD_ID, channelId: CHANNEL_ID };

export class Bot {
  readonly store = Store.open(':memory:');
  readonly clock = new ManualClock(START);
  readonly logs: LogEntry[] = [];
  readonly log: Logger = {
    info: (msg, data) => this.logs.push({ level: 'info', msg, ...(data ? { data } : {}) }),
    warn: (msg, data) => this.logs.push({ level: 'warn', msg, ...(data ? { data } : {}) }),
    error: (msg, data) => this.logs.push({ level: 'error', msg, ...(data ? { data } : {}) }),
  };
  readonly service = new Leaderful(this.store, this.clock, { log: this.log });
  readonly dispatcher = new Dispatcher(this.store, this.clock, this.service.render, { log: this.log });
  adapter!: DiscordAdapter;

  constructor(readonly fake: FakeDiscord) {}

  /** A fake Discord that knows these users, and a bot started on it, reconciled and ready. */
  static async launch(users: APIUser[], opts: { heartbeatInterval?: number } = {}): Promise<{ fake: FakeDiscord; bot: Bot }> {
    const fake = await FakeDiscord.start(opts);
    for (const u of users) fake.addUser(u);
    const bot = new Bot(fake);
    await bot.start();
    await bot.adapter.reconciled;
    return { fake, bot };
  }

  env(): NodeJS.ProcessEnv {
    return { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: this.fake.restApi };
  }

  /** Starts (or restarts) the adapter on the same store, as a new process would. */
  async start(): Promise<DiscordAdapter> {
    this.adapter = await startDiscord({ core: this.service, env: this.env(), log: this.log });
    this.dispatcher.register(this.adapter);
    return this.adapter;
  }

  async stop(): Promise<void> {
    await this.adapter?.stop();
  }

  async close(): Promise<void> {
    await this.stop();
    this.store.close();
  }

  /** Lets time pass on the manual clock, then delivers whatever is due. */
  async deliver(afterMs = 0) {
    this.clock.advance(afterMs);
    return this.dispatcher.drain();
  }

  proposal(number: number) {
    const channel = this.store.channels.find(DISCORD_CHANNEL)!;
    return this.store.proposals.byNumber(channel.id, number)!;
  }

  messageIdOf(proposalId: number): string {
    return this.store.outbox.message(`proposal:${proposalId}`)!.platformMessageId;
  }

  errors(): LogEntry[] {
    return this.logs.filter((l) => l.level === 'error');
  }
}
