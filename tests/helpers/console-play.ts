import { PassThrough } from 'node:stream';
import { runConsole } from '../../adapters/console/index';
import { ManualClock } from '../../src/core/clock';
import { Dispatcher } from '../../src/core/delivery/dispatcher';
import { Leaderful } from '../../src/core/service';
import { Store } from '../../src/store/store';

/** Plays console lines against a fresh in-memory bot (or `store`) and returns what it printed. */
export async function playConsole(lines: string, start = '2026-11-23T10:00:00Z', store = Store.open(':memory:')): Promise<string> {
  const clock = new ManualClock(Date.parse(start));
  const service = new Leaderful(store, clock);
  const dispatcher = new Dispatcher(store, clock, service.render);
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (c) => (printed += String(c)));
  input.end(lines);
  await runConsole({ service, dispatcher, clock, channel: 'general', input, output, interactive: false });
  return printed;
}
