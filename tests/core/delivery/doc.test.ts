import { describe, expect, it } from 'vitest';
import { type Doc, mention, name, pingedUsers, strong, text, time } from '../../../src/core/delivery/doc';

describe('spans', () => {
  it('each builder makes its own kind of span', () => {
    expect(text('hi')).toEqual({ text: 'hi' });
    expect(strong('hi')).toEqual({ strong: 'hi' });
    expect(mention('U1')).toEqual({ user: 'U1', ping: true });
    expect(name('U1')).toEqual({ user: 'U1', ping: false });
    expect(time(5, 'Mon')).toEqual({ time: 5, fallback: 'Mon' });
  });
});

describe('pingedUsers', () => {
  it('lists the users mentioned with a ping, in lines and in fields, once each, in order', () => {
    const doc: Doc = {
      kind: 'reminder',
      lines: [[mention('U2'), text(' and '), name('U9'), mention('U1')], [mention('U2')]],
      fields: [{ label: 'x', value: [mention('U3'), name('U8')] }],
    };
    expect(pingedUsers(doc)).toEqual(['U2', 'U1', 'U3']);
  });

  it('names shown without a ping, text that looks like a mention and a doc without fields ping nobody', () => {
    expect(pingedUsers({ kind: 'notice', lines: [[name('U1'), text('<@U2> @here'), strong('U3')]] })).toEqual([]);
  });
});

describe('erased members in new docs', () => {
  it('a mention or a name of a pseudonym shows a former member, never a ping', () => {
    expect(mention('forgotten:abcdefghij')).toEqual({ text: 'former member abcd' });
    expect(name('forgotten:abcdefghij')).toEqual({ text: 'former member abcd' });
  });
});
