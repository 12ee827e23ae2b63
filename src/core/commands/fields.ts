import type { Command, Parsed } from './grammar';
import { USAGE } from './grammar';
import { ballotSchema, CommandError, extendSchema, check, quorumSchema, reasonsSchema, ruleSchema, titleSchema, whenTextSchema } from './values';

/** Typed fields from a form or typed options (Slack modal, Discord options): validated the same way. */
export interface ProposeFields {
  title: string;
  /** A field left empty may come as undefined. */
  reasons?: string | undefined;
  closes?: string | undefined;
  rule?: string | undefined;
  quorum?: string | undefined;
  /** open (or empty), hidden or secret. */
  ballot?: string | undefined;
  /** A duration: stays open once this much longer when its quorum is unmet. */
  extend?: string | undefined;
}

export function proposeFromFields(f: ProposeFields): Parsed {
  try {
    const cmd: Extract<Command, { kind: 'propose' }> = {
      kind: 'propose',
      title: check(titleSchema, f.title),
      reasons: check(reasonsSchema, f.reasons ?? ''),
    };
    if (f.closes?.trim()) cmd.closes = check(whenTextSchema, f.closes);
    if (f.rule?.trim()) cmd.rule = check(ruleSchema, f.rule);
    if (f.quorum?.trim()) cmd.quorum = check(quorumSchema, f.quorum);
    const ballot = f.ballot === undefined ? 'open' : check(ballotSchema, f.ballot);
    if (ballot !== 'open') cmd.ballot = ballot;
    if (f.extend?.trim()) cmd.extend = check(extendSchema, f.extend);
    return { ok: true, command: cmd };
  } catch (e) {
    if (e instanceof CommandError) return { ok: false, error: e.message, usage: USAGE.propose };
    throw e;
  }
}
