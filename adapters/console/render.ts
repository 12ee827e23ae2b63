import type { Doc, Line, Span } from '../../src/core/delivery/doc';
import { STANCE_EMOJI } from '../../src/core/proposals/emoji';
import { STANCES, STATUS_WORDS } from '../../src/core/types';

/** Console text: a mention is @name (console user ids are names), times in the channel's zone. */
function span(s: Span): string {
  if ('text' in s) return s.text;
  if ('strong' in s) return s.strong;
  if ('user' in s) return `@${s.user}`;
  return s.fallback;
}

const renderLine = (line: Line): string => line.map(span).join('');

export function renderDoc(doc: Doc): string {
  const out: string[] = [];
  if (doc.title) out.push(doc.status ? `${doc.title} [${doc.statusText ?? STATUS_WORDS[doc.status]}]` : doc.title);
  out.push(...doc.lines.map(renderLine));
  for (const f of doc.fields ?? []) out.push(`${f.label}: ${renderLine(f.value)}`);
  if (doc.tally?.options) out.push(`Tally: ${doc.tally.options.map((o) => `${o.emoji} ${o.label} ${o.count}`).join(' · ')} (${doc.tally.voters} voted)`);
  else if (doc.tally) {
    out.push(`Tally: ${STANCES.map((s) => `${STANCE_EMOJI[s]} ${s} ${doc.tally!.counts[s]}`).join(' · ')}`);
  }
  if (doc.voting?.options) out.push(doc.voting.multi ? '[button: choose options]' : `[buttons: ${doc.voting.options.map((o) => o.emoji).join(' | ')}]`);
  else if (doc.voting) out.push(`[buttons: agree | disagree | abstain | block | give a reason]`);
  if (doc.attachment) out.push(`--- ${doc.attachment.filename} ---`, ...doc.attachment.content.split('\n'));
  // Continuation lines are indented so every message stays one visual block.
  return out.map((l, i) => (i === 0 ? l : `     ${l}`)).join('\n');
}
