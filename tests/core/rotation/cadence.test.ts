import { describe, expect, it } from 'vitest';
import {
  type Cadence,
  cadenceAfter,
  cadenceAtOrBefore,
  cadenceShift,
  describeCadence,
  formatRepeat,
  mondayOf,
  periodSpan,
  type Repeat,
  repeatFromStored,
} from '../../../src/core/rotation/cadence';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => Date.parse(s);

/** Every ping from `from` for `n` pings, by stepping cadenceAfter. */
function pings(c: Cadence, zone: string, from: number, n: number): string[] {
  const out: string[] = [];
  let t = from;
  for (let i = 0; i < n; i++) out.push(iso((t = cadenceAfter(t, c, zone))));
  return out;
}

describe('every n weeks', () => {
  // The series runs through the week of Monday 2026-11-30.
  const c: Cadence = { weekday: 1, hour: 9, minute: 0, repeat: { every: 'weeks', n: 2, anchor: '2026-11-30' } };

  it('pings every other Monday, in the anchor week and every second week from it (before it too)', () => {
    expect(pings(c, 'UTC', at('2026-11-20T00:00:00Z'), 4)).toEqual([
      '2026-11-30T09:00:00.000Z',
      '2026-12-14T09:00:00.000Z',
      '2026-12-28T09:00:00.000Z',
      '2027-01-11T09:00:00.000Z',
    ]);
    // A week outside the series: the latest ping is the week before.
    expect(iso(cadenceAtOrBefore(at('2026-12-09T12:00:00Z'), c, 'UTC'))).toBe('2026-11-30T09:00:00.000Z');
    expect(iso(cadenceAtOrBefore(at('2026-11-29T12:00:00Z'), c, 'UTC'))).toBe('2026-11-16T09:00:00.000Z');
    // At the ping itself: that ping; a millisecond before, the one two weeks earlier.
    expect(iso(cadenceAtOrBefore(at('2026-12-14T09:00:00Z'), c, 'UTC'))).toBe('2026-12-14T09:00:00.000Z');
    expect(iso(cadenceAtOrBefore(at('2026-12-14T09:00:00Z') - 1, c, 'UTC'))).toBe('2026-11-30T09:00:00.000Z');
    expect(iso(cadenceAfter(at('2026-12-14T09:00:00Z'), c, 'UTC'))).toBe('2026-12-28T09:00:00.000Z');
  });

  it('shifts by whole series steps, across a DST change at the same wall-clock time', () => {
    const berlin: Cadence = { weekday: 1, hour: 9, minute: 0, repeat: { every: 'weeks', n: 3, anchor: '2026-03-16' } };
    const first = at('2026-03-16T08:00:00Z'); // 09:00 CET
    expect(iso(cadenceShift(first, berlin, 'Europe/Berlin', 1))).toBe('2026-04-06T07:00:00.000Z'); // 09:00 CEST
    expect(iso(cadenceShift(first, berlin, 'Europe/Berlin', -1))).toBe('2026-02-23T08:00:00.000Z');
    expect(pings(berlin, 'Europe/Berlin', first, 2)).toEqual(['2026-04-06T07:00:00.000Z', '2026-04-27T07:00:00.000Z']);
  });

  it('counts weeks by the local calendar: a Sunday-evening ping in a zone far from UTC keeps its series', () => {
    const auckland: Cadence = { weekday: 7, hour: 20, minute: 0, repeat: { every: 'weeks', n: 2, anchor: '2026-11-23' } };
    // Sunday 29 Nov 2026 20:00 NZDT is Sunday 07:00 UTC; the week of Monday 23 Nov locally.
    expect(pings(auckland, 'Pacific/Auckland', at('2026-11-25T00:00:00Z'), 2)).toEqual(['2026-11-29T07:00:00.000Z', '2026-12-13T07:00:00.000Z']);
    expect(mondayOf(at('2026-11-29T07:00:00Z'), 'Pacific/Auckland')).toBe('2026-11-23');
  });
});

describe('every n weeks: the series arithmetic', () => {
  it('5 and 7 weeks apart land exactly n weeks apart (not every week, not every other)', () => {
    for (const n of [5, 7]) {
      const c: Cadence = { weekday: 2, hour: 10, minute: 0, repeat: { every: 'weeks', n, anchor: '2027-01-04' } };
      const got = pings(c, 'UTC', at('2027-01-01T00:00:00Z'), 3).map((t) => Date.parse(t));
      expect(got[0]).toBe(at('2027-01-05T10:00:00Z'));
      expect(got[1]! - got[0]!).toBe(n * 7 * 86_400_000);
      expect(got[2]! - got[1]!).toBe(n * 7 * 86_400_000);
    }
  });

  it('the Monday of a week is the local one, even when UTC is still on the Sunday before', () => {
    // Monday 30 Nov 2026 08:00 in Auckland is Sunday 29 Nov 19:00 UTC.
    expect(mondayOf(at('2026-11-29T19:00:00Z'), 'Pacific/Auckland')).toBe('2026-11-30');
    expect(mondayOf(at('2026-11-29T19:00:00Z'), 'UTC')).toBe('2026-11-23');
  });
});

describe('monthly', () => {
  it('the month is the local one: in Auckland on 1 December, the first Tuesday is that day, though UTC is still in November', () => {
    const c: Cadence = { weekday: 2, hour: 7, minute: 0, repeat: { every: 'month', nth: 1 } };
    const now = at('2026-11-30T19:00:00Z'); // Tue 1 Dec 2026 08:00 NZDT
    expect(iso(cadenceAtOrBefore(now, c, 'Pacific/Auckland'))).toBe('2026-11-30T18:00:00.000Z'); // Tue 1 Dec 07:00 NZDT
    expect(iso(cadenceShift(at('2026-11-30T18:00:00Z'), c, 'Pacific/Auckland', 1))).toBe('2027-01-04T18:00:00.000Z'); // Tue 5 Jan 07:00 NZDT
  });

  it('the first Monday of each month', () => {
    const c: Cadence = { weekday: 1, hour: 9, minute: 0, repeat: { every: 'month', nth: 1 } };
    expect(pings(c, 'UTC', at('2026-11-29T00:00:00Z'), 4)).toEqual([
      '2026-12-07T09:00:00.000Z',
      '2027-01-04T09:00:00.000Z',
      '2027-02-01T09:00:00.000Z', // the 1st itself
      '2027-03-01T09:00:00.000Z',
    ]);
    expect(iso(cadenceAtOrBefore(at('2026-12-06T00:00:00Z'), c, 'UTC'))).toBe('2026-11-02T09:00:00.000Z');
  });

  it('the last Friday of each month, including months whose last day is that Friday', () => {
    const c: Cadence = { weekday: 5, hour: 17, minute: 0, repeat: { every: 'month', nth: -1 } };
    expect(pings(c, 'UTC', at('2027-01-01T00:00:00Z'), 4)).toEqual([
      '2027-01-29T17:00:00.000Z',
      '2027-02-26T17:00:00.000Z',
      '2027-03-26T17:00:00.000Z',
      '2027-04-30T17:00:00.000Z', // 30 April 2027 is the last day and a Friday
    ]);
  });

  it('the second, third and fourth weekday; the 4th always exists', () => {
    const nth = (n: 2 | 3 | 4): Cadence => ({ weekday: 3, hour: 12, minute: 30, repeat: { every: 'month', nth: n } });
    const start = at('2027-02-01T00:00:00Z'); // February 2027 begins on a Monday
    expect(iso(cadenceAfter(start, nth(2), 'UTC'))).toBe('2027-02-10T12:30:00.000Z');
    expect(iso(cadenceAfter(start, nth(3), 'UTC'))).toBe('2027-02-17T12:30:00.000Z');
    expect(iso(cadenceAfter(start, nth(4), 'UTC'))).toBe('2027-02-24T12:30:00.000Z');
  });

  it('DST: a time skipped by spring-forward fires after the gap; a repeated time fires once, at the earlier instant', () => {
    // Last Sunday of March 2027 in Berlin is the 28th, the day clocks jump from 02:00 to 03:00.
    const spring: Cadence = { weekday: 7, hour: 2, minute: 30, repeat: { every: 'month', nth: -1 } };
    expect(iso(cadenceAfter(at('2027-03-01T00:00:00Z'), spring, 'Europe/Berlin'))).toBe('2027-03-28T01:30:00.000Z'); // 03:30 CEST
    // First Sunday of November 2026 in New York is the 1st: 01:30 happens twice, EDT first.
    const fall: Cadence = { weekday: 7, hour: 1, minute: 30, repeat: { every: 'month', nth: 1 } };
    const first = cadenceAfter(at('2026-10-15T00:00:00Z'), fall, 'America/New_York');
    expect(iso(first)).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(cadenceAfter(first, fall, 'America/New_York'))).toBe('2026-12-06T06:30:00.000Z'); // not the second 01:30
  });

  it('shifts month by month, backwards too', () => {
    const c: Cadence = { weekday: 1, hour: 9, minute: 0, repeat: { every: 'month', nth: 1 } };
    const dec = at('2026-12-07T09:00:00Z');
    expect(iso(cadenceShift(dec, c, 'UTC', 1))).toBe('2027-01-04T09:00:00.000Z');
    expect(iso(cadenceShift(dec, c, 'UTC', -1))).toBe('2026-11-02T09:00:00.000Z');
    expect(iso(cadenceShift(dec, c, 'UTC', 12))).toBe('2027-12-06T09:00:00.000Z');
  });
});

describe('weekly (the default) goes through the weekly rule unchanged', () => {
  it('every Wednesday', () => {
    const c: Cadence = { weekday: 3, hour: 18, minute: 0, repeat: { every: 'week' } };
    expect(pings(c, 'UTC', at('2026-11-29T00:00:00Z'), 2)).toEqual(['2026-12-02T18:00:00.000Z', '2026-12-09T18:00:00.000Z']);
    expect(iso(cadenceShift(at('2026-12-02T18:00:00Z'), c, 'UTC', -2))).toBe('2026-11-18T18:00:00.000Z');
  });
});

describe('words and storage', () => {
  it('describes each kind as people say it', () => {
    expect(describeCadence({ weekday: 1, hour: 9, minute: 0, repeat: { every: 'week' } })).toBe('Mondays at 09:00');
    expect(describeCadence({ weekday: 2, hour: 7, minute: 5, repeat: { every: 'weeks', n: 2, anchor: '2026-11-30' } })).toBe(
      'every 2 weeks on Tuesdays at 07:05',
    );
    expect(describeCadence({ weekday: 5, hour: 17, minute: 0, repeat: { every: 'month', nth: -1 } })).toBe('the last Friday of each month at 17:00');
    expect(describeCadence({ weekday: 1, hour: 9, minute: 0, repeat: { every: 'month', nth: 3 } })).toBe('the third Monday of each month at 09:00');
    expect(periodSpan({ every: 'week' })).toBe('week');
    expect(periodSpan({ every: 'weeks', n: 4, anchor: '2026-11-30' })).toBe('4 weeks');
    expect(periodSpan({ every: 'month', nth: 1 })).toBe('month');
  });

  it('stores and reads back every kind; anything unreadable reads as weekly', () => {
    const all: Repeat[] = [
      { every: 'week' },
      { every: 'weeks', n: 2, anchor: '2026-11-30' },
      { every: 'weeks', n: 12, anchor: '2027-01-04' },
      ...([1, 2, 3, 4, -1] as const).map((nth): Repeat => ({ every: 'month', nth })),
    ];
    for (const r of all) expect(repeatFromStored(formatRepeat(r))).toEqual(r);
    for (const bad of [null, '', 'weeks', 'weeks 1 2026-11-30', 'weeks 13 2026-11-30', 'weeks 2 soon', 'month 5', 'month 0', 'fortnight']) {
      expect(repeatFromStored(bad)).toEqual({ every: 'week' });
    }
  });
});
