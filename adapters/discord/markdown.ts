/**
 * Making text inert on Discord. Text from users (titles, reasons, names) and from the bot is
 * shown literally: markdown cannot format it, `<@…>`/`<t:…>`/`<#…>` cannot become mentions,
 * and `@everyone`/`@here` cannot even look like one. allowed_mentions is the real guard against
 * pings; this keeps the display honest too.
 */
export function escapeText(s: string): string {
  return (
    s
      // Inline markdown and the opening of mentions, timestamps, custom emoji and masked links.
      .replace(/[\\*_~`|[\]<]/g, '\\$&')
      // Line-start markdown: quotes, headings and subtext, lists.
      .replace(/^(\s*)(>|#|-#|[-+]\s)/gm, (_m, space: string, mark: string) => `${space}\\${mark}`)
      // A digit cannot be escaped; the dot of a numbered list item can.
      .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.')
      // A zero-width space keeps @everyone/@here from being parsed as mass mentions.
      .replace(/@(everyone|here)\b/gi, '@\u200b$1')
  );
}

/**
 * Cuts text to at most `max` UTF-16 units (Discord counts characters, so this is conservative),
 * ending with an ellipsis; never splits a surrogate pair or leaves a dangling escape backslash.
 */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1; // high surrogate whose partner would be cut off
  let cut = s.slice(0, end);
  const trailing = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (trailing % 2 === 1) cut = cut.slice(0, -1); // an odd backslash run would escape the ellipsis
  return `${cut}…`;
}

/** Joins lines with newlines, keeping whole lines while they fit and clipping the first that does not. */
export function clipLines(lines: string[], max: number): string {
  const full = lines.join('\n');
  if (full.length <= max) return full;
  const out: string[] = [];
  let used = 0;
  for (const line of lines) {
    const sep = out.length ? 1 : 0;
    if (used + sep + line.length > max) {
      const room = max - used - sep;
      if (room >= 1) out.push(clip(line, room));
      else out[out.length - 1] = clip(`${out[out.length - 1]!}…`, out[out.length - 1]!.length); // full: mark the cut on the last line
      break;
    }
    out.push(line);
    used += sep + line.length;
  }
  return out.join('\n');
}
