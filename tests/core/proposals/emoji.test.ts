import { describe, expect, it } from 'vitest';
import { STANCE_EMOJI, stanceOfReaction } from '../../../src/core/proposals/emoji';

describe('stanceOfReaction', () => {
  it.each([
    ['👍', 'agree'],
    ['👍🏽', 'agree'],
    ['👎', 'disagree'],
    ['👎🏿', 'disagree'],
    ['🤷', 'abstain'],
    ['🤷‍♀️', 'abstain'],
    ['🤷🏼‍♂️', 'abstain'],
    ['🛑', 'block'],
  ])('%s is %s', (r, stance) => expect(stanceOfReaction(r)).toBe(stance));

  it.each(['❤️', 'tada', 'constructor', '__proto__', 'toString', '', '👍👍'])('%j is not a vote', (r) => expect(stanceOfReaction(r)).toBeUndefined());
});

describe('stanceOfReaction details', () => {
  it.each([
    [' 👍 ', 'agree'],
    ['🛑\uFE0F', 'block'],
    ['👍\uFE0E', 'agree'],
    ['🤷\u200D♂\uFE0F', 'abstain'],
    ['🤷🏿\u200D♀', 'abstain'],
  ])('%j is %s', (r, stance) => expect(stanceOfReaction(r)).toBe(stance));

  it.each(['thumbsup::skin-tone-3x', 'thumbs', 'up', '+', '+1+1', '👍x', 'x👍', '\uFE0F', '🏽'])('%j is not a vote', (r) =>
    expect(stanceOfReaction(r)).toBeUndefined(),
  );

  it('one emoji per stance is shown', () => expect(STANCE_EMOJI).toEqual({ agree: '👍', disagree: '👎', abstain: '🤷', block: '🛑' }));
});
