// formatLocal keeps an Intl formatter per zone for the zone's short name instead of luxon's
// per-call one (a performance change): its text must stay exactly luxon's.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatLocal } from '../../src/core/schedule';

const FORMAT = 'ccc d LLL yyyy HH:mm ZZZZ';
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

describe('formatLocal', () => {
  it('writes every zone at every time exactly as luxon does', () => {
    const differ: string[] = [];
    for (const zone of ZONES) {
      for (const t of TIMES) {
        const want = DateTime.fromMillis(t, { zone }).toFormat(FORMAT);
        if (formatLocal(t, zone) !== want) differ.push(`${zone} ${t}: ${formatLocal(t, zone)} != ${want}`);
      }
    }
    expect(differ).toEqual([]);
  });
});
