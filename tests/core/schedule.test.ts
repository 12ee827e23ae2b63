import { describe, expect, it } from 'vitest';
import {
  DAY,
  formatLocal,
  formatLocalDate,
  HOUR,
  isValidZone,
  LATE_AFTER,
  MINUTE,
  parseHHMM,
  periodKey,
  reminderAt,
  WEEK,
  weekdayName,
  weekdayNumber,
  weeklyAfter,
  weeklyAtOrBefore,
  weeklyShift,
} from '../../src/core/schedule';

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

describe('schedule details', () => {
  it('knows IANA zones and refuses made-up ones', () => {
    expect(isValidZone('Europe/Berlin')).toBe(true);
    expect(isValidZone('America/New_York')).toBe(true);
    expect(isValidZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidZone('')).toBe(false);
  });

  it.each([
    ['09:00', { hour: 9, minute: 0 }],
    ['9:05', { hour: 9, minute: 5 }],
    [' 23:59 ', { hour: 23, minute: 59 }],
    ['00:00', { hour: 0, minute: 0 }],
  ])('reads %j as a time of day', (t, want) => expect(parseHHMM(t)).toEqual(want));

  it.each(['24:00', '12:60', '7:5', '123:00', 'x9:00', '09:000', '09-00', '', 'noon'])('refuses %j as a time of day', (t) =>
    expect(parseHHMM(t)).toBeUndefined(),
  );

  it('shifts by whole weeks, any number of them, keeping the local time', () => {
    const before = Date.parse('2026-03-02T14:00:00Z'); // Mon 09:00 EST
    expect(iso(weeklyShift(before, MON_9, 'America/New_York', 2))).toBe('2026-03-16T13:00:00.000Z');
    expect(iso(weeklyShift(before, MON_9, 'America/New_York', 0))).toBe('2026-03-02T14:00:00.000Z');
    expect(iso(weeklyShift(Date.parse('2026-03-09T13:00:00Z'), MON_9, 'America/New_York', -1))).toBe('2026-03-02T14:00:00.000Z');
  });

  it('just before the weekly time, the latest occurrence is last week’s and the next is in a moment', () => {
    const at = Date.parse('2026-11-23T08:00:00Z'); // Mon 09:00 Berlin
    expect(iso(weeklyAtOrBefore(at - 1, MON_9, 'Europe/Berlin'))).toBe('2026-11-16T08:00:00.000Z');
    expect(weeklyAfter(at - 1, MON_9, 'Europe/Berlin')).toBe(at);
    expect(weeklyAtOrBefore(at + 1, MON_9, 'Europe/Berlin')).toBe(at);
  });

  it('a weekday later in the week than today is found in this week, an earlier one in the next', () => {
    const wed = Date.parse('2026-11-25T12:00:00Z');
    expect(iso(weeklyAfter(wed, { weekday: 5, hour: 17, minute: 30 }, 'UTC'))).toBe('2026-11-27T17:30:00.000Z');
    expect(iso(weeklyAtOrBefore(wed, { weekday: 5, hour: 17, minute: 30 }, 'UTC'))).toBe('2026-11-20T17:30:00.000Z');
    expect(iso(weeklyAfter(wed, { weekday: 2, hour: 8, minute: 15 }, 'UTC'))).toBe('2026-12-01T08:15:00.000Z');
  });

  it('the reminder boundary: a reminder exactly at creation is already past (strictly after, not at)', () => {
    const created = Date.parse('2026-11-23T10:00:00Z');
    expect(reminderAt(created, created + 60 * 60_000, 60)).toBeNull(); // lead = the whole window
    expect(reminderAt(created, created + 60 * 60_000 + 1, 60)).toBe(created + 1); // one ms later: due
    expect(reminderAt(created, created + 60 * 60_000, 59)).toBe(created + 60_000);
    expect(reminderAt(created, created + 86_400_000, -5)).toBeNull(); // a negative lead is "off"
  });

  it('reads weekday names in any case and with spaces, from three letters on', () => {
    expect(weekdayNumber(' TUE ')).toBe(2);
    expect(weekdayNumber('sunday')).toBe(7);
    expect(weekdayNumber('sat')).toBe(6);
    expect(weekdayNumber('mo')).toBeUndefined();
    expect(weekdayNumber('mondays')).toBeUndefined();
  });

  it('writes weekday numbers as names, Monday for anything out of range', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(weekdayName)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(weekdayName(0)).toBe('Monday');
    expect(weekdayName(8)).toBe('Monday');
  });

  it('formats local dates and times in the zone, with its short name', () => {
    const t = Date.parse('2026-11-23T23:30:00Z');
    expect(formatLocalDate(t, 'Asia/Tokyo')).toBe('Tue 24 Nov 2026');
    expect(formatLocalDate(t, 'UTC')).toBe('Mon 23 Nov 2026');
    expect(formatLocal(t, 'Europe/Berlin')).toBe('Tue 24 Nov 2026 00:30 CET');
    expect(formatLocal(t, 'America/New_York')).toBe('Mon 23 Nov 2026 18:30 EST');
    expect(formatLocal(t, 'UTC')).toBe('Mon 23 Nov 2026 23:30 UTC');
    // Asked again (from the cache of recent answers): the same text.
    expect(formatLocal(t, 'America/New_York')).toBe('Mon 23 Nov 2026 18:30 EST');
  });

  it('keeps answering right after its cache of recent times fills up and is cleared', () => {
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 5000; i++) formatLocal(t0 + i * 60_000, 'Europe/Paris');
    expect(formatLocal(t0 + 4999 * 60_000, 'Europe/Paris')).toBe('Sun 4 Jan 2026 12:19 CET');
    expect(formatLocal(t0, 'Europe/Paris')).toBe('Thu 1 Jan 2026 01:00 CET');
  });

  it('the weekly ping is late from fifteen minutes after its time', () => expect(LATE_AFTER).toBe(15 * 60_000));
  it('time units', () => {
    expect([MINUTE, HOUR, DAY, WEEK]).toEqual([60_000, 3_600_000, 86_400_000, 604_800_000]);
  });
});
