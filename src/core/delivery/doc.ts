import type { Counts, ProposalStatus } from '../types';

/**
 * A platform-neutral message. Adapters render it as Block Kit, Discord embeds or console text.
 * User-written text only ever travels in `text` spans, which every adapter renders inert, so only
 * `user` spans with `ping: true` can notify anyone.
 */
export type Span = { text: string } | { strong: string } | { user: string; ping: boolean } | { time: number; fallback: string };

export type Line = Span[];

interface Field {
  label: string;
  value: Line;
}

export interface TallyView {
  counts: Counts;
  voters: number;
  quorumNeeded: number;
  /** A poll's options with how many chose each: shown instead of the stances' counts. */
  options?: { label: string; emoji: string; count: number }[];
}

interface VotingView {
  proposalId: number;
  number: number;
  /**
   * false on hidden and secret ballots: reactions are not votes there (a reaction is public), so
   * adapters neither add the vote reactions nor invite them. Absent: reactions vote.
   */
  reactions?: false;
  /** true on a secret ballot: the reason form says a reason is shown at close, without the voter's name. */
  secret?: true;
  /**
   * A poll's options, instead of the stances. Single choice: a button per option (its `option`
   * action). Several allowed (`multi`): one button opening a form to choose them (`choose`).
   * The emoji are the reactions that choose them (adapters add those, unless `reactions` is false).
   */
  options?: { label: string; emoji: string }[];
  multi?: true;
}

type DocKind = 'proposal' | 'outcome' | 'reminder' | 'rotation' | 'decisions' | 'list' | 'notice' | 'help' | 'settings' | 'stats' | 'export' | 'error';

export interface Doc {
  kind: DocKind;
  title?: string;
  lines: Line[];
  fields?: Field[];
  tally?: TallyView;
  /** Present on an open proposal's card: adapters add vote buttons for it. */
  voting?: VotingView;
  status?: ProposalStatus;
  /** How the status reads when it is not its usual word (a poll is "decided", not "passed"). */
  statusText?: string;
  late?: boolean;
  /**
   * A notice for one member only (a voter told their vote was reset): adapters deliver it so that
   * only they see it (an ephemeral message in the channel on Slack, a direct message on Discord, an
   * answer in the console). It is posted once and never edited.
   */
  privateTo?: string;
  /**
   * A file-like part of a private answer (a member's data export): adapters show it as a code block,
   * or attach it as a file when it is too long for one message.
   */
  attachment?: { filename: string; content: string };
}

export const text = (t: string): Span => ({ text: t });
export const strong = (t: string): Span => ({ strong: t });

/** Ids that replaced an erased member's (see erasure.ts). They are nobody on any platform. */
export const FORGOTTEN_PREFIX = 'forgotten:';
/** How an erased member is shown: plain text, so no adapter looks the pseudonym up or pings it. */
export const formerMember = (pseudonym: string): Span => ({ text: `former member ${pseudonym.slice(FORGOTTEN_PREFIX.length, FORGOTTEN_PREFIX.length + 4)}` });

export const mention = (userId: string): Span => (userId.startsWith(FORGOTTEN_PREFIX) ? formerMember(userId) : { user: userId, ping: true });
export const name = (userId: string): Span => (userId.startsWith(FORGOTTEN_PREFIX) ? formerMember(userId) : { user: userId, ping: false });
export const time = (at: number, fallback: string): Span => ({ time: at, fallback });

/** Users a doc pings: what adapters put in allowed-mentions lists. */
export function pingedUsers(doc: Doc): string[] {
  const out = new Set<string>();
  const visit = (line: Line) => {
    for (const s of line) if ('user' in s && s.ping) out.add(s.user);
  };
  doc.lines.forEach(visit);
  for (const f of doc.fields ?? []) visit(f.value);
  return [...out];
}
