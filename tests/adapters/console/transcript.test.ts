import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { playConsole } from '../../helpers/console-play';
import { Store } from '../../../src/store/store';

const play = playConsole;

describe('console transcripts', () => {
  it('propose, react, tally edits, close at the deadline with the outcome', async () => {
    const out = await play(`
alice: /propose Adopt a code of conduct | We need shared norms --closes 3d
bob +👍 #1
carol +:+1::skin-tone-3: #1
dana +:-1: #1
bob -👍 #1
:clock +3d
`);
    expect(out).toContain('[#1] Proposal #1: Adopt a code of conduct [open]');
    expect(out).toContain('We need shared norms');
    expect(out).toMatch(/\[#1 edited\][\s\S]*Tally: 👍 agree 1 · 👎 disagree 0 · 🤷 abstain 0 · 🛑 block 0/);
    expect(out).toMatch(/\[#1 edited\][\s\S]*Tally: 👍 agree 2 · 👎 disagree 0/);
    expect(out).toMatch(/\[#2\] Proposal #1 passed: Adopt a code of conduct \[passed\]/);
    // Final card edit after close carries the status word and the exact tally.
    const finalEdit = out.split('\n[#1 edited]').at(-1)!;
    expect(finalEdit).toMatch(/\[passed\][\s\S]*agree 1 · 👎 disagree 1/);
  });

  it('rotation ping names each role holder as <role>: @<name>', async () => {
    const out = await play(`
alice: /rotation join
bob: /rotation join
:clock 2026-11-30 09:00
`);
    expect(out).toMatch(/\[#1\] This week's roles \(week of Mon 30 Nov 2026\)\n\s+facilitator: @alice\n\s+note-taker: @bob/);
  });

  it('errors are ephemeral and friendly, never a stack trace', async () => {
    const out = await play(`
alice: /vote 7 agree
alice: /propose ${'x'.repeat(201)}
bob: /propose Past --closes 2025-01-01
bob: /leaderful settings timezone Not/AZone
what is this
bob +👍 #5
:clock yesterday
`);
    expect(out).toContain('(to alice) There is no proposal #7 in this channel.');
    expect(out).toContain('(to alice) Titles can be at most 200 characters');
    expect(out).toContain('(to bob) The closing time');
    expect(out).toContain('(to bob) That is not a time zone I know.');
    expect(out).toContain('(console) Lines look like');
    expect(out).toContain('(console) :clock takes');
    expect(out).not.toMatch(/at .*\.ts:\d+/);
    expect(out).not.toMatch(/^\[#/m); // nothing was posted
  });

  it('plays the shipped demo, showing every feature', async () => {
    const out = await play(readFileSync('examples/demo.txt', 'utf8'));
    for (const expected of [
      '[#1] Proposal #1: Adopt a code of conduct [open]',
      '[#1 edited]',
      'Closing soon: proposal #1',
      'Not voted yet: @alice',
      'Proposal #1 passed: Adopt a code of conduct [passed]',
      'Proposal #2 no quorum: Move meetings to Thursdays [no quorum]',
      "This week's roles (week of Mon 30 Nov 2026)",
      'note-taker: @carol',
      '@carol skips this week; note-taker: @dana',
      '(keeps time and the agenda)',
      'Up next (week of Mon 7 Dec 2026), so you can prepare:',
      'Thank you to those who served before:',
      'Rotation pings now go out every 2 weeks on Mondays at 09:00 (Europe/Berlin)',
      '@alice (facilitator) offers @bob (timekeeper) a swap for this week.',
      '@bob accepted the swap @alice offered, for this week.',
      'Withdrawn by @bob, a channel admin: “off-topic here”.',
      '(to erin) This erases you from Leaderful on console',
      'Who served how often',
      "You're away until",
      'Decision log',
      "(to erin) I don't know the command /frobnicate.",
    ]) {
      expect(out).toContain(expected);
    }
  });

  it('export-me prints your data; forget-me confirm erases it, and later messages show a former member', async () => {
    const out = await play(`
bob: /propose Adopt a code of conduct | Because
bob: /vote 1 agree I wrote it
bob: /leaderful export-me
bob: /leaderful forget-me confirm
carol: /proposals 1
`);
    expect(out).toMatch(/\(to bob\) Your data\n {5}1 current votes, 1 vote changes, 1 proposals, 0 roles served\./);
    expect(out).toContain('     --- leaderful-my-data.json ---');
    expect(out).toContain('       "reason": "I wrote it",');
    expect(out).toMatch(/\(to bob\) Done: Leaderful has forgotten you \(1 votes, 1 vote changes, 1 proposals\)/);
    expect(out).toMatch(/\(to carol\) Proposal #1: Adopt a code of conduct \[open\]\n {5}Proposed by former member [a-z2-7]{4}/);
    expect(out).toMatch(/Votes: former member [a-z2-7]{4} agree/);
  });

  it('message numbers persist: #1 means the same message in a later run on the same database', async () => {
    const store = Store.open(':memory:');
    const first = await play('alice: /propose Persist | it\n', '2026-11-23T10:00:00Z', store);
    expect(first).toContain('[#1] Proposal #1: Persist');
    const second = await play('alice: /propose Second\nbob +👍 #1\n', '2026-11-23T11:00:00Z', store);
    expect(second).toContain('[#2] Proposal #2: Second');
    expect(second).toMatch(/\[#1 edited\] Proposal #1: Persist[\s\S]*agree 1/);
  });
});
