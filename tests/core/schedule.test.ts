import { describe, expect, it } from 'vitest';
import { periodKey, reminderAt, weekdayNumber, weeklyAfter, weeklyAtOrBefore, weeklyShift } from '../../src/core/schedule';

const iso = (ms: number) => new Date(ms).toISOString();
const MON_9 = { weekday: 1, hour: 9, minute: 0 };

describe('weekly schedule in a zone', () => {
  it('finds the latest Monday 09:00 in Europe/Berlin at or before now', () => {
    const now = Date.parse('2026-11-25T12:00:00Z'); // Wednesday
    expect(iso(weeklyAtOrBefore(now, MON_9, 'Europe/Berlin'))).toBe('2026-11-23T08:00:00.000Z');
    expect(iso(weeklyAfter(now, MON_9, 'Europe/Berlin'))).toBe('2026-11-30T08:00:00.000Z');
  });

  it('counts the exact moment as due, and the next one a week later', () => {
    const at = Date.parse('2026-11-23T08:00:00Z');
    expect(weeklyAtOrBefore(at, MON_9, 'Europe/Berlin')).toBe(at);
    expect(iso(weeklyAfter(at, MON_9, 'Europe/Berlin'))).toBe('2026-11-30T08:00:00.000Z');
  });

  it('keeps 09:00 local across the spring DST change (America/New_York, 8 March 2026)', () => {
    const before = Date.parse('2026-03-02T14:00:00Z'); // Mon 09:00 EST = 14:00Z
    expect(iso(weeklyAtOrBefore(before, MON_9, 'America/New_York'))).toBe('2026-03-02T14:00:00.000Z');
    // Next Monday is after the change: 09:00 EDT = 13:00Z, one week minus one hour later.
    expect(iso(weeklyAfter(before, MON_9, 'America/New_York'))).toBe('2026-03-09T13:00:00.000Z');
    expect(iso(weeklyShift(before, MON_9, 'America/New_York', 1))).toBe('2026-03-09T13:00:00.000Z');
  });

  it('keeps 09:00 local across the autumn DST change (Europe/Berlin, 25 October 2026)', () => {
    const sun = { weekday: 7, hour: 9, minute: 0 };
    const before = Date.parse('2026-10-18T07:00:00Z'); // Sun 09:00 CEST
    expect(iso(weeklyAfter(before, sun, 'Europe/Berlin'))).toBe('2026-10-25T08:00:00.000Z'); // 09:00 CET
  });

  it('a time skipped by spring-forward fires at the first valid instant after the gap', () => {
    const sun230 = { weekday: 7, hour: 2, minute: 30 };
    const sat = Date.parse('2026-03-07T12:00:00Z');
    // 02:30 on 8 March does not exist in New York: it becomes 03:30 EDT = 07:30Z.
    expect(iso(weeklyAfter(sat, sun230, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
  });

  it('a time that happens twice on fall-back day fires once, at the earlier instant', () => {
    const sun130 = { weekday: 7, hour: 1, minute: 30 };
    const sat = Date.parse('2026-10-31T12:00:00Z');
    const first = weeklyAfter(sat, sun130, 'America/New_York');
    expect(iso(first)).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT, not 01:30 EST (06:30Z)
    expect(iso(weeklyAfter(first, sun130, 'America/New_York'))).toBe('2026-11-08T06:30:00.000Z');
  });

  it('names periods by their local date', () => {
    expect(periodKey(Date.parse('2026-11-23T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-11-24');
  });

  it('reminds lead minutes before close, unless that moment has passed at creation', () => {
    const created = Date.parse('2026-11-23T10:00:00Z');
    expect(reminderAt(created, created + 3 * 86400_000, 1440)).toBe(created + 2 * 86400_000);
    expect(reminderAt(created, created + 3600_000, 1440)).toBeNull();
    expect(reminderAt(created, created + 3 * 86400_000, 0)).toBeNull();
  });

  it('reads weekday names and prefixes', () => {
    expect(weekdayNumber('Monday')).toBe(1);
    expect(weekdayNumber('thu')).toBe(4);
    expect(weekdayNumber('su')).toBeUndefined();
    expect(weekdayNumber('funday')).toBeUndefined();
  });
});
