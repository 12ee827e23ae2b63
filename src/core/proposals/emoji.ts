import type { Stance } from '../types';
import { optionOfReaction } from './option-emoji';

/** The one emoji we show for each stance. */
export const STANCE_EMOJI: Record<Stance, string> = {
  agree: '👍',
  disagree: '👎',
  abstain: '🤷',
  block: '🛑',
};

// Skin tones (U+1F3FB–U+1F3FF), gender signs, ZWJ and variation selectors do not change the stance.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each modifier is removed on its own, wherever it stands (that is why it is a class).
const MODIFIERS = /[\u{1F3FB}-\u{1F3FF}\u200D\uFE0E\uFE0F\u2640\u2642]/gu;

const BY_CHAR: Record<string, Stance> = {
  '👍': 'agree',
  '👎': 'disagree',
  '🤷': 'abstain',
  '🛑': 'block',
};

/**
 * The stance a reaction stands for, or undefined for any other reaction. The reaction is the emoji
 * itself, in any skin tone or gender (adapters translate platform names such as Slack's `+1`).
 */
export function stanceOfReaction(reaction: string): Stance | undefined {
  const bare = reaction.trim().replace(MODIFIERS, '');
  return Object.hasOwn(BY_CHAR, bare) ? BY_CHAR[bare] : undefined;
}

/**
 * What a reaction can vote for, as one key: a stance (`agree` …) on a proposal, or an option number
 * (`'1'` … `'10'`) on a poll; undefined for any other reaction. Adapters group the reactions they
 * read back after downtime by it (the core decides what each means on the message it is on).
 */
export function voteKeyOfReaction(reaction: string): string | undefined {
  const stance = stanceOfReaction(reaction);
  if (stance) return stance;
  const option = optionOfReaction(reaction);
  return option === undefined ? undefined : String(option);
}
