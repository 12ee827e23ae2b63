/** Domain vocabulary shared by the rules, the service and the adapters. */
import type { Repeat } from './rotation/cadence';

export const STANCES = ['agree', 'disagree', 'abstain', 'block'] as const;
export type Stance = (typeof STANCES)[number];

export const RULES = ['consent', 'majority', 'supermajority'] as const;
export type DecisionRule = (typeof RULES)[number];

/**
 * How a proposal's votes are shown: 'open', the live tally and who voted how; 'hidden', only how many
 * have voted until it closes, then everything; 'secret', the tally only at close, and how each
 * member voted never shown nor stored beside their id. Hidden and secret ballots take no reaction votes
 * (a reaction is public: it would show the vote).
 */
export const BALLOTS = ['open', 'hidden', 'secret'] as const;
export type Ballot = (typeof BALLOTS)[number];

export type ProposalStatus = 'open' | 'passed' | 'rejected' | 'no_quorum' | 'withdrawn';
export type ClosedStatus = Exclude<ProposalStatus, 'open'>;

/** Quorum: none, an absolute number of voters, or a share (percent) of the channel's roster. */
export type Quorum = { kind: 'none' } | { kind: 'count'; n: number } | { kind: 'share'; percent: number };

export type Counts = Record<Stance, number>;

export const emptyCounts = (): Counts => ({ agree: 0, disagree: 0, abstain: 0, block: 0 });

/** Where a message lives: the platform adapter's name plus its own ids. */
export interface ChannelAddress {
  platform: string;
  spaceId: string;
  channelId: string;
}

/** Who is acting. `platformAdmin` is the adapter's answer to "may this person change settings?". */
export interface Actor {
  userId: string;
  displayName?: string;
  platformAdmin: boolean;
}

export interface ChannelSettings {
  timezone: string;
  windowMinutes: number;
  rule: DecisionRule;
  quorum: Quorum;
  rotationWeekday: number; // ISO: 1 = Monday … 7 = Sunday
  rotationTime: string; // HH:MM in the channel's zone
  /** Every week (the default), every n weeks, or the n-th weekday of each month. */
  rotationRepeat: Repeat;
  reminderLeadMinutes: number;
  stewards: string[];
  /** Most proposals open at once in the channel, and per author (spam caps). */
  maxOpen: number;
  maxOpenPerMember: number;
}

export interface Proposal {
  id: number;
  channelFk: number;
  number: number;
  authorId: string;
  title: string;
  reasons: string;
  rule: DecisionRule;
  quorum: Quorum;
  createdAt: number;
  closesAt: number;
  remindAt: number | null;
  status: ProposalStatus;
  closedAt: number | null;
  closedBy: string | null;
  /** Why it was closed early or withdrawn, as the person who did it wrote. */
  closeReason?: string | null;
  counts: Counts;
  /** How its votes are shown (absent: 'open'). */
  ballot?: Ballot;
  /** A proposal (absent) or an option poll, whose title is its question and whose options are stored apart. */
  kind?: ProposalKind;
  /** A poll on which members may choose several options. */
  multi?: boolean;
  /** --extend: minutes it stays open once more when its quorum is unmet at the deadline. */
  extendMinutes?: number | null;
  /** When that extension happened (it happens once). */
  extendedAt?: number | null;
  /** When its author last amended it (/amend): votes cast before were reset. */
  amendedAt?: number | null;
}

export type ProposalKind = 'proposal' | 'poll';

export const SUPERMAJORITY_THRESHOLD = 2 / 3;
export const MAX_TITLE_LENGTH = 200;
/** A poll option fits a button label on every platform (Discord: 80 characters). */
export const MAX_OPTION_LENGTH = 80;
export const MAX_REASONS_LENGTH = 2000;
export const MAX_VOTE_REASON_LENGTH = 500;
export const MAX_ROLE_NAME_LENGTH = 32;
export const MAX_CLOSE_REASON_LENGTH = 300;
export const MAX_OPEN_LIMIT = 1000;
export const MAX_OPEN_PER_MEMBER_LIMIT = 100;

export function formatQuorum(q: Quorum): string {
  switch (q.kind) {
    case 'none':
      return 'none';
    case 'count':
      return String(q.n);
    case 'share':
      return `${q.percent}%`;
  }
}

/** Inverse of formatQuorum, for values read back from the store. */
export function quorumFromStored(text: string | null): Quorum {
  if (!text || text === 'none') return { kind: 'none' };
  if (text.endsWith('%')) return { kind: 'share', percent: Number(text.slice(0, -1)) };
  return { kind: 'count', n: Number(text) };
}

export const STATUS_WORDS: Record<ProposalStatus, string> = {
  open: 'open',
  passed: 'passed',
  rejected: 'rejected',
  no_quorum: 'no quorum',
  withdrawn: 'withdrawn',
};
