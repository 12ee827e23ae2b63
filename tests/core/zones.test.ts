import { describe, expect, it } from 'vitest';
import { Settings } from 'luxon';
import { fixedOffsetNote, readZone } from '../../src/core/zones';

describe('time zone names as people type them', () => {
  it.each([
    ['europe/berlin', 'Europe/Berlin'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
    ['  Asia/Kolkata ', 'Asia/Kolkata'],
    ['utc', 'UTC'],
  ])('%j is %s, spelled properly, with no note', (typed, zone) => expect(readZone(typed)).toEqual({ ok: true, zone }));

  it('EST is accepted as the fixed offset it is, with a note naming the zone people usually mean', () => {
    expect(readZone('est')).toEqual({
      ok: true,
      zone: 'EST',
      note: 'EST is a fixed offset (UTC−05:00) that never changes for daylight-saving time; for the clocks of New York use America/New_York.',
    });
    expect(readZone('Etc/GMT+5')).toMatchObject({ ok: true, zone: 'Etc/GMT+5', note: expect.stringContaining('fixed offset (UTC−05:00)') });
  });

  it.each([
    ['PST', 'America/Los_Angeles'],
    ['BST', 'Europe/London'], // ICU would take it as Bangladesh
    ['IST', 'Asia/Kolkata'],
    ['CEST', 'Europe/Berlin'],
    ['aedt', 'Australia/Sydney'],
  ])('the abbreviation %s is refused with the place meant: %s', (typed, place) => {
    const r = readZone(typed);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(`${typed} is an abbreviation, not a time zone`);
      expect(r.error).toContain(place);
      expect(r.suggestion).toBe(place);
    }
  });

  it('a name that is nothing refuses with the form to use', () => {
    expect(readZone('Mars/Base')).toEqual({ ok: false, error: 'That is not a time zone I know. Use an IANA name such as Europe/Berlin or America/New_York.' });
    expect(readZone('XYZ').ok).toBe(false);
  });

  it('places, UTC and zones with DST get no fixed-offset note', () => {
    for (const z of ['UTC', 'Asia/Tokyo', 'Europe/Berlin', 'CET', 'EST5EDT']) expect(fixedOffsetNote(z), z).toBeUndefined();
    expect(fixedOffsetNote('MST')).toContain('America/Denver');
    expect(fixedOffsetNote('HST')).toContain('UTC−10:00');
  });
});

describe('fixed-offset notes, exactly', () => {
  it('a fixed offset with no place people mean says only that it ignores daylight-saving time', () => {
    expect(fixedOffsetNote('Etc/GMT+5')).toBe('Etc/GMT+5 is a fixed offset (UTC−05:00) that never changes for daylight-saving time.');
  });

  it('the note does not depend on the season it is asked in (luxon reads "now" from its own settings)', () => {
    const saved = Settings.now;
    try {
      for (const at of ['2026-01-15T12:00:00Z', '2026-07-15T12:00:00Z']) {
        Settings.now = () => Date.parse(at);
        expect(fixedOffsetNote('EST5EDT'), at).toBeUndefined(); // follows DST: no note, winter or summer
        expect(fixedOffsetNote('EST'), at).toContain('(UTC−05:00)');
      }
    } finally {
      Settings.now = saved;
    }
  });
});
