import type { Line, Span } from '../../src/core/delivery/doc';

/**
 * Slack mrkdwn for the core's spans. Everything here is about one promise: text written by people
 * is rendered inert, so only `user` spans with `ping: true` can ever notify anyone.
 */

/** A display name for a user id (cached names), or undefined when unknown. */
export type NameOf = (userId: string) => string | undefined;

const BROADCAST = /@(here|channel|everyone)\b/gi;

/**
 * Slack's control characters are &, < and >: escaping them turns `<!channel>`, `<@U…>`, links and
 * dates typed by a person into plain text. A word joiner after the @ of @here/@channel/@everyone is
 * defence in depth for clients that would parse the bare word.
 */
export function escapeMrkdwn(s: string): string {
  return breakBroadcasts(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A word joiner after the @ of @here/@channel/@everyone (for plain_text too, such as button labels). */
function breakBroadcasts(s: string): string {
  return s.replace(BROADCAST, '@\u2060$1');
}

/**
 * People's text in a plain_text object (a button's label, a form's option): Slack does not parse it,
 * but a word joiner after each < and after the @ of a broadcast keeps it inert even if a client did.
 */
export function inertPlain(s: string): string {
  return breakBroadcasts(s).replace(/</g, '<\u2060');
}

/** Slack HTML-escapes &, < and > in text it sends us; the core stores text as it was typed. */
export function unescapeSlack(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Slack's mention with a label (`<@U123|sam>`, in slash command text) as the core's own `<@U123>`. */
export function mentionsToCore(s: string): string {
  return s.replace(/<@([UW][A-Z0-9]{2,})\|[^>]*>/g, '<@$1>');
}

/** Slack user ids (U…, W… for Enterprise Grid); anything else is never put inside <@…>. */
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** Longest piece a text is cut into, so that one long word cannot overflow a 3,000-character section. */
const MAX_PIECE = 200;

/**
 * A line as unsplittable mrkdwn pieces ("atoms"): long text is cut only between pieces, never inside
 * an escape such as &amp; or a token such as <@U123>.
 */
export function lineAtoms(line: Line, nameOf: NameOf): string[] {
  const out: string[] = [];
  for (const span of line) out.push(...spanAtoms(span, nameOf));
  return out;
}

function spanAtoms(s: Span, nameOf: NameOf): string[] {
  if ('text' in s) return textAtoms(s.text);
  if ('strong' in s) return s.strong.trim() ? [`*${escapeMrkdwn(clip(s.strong, MAX_PIECE))}*`] : [];
  if ('user' in s) {
    if (s.ping && USER_ID.test(s.user)) return [`<@${s.user}>`];
    return textAtoms(nameOf(s.user) ?? s.user);
  }
  // Each reader sees the time in their own zone; the fallback is the channel's zone.
  const unix = Math.floor(s.time / 1000);
  return [`<!date^${unix}^{date_short_pretty} {time}|${escapeMrkdwn(s.fallback)}>`];
}

function textAtoms(raw: string): string[] {
  // Break broadcasts before cutting, so a cut can never separate "@he" from "re" and hide it.
  const safe = breakBroadcasts(raw);
  const out: string[] = [];
  for (const word of safe.split(/(\s+)/)) {
    if (!word) continue;
    const cps = [...word];
    for (let i = 0; i < cps.length; i += MAX_PIECE) {
      out.push(
        cps
          .slice(i, i + MAX_PIECE)
          .join('')
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;'),
      );
    }
  }
  return out;
}

const clip = (s: string, n: number) => {
  const cps = [...s];
  return cps.length > n ? `${cps.slice(0, n - 1).join('')}…` : s;
};

/**
 * Packs lines (as atoms) into texts of at most `limit` characters, joining lines with newlines and
 * cutting only between atoms.
 */
export function pack(lines: string[][], limit: number): string[] {
  const chunks: string[] = [];
  let cur = '';
  lines.forEach((atoms, i) => {
    let sep = i > 0 ? '\n' : '';
    for (const atom of atoms) {
      const piece = atom.length > limit ? atom.slice(0, limit) : atom;
      if (cur && cur.length + sep.length + piece.length > limit) {
        chunks.push(cur);
        cur = '';
      }
      cur += (cur ? sep : '') + piece;
      sep = '';
    }
  });
  if (cur) chunks.push(cur);
  return chunks.filter((c) => c.trim());
}

/** A line as plain text (modal error messages are not mrkdwn). */
export const plainLine = (line: Line, nameOf: NameOf): string =>
  line.map((s) => ('text' in s ? s.text : 'strong' in s ? s.strong : 'user' in s ? (nameOf(s.user) ?? s.user) : s.fallback)).join('');
