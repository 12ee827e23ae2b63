import { DateTime, IANAZone } from 'luxon';

/**
 * Pure time rules, all in the channel's IANA zone.
 *
 * DST rule (written down because libraries differ): a weekly time that does not exist on a
 * spring-forward day (e.g. 02:30) fires at the first valid instant after the gap (03:30 local,
 * luxon's forward shift); a time that happens twice on a fall-back day fires once, at the earlier
 * instant.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export interface WeeklyTime {
  weekday: number; // ISO 1..7
  hour: number;
  minute: number;
}

export function parseHHMM(text: string): { hour: number; minute: number } | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * A wall-clock time in the zone as an instant, by the DST rule above: a time skipped by a
 * spring-forward change moves forward past the gap; a time that happens twice on fall-back day
 * is the earlier instant. Every local time the bot reads (pings, closing times, away dates) goes
 * through here, so the same words always mean the same instant.
 */
export function localInstant(t: LocalTime, zone: string | DateTime['zone']): DateTime {
  // fromObject resolves a gap by shifting forward; an overlap it may resolve to the later instant,
  // so step back to the earlier one when the same wall time also happened before (30 or 60 min).
  const dt = DateTime.fromObject(t, { zone });
  for (const back of [60, 30]) {
    const earlier = dt.minus({ minutes: back });
    if (earlier.hour === dt.hour && earlier.minute === dt.minute && earlier.day === dt.day) return earlier;
  }
  return dt;
}

/** The instant of the weekly time in the ISO week that contains `localDay` (a DateTime in the zone). */
function occurrenceInWeekOf(localDay: DateTime, t: WeeklyTime): DateTime {
  const day = localDay.startOf('day').plus({ days: t.weekday - localDay.weekday });
  return localInstant({ year: day.year, month: day.month, day: day.day, hour: t.hour, minute: t.minute }, localDay.zone);
}

/** The latest occurrence of the weekly time at or before `now`. */
export function weeklyAtOrBefore(now: number, t: WeeklyTime, zone: string): number {
  const local = DateTime.fromMillis(now, { zone });
  let occ = occurrenceInWeekOf(local, t);
  if (occ.toMillis() > now) occ = occurrenceInWeekOf(local.minus({ weeks: 1 }), t);
  return occ.toMillis();
}

/** The first occurrence of the weekly time strictly after `now`. */
export function weeklyAfter(now: number, t: WeeklyTime, zone: string): number {
  const local = DateTime.fromMillis(now, { zone });
  let occ = occurrenceInWeekOf(local, t);
  if (occ.toMillis() <= now) occ = occurrenceInWeekOf(local.plus({ weeks: 1 }), t);
  return occ.toMillis();
}

/** The n-th occurrence after the one at `occurrence` (n = 1: the next week's), DST-correct. */
export function weeklyShift(occurrence: number, t: WeeklyTime, zone: string, n: number): number {
  const local = DateTime.fromMillis(occurrence, { zone }).plus({ weeks: n });
  return occurrenceInWeekOf(local, t).toMillis();
}

/** The period key of an occurrence: its local calendar date, e.g. "2026-11-23". */
export function periodKey(occurrence: number, zone: string): string {
  return DateTime.fromMillis(occurrence, { zone }).toISODate() ?? '';
}

/** When to remind before a close, or null when the lead time has already passed at creation. */
export function reminderAt(createdAt: number, closesAt: number, leadMinutes: number): number | null {
  if (leadMinutes <= 0) return null;
  const at = closesAt - leadMinutes * MINUTE;
  return at > createdAt ? at : null;
}

/** The weekly ping counts as late when it goes out more than this after its time (catch-up). */
export const LATE_AFTER = 15 * MINUTE;

export function formatLocal(ms: number, zone: string): string {
  // The same few times are shown again and again (a card's closing time on every edit, the closing
  // moment on every outcome of a tick): remember recent answers.
  const key = `${zone} ${ms}`;
  let s = formattedLocal.get(key);
  if (s === undefined) {
    const dt = DateTime.fromMillis(ms, { zone });
    s =
      dt.zone instanceof IANAZone && dt.isValid
        ? `${dt.toFormat('ccc d LLL yyyy HH:mm')} ${zoneAbbreviation(ms, dt.zone.name, dt.offset)}`
        : dt.toFormat('ccc d LLL yyyy HH:mm ZZZZ');
    if (formattedLocal.size >= 4096) formattedLocal.clear();
    formattedLocal.set(key, s);
  }
  return s;
}
const formattedLocal = new Map<string, string>();

/**
 * The zone's short name at `ts` as people know it: CET rather than GMT+1, IST rather than GMT+5:30.
 * English locales differ in which abbreviations they know (en-US has EST but not CET, en-GB the
 * reverse), so the first that has a name for the zone wins; a zone none of them names keeps the
 * offset form (GMT+9). Formatters are kept per zone and answers per zone, offset and year: building an
 * Intl formatter costs some 60 µs, and every time shown in a channel goes through here.
 */
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'en-ZA', 'en-NZ'];
const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();
const abbreviations = new Map<string, string>();
function zoneAbbreviation(ts: number, zone: string, offset: number): string {
  // Per year too: a zone's names have changed over history (London's +1 was not always "BST").
  const key = `${zone}\u0000${offset}\u0000${new Date(ts).getUTCFullYear()}`;
  const known = abbreviations.get(key);
  if (known !== undefined) return known;
  let found: string | undefined;
  let fallback = '';
  for (const locale of ABBREVIATION_LOCALES) {
    const name = shortZoneName(ts, zone, locale);
    fallback ||= name;
    if (name && !/^(GMT|UTC)[+\-−]/.test(name)) {
      found = name;
      break;
    }
  }
  const answer = found ?? fallback;
  abbreviations.set(key, answer);
  return answer;
}

function shortZoneName(ts: number, zone: string, locale: string): string {
  const key = `${locale}\u0000${zone}`;
  let f = zoneNameFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZoneName: 'short', timeZone: zone });
    zoneNameFormats.set(key, f);
  }
  return f.formatToParts(new Date(ts)).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

export function formatLocalDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('ccc d LLL yyyy');
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export function weekdayNumber(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t.length < 3) return undefined;
  const i = WEEKDAYS.findIndex((d) => d.startsWith(t));
  return i < 0 ? undefined : i + 1;
}

export const weekdayName = (n: number): string => {
  const name = WEEKDAYS[n - 1] ?? 'monday';
  return name[0]!.toUpperCase() + name.slice(1);
};
