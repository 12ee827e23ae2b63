import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/core/channels';
import { ManualClock } from '../../../src/core/clock';
import { Dispatcher } from '../../../src/core/delivery/dispatcher';
import { type MessageRef, Outbox, parseRef, payloadText, proposalOf, readPayload, refText } from '../../../src/core/delivery/outbox';
import { Store } from '../../../src/store/store';

describe('message refs', () => {
  it('each kind is written one way and read back the same', () => {
    const refs: [MessageRef, string][] = [
      [{ kind: 'proposal', proposalId: 12 }, 'proposal:12'],
      [{ kind: 'outcome', proposalId: 12 }, 'outcome:12'],
      [{ kind: 'reminder', proposalId: 3 }, 'reminder:3'],
      [{ kind: 'rotation', channelFk: 7, period: '2026-11-30' }, 'rotation:7:2026-11-30'],
      [{ kind: 'notice', id: '0f8a' }, 'notice:0f8a'],
    ];
    for (const [ref, text] of refs) {
      expect(refText(ref)).toBe(text);
      expect(parseRef(text)).toEqual(ref);
    }
  });

  it('text that is no ref of ours reads as none', () => {
    for (const bad of [
      '',
      'proposal',
      'proposal:',
      'proposal:x',
      'proposal:1:2',
      'proposal:-1',
      'proposal:1.5',
      'outcome:99999999999999999999',
      'rotation:7',
      'rotation:x:2026',
      'swap:1',
      'notice:',
      'notice:a:b',
      'rotation:1:2:3',
      'proposal:1e3',
      'proposal:12 ',
      'proposal:0x1',
      'rotation:7x:2026-11-30',
    ]) {
      expect(parseRef(bad), bad).toBeUndefined();
    }
  });

  it('proposalOf names the proposal of a card, and nothing else', () => {
    expect(proposalOf('proposal:5')).toBe(5);
    expect(proposalOf('outcome:5')).toBeUndefined();
    expect(proposalOf('reminder:5')).toBeUndefined();
    expect(proposalOf('proposal:five')).toBeUndefined();
  });

  it('payloads round-trip through their stored text', () => {
    for (const p of [{ proposal: 4 }, { doc: { kind: 'notice' as const, lines: [[{ text: 'hi' }]] } }]) expect(readPayload(payloadText(p))).toEqual(p);
  });
});

describe('Outbox', () => {
  it('queues posts and edits under their ref, and every notice under a ref of its own', () => {
    const store = Store.open(':memory:');
    const clock = new ManualClock(Date.parse('2026-11-23T10:00:00Z'));
    const outbox = new Outbox(store.outbox, clock);
    const channel = store.channels.insert({ platform: 'test', spaceId: 'S', channelId: 'C' }, null, DEFAULT_SETTINGS, clock.now());
    expect(channel).toBe(1);
    outbox.post(1, { kind: 'proposal', proposalId: 9 }, { proposal: 9 });
    outbox.edit(1, { kind: 'proposal', proposalId: 9 }, { proposal: 9 });
    const doc = { kind: 'notice' as const, lines: [[{ text: 'same' }]] };
    outbox.notice(1, doc);
    outbox.notice(1, doc); // the same millisecond, the same text: still two messages
    const all = store.db.prepare('SELECT ref, op, payload FROM outbox ORDER BY id').all() as { ref: string; op: string; payload: string }[];
    expect(all.map((r) => [r.ref.replace(/^notice:.*/, 'notice'), r.op])).toEqual([
      ['proposal:9', 'post'],
      ['proposal:9', 'edit'],
      ['notice', 'post'],
      ['notice', 'post'],
    ]);
    expect(new Set(all.map((r) => r.ref)).size).toBe(3);
    expect(all.slice(2).map((r) => parseRef(r.ref)?.kind)).toEqual(['notice', 'notice']);
    expect(readPayload(all[2]!.payload)).toEqual({ doc });
    // A stored payload (rewritten by an erasure) goes out again as an edit of its message, verbatim.
    outbox.editStored(1, 'outcome:9', '{"doc":{"kind":"notice","lines":[]}}');
    expect(store.db.prepare("SELECT op, payload FROM outbox WHERE ref = 'outcome:9'").all()).toEqual([
      { op: 'edit', payload: '{"doc":{"kind":"notice","lines":[]}}' },
    ]);
  });

  it('announces work to its listeners, and a dispatcher given it wakes up', async () => {
    const store = Store.open(':memory:');
    const clock = new ManualClock(0);
    const outbox = new Outbox(store.outbox, clock);
    let heard = 0;
    outbox.onQueued(() => heard++);
    outbox.announce();
    outbox.announce();
    expect(heard).toBe(2);
    const dispatcher = new Dispatcher(store, clock, () => undefined, { wakeOn: outbox });
    const kicked: number[] = [];
    dispatcher.kick = () => void kicked.push(clock.now());
    outbox.announce();
    expect(kicked).toEqual([0]);
  });
});
