// The renderer on its own: Discord's limits, inert text, pings, buttons.
import { ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { type Doc, mention, name, strong, text, time } from '../../../src/core/delivery/doc';
import { emptyCounts } from '../../../src/core/types';
import { actionId as customId, parseActionId as parseCustomId } from '../../../src/core/actions';
import { clip, clipLines, escapeText } from '../../../adapters/discord/markdown';
import { nonceOf } from '../../../adapters/discord/port';
import { LIMITS, renderEmbed, renderMessage, renderReply, renderSpan, tallyBar } from '../../../adapters/discord/render';

const U1 = '900000000000001001';
const U2 = '900000000000001002';

const embedTotal = (doc: Doc) => {
  const e = renderEmbed(doc);
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
};

describe('limits', () => {
  it('clips the title to 256 and the description to 4,096, ending in an ellipsis', () => {
    const doc: Doc = { kind: 'proposal', title: 'T'.repeat(300), lines: [[text('a'.repeat(3000))], [text('b'.repeat(3000))]] };
    const e = renderEmbed(doc);
    expect(e.title).toHaveLength(256);
    expect(e.title!.endsWith('…')).toBe(true);
    expect(e.description!.length).toBeLessThanOrEqual(4096);
    expect(e.description!.startsWith(`${'a'.repeat(3000)}\nbbb`)).toBe(true); // whole lines first
    expect(e.description!.endsWith('…')).toBe(true);
  });

  it('keeps at most 25 fields, saying how many were left out, and the tally first', () => {
    const doc: Doc = {
      kind: 'proposal',
      title: 'Many reasons',
      lines: [[text('x')]],
      tally: { counts: emptyCounts(), voters: 0, quorumNeeded: 0 },
      fields: Array.from({ length: 40 }, (_, i) => ({ label: `reason ${i}`, value: [text('why')] })),
    };
    const fields = renderEmbed(doc).fields!;
    expect(fields).toHaveLength(LIMITS.fields);
    expect(fields[0]!.name).toBe('Tally');
    expect(fields[24]!.value).toBe('…and 17 more');
  });

  it('keeps the whole embed within 6,000 characters and each field value within 1,024', () => {
    const doc: Doc = {
      kind: 'proposal',
      title: 'Long',
      lines: [[text('d'.repeat(4000))]],
      tally: { counts: emptyCounts(), voters: 0, quorumNeeded: 3 },
      fields: Array.from({ length: 20 }, (_, i) => ({ label: `l${i}`, value: [text('v'.repeat(2000))] })),
    };
    const e = renderEmbed(doc);
    expect(embedTotal(doc)).toBeLessThanOrEqual(LIMITS.embedTotal);
    for (const f of e.fields!) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(e.fields![0]!.value).toContain('Voters: 0 (quorum: 3)');
    expect(e.fields!.at(-1)!.value).toMatch(/^…and \d+ more$/);
  });

  it('shortens the description when the fields that must stay leave it too little room', () => {
    const doc: Doc = {
      kind: 'proposal',
      title: 'X'.repeat(256),
      lines: Array.from({ length: 60 }, () => [text('y'.repeat(99))]),
      tally: { counts: emptyCounts(), voters: 0, quorumNeeded: 0 },
    };
    expect(embedTotal(doc)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('vote buttons: one row of five, custom ids under 100 characters that parse back', () => {
    const doc: Doc = { kind: 'proposal', title: 'P', lines: [], voting: { proposalId: 123456789, number: 987654 } };
    const rows = renderMessage(doc).components;
    expect(rows.length).toBeLessThanOrEqual(LIMITS.actionRows);
    expect(rows[0]!.type).toBe(ComponentType.ActionRow);
    const buttons = rows[0]!.components as { custom_id: string; label: string }[];
    expect(buttons).toHaveLength(5);
    for (const b of buttons) {
      expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect(b.label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    }
    expect(buttons.map((b) => parseCustomId(b.custom_id))).toEqual([
      { kind: 'vote', proposalId: 123456789, stance: 'agree' },
      { kind: 'vote', proposalId: 123456789, stance: 'disagree' },
      { kind: 'vote', proposalId: 123456789, stance: 'abstain' },
      { kind: 'vote', proposalId: 123456789, stance: 'block' },
      { kind: 'reason', proposalId: 123456789, number: 987654 },
    ]);
  });

  it('a closed proposal has no buttons, so an edit removes them', () => {
    expect(renderMessage({ kind: 'proposal', title: 'P', lines: [], status: 'passed' }).components).toEqual([]);
  });

  it('content for pings stays within 2,000 characters and 100 allowed users', () => {
    const many = Array.from({ length: 150 }, (_, i) => String(900000000000002000n + BigInt(i)));
    const doc: Doc = { kind: 'reminder', title: 'Closing soon', lines: [many.map((u) => mention(u))] };
    const m = renderMessage(doc);
    expect(m.content.length).toBeLessThanOrEqual(LIMITS.content);
    expect(m.allowed_mentions.users!.length).toBeLessThanOrEqual(LIMITS.allowedUsers);
    expect(m.content).toBe(m.allowed_mentions.users!.map((u) => `<@${u}>`).join(' ')); // every listed user is mentioned, and only they
  });
});

describe('inert text', () => {
  it('escapes markdown so it shows literally', () => {
    expect(escapeText('**bold** _it_ `code` ~~s~~ ||spoiler|| [link](https://x.y) back\\slash')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\|\\|spoiler\\|\\| \\[link\\](https://x.y) back\\\\slash',
    );
    expect(escapeText('# heading\n-# subtext\n> quote\n- item\n1. first')).toBe('\\# heading\n\\-# subtext\n\\> quote\n\\- item\n1\\. first');
  });

  it('cannot mention anyone: @everyone, @here, users, roles, channels, timestamps and slash commands are broken up', () => {
    const out = escapeText('@everyone @Here <@123456789012345678> <@!123456789012345678> <@&123456789012345678> <#123456789012345678> <t:0:R> </vote:1>');
    expect(out).not.toMatch(/@everyone|@here/i);
    expect(out).not.toMatch(/(^|[^\\])<[@#t/]/);
    expect(out).toBe(
      '@\u200beveryone @\u200bHere \\<@123456789012345678> \\<@!123456789012345678> \\<@&123456789012345678> \\<#123456789012345678> \\<t:0:R> \\</vote:1>',
    );
  });

  it('renders each kind of span', () => {
    expect(renderSpan(text('a*b'))).toBe('a\\*b');
    expect(renderSpan(strong('note_taker'))).toBe('**note\\_taker**');
    expect(renderSpan(mention(U1))).toBe(`<@${U1}>`);
    expect(renderSpan(name(U1))).toBe(`<@${U1}>`); // shown as a mention, pings only if allowed
    expect(renderSpan(name('not-a-snowflake @everyone'))).toBe('@not-a-snowflake @\u200beveryone');
    expect(renderSpan(time(Date.UTC(2026, 11, 1, 18, 0), '1 Dec 18:00'))).toBe('<t:1796148000:f> (<t:1796148000:R>)');
  });

  it('clipping never splits a surrogate pair or leaves an escaping backslash', () => {
    const emoji = '😀'.repeat(10);
    const c = clip(emoji, 6);
    expect(c).toBe('😀😀…');
    expect(clip('abc\\\\def', 5)).toBe('abc…');
    expect(clip('ab\\\\\\*cd', 6)).toBe('ab\\\\…');
    expect(clipLines(['aaaa', 'bbbb'], 9)).toBe('aaaa\nbbbb');
    expect(clipLines(['aaaa', 'bbbb'], 8)).toBe('aaaa\nbb…');
    expect(clipLines(['aaaa', 'bbbb'], 4)).toBe('aaa…');
  });
});

describe('pings', () => {
  it('only users meant to be pinged are mentioned in content and allowed; names and user text never are', () => {
    const doc: Doc = {
      kind: 'rotation',
      title: "This week's roles",
      lines: [
        [strong('facilitator'), text(': '), mention(U1)],
        [strong('note-taker'), text(': '), mention(U2)],
        [text('Proposed by '), name('900000000000001003'), text(' @everyone <@&900000000000000055>')],
      ],
    };
    const m = renderMessage(doc);
    expect(m.content).toBe(`<@${U1}> <@${U2}>`);
    expect(m.allowed_mentions).toEqual({ parse: [], users: [U1, U2] });
    expect(m.embeds[0]!.description).toBe(
      `**facilitator**: <@${U1}>\n**note-taker**: <@${U2}>\nProposed by <@900000000000001003> @\u200beveryone \\<@&900000000000000055>`,
    );
  });

  it('replies (ephemeral) ping no one; short notices and errors are plain text', () => {
    const err = renderReply({ kind: 'error', lines: [[text('Bad <when>.')], [text('Usage: /vote <proposal#>')]] });
    expect(err).toEqual({ content: 'Bad \\<when>.\nUsage: /vote \\<proposal#>', embeds: [], components: [], allowed_mentions: { parse: [], users: [] } });
    const help = renderReply({ kind: 'help', title: 'Help', lines: [[text('x')]] });
    expect(help.content).toBe('');
    expect(help.embeds[0]!.title).toBe('Help');
    const reminder = renderReply({ kind: 'reminder', title: 'R', lines: [[mention(U1)]] });
    expect(reminder.allowed_mentions).toEqual({ parse: [], users: [] });
  });
});

describe('tally bars and ids', () => {
  it('bars are ten wide and proportional to the voters', () => {
    expect(tallyBar(0, 0)).toBe('░░░░░░░░░░');
    expect(tallyBar(1, 3)).toBe('███░░░░░░░');
    expect(tallyBar(2, 3)).toBe('███████░░░');
    expect(tallyBar(5, 5)).toBe('██████████');
  });

  it('custom ids round-trip and forged ones are refused', () => {
    expect(parseCustomId(customId({ kind: 'propose-modal' }))).toEqual({ kind: 'propose-modal' });
    expect(parseCustomId(customId({ kind: 'reason-modal', proposalId: 7 }))).toEqual({ kind: 'reason-modal', proposalId: 7 });
    for (const bad of ['lf:v:1:maybe', 'lf:v:x:agree', 'lf:v:1:agree:extra', 'other:v:1:agree', 'lf:r:1', 'lf:pm:1', ''])
      expect(parseCustomId(bad)).toBeUndefined();
  });

  it('nonces are at most 25 characters, stable per key and distinct between keys', () => {
    const a = nonceOf('rotation:12345:2026-W10#999999');
    expect(a).toHaveLength(25);
    expect(nonceOf('rotation:12345:2026-W10#999999')).toBe(a);
    expect(nonceOf('rotation:12345:2026-W10#999998')).not.toBe(a);
  });
});
