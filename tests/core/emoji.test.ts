import { describe, expect, it } from 'vitest';
import { stanceOfReaction } from '../../src/core/emoji';

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
