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

describe('console: secret ballots', () => {
  it('/vote is answered without the vote, a reaction is refused, and at close the tally and anonymous reasons show', async () => {
    const out = await playConsole(`
alice: /propose Elect a treasurer | Sam or Kim --secret --closes 2d
bob: /vote 1 agree Sam keeps good books
carol: /vote 1 disagree
carol: /vote 1 abstain
dave +👍 #1
:clock +2d
erin: /proposals 1
`);
    expect(out).toContain('(to alice) Proposal #1 is posted (a secret ballot: the tally is shown when voting closes).');
    expect(out).toContain("(to bob) Your secret vote on #1 is counted. I don't repeat it");
    expect(out.match(/\(to carol\) Your secret vote on #1 is counted/g)).toHaveLength(2);
    expect(out).toMatch(/\(to dave\) Reactions are not votes on proposal #1 \(a secret ballot\)/);
    // What bob and carol were told says nothing of their votes.
    const told = out
      .split(/\n(?=\S)/)
      .filter((m) => /^\(to (bob|carol)\)/.test(m))
      .join('\n');
    expect(told).not.toMatch(/agree|disagree|abstain/);
    expect(out).toMatch(
      /\[#1 edited\] Proposal #1: Elect a treasurer \[passed\][\s\S]*A reason given \(secret ballot\): Sam keeps good books[\s\S]*Tally: 👍 agree 1 · 👎 disagree 0 · 🤷 abstain 1/,
    );
    expect(out).toMatch(/Secret ballot: how each member voted was never recorded\./);
    expect(out).toMatch(/\(to erin\) Proposal #1: Elect a treasurer \[passed\][\s\S]*Voted \(how each voted is not recorded\): @bob, @carol/);
  });
});

describe('console: option polls', () => {
  it('reactions 1️⃣ …, /vote with option numbers, live counts, and the outcome naming a tie', async () => {
    const out = await playConsole(`
alice: /poll Where do we meet in May? | Library | Café | Online --closes 2d
bob +2️⃣ #1
carol +:one: #1
dave: /vote 1 3
dave: /vote 1 1 3
:clock +2d
`);
    expect(out).toContain('(to alice) Poll #1 is posted. Voting closes Wed 25 Nov 2026 10:00 UTC.');
    expect(out).toMatch(
      /\[#1\] Poll #1: Where do we meet in May\? \[open\][\s\S]*Vote by reacting 1️⃣ 2️⃣ 3️⃣, with the buttons, or \/vote 1 <option number>\.[\s\S]*\[buttons: 1️⃣ \| 2️⃣ \| 3️⃣\]/,
    );
    expect(out).toMatch(/\[#1 edited\][\s\S]*Tally: 1️⃣ Library 1 · 2️⃣ Café 1 · 3️⃣ Online 1 \(3 voted\)/);
    expect(out).toContain('(to dave) Poll #1 takes one option: /vote 1 <option number>.');
    expect(out).toMatch(
      /\[#2\] Poll #1 decided: Where do we meet in May\? \[decided\]\n\s+Tied: 1️⃣ Library, 2️⃣ Café and 3️⃣ Online, chosen by 1 of 3 voters each\./,
    );
  });
});

describe('console: /amend and --extend', () => {
  it('an amendment tells each voter, as an answer to them; an unmet quorum extends once', async () => {
    const out = await playConsole(`
alice: /propose Buy a kettle --quorum 3 --closes 1d --extend 1d
bob: /vote 1 agree
alice: /amend 1 Buy a cheap kettle
:clock +1d
`);
    expect(out).toContain('(to alice) Proposal #1 is amended. 1 vote was reset, and its voter is asked privately to vote again.');
    expect(out).toMatch(/\(to bob\) Proposal #1 was amended by its author, @alice: it now reads “Buy a cheap kettle”\./);
    expect(out).toMatch(/\[#1 edited\] Proposal #1 \(amended\): Buy a cheap kettle \[open\]/);
    expect(out).toMatch(/\[#\d+\] The proposal #1 stays open: Buy a cheap kettle\n\s+Nobody voted by the deadline; the quorum is 3/);
  });
});
