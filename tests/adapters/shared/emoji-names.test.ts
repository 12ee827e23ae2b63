import { describe, expect, it } from 'vitest';
import { stanceOfReaction } from '../../../src/core/proposals/emoji';
import { optionOfReaction } from '../../../src/core/proposals/option-emoji';
import { emojiOf } from '../../../adapters/shared/emoji-names';

// Reaction names (Slack's, and what people type in the console) become the emoji the core reads.
describe('emojiOf', () => {
  it.each([
    ['+1', 'agree'],
    [':+1:', 'agree'],
    ['thumbsup', 'agree'],
    ['THUMBSUP', 'agree'],
    ['+1::skin-tone-3', 'agree'],
    [':thumbsup::skin-tone-6:', 'agree'],
    ['thumbs_up', 'agree'],
    [':+1', 'agree'],
    ['+1:', 'agree'],
    ['-1', 'disagree'],
    ['thumbsdown', 'disagree'],
    ['thumbs_down', 'disagree'],
    [':-1::skin-tone-2', 'disagree'],
    ['shrug', 'abstain'],
    ['person_shrugging', 'abstain'],
    ['man_shrugging', 'abstain'],
    ['woman_shrugging', 'abstain'],
    ['octagonal_sign', 'block'],
    ['stop_sign', 'block'],
  ])('%j votes %s', (name, stance) => expect(stanceOfReaction(emojiOf(name))).toBe(stance));

  it.each([
    ['one', 1],
    [':two:', 2],
    ['nine', 9],
    ['keycap_ten', 10],
  ])('%j chooses poll option %i', (name, option) => expect(optionOfReaction(emojiOf(name))).toBe(option));

  it('names the emoji itself', () => {
    expect(emojiOf('+1')).toBe('👍');
    expect(emojiOf('-1')).toBe('👎');
    expect(emojiOf('shrug')).toBe('🤷');
    expect(emojiOf('stop_sign')).toBe('🛑');
  });

  it.each(['tada', 'thumbsup::skin-tone-3x', 'thumbs', 'up', '+', '+1+1', 'constructor', '__proto__', 'toString', ''])(
    '%j is passed on unchanged and is no vote',
    (name) => {
      expect(emojiOf(name)).toBe(name);
      expect(stanceOfReaction(emojiOf(name))).toBeUndefined();
    },
  );

  it('an emoji passes through unchanged', () => expect(emojiOf('👍🏽')).toBe('👍🏽'));
});
