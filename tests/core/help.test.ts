import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/core/commands';
import { helpDoc, RULES_HELP, SETTINGS_HELP } from '../../src/core/help';
import { rulePasses } from '../../src/core/tally';
import type { Counts, DecisionRule } from '../../src/core/types';
import { docText } from '../helpers/harness';

describe('help', () => {
  it('the overview explains consent, majority, supermajority and quorum, each with an example', () => {
    const t = docText(helpDoc());
    for (const word of ['consent', 'majority', 'supermajority', 'quorum']) expect(t).toMatch(new RegExp(`${word}.*Example|${word}.*--quorum 5`));
  });

  it('every example in the rules help is what the rule really decides', () => {
    let checked = 0;
    for (const line of RULES_HELP) {
      const rule = line.split(/[ :(]/)[0] as DecisionRule;
      if (rule !== 'consent' && rule !== 'majority' && rule !== 'supermajority') continue;
      for (const m of line.matchAll(/((?:\d+ (?:agree|disagree|abstain|block)(?:, )?)+) → (passed|rejected)/g)) {
        const counts: Counts = { agree: 0, disagree: 0, abstain: 0, block: 0 };
        for (const [, n, stance] of m[1]!.matchAll(/(\d+) (agree|disagree|abstain|block)/g)) counts[stance as keyof Counts] = Number(n);
        expect(rulePasses(rule, counts) ? 'passed' : 'rejected', `${rule}: ${m[0]}`).toBe(m[2]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  });

  it('help settings explains every setting the settings command takes', () => {
    const t = docText(helpDoc('settings'));
    for (const s of ['timezone', 'window', 'rule', 'quorum', 'reminder', 'steward']) expect(t).toMatch(new RegExp(`^${s} `, 'm'));
    expect(SETTINGS_HELP.join(' ')).toContain('gets no reminder');
  });

  it('help on each command, and on an unknown topic says which topics there are', () => {
    for (const c of COMMAND_NAMES) expect(docText(helpDoc(c))).toContain(`Usage: /${c}`);
    expect(docText(helpDoc('rules'))).toContain('supermajority');
    expect(docText(helpDoc('frobnicate'))).toContain('I have no help on "frobnicate". Topics: propose, vote, proposals, close, withdraw, decisions, rotation, leaderful, rules, settings, swap, accept, decline, away, volunteer, roles, schedule, export-me, forget-me, forget.');
  });
});
