import { createInterface } from 'node:readline';
import type { Dispatcher } from '../../src/core/delivery/dispatcher';
import type { ClockDrivingCore } from '../../src/core/platform';
import { ConsolePort } from './port';
import type { SettableClock } from '../../src/core/clock';
import { ConsoleSession } from './session';

export interface ConsoleOptions {
  service: ClockDrivingCore;
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
    write(
      `Leaderful console, channel #${o.channel}. Type /leaderful help to start (as "you"), or speak as someone else with "alice: /propose …"; Ctrl-D quits.`,
    );
  }
  await session.start();
  const rl = o.interactive
    ? createInterface({ input: o.input, output: o.output, terminal: true, prompt: '> ' })
    : createInterface({ input: o.input, terminal: false, crlfDelay: Infinity });
  if (o.interactive) rl.prompt();
  for await (const line of rl) {
    try {
      await session.handle(line);
    } catch (e) {
      // One bad line must not end the session (the core already answers bad commands kindly).
      write(`(console) That line could not be handled (${e instanceof Error ? e.message : String(e)}); nothing else was affected.`);
    }
    if (o.interactive) rl.prompt();
  }
}
