import { describe, expect, it } from 'vitest';
import { weeklyAtOrBefore } from '../../../src/core/schedule';
import { addDuration, formatDuration, looksLikeWhen, parseDurationMinutes, parseWhen } from '../../../src/core/commands/when';

const NOW = Date.parse('2026-11-23T10:00:00Z');

describe('durations', () => {
  it.each([
    ['90m', 90],
    ['36h', 2160],
    ['3d', 4320],
    ['1w', 10080],
    ['1d12h', 2160],
  ])('%s is %i minutes', (text, minutes) => expect(parseDurationMinutes(text)).toBe(minutes));
  it.each(['', '0m', '3x', '-3d', 'd', '1.5d'])('refuses %j', (text) => expect(parseDurationMinutes(text)).toBeUndefined());
  it('formats back', () => expect(formatDuration(2160)).toBe('1d12h'));
});

describe('parseWhen', () => {
  it('a duration counts from now', () => expect(parseWhen('3d', NOW, 'UTC')).toEqual({ ok: true, at: NOW + 3 * 86400_000 }));
  it('a date alone means 23:59 that day in the zone', () =>
    expect(parseWhen('2026-12-01', NOW, 'Europe/Berlin')).toEqual({ ok: true, at: Date.parse('2026-12-01T22:59:00Z') }));
  it('a date-time is local to the zone', () =>
    expect(parseWhen('2026-12-01 18:00', NOW, 'America/New_York')).toEqual({ ok: true, at: Date.parse('2026-12-01T23:00:00Z') }));
  it('refuses an impossible date', () => {
    const r = parseWhen('2026-02-30', NOW, 'UTC');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/not a real date/);
  });
  it('refuses a local time skipped by DST', () => {
    const r = parseWhen('2026-03-08 02:30', NOW, 'America/New_York');
    expect(!r.ok && r.error).toMatch(/does not exist/);
  });
  it('refuses gibberish with the accepted forms', () => {
    const r = parseWhen('next tuesday', NOW, 'UTC');
    expect(!r.ok && r.error).toMatch(/90m, 36h, 3d or 1w/);
  });
});

describe('durations across a DST change are calendar days in the zone, and say so', () => {
  const FRI = Date.parse('2026-10-30T14:00:00Z'); // Friday 10:00 EDT; New York falls back on Sunday 1 Nov
  it('3d from Friday 10:00 is Monday 10:00 local (73 hours), with a note', () => {
    const r = parseWhen('3d', FRI, 'America/New_York');
    expect(r).toEqual({
      ok: true,
      at: Date.parse('2026-11-02T15:00:00Z'),
      note: 'That is 3 calendar days in America/New_York: the clocks change on the way, so it is 73 hours from now.',
    });
  });
  it('1w is a week of calendar days', () => {
    const r = parseWhen('1w', FRI, 'America/New_York');
    expect(r).toMatchObject({ ok: true, at: Date.parse('2026-11-06T15:00:00Z'), note: expect.stringContaining('1 week in America/New_York') });
  });
  it('hours and minutes stay exact', () => {
    expect(parseWhen('72h', FRI, 'America/New_York')).toEqual({ ok: true, at: FRI + 72 * 3600_000 });
    expect(parseWhen('1d12h', FRI, 'America/New_York')).toMatchObject({ at: Date.parse('2026-10-31T14:00:00Z') + 12 * 3600_000 });
  });
  it('no note where no clock changes', () => expect(parseWhen('3d', FRI, 'UTC')).toEqual({ ok: true, at: FRI + 3 * 86400_000 }));
  it('a stored window in minutes counts whole days as calendar days too', () =>
    expect(addDuration(FRI, { days: 3, minutes: 0 }, 'America/New_York').at).toBe(Date.parse('2026-11-02T15:00:00Z')));
});

describe('an ambiguous fall-back time', () => {
  it('is the earlier instant, the same as the weekly ping at that time picks', () => {
    const r = parseWhen('2026-11-01 01:30', Date.parse('2026-10-28T10:00:00Z'), 'America/New_York');
    expect(r).toEqual({ ok: true, at: Date.parse('2026-11-01T05:30:00Z') }); // 01:30 EDT, not EST
    const ping = weeklyAtOrBefore(Date.parse('2026-11-01T07:00:00Z'), { weekday: 7, hour: 1, minute: 30 }, 'America/New_York');
    expect(r.ok && r.at).toBe(ping);
  });
});

describe('looksLikeWhen', () => {
  it.each(['3d', '90m', '1d12h', '2026-12-01', '2026-12-01 18:00', '2026-12-01T18:00'])('%j looks like a moment', (t) => expect(looksLikeWhen(t)).toBe(true));
  it.each(['differently', 'soon', '3 days', ''])('%j does not', (t) => expect(looksLikeWhen(t)).toBe(false));
});

describe('duration details', () => {
  it('reads every unit together, in order, in any case, around spaces', () => {
    expect(parseDurationMinutes('2w3d4h5m')).toBe(((2 * 7 + 3) * 24 + 4) * 60 + 5);
    expect(parseDurationMinutes('1W')).toBe(10080);
    expect(parseDurationMinutes(' 3d ')).toBe(4320);
    expect(parseDurationMinutes('1h30m')).toBe(90);
  });
  it.each(['3d1w', 'x3d', '3dx', '3 d', '   ', 'm'])('refuses %j', (t) => expect(parseDurationMinutes(t)).toBeUndefined());
  it.each([
    [0, '0m'],
    [1, '1m'],
    [59, '59m'],
    [61, '1h1m'],
    [1440, '1d'],
    [10080, '1w'],
    [((2 * 7 + 3) * 24 + 4) * 60 + 5, '2w3d4h5m'],
  ])('%i minutes are written %s', (m, t) => expect(formatDuration(m)).toBe(t));
});

describe('parseWhen details', () => {
  it('accepts the ISO "T" between date and time, a one-digit hour, and spaces around', () => {
    expect(parseWhen(' 2026-12-01T18:00 ', NOW, 'UTC')).toEqual({ ok: true, at: Date.parse('2026-12-01T18:00:00Z') });
    expect(parseWhen('2026-12-01 7:05', NOW, 'UTC')).toEqual({ ok: true, at: Date.parse('2026-12-01T07:05:00Z') });
  });
  it('refuses a time of day that does not exist, naming the text', () => {
    const r = parseWhen('2026-12-01 25:00', NOW, 'UTC');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('"2026-12-01 25:00" is not a real date') });
  });
  it('a refusal repeats what was typed and the forms it accepts', () => {
    const r = parseWhen('soonish', NOW, 'UTC');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain('"soonish"');
      expect(r.error).toContain('2026-12-01 18:00');
    }
    const gap = parseWhen('2026-03-08 02:30', NOW, 'America/New_York');
    expect(gap).toEqual({ ok: false, error: expect.stringContaining('2026-03-08 02:30 does not exist in America/New_York') });
  });
  it.each(['2026-12-1', '26-12-01', '2026-12-01 18', '2026-12-01 18:0', 'x2026-12-01', '2026-12-01 18:00x'])('refuses the malformed date %j', (t) =>
    expect(parseWhen(t, NOW, 'UTC').ok).toBe(false),
  );
});

describe('half-hour DST gaps', () => {
  it('a local time skipped by a 30-minute change (Lord Howe Island) is refused too', () => {
    // On 4 October 2026 clocks there go from 02:00 to 02:30: 02:15 never happens.
    expect(parseWhen('2026-10-04 02:15', NOW, 'Australia/Lord_Howe')).toEqual({ ok: false, error: expect.stringContaining('does not exist') });
    expect(parseWhen('2026-10-04 02:45', NOW, 'Australia/Lord_Howe').ok).toBe(true);
  });
});

describe('when, at the edges', () => {
  const NY = 'America/New_York';
  it('notes say "weeks" and "calendar day" in the right number', () => {
    const FRI = Date.parse('2026-10-30T14:00:00Z'); // New York falls back on Sunday 1 Nov
    expect(parseWhen('2w', FRI, NY)).toMatchObject({ ok: true, note: expect.stringContaining('That is 2 weeks in America/New_York') });
    const SAT = Date.parse('2026-10-31T14:00:00Z'); // Saturday 10:00 EDT
    expect(parseWhen('1d', SAT, NY)).toEqual({
      ok: true,
      at: Date.parse('2026-11-01T15:00:00Z'), // Sunday 10:00 EST
      note: 'That is 1 calendar day in America/New_York: the clocks change on the way, so it is 25 hours from now.',
    });
  });

  it('minutes from inside a repeated hour stay exact (no detour through the wall clock, which would pick the first pass)', () => {
    const secondPass = Date.parse('2026-11-01T06:15:00Z'); // 01:15 EST, the second 01:15 of the night
    expect(parseWhen('90m', secondPass, NY)).toEqual({ ok: true, at: secondPass + 90 * 60_000 });
  });

  it('looksLikeWhen takes spaces around a date, but not a date with other words around it', () => {
    expect(looksLikeWhen(' 2026-12-01 ')).toBe(true);
    for (const t of ['on 2026-12-01', '2026-12-01 18:00 sharp', '2026-12-01x']) expect(looksLikeWhen(t), t).toBe(false);
  });
});
