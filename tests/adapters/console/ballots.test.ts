// Hidden results in the console: the card without a tally, a reaction answered and not counted,
// /vote, and everything shown at close.
import { describe, expect, it } from 'vitest';
import { playConsole } from '../../helpers/console-play';

describe('console: hidden results', () => {
  it('shows how many voted until close, answers reactions privately, then shows everything', async () => {
    const out = await playConsole(`
alice: /propose Move the meeting to Thursdays --hidden --closes 2d
bob +👍 #1
bob: /vote 1 agree Thursdays are free
carol: /vote 1 disagree
dave: /proposals 1
:clock +2d
`);
    expect(out).toContain('(to alice) Proposal #1 is posted (hidden results: the tally is shown when voting closes).');
    const beforeClose = out.slice(0, out.indexOf('[passed]'));
    expect(beforeClose).not.toContain('Tally:');
    // What others see (the channel, dave's answer) before the close: no reason, nobody's stance.
    const seenByOthers = beforeClose.split(/\n(?=\S)/).filter((m) => !m.startsWith('(to bob)') && !m.startsWith('(to carol)'));
    expect(seenByOthers.join('\n')).not.toMatch(/Thursdays are free|@bob agree|@carol disagree/);
    expect(out).toMatch(/\(to bob\) Reactions are not votes on proposal #1 \(hidden results\)/);
    expect(out).toMatch(/\[#1 edited\][\s\S]*2 members have voted so far\./);
    expect(out).toMatch(/\(to dave\) Proposal #1: Move the meeting to Thursdays \[open\][\s\S]*2 members have voted so far\./);
    expect(out).toMatch(/\[#2\] Proposal #1 passed: Move the meeting to Thursdays \[passed\]\n\s+Decided by consent with 2 votes: 1 agree, 1 disagree/);
    const finalCard = out.split('[#1 edited]').at(-1)!;
    expect(finalCard).toMatch(/\[passed\][\s\S]*👍 agree: @bob: Thursdays are free[\s\S]*Tally: 👍 agree 1 · 👎 disagree 1/);
  });
});
