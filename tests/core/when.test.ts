import { describe, expect, it } from 'vitest';
import { formatDuration, parseDurationMinutes, parseWhen } from '../../src/core/when';

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
