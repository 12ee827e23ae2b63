// formatLocal writes a time in the channel's zone with the zone's abbreviation as people know it
// (CET, not GMT+1); the date and time themselves are luxon's.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatLocal } from '../../src/core/schedule';

const ZONES = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'utc', 'GMT', 'Etc/GMT+5', 'europe/berlin', 'Not/AZone'];
const TIMES = [
  0,
  Date.UTC(2026, 2, 29, 0, 59), // Europe: the minute before summer time
  Date.UTC(2026, 2, 29, 1, 0),
  Date.UTC(2026, 9, 25, 0, 59), // Europe: fall back
  Date.UTC(2026, 9, 25, 1, 30),
  Date.UTC(2026, 10, 1, 6, 30), // US: fall back
  Date.UTC(2026, 10, 25, 12, 0),
  -1e12,
];
const WINTER = Date.UTC(2026, 0, 15, 12, 0);
const SUMMER = Date.UTC(2026, 6, 15, 12, 0);

const abbreviation = (t: number, zone: string) => formatLocal(t, zone).split(' ').slice(5).join(' ');

describe('formatLocal', () => {
  it('writes the local date and time exactly as luxon does, in every zone at every time', () => {
    const differ: string[] = [];
    for (const zone of ZONES) {
      for (const t of TIMES) {
        const dt = DateTime.fromMillis(t, { zone });
        const want = dt.isValid ? `${dt.toFormat('ccc d LLL yyyy HH:mm')} ` : 'Invalid DateTime';
        if (!formatLocal(t, zone).startsWith(want)) differ.push(`${zone} ${t}: ${formatLocal(t, zone)} vs ${want}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it.each([
    ['Europe/Berlin', 'CET', 'CEST'],
    ['Europe/Paris', 'CET', 'CEST'],
    ['Europe/London', 'GMT', 'BST'],
    ['America/New_York', 'EST', 'EDT'],
    ['America/Los_Angeles', 'PST', 'PDT'],
    ['Asia/Kolkata', 'IST', 'IST'],
    ['Australia/Sydney', 'AEDT', 'AEST'],
    ['Pacific/Auckland', 'NZDT', 'NZST'],
    ['Africa/Johannesburg', 'SAST', 'SAST'],
    ['UTC', 'UTC', 'UTC'],
  ])('%s is written %s in January and %s in July, as people there know it', (zone, winter, summer) => {
    expect(abbreviation(WINTER, zone)).toBe(winter);
    expect(abbreviation(SUMMER, zone)).toBe(summer);
  });

  it('a zone with no English abbreviation keeps its offset (Tokyo: GMT+9), never an empty name', () => {
    expect(abbreviation(WINTER, 'Asia/Tokyo')).toBe('GMT+9');
    for (const zone of Intl.supportedValuesOf('timeZone')) expect(abbreviation(WINTER, zone), zone).toMatch(/^\S+$/);
  });

  it('the answer for a zone follows its offset across a DST change', () => {
    expect(formatLocal(Date.UTC(2026, 2, 29, 0, 59), 'Europe/Berlin')).toBe('Sun 29 Mar 2026 01:59 CET');
    expect(formatLocal(Date.UTC(2026, 2, 29, 1, 0), 'Europe/Berlin')).toBe('Sun 29 Mar 2026 03:00 CEST');
  });
});
