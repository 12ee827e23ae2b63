/**
 * Every environment variable Leaderful reads, so that a near miss (`SLACK_BOT_TOKN`) can be named
 * instead of silently ignored. Adapters read their own; the names live here, in one list.
 */
const KNOWN_SETTINGS = [
  'DATABASE_PATH',
  'LEADERFUL_TIMEZONE',
  'LOG_LEVEL',
  'PORT',
  'HOST',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_MODE',
  'SLACK_API_URL',
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_GUILD_ID',
  'DISCORD_API_URL',
] as const;

const OURS = /^(SLACK|DISCORD|LEADERFUL)_/;

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), small strings only. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known setting a name was probably meant to be, if it is close enough. */
function closestSetting(name: string): string | undefined {
  let best: { s: string; d: number } | undefined;
  for (const s of KNOWN_SETTINGS) {
    const d = distance(name.toUpperCase(), s);
    if (!best || d < best.d) best = { s, d };
  }
  return best && best.d <= Math.max(2, Math.floor(best.s.length / 5)) ? best.s : undefined;
}

/** Set variables that look like Leaderful's (SLACK_*, DISCORD_*, LEADERFUL_*, or near a known name) but are not. */
export function unknownSettings(env: NodeJS.ProcessEnv): { name: string; suggestion?: string }[] {
  const known = new Set<string>(KNOWN_SETTINGS);
  const out: { name: string; suggestion?: string }[] = [];
  for (const name of Object.keys(env).sort()) {
    if (known.has(name) || env[name] === undefined) continue;
    const ours = OURS.test(name.toUpperCase());
    const suggestion = closestSetting(name);
    // Outside our prefixes only near misses of long names count: HOME is not a typo of HOST.
    if (ours) out.push(suggestion ? { name, suggestion } : { name });
    else if (suggestion && suggestion.length >= 8) out.push({ name, suggestion });
  }
  return out;
}

export const describeUnknown = (u: { name: string; suggestion?: string }): string =>
  `${u.name} is not a setting Leaderful reads${u.suggestion ? ` (did you mean ${u.suggestion}?)` : ''}`;
