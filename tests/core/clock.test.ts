import { describe, expect, it } from 'vitest';
import { ManualClock, OffsetClock, systemClock } from '../../src/core/clock';

const T = Date.parse('2026-11-23T10:00:00Z');

describe('clocks', () => {
  it('a manual clock moves only when told: set and advance', () => {
    const c = new ManualClock(T);
    expect(c.now()).toBe(T);
    expect(c.now()).toBe(T);
    c.advance(1500);
    expect(c.now()).toBe(T + 1500);
    c.set(T - 60_000);
    expect(c.now()).toBe(T - 60_000);
  });

  it('the system clock is real time', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('an offset clock starts at the given moment and runs with real time; set moves it', () => {
    // Bounds from real time around each call, so no timing is assumed.
    let before = Date.now();
    const c = new OffsetClock(T);
    let now = c.now();
    let elapsed = Date.now() - before;
    expect(now).toBeGreaterThanOrEqual(T);
    expect(now).toBeLessThanOrEqual(T + elapsed);
    const later = T + 7 * 86_400_000;
    before = Date.now();
    c.set(later);
    now = c.now();
    elapsed = Date.now() - before;
    expect(now).toBeGreaterThanOrEqual(later);
    expect(now).toBeLessThanOrEqual(later + elapsed);
  });
});
