import { DateTime, IANAZone } from 'luxon';
import { isValidZone } from './schedule';

/**
 * Time zone names as people type them: any letter case, and the abbreviations they know from
 * their clocks (EST, PST, CET), which are either not zones at all or fixed offsets that ignore
 * daylight-saving time.
 */

/** The place people usually mean by an abbreviation. */
const ABBREVIATIONS: Record<string, string> = {
  EST: 'America/New_York',
  EDT: 'America/New_York',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  AKST: 'America/Anchorage',
  HST: 'Pacific/Honolulu',
  GMT: 'Europe/London',
  BST: 'Europe/London',
  IST: 'Asia/Kolkata',
  WET: 'Europe/Lisbon',
  CET: 'Europe/Berlin',
  CEST: 'Europe/Berlin',
  MET: 'Europe/Berlin',
  EET: 'Europe/Athens',
  EEST: 'Europe/Athens',
  MSK: 'Europe/Moscow',
  JST: 'Asia/Tokyo',
  KST: 'Asia/Seoul',
  SGT: 'Asia/Singapore',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
  ACST: 'Australia/Adelaide',
  AWST: 'Australia/Perth',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
  SAST: 'Africa/Johannesburg',
};

/** The tz database's names that have no slash (the rest are abbreviations, not zones). */
const TZDB_NAMES_WITHOUT_SLASH = new Set([
  'UTC',
  'UCT',
  'GMT',
  'ZULU',
  'UNIVERSAL',
  'GREENWICH',
  'EST',
  'MST',
  'HST',
  'EST5EDT',
  'CST6CDT',
  'MST7MDT',
  'PST8PDT',
  'CET',
  'MET',
  'EET',
  'WET',
]);

let canonical: Map<string, string> | undefined;
/** Lower-cased IANA names to their proper spelling. */
function canonicalNames(): Map<string, string> {
  if (!canonical) {
    const names = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    canonical = new Map([...names, 'UTC'].map((n) => [n.toLowerCase(), n]));
  }
  return canonical;
}

export type ZoneResult = { ok: true; zone: string; note?: string } | { ok: false; error: string; suggestion?: string };

/** Reads a zone name: its proper spelling, and a note when it is a fixed offset people rarely mean. */
export function readZone(input: string): ZoneResult {
  const typed = input.trim();
  const known = canonicalNames().get(typed.toLowerCase());
  const upper = typed.toUpperCase();
  if (known) return { ok: true, zone: known };
  // ICU also takes Java's three-letter ids (PST; BST is Bangladesh, IST India): only the tz
  // database's own names without a slash are zones here.
  const legacy = !typed.includes('/') && !TZDB_NAMES_WITHOUT_SLASH.has(upper);
  if (legacy || !isValidZone(typed)) {
    const place = ABBREVIATIONS[upper];
    if (!place) return { ok: false, error: 'That is not a time zone I know. Use an IANA name such as Europe/Berlin or America/New_York.' };
    return {
      ok: false,
      error: `${typed} is an abbreviation, not a time zone. Use the zone of a place, like ${place}, so that daylight-saving changes are followed.`,
      suggestion: place,
    };
  }
  // A valid legacy name (EST, Etc/GMT+5, US/Eastern): keep what was typed, in its usual case.
  const zone = typed.includes('/') ? new IANAZone(typed).name : upper;
  const note = fixedOffsetNote(zone);
  return note ? { ok: true, zone, note } : { ok: true, zone };
}

/** A fixed offset that is not a place's own (EST, Etc/GMT+5) ignores daylight-saving time: say so. */
export function fixedOffsetNote(zone: string): string | undefined {
  if (zone === 'UTC' || (zone.includes('/') && !zone.startsWith('Etc/'))) return undefined;
  const year = 2025; // these legacy names never change their offsets: any year tells
  const jan = DateTime.fromObject({ year, month: 1, day: 15 }, { zone });
  const jul = DateTime.fromObject({ year, month: 7, day: 15 }, { zone });
  if (!jan.isValid || jan.offset !== jul.offset) return undefined;
  const place = ABBREVIATIONS[zone.toUpperCase()];
  const offset = jan.toFormat('ZZ').replace('-', '−');
  return `${zone} is a fixed offset (UTC${offset}) that never changes for daylight-saving time${place ? `; for the clocks of ${place.split('/')[1]!.replace(/_/g, ' ')} use ${place}` : ''}.`;
}
