/** How a poll is decided: pure rules over its options' counts, its voters and its quorum. */
import type { ClosedStatus } from '../types';

export interface PollOption {
  position: number;
  label: string;
  votes: number;
}

export type PollDecision = Extract<ClosedStatus, 'passed' | 'rejected' | 'no_quorum'>;

/**
 * The options with the most votes: one winner, or several in a tie. None when nobody chose anything.
 */
export function pollWinners(options: readonly PollOption[]): PollOption[] {
  const top = Math.max(0, ...options.map((o) => o.votes));
  return top === 0 ? [] : options.filter((o) => o.votes === top);
}

/**
 * The decision at close: quorum first (voters, however many options each chose), then 'passed'
 * (shown "decided") when some option was chosen, else 'rejected' (shown "no votes").
 */
export function decidePoll(options: readonly PollOption[], voters: number, quorumNeeded: number): PollDecision {
  if (voters < quorumNeeded) return 'no_quorum';
  return pollWinners(options).length ? 'passed' : 'rejected';
}

/** How a poll's status reads: a poll is "decided" or has "no votes", not "passed" or "rejected". */
export const POLL_STATUS_WORDS: Partial<Record<ClosedStatus | 'open', string>> = { passed: 'decided', rejected: 'no votes' };

/** "1,3" ⇄ [1, 3]: a choice as stored. */
export const choicesText = (choices: readonly number[]): string => [...choices].sort((a, b) => a - b).join(',');
export const readChoices = (text: string): number[] => text.split(',').filter(Boolean).map(Number);
