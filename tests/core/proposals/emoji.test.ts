import { describe, expect, it } from 'vitest';
import { STANCE_EMOJI, stanceOfReaction } from '../../../src/core/proposals/emoji';

describe('stanceOfReaction', () => {
  it.each([
    ['👍', 'agree'],
    ['👍🏽', 'agree'],
    ['+1', 'agree'],
    [':+1:', 'agree'],
    ['thumbsup', 'agree'],
    ['+1::skin-tone-3', 'agree'],
    [':thumbsup::skin-tone-6:', 'agree'],
    ['👎', 'disagree'],
    ['👎🏿', 'disagree'],
    ['-1', 'disagree'],
    ['thumbsdown', 'disagree'],
    ['🤷', 'abstain'],
    ['🤷‍♀️', 'abstain'],
    ['🤷🏼‍♂️', 'abstain'],
    ['shrug', 'abstain'],
    ['🛑', 'block'],
    ['octagonal_sign', 'block'],
  ])('%s is %s', (r, stance) => expect(stanceOfReaction(r)).toBe(stance));

  it.each(['❤️', 'tada', 'constructor', '__proto__', 'toString', '', '👍👍'])('%j is not a vote', (r) => expect(stanceOfReaction(r)).toBeUndefined());
});

describe('stanceOfReaction details', () => {
  it.each([
    ['thumbs_up', 'agree'],
    ['THUMBSUP', 'agree'],
    [' 👍 ', 'agree'],
    [':+1', 'agree'],
    ['+1:', 'agree'],
    ['thumbs_down', 'disagree'],
    [':-1::skin-tone-2', 'disagree'],
    ['person_shrugging', 'abstain'],
    ['man_shrugging', 'abstain'],
    ['woman_shrugging', 'abstain'],
    ['stop_sign', 'block'],
    ['🛑\uFE0F', 'block'],
    ['👍\uFE0E', 'agree'],
    ['🤷\u200D♂\uFE0F', 'abstain'],
    ['🤷🏿\u200D♀', 'abstain'],
  ])('%j is %s', (r, stance) => expect(stanceOfReaction(r)).toBe(stance));

  it.each(['thumbsup::skin-tone-3x', 'thumbs', 'up', '+', '+1+1', '👍x', 'x👍', '\uFE0F', '🏽'])('%j is not a vote', (r) => expect(stanceOfReaction(r)).toBeUndefined());

  it('one emoji per stance is shown', () => expect(STANCE_EMOJI).toEqual({ agree: '👍', disagree: '👎', abstain: '🤷', block: '🛑' }));
});
