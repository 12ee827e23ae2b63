// The Block Kit renderer on its own: escaping, mentions, dates, tally bars, buttons and Slack's limits.
import { describe, expect, it } from 'vitest';
import { LIMITS, renderMessage, tallyBar } from '../../../adapters/slack/render';
import { escapeMrkdwn, mentionsToCore, pack, unescapeSlack } from '../../../adapters/slack/markdown';
import { type Doc, mention, name, strong, text, time } from '../../../src/core/delivery/doc';
import { outcomeDoc, proposalCard } from '../../../src/core/proposals/views';
import { rotationPingDoc } from '../../../src/core/rotation/views';
import type { Proposal } from '../../../src/core/types';

const names = (id: string) => ({ UALICE: 'Alice', UBOB: 'Bob' })[id];
const all = (blocks: any[]) => JSON.stringify(blocks);
const sections = (blocks: any[]) => blocks.filter((b) => b.type === 'section');

const proposal = (over: Partial<Proposal> = {}): Proposal => ({
  id: 7,
  channelFk: 1,
  number: 3,
  authorId: 'UALICE',
  title: 'Adopt a code of conduct',
  reasons: 'We need shared norms',
  rule: 'consent',
  quorum: { kind: 'none' },
  createdAt: Date.UTC(2026, 2, 2, 10),
  closesAt: Date.UTC(2026, 2, 5, 10),
  remindAt: null,
  status: 'open',
  closedAt: null,
  closedBy: null,
  counts: { agree: 3, disagree: 1, abstain: 0, block: 0 },
  ...over,
});

/** Checks every limit Slack enforces on a message. */
function expectWithinLimits(blocks: any[]) {
  expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  for (const b of blocks) {
    if (b.type === 'section') {
      if (b.text) {
        expect(b.text.text.length).toBeGreaterThan(0);
        expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      }
      if (b.fields) {
        expect(b.fields.length).toBeLessThanOrEqual(LIMITS.fieldsPerSection);
        for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
      }
    }
    if (b.type === 'actions') for (const e of b.elements) expect(e.text.text.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
  }
}

describe('escaping user text', () => {
  it('turns &, < and > into entities, so <!channel>, <@U…> and links are inert', () => {
    expect(escapeMrkdwn('a <!channel> & <@U123> <https://x|y>')).toBe('a &lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://x|y&gt;');
  });

  it('breaks @here, @channel and @everyone with a word joiner', () => {
    expect(escapeMrkdwn('ping @here and @Channel, @everyone!')).toBe('ping @\u2060here and @\u2060Channel, @\u2060everyone!');
    expect(escapeMrkdwn('mail me at x@heresy.org')).toBe('mail me at x@heresy.org');
  });

  it('undoes the escaping Slack applies to typed text', () => {
    expect(unescapeSlack('a &lt;b&gt; &amp;lt;')).toBe('a <b> &lt;');
  });

  it('escapes text in every part of a message: title, lines, fields, fallback text', () => {
    const evil = '<!channel> @here <@UEVIL|boss> <!date^1^x|y>';
    const doc: Doc = { kind: 'proposal', title: evil, lines: [[text(evil)]], fields: [{ label: evil, value: [text(evil)] }] };
    const msg = renderMessage(doc, names);
    const json = JSON.stringify(msg);
    for (const bad of ['<!channel>', '<!here>', '<@UEVIL', '<!date^1', '@here']) expect(json).not.toContain(bad);
    expect(msg.text).toContain('&lt;!channel&gt;');
  });
});

describe('mentions in command text', () => {
  it("Slack's labelled mentions become the core's <@id>; nothing else changes", () => {
    expect(mentionsToCore('swap <@U123|sam> and <@W9ABC|kim>')).toBe('swap <@U123> and <@W9ABC>');
    expect(mentionsToCore('<@U123> <!channel> <#C1|general> <@x|y> @sam')).toBe('<@U123> <!channel> <#C1|general> <@x|y> @sam');
  });
});

describe('spans', () => {
  it('pings are real mentions; names are display names and never ping', () => {
    const msg = renderMessage({ kind: 'notice', lines: [[mention('UBOB'), text(' and '), name('UALICE'), text(' and '), name('UNKNOWN')]] }, names);
    expect(msg.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: '<@UBOB> and Alice and UNKNOWN' } }]);
  });

  it('a mention of something that is not a Slack user id is shown as text, never as <@…>', () => {
    const msg = renderMessage({ kind: 'notice', lines: [[mention('U1|x> <!channel')]] }, names);
    expect(all(msg.blocks)).not.toContain('<!channel');
    expect(all(msg.blocks)).not.toContain('<@');
  });

  it('a name that contains markup is escaped', () => {
    const msg = renderMessage({ kind: 'notice', lines: [[name('UX')]] }, () => '<!here> Mallory');
    expect(msg.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '&lt;!here&gt; Mallory' } });
  });

  it("times are <!date> tokens shown in the reader's zone, with the channel's time as fallback", () => {
    const at = Date.UTC(2026, 2, 5, 10);
    const msg = renderMessage({ kind: 'notice', lines: [[text('Closes '), time(at, 'Thu 5 Mar 2026 10:00 UTC')]] }, names);
    expect((msg.blocks[0] as any).text.text).toBe(`Closes <!date^${at / 1000}^{date_short_pretty} {time}|Thu 5 Mar 2026 10:00 UTC>`);
  });

  it('strong spans are bold', () => {
    const msg = renderMessage({ kind: 'rotation', lines: [[strong('facilitator'), text(': '), mention('UALICE')]] }, names);
    expect((msg.blocks[0] as any).text.text).toBe('*facilitator*: <@UALICE>');
  });
});

describe('proposal card', () => {
  const zone = 'UTC';

  it('has title, status, reasons, tally bars and the five buttons while open', () => {
    const msg = renderMessage(proposalCard(proposal(), zone, 4, []), names);
    expect(msg.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*Proposal #3: Adopt a code of conduct*' } });
    expect(msg.blocks[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: ':large_green_circle: open' }] });
    const body = all(msg.blocks);
    expect(body).toContain('We need shared norms');
    expect(body).toContain('Proposed by Alice');
    const tally = sections(msg.blocks).find((b) => b.text.text.startsWith(':+1:'))!.text.text;
    expect(tally.split('\n')).toEqual([
      ':+1: Agree  `████████░░`  *3*',
      ':-1: Disagree  `███░░░░░░░`  *1*',
      ':shrug: Abstain  `░░░░░░░░░░`  *0*',
      ':octagonal_sign: Block  `░░░░░░░░░░`  *0*',
    ]);
    const actions = msg.blocks.at(-1) as any;
    expect(actions.type).toBe('actions');
    expect(actions.block_id).toBe('leaderful_vote:7:3');
    // The core's action ids (src/core/actions.ts): proposal 7, shown as #3.
    expect(actions.elements.map((e: any) => [e.action_id, e.value])).toEqual([
      ['lf:v:7:agree', '7'],
      ['lf:v:7:disagree', '7'],
      ['lf:v:7:abstain', '7'],
      ['lf:v:7:block', '7'],
      ['lf:r:7:3', '7'],
    ]);
    expect(msg.text).toContain('*Proposal #3: Adopt a code of conduct*');
    expectWithinLimits(msg.blocks);
  });

  it('closed: no buttons, the status word shown', () => {
    const closed = proposal({ status: 'no_quorum', closedAt: Date.UTC(2026, 2, 5, 10) });
    const msg = renderMessage(proposalCard(closed, zone, 4, []), names);
    expect(msg.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(all(msg.blocks)).toContain(':grey_question: no quorum');
    const outcome = renderMessage(outcomeDoc(proposal({ status: 'passed', closedAt: Date.UTC(2026, 2, 5, 10) }), zone, 4), names);
    expect((outcome.blocks[0] as any).text.text).toBe('*Proposal #3 passed: Adopt a code of conduct*');
    expect(outcome.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('vote reasons become fields, escaped, with display names', () => {
    const msg = renderMessage(proposalCard(proposal(), zone, 4, [{ userId: 'UBOB', stance: 'block', reason: 'Not <!everyone> agrees' }]), names);
    const fields = msg.blocks.find((b: any) => b.fields) as any;
    expect(fields.fields).toEqual([{ type: 'mrkdwn', text: '*🛑 block*\nBob: Not &lt;!everyone&gt; agrees' }]);
  });

  it('shows the quorum under the tally', () => {
    const msg = renderMessage(proposalCard(proposal({ quorum: { kind: 'count', n: 5 } }), zone, 10, []), names);
    expect(all(msg.blocks)).toContain('4 voters · quorum: 5 needed');
  });
});

describe("Slack's limits", () => {
  it('tally bars are ten wide and proportional', () => {
    expect(tallyBar(0, 0)).toBe('░░░░░░░░░░');
    expect(tallyBar(1, 3)).toBe('███░░░░░░░');
    expect(tallyBar(2, 3)).toBe('███████░░░');
    expect(tallyBar(5, 5)).toBe('██████████');
  });

  it('a huge message stays within 50 blocks and 3,000 characters a section, keeping title, tally and buttons', () => {
    const lines = Array.from({ length: 400 }, (_, i) => [text(`Line ${i} `.padEnd(900, 'x'))]);
    const doc: Doc = {
      kind: 'proposal',
      title: 'T'.repeat(5000),
      lines,
      fields: Array.from({ length: 25 }, (_, i) => ({ label: `F${i}`, value: [text('v'.repeat(3000))] })),
      tally: { counts: { agree: 1, disagree: 0, abstain: 0, block: 0 }, voters: 1, quorumNeeded: 0 },
      voting: { proposalId: 1, number: 1 },
      status: 'open',
    };
    const msg = renderMessage(doc, names);
    expectWithinLimits(msg.blocks);
    expect(msg.blocks).toHaveLength(LIMITS.blocks);
    expect(msg.blocks.at(-1)!.type).toBe('actions');
    expect(all(msg.blocks)).toContain(':+1: Agree');
    expect(all(msg.blocks)).toContain('more than fits in one Slack message');
    expect(msg.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it('long text is cut between escapes and tokens, never inside one', () => {
    const line = [text('&'.repeat(2000)), mention('UBOB'), text('<'.repeat(2000))];
    const msg = renderMessage({ kind: 'notice', lines: [line] }, names);
    expectWithinLimits(msg.blocks);
    for (const b of sections(msg.blocks)) {
      expect(b.text.text).toMatch(/^(&amp;|&lt;|<@UBOB>)+$/);
    }
    expect(
      sections(msg.blocks)
        .map((b) => b.text.text)
        .join(''),
    ).toBe(`${'&amp;'.repeat(2000)}<@UBOB>${'&lt;'.repeat(2000)}`);
  });

  it('pack joins lines with newlines and splits only between atoms', () => {
    expect(pack([['ab', 'cd'], ['ef']], 10)).toEqual(['abcd\nef']);
    expect(pack([['abcd', 'efgh'], ['ij']], 6)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('a rotation ping with many roles stays valid', () => {
    const plan = Array.from({ length: 10 }, (_, i) => ({ role: `role-${i}`, userId: i % 2 ? 'UALICE' : 'UBOB', source: 'auto' as const }));
    const msg = renderMessage(rotationPingDoc({ plan, start: Date.UTC(2026, 2, 9, 9), zone: 'UTC', late: true, span: 'week' }), names);
    expectWithinLimits(msg.blocks);
    expect(all(msg.blocks)).toContain('*role-0*: <@UBOB>');
    expect(all(msg.blocks)).toContain('Late: this was due');
  });

  it('errors carry a warning sign', () => {
    const msg = renderMessage({ kind: 'error', lines: [[text('No such proposal.')], [text('Usage: /close <proposal#>')]] }, names);
    expect(msg.text).toBe('⚠️ No such proposal.\nUsage: /close &lt;proposal#&gt;');
  });
});
