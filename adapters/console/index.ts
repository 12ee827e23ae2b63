import { createInterface } from 'node:readline';
import type { Dispatcher } from '../../src/core/dispatcher';
import type { Leaderful } from '../../src/core/service';
import { ConsolePort } from './port';
import type { SettableClock } from '../../src/core/clock';
import { ConsoleSession } from './session';

export interface ConsoleOptions {
  service: Leaderful;
  dispatcher: Dispatcher;
  clock: SettableClock;
  channel: string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
}

/** Runs the console adapter until its input ends. */
export async function runConsole(o: ConsoleOptions): Promise<void> {
  const write = (line: string) => o.output.write(`${line}\n`);
  const session = new ConsoleSession({ ...o, write });
  o.dispatcher.register(new ConsolePort(write, o.service.postedCount(session.address)));
  if (o.interactive) {
    write(`Leaderful console, channel #${o.channel}. Type "alice: /leaderful help" to start; Ctrl-D quits.`);
  }
  await session.start();
  const rl = createInterface({ input: o.input, terminal: false, crlfDelay: Infinity });
  for await (const line of rl) await session.handle(line);
}
