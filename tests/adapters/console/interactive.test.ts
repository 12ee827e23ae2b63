import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../../adapters/console/index';
import { ManualClock } from '../../../src/core/clock';
import { Dispatcher } from '../../../src/core/delivery/dispatcher';
import { Leaderful } from '../../../src/core/service';
import { Store } from '../../../src/store/store';
import { T0 } from '../../helpers/harness';

describe('the console for a person at a terminal', () => {
  it('greets, prompts, takes lines without a name as "you", and goes on after a bad line', async () => {
    const store = Store.open(':memory:');
    const clock = new ManualClock(T0);
    const service = new Leaderful(store, clock);
    const dispatcher = new Dispatcher(store, clock, service.render);
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (d: Buffer) => (out += d.toString()));
    const done = runConsole({ service, dispatcher, clock, channel: 'general', input, output, interactive: true });
    input.write('/rotation join\n');
    input.write(`alice: /propose ${'x'.repeat(30_000)}\n`);
    input.end('+👍 #1\n/proposals\n');
    await done;
    expect(out).toContain('Leaderful console, channel #general. Type /leaderful help to start (as "you")');
    expect(out.match(/> /g)?.length ?? 0).toBeGreaterThanOrEqual(4);
    expect(out).toContain('(to you) Welcome to the rotation.');
    expect(out).toContain('(console) That line is 30,016 characters long; a line can be at most 20,000.');
    expect(store.rotation.roster(1).map((m) => m.userId)).toEqual(['you']);
    store.close();
  });
});
