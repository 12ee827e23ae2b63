import { randomBytes } from 'node:crypto';
import type { Doc, Line, Span } from './delivery/doc';
import { FORGOTTEN_PREFIX, formerMember } from './delivery/doc';

/**
 * The rules of erasing a member ("forget me"), as pure functions. The store applies them.
 *
 * We replace the identity, not the row: each row that was the member's keeps its place (tallies,
 * the append-only vote history and who-served counts stay true) with the member's id replaced by
 * one pseudonym, `forgotten:<random>`, the same in every row, so that counts per person still add
 * up. The pseudonym is random, not derived from the id, so it cannot be traced back. What the
 * member wrote (vote reasons, the reasons of their proposals, why they closed one) is dropped;
 * proposal titles stay, as the group's record of what it decided.
 */

export function newPseudonym(random: (n: number) => Buffer = randomBytes): string {
  // 10 characters of base32: no collisions in practice, short enough to show.
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return FORGOTTEN_PREFIX + [...random(10)].map((b) => alphabet[b % 32]).join('');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Text with every occurrence of the member's id replaced: first as a mention (`<@U123>`, and the
 * forms older versions stored before adapters translated mentions, `<@!123>` and `<@U123|name>`,
 * whose display name after | goes too), then anywhere else. Replacing
 * every occurrence, not only whole words, is what makes "the id appears nowhere" true; platform ids
 * are opaque (U0123ABCD, snowflakes), so nothing else is hit.
 */
export function scrubText(text: string, userId: string, pseudonym: string): string {
  if (!text.includes(userId)) return text;
  const mention = new RegExp(`<@!?${escapeRe(userId)}(?:\\|[^>]*)?>`, 'g');
  return text.replace(mention, `<@${pseudonym}>`).split(userId).join(pseudonym);
}

function scrubSpan(s: Span, userId: string, pseudonym: string): Span {
  if ('user' in s) return s.user === userId ? formerMember(pseudonym) : s;
  if ('text' in s) return { text: scrubText(s.text, userId, pseudonym) };
  if ('strong' in s) return { strong: scrubText(s.strong, userId, pseudonym) };
  return { ...s, fallback: scrubText(s.fallback, userId, pseudonym) };
}

/** A stored message with the member shown as a former member (never pinged) and their id gone from its text. */
export function scrubDoc(doc: Doc, userId: string, pseudonym: string): Doc {
  const line = (l: Line): Line => l.map((s) => scrubSpan(s, userId, pseudonym));
  const out: Doc = { ...doc, lines: doc.lines.map(line) };
  if (doc.title !== undefined) out.title = scrubText(doc.title, userId, pseudonym);
  if (doc.fields) out.fields = doc.fields.map((f) => ({ label: scrubText(f.label, userId, pseudonym), value: line(f.value) }));
  if (doc.privateTo === userId) out.privateTo = pseudonym;
  return out;
}

/** An outbox payload (JSON) with the member erased; unchanged text when it never named them. */
export function scrubPayload(json: string, userId: string, pseudonym: string): string {
  if (!json.includes(userId)) return json;
  const payload = JSON.parse(json) as { doc?: Doc };
  if (payload.doc) return JSON.stringify({ ...payload, doc: scrubDoc(payload.doc, userId, pseudonym) });
  return scrubText(json, userId, pseudonym);
}

/** A stewards list without the member (a pseudonym cannot act, so it is not kept as a steward). */
export const withoutMember = (ids: readonly string[], userId: string): string[] => ids.filter((u) => u !== userId);
