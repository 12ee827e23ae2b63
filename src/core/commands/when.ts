import { DateTime } from 'luxon';
import { HOUR, localInstant, MINUTE } from '../schedule';

/** Durations people type: 90m, 36h, 3d, 1w (and combinations such as 1d12h). */
const DURATION = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/i;

/** Parses a duration into minutes; undefined when it is not one (or zero). */
export function parseDurationMinutes(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const m = DURATION.exec(t);
  if (!m) return undefined;
  const [w, d, h, min] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number];
  const total = ((w * 7 + d) * 24 + h) * 60 + min;
  return total > 0 ? total : undefined;
}

export function formatDuration(minutes: number): string {
  const parts: string[] = [];
  let rest = minutes;
  for (const [unit, size] of [
    ['w', 10080],
    ['d', 1440],
    ['h', 60],
    ['m', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join('') || '0m';
}

export type WhenResult = { ok: true; at: number; note?: string } | { ok: false; error: string };

const WHEN_HELP = 'Write a duration such as 90m, 36h, 3d or 1w, or a date such as 2026-12-01 or 2026-12-01 18:00.';

export interface DurationParts {
  days: number; // weeks count as 7 days
  minutes: number;
}

/** Splits minutes into whole days and the rest (a stored voting window, say). */
export const durationParts = (minutes: number): DurationParts => ({ days: Math.floor(minutes / 1440), minutes: minutes % 1440 });

/**
 * `now` plus a duration in the zone: days (and weeks) are calendar days, landing on the same wall
 * time (3d from Friday 10:00 is Monday 10:00, even across a DST change); hours and minutes are
 * exact. The note says so when the two readings differ.
 */
export function addDuration(now: number, d: DurationParts, zone: string): { at: number; note?: string } {
  let at = now;
  const exact = now + (d.days * 1440 + d.minutes) * MINUTE;
  if (d.days > 0) {
    const wall = DateTime.fromMillis(now, { zone }).plus({ days: d.days });
    // Past the calendar's range (99999999w) there is no wall time: the exact sum is as good, and
    // the caller's own bound (at most 366 days) refuses it.
    if (!wall.isValid) return { at: exact };
    at = localInstant({ year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute }, zone).toMillis();
  }
  at += d.minutes * MINUTE;
  if (at === exact) return { at };
  const hours = Math.round(((at - now) / HOUR) * 10) / 10;
  const days = d.days % 7 === 0 ? `${d.days / 7} week${d.days === 7 ? '' : 's'}` : `${d.days} calendar day${d.days === 1 ? '' : 's'}`;
  return { at, note: `That is ${days} in ${zone}: the clocks change on the way, so it is ${hours} hours from now.` };
}

function durationOf(text: string): DurationParts | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  const [w, d, h, min] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number];
  const parts = { days: w * 7 + d, minutes: h * 60 + min };
  return parts.days > 0 || parts.minutes > 0 ? parts : undefined; // "0m" and "" are no duration
}

/** Whether text has the shape of a moment (a duration, a date, a date and time), before any zone is known. */
export const looksLikeWhen = (text: string): boolean => durationOf(text.trim()) !== undefined || /^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2})?$/.test(text.trim());

/**
 * A moment: a duration from now, or a local date (23:59 that day) or date-time in the zone.
 * Dates that do not exist (2026-02-30) or local times skipped by a DST change are refused; a time
 * that happens twice (fall-back day) is the earlier instant, as for the weekly pings.
 */
export function parseWhen(text: string, now: number, zone: string): WhenResult {
  const t = text.trim().replace('T', ' ');
  const duration = durationOf(t);
  if (duration) return { ok: true, ...addDuration(now, duration, zone) };
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{1,2}):(\d{2}))?$/.exec(t);
  if (!m) return { ok: false, error: `I couldn't read "${text}" as a time. ${WHEN_HELP}` };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hasTime = m[4] !== undefined;
  const hour = hasTime ? Number(m[4]) : 23;
  const minute = hasTime ? Number(m[5]) : 59;
  const probe = DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  if (!probe.isValid) return { ok: false, error: `"${text}" is not a real date. ${WHEN_HELP}` };
  const dt = localInstant({ year, month, day, hour, minute }, zone);
  if (dt.hour !== hour || dt.minute !== minute) {
    return { ok: false, error: `${text} does not exist in ${zone} (the clocks skip it). Pick another time.` };
  }
  return { ok: true, at: dt.toMillis() };
}
