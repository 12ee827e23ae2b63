import { DateTime } from 'luxon';
import type { SettableClock } from '../../src/core/clock';
import type { Dispatcher } from '../../src/core/delivery/dispatcher';
import type { ClockDrivingCore } from '../../src/core/platform';
import type { Reply } from '../../src/core/service';
import type { ChannelAddress } from '../../src/core/types';
import { runUntil } from '../../src/core/time-travel';
import { parseDurationMinutes } from '../../src/core/commands/when';
import { type ConsoleLine, mentionsToIds, parseConsoleLine } from './lines';
import { emojiOf } from '../shared/emoji-names';
import { CONSOLE } from './port';
import { renderDoc } from './render';

export interface ConsoleSessionOptions {
  service: ClockDrivingCore;
  dispatcher: Dispatcher;
  clock: SettableClock;
  channel: string;
  write: (line: string) => void;
}

/** Runs console lines against the core: commands, reactions and clock moves. */
export class ConsoleSession {
  readonly address: ChannelAddress;

  constructor(private readonly o: ConsoleSessionOptions) {
    this.address = { platform: CONSOLE, spaceId: 'local', channelId: o.channel };
  }

  private ctx(user: string) {
    // In the console everyone is a channel admin: there is no platform to ask.
    return { channel: this.address, channelName: this.o.channel, actor: { userId: user, displayName: user, platformAdmin: true } };
  }

  private reply(user: string, r: Reply | undefined): void {
    if (r) this.o.write(`(to ${user}) ${renderDoc(r.doc)}`);
  }

  /** Catch-up on start: whatever fell due while nobody was running. */
  async start(): Promise<void> {
    this.o.service.runDue(this.o.clock.now());
    await this.o.dispatcher.drain();
  }

  async handle(raw: string): Promise<void> {
    const line: ConsoleLine = parseConsoleLine(raw);
    switch (line.kind) {
      case 'blank':
        return;
      case 'invalid':
        this.o.write(`(console) ${line.reason}`);
        return;
      case 'command':
        this.reply(line.user, this.o.service.command(this.ctx(line.user), line.name, mentionsToIds(line.text)));
        break;
      case 'reaction': {
        const r = this.o.service.react(this.ctx(line.user), line.message, emojiOf(line.reaction), line.added);
        if (r && !r.ok && !r.quiet) this.reply(line.user, r);
        break;
      }
      case 'clock':
        await this.moveClock(line.arg);
        return;
    }
    await this.o.dispatcher.drain();
  }

  /** Moves the clock to the target, running every job at its own due time, in order. */
  private async moveClock(arg: string): Promise<void> {
    const now = this.o.clock.now();
    const zone = this.o.service.channelZone(this.address, this.o.channel);
    let target: number | undefined;
    if (arg.startsWith('+')) {
      const minutes = parseDurationMinutes(arg.slice(1));
      if (minutes !== undefined) target = now + minutes * 60_000;
    } else {
      const dt = DateTime.fromISO(arg.replace(' ', 'T'), { zone });
      if (dt.isValid) target = dt.toMillis();
    }
    if (target === undefined) {
      this.o.write('(console) :clock takes +<duration> (like +7d or +90m) or a date-time (like 2026-12-07 09:00).');
      return;
    }
    if (target < now) {
      this.o.write('(console) The clock only moves forward.');
      return;
    }
    await runUntil(this.o.service, this.o.clock, target, () => this.o.dispatcher.drain());
  }
}
