import type { Counts, ProposalStatus } from './types';

/**
 * A platform-neutral message. Adapters render it as Block Kit, Discord embeds or console text.
 * User-written text only ever travels in `text` spans, which every adapter renders inert, so only
 * `user` spans with `ping: true` can notify anyone.
 */
export type Span =
  | { text: string }
  | { strong: string }
  | { user: string; ping: boolean }
  | { time: number; fallback: string };

export type Line = Span[];

export interface Field {
  label: string;
  value: Line;
}

export interface TallyView {
  counts: Counts;
  voters: number;
  quorumNeeded: number;
}

export type DocKind =
  | 'proposal'
  | 'outcome'
  | 'reminder'
  | 'rotation'
  | 'decisions'
  | 'list'
  | 'notice'
  | 'help'
  | 'settings'
  | 'stats'
  | 'error';

export interface Doc {
  kind: DocKind;
  title?: string;
  lines: Line[];
  fields?: Field[];
  tally?: TallyView;
  /** Present on an open proposal's card: adapters add vote buttons for it. */
  voting?: { proposalId: number; number: number };
  status?: ProposalStatus;
  late?: boolean;
}

export const text = (t: string): Span => ({ text: t });
export const strong = (t: string): Span => ({ strong: t });
export const mention = (userId: string): Span => ({ user: userId, ping: true });
export const name = (userId: string): Span => ({ user: userId, ping: false });
export const time = (at: number, fallback: string): Span => ({ time: at, fallback });

/** Users a doc pings: what adapters put in allowed-mentions lists. */
export function pingedUsers(doc: Doc): string[] {
  const out = new Set<string>();
  const visit = (line: Line) => {
    for (const s of line) if ('user' in s && s.ping) out.add(s.user);
  };
  doc.lines.forEach(visit);
  doc.fields?.forEach((f) => visit(f.value));
  return [...out];
}
