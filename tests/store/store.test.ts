import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY } from '../../src/core/schedule';
import { Store } from '../../src/store/store';
import { harness } from '../helpers/harness';

describe('store on a real SQLite file', () => {
  it('keeps everything across a reopen: proposals, votes, history, roster, periods, messages, keys', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'leaderful-store-')), 'leaderful.db');
    const h = harness({ db: path });
    for (const u of ['alice', 'bob']) h.run(u, '/rotation join');
    h.run('alice', '/propose Persist me | because --closes 2w --quorum 2');
    h.run('bob', '/vote 1 disagree not yet');
    h.run('alice', '/leaderful settings timezone Europe/Berlin', { admin: true });
    await h.dispatcher.drain();
    await h.advance(7 * DAY);
    const before = {
      proposal: h.store.proposals.get(1),
      votes: h.store.proposals.votes(1),
      roster: h.store.rotation.roster(1),
      history: h.store.rotation.allHistory(1),
      message: h.store.outbox.message('proposal:1'),
      channel: h.store.channels.find(h.address),
    };
    h.store.close();

    const again = new Store(Store.open(path).db);
    expect(again.proposals.get(1)).toEqual(before.proposal);
    expect(again.proposals.votes(1)).toEqual(before.votes);
    expect(again.rotation.roster(1)).toEqual(before.roster);
    expect(again.rotation.allHistory(1)).toEqual(before.history);
    expect(before.history.length).toBe(2);
    expect(again.outbox.message('proposal:1')).toEqual(before.message);
    expect(again.channels.find(h.address)).toEqual(before.channel);
    expect(again.keys.hasScheduled(`rotation:1:${before.history[0]!.period}`)).toBe(true);
    expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
  });

  it('every statement the store runs is prepared once (no ad-hoc SQL per call)', () => {
    const h = harness();
    const prepare = h.store.db.prepare.bind(h.store.db);
    let prepared = 0;
    (h.store.db as { prepare: typeof prepare }).prepare = ((sql: string) => {
      prepared++;
      return prepare(sql);
    }) as typeof prepare;
    h.run('alice', '/propose Hot path');
    h.run('bob', '/vote 1 agree');
    h.run('carol', '/rotation join');
    expect(prepared).toBe(0);
  });
});
