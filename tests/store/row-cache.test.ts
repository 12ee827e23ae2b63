import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/core/service';
import { harness } from '../helpers/harness';

// Channel rows and remembered names are cached (src/store/row-cache.ts); these are the ways a cached
// value could outlive what is stored, each of which must drop it.

const fileDb = () => join(mkdtempSync(join(tmpdir(), 'leaderful-cache-')), 'leaderful.db');

describe('cached channel rows', () => {
  it('a settings change is read back at once, by address and by id', () => {
    const h = harness();
    h.run('alice', '/rotation join');
    const id = h.store.channels.find(h.address)!.id;
    expect(h.store.channels.get(id).settings.timezone).toBe('UTC');
    expect(h.run('admin', '/leaderful settings timezone Europe/Berlin', { admin: true }).ok).toBe(true);
    expect(h.store.channels.find(h.address)!.settings.timezone).toBe('Europe/Berlin');
    expect(h.store.channels.get(id).settings.timezone).toBe('Europe/Berlin');
    expect(h.run('admin', '/leaderful settings rule majority', { admin: true }).ok).toBe(true);
    expect(h.store.channels.find(h.address)!.settings.rule).toBe('majority');
  });

  it('a new time for the next ping is read back at once', () => {
    const h = harness();
    h.run('alice', '/rotation join');
    const row = h.store.channels.find(h.address)!;
    h.store.channels.setNextRotation(row.id, row.nextRotationAt! + 1);
    expect(h.store.channels.get(row.id).nextRotationAt).toBe(row.nextRotationAt! + 1);
    expect(h.store.channels.find(h.address)!.nextRotationAt).toBe(row.nextRotationAt! + 1);
  });

  it('a change rolled back leaves the row as committed, though it was read inside the transaction', () => {
    const h = harness();
    h.run('alice', '/rotation join');
    const row = h.store.channels.find(h.address)!;
    expect(() =>
      h.store.tx(() => {
        h.store.channels.updateSettings(row.id, { ...row.settings, timezone: 'Asia/Tokyo' });
        h.store.channels.setNextRotation(row.id, 1);
        expect(h.store.channels.find(h.address)!.settings.timezone).toBe('Asia/Tokyo');
        expect(h.store.channels.get(row.id).nextRotationAt).toBe(1);
        throw new Error('undo');
      }),
    ).toThrow('undo');
    expect(h.store.channels.find(h.address)).toEqual(row);
    expect(h.store.channels.get(row.id)).toEqual(row);
  });

  it('a channel created by a refused request does not exist afterwards', () => {
    const h = harness();
    const elsewhere: RequestContext = { channel: { ...h.address, channelId: 'C2' }, actor: { userId: 'alice', displayName: 'Alice', platformAdmin: false } };
    expect(h.service.command(elsewhere, 'vote', '1 agree').ok).toBe(false); // no proposal #1: rolled back
    expect(h.store.channels.find(elsewhere.channel)).toBeUndefined();
    expect(h.service.command(elsewhere, 'rotation', 'join').ok).toBe(true);
    expect(h.store.channels.find(elsewhere.channel)!.id).toBe(h.store.db.prepare('SELECT id FROM channels WHERE channel_id = ?').pluck().get('C2'));
  });

  it('a change committed by another process is seen', () => {
    const h = harness({ db: fileDb() });
    h.run('alice', '/rotation join');
    const row = h.store.channels.find(h.address)!;
    const other = new Database(h.store.db.name);
    other.prepare(`UPDATE channels SET timezone = 'America/Lima', stewards = '["bob"]' WHERE id = ?`).run(row.id);
    other.close();
    expect(h.store.channels.find(h.address)!.settings).toMatchObject({ timezone: 'America/Lima', stewards: ['bob'] });
    expect(h.store.channels.get(row.id).settings.timezone).toBe('America/Lima');
  });

  it('stewardships ended by an erasure are gone from the row', () => {
    const h = harness();
    h.run('alice', '/rotation join');
    h.run('admin', '/leaderful settings steward add <@alice>', { admin: true });
    expect(h.store.channels.find(h.address)!.settings.stewards).toEqual(['alice']);
    expect(h.run('alice', '/leaderful forget-me confirm').ok).toBe(true);
    expect(h.store.channels.find(h.address)!.settings.stewards).toEqual([]);
    // And she can no longer act as one.
    expect(h.run('alice', '/leaderful settings rule majority').ok).toBe(false);
  });

  it('rows handed out cannot be changed by their reader (every later reader would see it)', () => {
    const h = harness();
    h.run('alice', '/rotation join');
    const row = h.store.channels.find(h.address)!;
    expect(() => row.settings.stewards.push('mallory')).toThrow(TypeError);
    expect(() => {
      row.settings.timezone = 'Asia/Tokyo';
    }).toThrow(TypeError);
    expect(h.store.channels.find(h.address)!.settings).toMatchObject({ timezone: 'UTC', stewards: [] });
  });
});

describe('remembered names', () => {
  const ctx = (h: ReturnType<typeof harness>, displayName: string): RequestContext => ({
    channel: h.address,
    actor: { userId: 'U7', displayName, platformAdmin: false },
  });
  const stored = (h: ReturnType<typeof harness>) => h.store.users.name(h.address.platform, h.address.spaceId, 'U7');

  it('a new name replaces the old one; the same name again writes nothing', () => {
    const h = harness();
    h.service.command(ctx(h, 'Sam'), 'proposals', '');
    const at = h.store.db.prepare<[], number>(`SELECT updated_at FROM users WHERE user_id = 'U7'`).pluck();
    const first = at.get();
    h.clock.advance(60_000);
    h.service.command(ctx(h, 'Sam'), 'proposals', '');
    expect(at.get()).toBe(first);
    h.service.command(ctx(h, 'Sam Jones'), 'proposals', '');
    expect(stored(h)).toBe('Sam Jones');
    expect(at.get()).toBe(first! + 60_000);
  });

  it('a name remembered by a refused request is written by the next one', () => {
    const h = harness();
    expect(h.service.command(ctx(h, 'Sam'), 'vote', '9 agree').ok).toBe(false); // rolled back, name too
    expect(stored(h)).toBeUndefined();
    h.service.command(ctx(h, 'Sam'), 'proposals', '');
    expect(stored(h)).toBe('Sam');
  });

  it('a name erased (forget-me) is written again when the member comes back', () => {
    const h = harness();
    h.service.command(ctx(h, 'Sam'), 'proposals', '');
    expect(h.service.command(ctx(h, 'Sam'), 'leaderful', 'forget-me confirm').ok).toBe(true);
    expect(stored(h)).toBeUndefined();
    h.service.command(ctx(h, 'Sam'), 'proposals', '');
    expect(stored(h)).toBe('Sam');
  });

  it('a name deleted by another process is written again', () => {
    const h = harness({ db: fileDb() });
    h.service.command(ctx(h, 'Sam'), 'proposals', '');
    const other = new Database(h.store.db.name);
    other.prepare(`DELETE FROM users WHERE user_id = 'U7'`).run();
    other.close();
    h.service.command(ctx(h, 'Sam'), 'proposals', '');
    expect(stored(h)).toBe('Sam');
  });
});
