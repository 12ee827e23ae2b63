import { describe, expect, it } from 'vitest';
import { parseCommand, splitCommandLine } from '../../../src/core/commands/parse';
import { proposeFromFields } from '../../../src/core/commands/fields';

const ok = (name: string, text: string) => {
  const r = parseCommand(name, text);
  if (!r.ok) throw new Error(`expected ${name} ${text} to parse: ${r.error}`);
  return r.command;
};
const err = (name: string, text: string) => {
  const r = parseCommand(name, text);
  if (r.ok) throw new Error(`expected ${name} ${text} to fail`);
  return r;
};

describe('/propose', () => {
  it('takes flags before the title as well as after it', () => {
    expect(ok('propose', '--closes 2d Buy a kettle')).toEqual({ kind: 'propose', title: 'Buy a kettle', reasons: '', closes: '2d' });
    expect(ok('propose', '--closes 2026-11-05 18:00 --rule majority Buy a kettle | because --quorum 2')).toEqual({
      kind: 'propose',
      title: 'Buy a kettle',
      reasons: 'because',
      closes: '2026-11-05 18:00',
      rule: 'majority',
      quorum: { kind: 'count', n: 2 },
    });
  });
  it('takes --flag=value', () =>
    expect(ok('propose', 'Tea --rule=majority --quorum=50%')).toMatchObject({ title: 'Tea', rule: 'majority', quorum: { kind: 'share', percent: 50 } }));
  it('leaves dashes in prose alone, and \\-- writes a flag word as text', () => {
    expect(ok('propose', 'Buy a kettle | the old one —it leaks— is broken')).toMatchObject({ reasons: 'the old one —it leaks— is broken' });
    expect(ok('propose', 'Buy a kettle | we could use \\--closes differently')).toEqual({
      kind: 'propose',
      title: 'Buy a kettle',
      reasons: 'we could use --closes differently',
    });
  });
  it('a flag word in the reasons with no time after it says how to write it as text', () => {
    expect(err('propose', 'Buy a kettle | we could use --closes differently').error).toBe(
      'I couldn\'t read "differently" as a time for --closes: write a duration such as 3d or a date such as 2026-12-01 18:00. (If "--closes" is part of your text, write \\--closes.)',
    );
  });
  it('names an unknown --option and how to write it as text', () =>
    expect(err('propose', 'Buy a kettle --clsoes 3d').error).toBe(
      'I don\'t know the option --clsoes. The options are --closes, --rule, --quorum and --extend, and the switches --hidden and --secret (to write "--clsoes" itself, put a \\ before it).',
    ));
  it('a flag with nothing after it says what it needs', () => expect(err('propose', 'Trip --closes').error).toBe('--closes needs a value, like --closes 3d.'));
  it('neutralises bidirectional overrides in titles and reasons (and in forms)', () => {
    expect(ok('propose', '\u202Eevil\u202C title | a \u2066reason\u2069')).toMatchObject({ title: 'evil title', reasons: 'a reason' });
    const f = proposeFromFields({ title: 'x\u202Ey', reasons: '\u202Dz' });
    expect(f.ok && f.command).toMatchObject({ title: 'xy', reasons: 'z' });
  });
  it('reads title, reasons and every option', () => {
    expect(ok('propose', 'Adopt a code of conduct | We need shared norms --closes 2026-12-01 18:00 --rule majority --quorum 50%')).toEqual({
      kind: 'propose',
      title: 'Adopt a code of conduct',
      reasons: 'We need shared norms',
      closes: '2026-12-01 18:00',
      rule: 'majority',
      quorum: { kind: 'share', percent: 50 },
    });
  });
  it('accepts the em dash that phones and Slack make of --', () => {
    expect(ok('/propose', 'Lunch —closes 3d —quorum 4')).toMatchObject({ title: 'Lunch', closes: '3d', quorum: { kind: 'count', n: 4 } });
  });
  it('keeps a title with no options', () => expect(ok('propose', 'Buy a kettle')).toEqual({ kind: 'propose', title: 'Buy a kettle', reasons: '' }));
  it('refuses an empty title', () => expect(err('propose', '  | reasons only').error).toMatch(/needs a title/));
  it('refuses a title over 200 characters, with the usage', () => {
    const r = err('propose', 'x'.repeat(201));
    expect(r.error).toMatch(/at most 200 characters/);
    expect(r.usage).toMatch(/^\/propose <title>/);
  });
  it('accepts a title of exactly 200 characters', () => expect(ok('propose', 'x'.repeat(200))).toMatchObject({ title: 'x'.repeat(200) }));
  it('refuses an unknown rule', () => expect(err('propose', 'T --rule dictatorship').error).toMatch(/consent, majority or supermajority/));
  it('refuses a bad quorum', () => {
    expect(err('propose', 'T --quorum lots').error).toMatch(/quorum/);
    expect(err('propose', 'T --quorum 150%').error).toMatch(/quorum/);
  });
  it('refuses unknown and repeated options', () => {
    expect(err('propose', 'T --deadline 3d').error).toMatch(/--closes, --rule, --quorum and --extend/);
    expect(err('propose', 'T --rule majority --rule consent').error).toMatch(/twice/);
    expect(err('propose', 'T --closes').error).toMatch(/needs a value/);
  });
  it('validates typed fields the same way', () => {
    expect(proposeFromFields({ title: 'T', rule: 'Majority', quorum: '3' })).toMatchObject({
      ok: true,
      command: { rule: 'majority', quorum: { kind: 'count', n: 3 } },
    });
    expect(proposeFromFields({ title: '' }).ok).toBe(false);
  });
});

describe('/vote', () => {
  it('reads number, stance and reason', () =>
    expect(ok('vote', '#3 disagree not this month')).toEqual({ kind: 'vote', number: 3, stance: 'disagree', reason: 'not this month' }));
  it('accepts stance aliases and case', () => {
    expect(ok('vote', '3 YES')).toMatchObject({ stance: 'agree' });
    expect(ok('vote', '3 👎')).toMatchObject({ stance: 'disagree' });
  });
  it('refuses a non-number proposal', () => expect(err('vote', 'three agree').error).toMatch(/by its number/));
  it('refuses proposal 0', () => expect(err('vote', '0 agree').error).toMatch(/start at 1/));
  it('refuses an unknown stance', () => expect(err('vote', '3 maybe').error).toMatch(/agree, disagree, abstain or block/));
  it('refuses a missing stance', () => expect(err('vote', '3').error).toMatch(/which proposal and how/));
});

describe('other commands', () => {
  it('/proposals filters and numbers', () => {
    expect(ok('proposals', '')).toEqual({ kind: 'proposals', filter: 'open' });
    expect(ok('proposals', 'closed')).toEqual({ kind: 'proposals', filter: 'closed' });
    expect(ok('proposals', '#4')).toEqual({ kind: 'proposal', number: 4 });
    expect(err('proposals', 'yesterday').error).toMatch(/open, closed, all/);
  });
  it('/close and /withdraw need one number, then maybe confirm and a reason', () => {
    expect(ok('close', '2')).toEqual({ kind: 'close', number: 2 });
    expect(ok('close', '#2 Confirm we agreed on Thursday')).toEqual({ kind: 'close', number: 2, confirm: true, reason: 'we agreed on Thursday' });
    expect(ok('close', '2 done early')).toEqual({ kind: 'close', number: 2, reason: 'done early' });
    expect(ok('withdraw', '4 spam')).toEqual({ kind: 'withdraw', number: 4, reason: 'spam' });
    expect(ok('withdraw', '4 confirm')).toEqual({ kind: 'withdraw', number: 4, reason: 'confirm' }); // withdraw has no confirm step
    expect(err('withdraw', '').error).toMatch(/one proposal/);
    expect(err('close', 'two').error).toMatch(/by its number/);
    expect(err('close', `2 confirm ${'x'.repeat(301)}`).error).toMatch(/at most 300 characters/);
  });
  it('/rotation accept and decline name at most one member', () => {
    expect(ok('rotation', 'accept')).toEqual({ kind: 'rotation.accept' });
    expect(ok('rotation', 'decline <@U1>')).toEqual({ kind: 'rotation.decline', from: { id: 'U1' } });
    expect(err('rotation', 'accept @a @b').error).toMatch(/at most one member/);
    expect(err('rotation', 'accept everyone').error).toMatch(/@mention/);
  });
  it('/rotation away reads a short time only', () => {
    expect(err('rotation', `away ${'9'.repeat(41)}`).error).toMatch(/Write a time like 3d/);
    expect(err('propose', `T --closes ${'9'.repeat(41)}`).error).toMatch(/Write a time like 3d/);
  });
  it('/leaderful export-me, forget-me and forget', () => {
    expect(ok('leaderful', 'export-me')).toEqual({ kind: 'export.me' });
    expect(ok('leaderful', 'forget-me')).toEqual({ kind: 'forget.me', confirm: false });
    expect(ok('leaderful', 'forget-me CONFIRM')).toEqual({ kind: 'forget.me', confirm: true });
    expect(ok('leaderful', 'forget <@U9> confirm')).toEqual({ kind: 'forget.user', who: { id: 'U9' }, confirm: true });
    expect(ok('leaderful', 'forget @sam')).toEqual({ kind: 'forget.user', who: { name: 'sam' }, confirm: false });
    expect(err('leaderful', 'forget-me now').error).toMatch(/forget-me confirm/);
    expect(err('leaderful', 'forget').error).toMatch(/Name one member/);
    expect(err('leaderful', 'forget @sam yes').error).toMatch(/add confirm/);
    expect(err('leaderful', 'export-me all').error).toMatch(/takes nothing/);
  });
  it('/decisions count is bounded', () => {
    expect(ok('decisions', '')).toEqual({ kind: 'decisions', count: 10 });
    expect(err('decisions', '500').error).toMatch(/at most 50/);
    expect(err('decisions', 'many').error).toMatch(/number/);
  });
  it('/rotation subcommands', () => {
    expect(ok('rotation', '')).toEqual({ kind: 'rotation.show' });
    expect(ok('rotation', 'swap <@U123>')).toEqual({ kind: 'rotation.swap', with: { id: 'U123' } });
    expect(ok('rotation', 'swap @sam')).toEqual({ kind: 'rotation.swap', with: { name: 'sam' } });
    expect(ok('rotation', 'volunteer Note-Taker')).toEqual({ kind: 'rotation.volunteer', role: 'note-taker' });
    expect(ok('rotation', 'roles add timekeeper')).toEqual({ kind: 'rotation.roles.add', role: 'timekeeper' });
    expect(ok('rotation', 'schedule tue 7:30')).toEqual({ kind: 'rotation.schedule', weekday: 2, time: '07:30', repeat: { every: 'week' } });
    expect(ok('rotation', 'away 2w')).toEqual({ kind: 'rotation.away', until: '2w' });
    expect(err('rotation', 'schedule tue 25:00').error).toMatch(/HH:MM/);
    expect(err('rotation', 'swap everyone').error).toMatch(/@mention/);
    expect(err('rotation', 'dance').error).toMatch(/not a \/rotation command/);
    expect(err('rotation', 'join now').error).toMatch(/takes nothing/);
  });
  it('/leaderful settings', () => {
    expect(ok('leaderful', 'settings timezone Europe/Berlin window 5d rule majority quorum 3 reminder off')).toEqual({
      kind: 'settings',
      changes: { timezone: 'Europe/Berlin', windowMinutes: 7200, rule: 'majority', quorum: { kind: 'count', n: 3 }, reminderLeadMinutes: 0 },
    });
    expect(err('leaderful', 'settings timezone Mars/Olympus').error).toMatch(/not a time zone I know/);
    expect(err('leaderful', 'settings colour blue').error).toMatch(/don't know the setting/);
    expect(err('leaderful', 'settings window 60w').error).toMatch(/at most 366 days/);
    expect(err('leaderful', 'settings reminder 5w').error).toMatch(/at most 30 days/);
    expect(ok('leaderful', 'settings max-open 20 max-open-member 3')).toEqual({ kind: 'settings', changes: { maxOpen: 20, maxOpenPerMember: 3 } });
    expect(err('leaderful', 'settings max-open 1001').error).toMatch(/between 1 and 1000/);
    expect(err('leaderful', 'settings max-open-member 101').error).toMatch(/between 1 and 100/);
    expect(ok('leaderful', '')).toEqual({ kind: 'help' });
  });
  it('unknown commands get a pointer to help', () => {
    const r = err('dance', '');
    expect(r.error).toMatch(/don't know the command \/dance/);
    expect(r.usage).toMatch(/\/leaderful help/);
  });
  it('control characters are dropped before parsing', () => expect(ok('propose', 'Bell\u0007 ringing\u0000')).toMatchObject({ title: 'Bell ringing' }));
  it.each([
    ['0', 'Ask for at least 1 decision, like /decisions 10.'],
    ['-3', 'The count is a whole number, like 10.'],
    ['2.5', 'The count is a whole number, like 10.'],
    ['51', 'I can show at most 50 decisions at once.'],
  ])('/decisions %s says what is wrong: %s', (n, message) => expect(err('decisions', n).error).toBe(message));
  it('splits a typed line', () => expect(splitCommandLine('/vote 3 agree')).toEqual({ name: 'vote', text: '3 agree' }));
});
