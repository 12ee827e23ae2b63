import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../../src/core/commands/grammar';
import { helpDoc, RULES_HELP, SETTINGS_HELP } from '../../../src/core/commands/help';
import { STANCE_EMOJI, stanceOfReaction } from '../../../src/core/proposals/emoji';
import { rulePasses } from '../../../src/core/proposals/tally';
import { type Counts, type DecisionRule, STANCES } from '../../../src/core/types';
import { looksLikeWhen } from '../../../src/core/commands/when';
import { docText } from '../../helpers/harness';

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
    expect(docText(helpDoc('frobnicate'))).toContain(
      'I have no help on "frobnicate". Topics: propose, poll, vote, proposals, close, withdraw, amend, decisions, rotation, leaderful, rules, extend, hidden, secret, settings, swap, accept, decline, away, volunteer, roles, schedule, export-me, forget-me, forget.',
    );
  });

  it('the overview explains <when> with examples the parser really reads', () => {
    const line = docText(helpDoc())
      .split('\n')
      .find((l) => l.startsWith('<when> is'));
    expect(line).toBeDefined();
    const examples = [...line!.matchAll(/\b(\d+[mhdw]|\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?)\b/g)].map((m) => m[1]!);
    expect(examples).toEqual(['90m', '36h', '3d', '1w', '2026-12-01', '2026-12-01 18:00']);
    for (const e of examples) expect(looksLikeWhen(e), e).toBe(true);
  });

  it('the overview shows the reaction for each stance, and each is the reaction that casts it', () => {
    const t = docText(helpDoc());
    for (const s of STANCES) {
      expect(t).toContain(`${STANCE_EMOJI[s]} ${s}`);
      expect(stanceOfReaction(STANCE_EMOJI[s])).toBe(s);
    }
    expect(t).toContain('remove your reaction to take your vote back');
  });

  it('the overview points to help on each command and names further topics, each of which has a page', () => {
    const overview = helpDoc();
    expect(overview.title).toContain('Leaderful');
    const t = docText(overview);
    expect(t).toContain('/leaderful help <command>');
    const also = /\(also: ([^)]*)\)/.exec(t)?.[1]?.split(', ') ?? [];
    expect(also).toEqual(['swap', 'accept', 'decline', 'away', 'volunteer', 'roles', 'schedule', 'export-me', 'forget-me', 'forget']);
    for (const topic of [...also, 'settings']) expect(helpDoc(topic).title, topic).not.toBe(overview.title);
  });

  it('a subcommand page is titled with the command and subcommand, and shows its usage', () => {
    expect(helpDoc('swap').title).toBe('/rotation swap');
    expect(helpDoc('forget-me').title).toBe('/leaderful forget-me');
    expect(docText(helpDoc('accept'))).toContain('Usage: /rotation accept [@user]');
  });

  it('an unknown topic is echoed back only in part (30 characters), whatever was typed', () => {
    const t = docText(helpDoc('x'.repeat(500)));
    expect(t).toContain(`"${'x'.repeat(30)}"`);
    expect(t).not.toContain('x'.repeat(31));
  });
});
