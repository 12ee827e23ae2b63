import { DateTime } from 'luxon';
import { localInstant, type WeeklyTime, weekdayName, weeklyAfter, weeklyAtOrBefore, weeklyShift } from '../schedule';

/**
 * How often the rotation pings: every week, every n weeks, or on the n-th (or last) weekday of each
 * month, always at a wall-clock time in the channel's zone (DST by schedule.ts's rule). Pure.
 */
export type Nth = 1 | 2 | 3 | 4 | -1;

export type Repeat =
  | { every: 'week' }
  /** `anchor`: the ISO date of the Monday of one week in the series (the weeks between are skipped). */
  | { every: 'weeks'; n: number; anchor: string }
  | { every: 'month'; nth: Nth };

export interface Cadence extends WeeklyTime {
  repeat: Repeat;
}

export const MAX_WEEKS_APART = 12;
export const NTH_WORDS: Record<string, Nth> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: -1 };
const NTH_NAME: Record<Nth, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' };

const DAY_MS = 86_400_000;

/** Whole weeks since the Monday 1970-01-05, of the ISO week holding `iso` (a local calendar date). */
function weekNumber(iso: string): number {
  const days = Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
  return Math.floor((days - 4) / 7); // 1970-01-01 was a Thursday: Monday 1970-01-05 is day 4
}

/** The ISO date of the Monday of the week holding the instant, in the zone. */
export function mondayOf(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).startOf('week').toISODate() ?? '';
}

function inSeries(occurrence: number, n: number, anchor: string, zone: string): boolean {
  const d = weekNumber(mondayOf(occurrence, zone)) - weekNumber(anchor);
  return ((d % n) + n) % n === 0;
}

/** The instant of the n-th (or last) weekday of a month at the time, in the zone. */
function monthlyOccurrence(year: number, month: number, nth: Nth, t: WeeklyTime, zone: string): number {
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone });
  let day: number;
  if (nth === -1) {
    const lastDay = first.daysInMonth!;
    const lastWeekday = first.set({ day: lastDay }).weekday;
    day = lastDay - ((lastWeekday - t.weekday + 7) % 7);
  } else {
    day = 1 + ((t.weekday - first.weekday + 7) % 7) + 7 * (nth - 1); // at most 28: every month has it
  }
  return localInstant({ year, month, day, hour: t.hour, minute: t.minute }, zone).toMillis();
}

function monthShifted(at: number, zone: string, months: number): { year: number; month: number } {
  const d = DateTime.fromMillis(at, { zone }).startOf('month').plus({ months });
  return { year: d.year, month: d.month };
}

/** The latest ping at or before `now`. */
export function cadenceAtOrBefore(now: number, c: Cadence, zone: string): number {
  const r = c.repeat;
  if (r.every === 'week') return weeklyAtOrBefore(now, c, zone);
  if (r.every === 'weeks') {
    let occ = weeklyAtOrBefore(now, c, zone);
    while (!inSeries(occ, r.n, r.anchor, zone)) occ = weeklyShift(occ, c, zone, -1);
    return occ;
  }
  for (let back = 0; ; back--) {
    const { year, month } = monthShifted(now, zone, back);
    const occ = monthlyOccurrence(year, month, r.nth, c, zone);
    if (occ <= now) return occ;
  }
}

/** The first ping strictly after `now`. */
export function cadenceAfter(now: number, c: Cadence, zone: string): number {
  const r = c.repeat;
  if (r.every === 'week') return weeklyAfter(now, c, zone);
  if (r.every === 'weeks') {
    let occ = weeklyAfter(now, c, zone);
    while (!inSeries(occ, r.n, r.anchor, zone)) occ = weeklyShift(occ, c, zone, 1);
    return occ;
  }
  for (let ahead = 0; ; ahead++) {
    const { year, month } = monthShifted(now, zone, ahead);
    const occ = monthlyOccurrence(year, month, r.nth, c, zone);
    if (occ > now) return occ;
  }
}

/** The ping `n` pings after the one at `occurrence` (which is one of the series), DST-correct. */
export function cadenceShift(occurrence: number, c: Cadence, zone: string, n: number): number {
  const r = c.repeat;
  if (r.every === 'week') return weeklyShift(occurrence, c, zone, n);
  if (r.every === 'weeks') return weeklyShift(occurrence, c, zone, n * r.n);
  const { year, month } = monthShifted(occurrence, zone, n);
  return monthlyOccurrence(year, month, r.nth, c, zone);
}

const hhmm = (t: WeeklyTime) => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

/** "Mondays at 09:00", "every 2 weeks on Mondays at 09:00", "the last Friday of each month at 17:00". */
export function describeCadence(c: Cadence): string {
  const day = weekdayName(c.weekday);
  const r = c.repeat;
  if (r.every === 'week') return `${day}s at ${hhmm(c)}`;
  if (r.every === 'weeks') return `every ${r.n} weeks on ${day}s at ${hhmm(c)}`;
  return `the ${NTH_NAME[r.nth]} ${day} of each month at ${hhmm(c)}`;
}

/** The span one set of holders serves, for titles: "week", "2 weeks", "month". */
export function periodSpan(r: Repeat): string {
  return r.every === 'week' ? 'week' : r.every === 'weeks' ? `${r.n} weeks` : 'month';
}

/** As stored in the channel row: "week", "weeks 2 2026-11-30", "month 1", "month -1". */
export function formatRepeat(r: Repeat): string {
  if (r.every === 'week') return 'week';
  if (r.every === 'weeks') return `weeks ${r.n} ${r.anchor}`;
  return `month ${r.nth}`;
}

/** Inverse of formatRepeat; anything unreadable is weekly (the default), never a crash. */
export function repeatFromStored(text: string | null | undefined): Repeat {
  const [kind, a, b] = (text ?? '').split(' ');
  if (kind === 'weeks') {
    const n = Number(a);
    if (Number.isInteger(n) && n >= 2 && n <= MAX_WEEKS_APART && b && /^\d{4}-\d{2}-\d{2}$/.test(b)) return { every: 'weeks', n, anchor: b };
  }
  if (kind === 'month') {
    const nth = Number(a);
    if (nth === 1 || nth === 2 || nth === 3 || nth === 4 || nth === -1) return { every: 'month', nth };
  }
  return { every: 'week' };
}
