import { describe, expect, it } from 'vitest';
import { LruMap } from '../../src/core/lru';

describe('LruMap', () => {
  it('refuses a cap under one entry (it could hold nothing), and a cap of one holds the latest', () => {
    expect(() => new LruMap(0)).toThrow(/at least one entry/);
    expect(() => new LruMap(Number.NaN)).toThrow(/at least one entry/);
    const m = new LruMap<string, number>(1);
    m.set('a', 1).set('b', 2);
    expect([...m.keys()]).toEqual(['b']);
    expect(m.get('b')).toBe(2);
  });

  it('peek reads without refreshing: the peeked entry is still the first evicted', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1).set('b', 2);
    expect(m.peek('a')).toBe(1);
    m.set('c', 3);
    expect(m.has('a')).toBe(false);
    expect(m.has('b')).toBe(true);
  });

  it('clear forgets everything', () => {
    const m = new LruMap<string, number>(3);
    m.set('a', 1).set('b', 2);
    m.clear();
    expect(m.size).toBe(0);
    expect(m.get('a')).toBeUndefined();
  });
});
