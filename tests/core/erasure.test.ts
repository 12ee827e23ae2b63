import { describe, expect, it } from 'vitest';
import type { Doc } from '../../src/core/delivery/doc';
import { newPseudonym, scrubDoc, scrubPayload, scrubText, withoutMember } from '../../src/core/erasure';

const P = 'forgotten:abcdefghij';

describe('pseudonyms', () => {
  it('are the prefix and ten base32 letters drawn from the random bytes', () => {
    const bytes = Buffer.from([0, 1, 25, 26, 31, 32, 33, 63, 200, 255]);
    expect(newPseudonym(() => bytes)).toBe('forgotten:abz27ab7i7'); // each byte modulo 32
  });
  it('differ from one erasure to the next (random, not derived from the id)', () => {
    expect(newPseudonym()).not.toBe(newPseudonym());
    expect(newPseudonym()).toMatch(/^forgotten:[a-z2-7]{10}$/);
  });
});

describe('scrubText', () => {
  it('turns every mention form into a mention of the pseudonym, display name and all', () => {
    expect(scrubText('hi <@U1>, <@!U1> and <@U1|alice>.', 'U1', P)).toBe(`hi <@${P}>, <@${P}> and <@${P}>.`);
  });
  it('replaces the id anywhere else too, and leaves text without it as it was', () => {
    expect(scrubText('by U1 (U1)', 'U1', P)).toBe(`by ${P} (${P})`);
    expect(scrubText('by U2', 'U1', P)).toBe('by U2');
  });
  it('an id with regex characters matches only itself', () => {
    expect(scrubText('<@a.b|al> <@axb|bo>', 'a.b', P)).toBe(`<@${P}> <@axb|bo>`);
  });
  it("another member's mention stays whole, display name included", () => {
    expect(scrubText('<@U1> and <@U2|bob>', 'U1', P)).toBe(`<@${P}> and <@U2|bob>`);
  });
});

describe('scrubDoc', () => {
  const doc: Doc = {
    kind: 'outcome',
    title: 'Closed by U1',
    lines: [
      [{ user: 'U1', ping: true }, { text: ' wrote <@U1>' }, { user: 'U2', ping: true }],
      [{ strong: 'U1' }, { time: 5, fallback: 'U1 at 5' }],
    ],
    fields: [{ label: 'U1 said', value: [{ user: 'U1', ping: false }] }],
  };

  it('shows the member as a former member (never pinged), and removes their id from every text', () => {
    const out = scrubDoc(doc, 'U1', P);
    expect(out).toEqual({
      kind: 'outcome',
      title: `Closed by ${P}`,
      lines: [
        [{ text: 'former member abcd' }, { text: ` wrote <@${P}>` }, { user: 'U2', ping: true }],
        [{ strong: P }, { time: 5, fallback: `${P} at 5` }],
      ],
      fields: [{ label: `${P} said`, value: [{ text: 'former member abcd' }] }],
    });
    expect(doc.lines[0]![0]).toEqual({ user: 'U1', ping: true }); // the original is not changed
  });

  it('a doc without title or fields gets none', () => {
    const out = scrubDoc({ kind: 'notice', lines: [[{ text: 'U1' }]] }, 'U1', P);
    expect(out).toEqual({ kind: 'notice', lines: [[{ text: P }]] });
    expect('title' in out || 'fields' in out).toBe(false);
  });
});

describe('scrubPayload', () => {
  it('a payload that never names the member is returned as it was, byte for byte', () => {
    const json = '{ "proposal": 3 }';
    expect(scrubPayload(json, 'U1', P)).toBe(json);
  });
  it('a doc payload is scrubbed as a doc, its other keys kept', () => {
    const json = JSON.stringify({ doc: { kind: 'notice', lines: [[{ user: 'U1', ping: true }]] }, extra: 1 });
    expect(JSON.parse(scrubPayload(json, 'U1', P))).toEqual({ doc: { kind: 'notice', lines: [[{ text: 'former member abcd' }]] }, extra: 1 });
  });
  it('any other payload naming the member has the id replaced in its text', () => {
    expect(scrubPayload('{"note":"<@U1|al> U1"}', 'U1', P)).toBe(`{"note":"<@${P}> ${P}"}`);
  });
});

describe('withoutMember', () => {
  it('drops only that member from a stewards list', () => {
    expect(withoutMember(['U1', 'U2', 'U1', 'U3'], 'U1')).toEqual(['U2', 'U3']);
  });
});
