import { DateTime } from 'luxon';
import { MINUTE } from './schedule';

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
  for (const [unit, size] of [['w', 10080], ['d', 1440], ['h', 60], ['m', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join('') || '0m';
}

export type WhenResult = { ok: true; at: number } | { ok: false; error: string };

const WHEN_HELP = 'Write a duration such as 90m, 36h, 3d or 1w, or a date such as 2026-12-01 or 2026-12-01 18:00.';

/**
 * A moment: a duration from now, or a local date (23:59 that day) or date-time in the zone.
 * Dates that do not exist (2026-02-30) or local times skipped by a DST change are refused.
 */
export function parseWhen(text: string, now: number, zone: string): WhenResult {
  const t = text.trim().replace('T', ' ');
  const minutes = parseDurationMinutes(t);
  if (minutes !== undefined) return { ok: true, at: now + minutes * MINUTE };
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{1,2}):(\d{2}))?$/.exec(t);
  if (!m) return { ok: false, error: `I couldn't read "${text}" as a time. ${WHEN_HELP}` };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hasTime = m[4] !== undefined;
  const hour = hasTime ? Number(m[4]) : 23;
  const minute = hasTime ? Number(m[5]) : 59;
  const dt = DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  if (!dt.isValid) return { ok: false, error: `"${text}" is not a real date. ${WHEN_HELP}` };
  if (dt.hour !== hour || dt.minute !== minute) {
    return { ok: false, error: `${text} does not exist in ${zone} (the clocks skip it). Pick another time.` };
  }
  return { ok: true, at: dt.toMillis() };
}
