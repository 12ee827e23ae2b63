// The grammar in detail: every value schema and every branch of each command's parser. Refusals
// are checked by their key words (what was refused and why), not by their whole wording.
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, isCommandName, SUB_USAGE, USAGE } from '../../../src/core/commands/grammar';
import { parseCommand, splitCommandLine } from '../../../src/core/commands/parse';
import { proposeFromFields } from '../../../src/core/commands/fields';

const ok = (name: string, text: string) => {
  const r = parseCommand(name, text);
  if (!r.ok) throw new Error(`expected ${name} ${text} to parse: ${r.error}`);
  return r.command;
};
const refusal = (name: string, text: string) => {
  const r = parseCommand(name, text);
  if (r.ok) throw new Error(`expected /${name} ${text} to be refused, got ${JSON.stringify(r.command)}`);
  return r;
};
/** The refusal's message contains every one of these words (case-insensitive). */
const refusedWith = (name: string, text: string, ...words: string[]) => {
  const r = refusal(name, text);
  for (const w of words) expect(r.error.toLowerCase(), `/${name} ${text}`).toContain(w.toLowerCase());
  // The usage shown is the subcommand's own line when it has one, else the command's.
  const sub = text.trim().split(/\s+/)[0]!.toLowerCase();
  const own = Object.hasOwn(SUB_USAGE, sub) ? SUB_USAGE[sub as keyof typeof SUB_USAGE] : undefined;
  expect(r.usage).toBe(own?.startsWith(`/${name} `) ? own : USAGE[name as keyof typeof USAGE]);
};

describe('errors show the usage of what was typed', () => {
  it('the subcommand line for a subcommand that has one, else the whole command', () => {
    expect(refusal('rotation', 'schedule monday').usage).toBe(SUB_USAGE.schedule);
    expect(refusal('rotation', 'ROLES frob x').usage).toBe(SUB_USAGE.roles);
    expect(refusal('rotation', 'swap').usage).toBe(SUB_USAGE.swap);
    expect(refusal('rotation', 'join now').usage).toBe(USAGE.rotation);
    expect(refusal('leaderful', 'settings rule none').usage).toBe(SUB_USAGE.settings);
    expect(refusal('leaderful', 'forget').usage).toBe(SUB_USAGE.forget);
    expect(refusal('vote', 'x').usage).toBe(USAGE.vote);
  });
});

describe('proposal numbers', () => {
  it.each([
    ['3', 3],
    ['#3', 3],
    [' 42 ', 42],
    ['999999999', 999_999_999],
  ])('%j is proposal %i', (t, n) => expect(ok('close', t)).toEqual({ kind: 'close', number: n }));
  it.each(['1234567890', '3a', '#', '-1', '3.0'])('%j is refused as a number', (t) => refusedWith('close', t, 'number'));
  it('0 is refused: numbers start at 1', () => refusedWith('close', '0', 'start at 1'));
});

describe('stances', () => {
  it.each([
    ['agree', 'agree'],
    ['AGREE', 'agree'],
    ['yes', 'agree'],
    ['y', 'agree'],
    ['+1', 'agree'],
    ['👍', 'agree'],
    ['for', 'agree'],
    ['no', 'disagree'],
    ['n', 'disagree'],
    ['-1', 'disagree'],
    ['👎', 'disagree'],
    ['against', 'disagree'],
    ['Disagree', 'disagree'],
    ['abstain', 'abstain'],
    ['🤷', 'abstain'],
    ['pass', 'abstain'],
    ['block', 'block'],
    ['🛑', 'block'],
    ['veto', 'block'],
    ['object', 'block'],
  ])('%j votes %s', (t, stance) => expect(ok('vote', `1 ${t}`)).toEqual({ kind: 'vote', number: 1, stance }));
  it.each(['maybe', 'constructor', 'toString', 'agreed'])('%j is refused, naming the four stances', (t) =>
    refusedWith('vote', `1 ${t}`, 'agree', 'disagree', 'abstain', 'block'),
  );
});

describe('/vote', () => {
  it('a vote without a reason has no reason at all; the rest of the line is the reason', () => {
    expect(ok('vote', '2 agree')).toStrictEqual({ kind: 'vote', number: 2, stance: 'agree' });
    expect(ok('vote', '#2  no  too   costly ')).toEqual({ kind: 'vote', number: 2, stance: 'disagree', reason: 'too costly' });
  });
  it('a reason of exactly 500 characters is kept; 501 is refused', () => {
    expect(ok('vote', `1 agree ${'r'.repeat(500)}`)).toMatchObject({ reason: 'r'.repeat(500) });
    refusedWith('vote', `1 agree ${'r'.repeat(501)}`, '500');
  });
  it('needs both a proposal and a stance', () => {
    refusedWith('vote', '', 'proposal');
    refusedWith('vote', '3', 'proposal');
  });
});

describe('/propose', () => {
  it('the first | splits title from reasons; later ones belong to the reasons', () => {
    expect(ok('propose', '  T  |  R | S ')).toEqual({ kind: 'propose', title: 'T', reasons: 'R | S' });
  });
  it('options are read in any case and with any dash, and values keep their spaces', () => {
    expect(ok('propose', 'T --Closes 2026-12-01 18:00 —RULE Majority –quorum 7%')).toEqual({
      kind: 'propose',
      title: 'T',
      reasons: '',
      closes: '2026-12-01 18:00',
      rule: 'majority',
      quorum: { kind: 'share', percent: 7 },
    });
  });
  it('a dash inside a word or before a space is not an option', () => {
    expect(ok('propose', 'Pre--book rooms | costs -- time')).toEqual({ kind: 'propose', title: 'Pre--book rooms', reasons: 'costs -- time' });
  });
  it('refuses an option without a value, a repeated option and an unknown one', () => {
    refusedWith('propose', 'T --closes', '--closes', 'value');
    refusedWith('propose', 'T --rule majority --rule consent', '--rule', 'twice');
    refusedWith('propose', 'T --RULE majority --rule consent', '--rule', 'twice');
    refusedWith('propose', 'T --colour red', '--colour', '--closes', '--rule', '--quorum');
  });
  it('titles and reasons have their limits', () => {
    expect(ok('propose', `${'t'.repeat(200)} | ${'r'.repeat(2000)}`)).toMatchObject({ title: 't'.repeat(200), reasons: 'r'.repeat(2000) });
    refusedWith('propose', `${'t'.repeat(201)}`, '200');
    refusedWith('propose', `T | ${'r'.repeat(2001)}`, '2000');
    refusedWith('propose', '   ', 'title');
  });
});

describe('quorum values', () => {
  it.each([
    ['none', { kind: 'none' }],
    ['0', { kind: 'none' }],
    ['1', { kind: 'count', n: 1 }],
    ['99999', { kind: 'count', n: 99_999 }],
    ['1%', { kind: 'share', percent: 1 }],
    [' 100% ', { kind: 'share', percent: 100 }],
  ])('%j is %j', (t, q) => expect(ok('propose', `T --quorum ${t}`)).toMatchObject({ quorum: q }));
  it.each(['101%', '0%', '123456', '-1', 'half', '5 %', '%', '50%%'])('%j is refused, saying what a quorum is', (t) =>
    refusedWith('propose', `T --quorum ${t}`, 'quorum', 'number', 'share'),
  );
});

describe('/proposals, /close, /withdraw, /decisions', () => {
  it('/proposals reads one filter or one number', () => {
    expect(ok('proposals', '')).toEqual({ kind: 'proposals', filter: 'open' });
    expect(ok('proposals', 'CLOSED')).toEqual({ kind: 'proposals', filter: 'closed' });
    expect(ok('proposals', 'all')).toEqual({ kind: 'proposals', filter: 'all' });
    expect(ok('proposals', '#4')).toEqual({ kind: 'proposal', number: 4 });
    refusedWith('proposals', 'open all', 'one');
    refusedWith('proposals', 'sideways', '"sideways"', 'open', 'closed', 'all');
    refusedWith('proposals', '0', 'start at 1');
  });
  it('/close and /withdraw take a proposal number first (a reason may follow)', () => {
    expect(ok('withdraw', '#7')).toEqual({ kind: 'withdraw', number: 7 });
    expect(refusal('withdraw', '').ok).toBe(false);
    expect(refusal('close', 'soon').ok).toBe(false);
  });
  it('/decisions shows 10 unless told, from 1 to 50, whole numbers only', () => {
    expect(ok('decisions', '')).toEqual({ kind: 'decisions', count: 10 });
    expect(ok('decisions', '1')).toEqual({ kind: 'decisions', count: 1 });
    expect(ok('decisions', '50')).toEqual({ kind: 'decisions', count: 50 });
    refusedWith('decisions', '51', '50');
    refusedWith('decisions', '2.5', 'whole');
    refusedWith('decisions', 'many', 'number');
    refusedWith('decisions', '5 6', 'count');
    expect(refusal('decisions', '0').ok).toBe(false);
  });
});

describe('/rotation', () => {
  it('every subcommand, in any case; show when none is given', () => {
    expect(ok('rotation', '')).toEqual({ kind: 'rotation.show' });
    for (const sub of ['show', 'join', 'leave', 'back', 'skip', 'stats']) expect(ok('rotation', sub.toUpperCase())).toEqual({ kind: `rotation.${sub}` });
    expect(ok('rotation', 'roles')).toEqual({ kind: 'rotation.roles' });
    expect(ok('rotation', 'away 2026-12-15 18:00')).toEqual({ kind: 'rotation.away', until: '2026-12-15 18:00' });
    expect(ok('rotation', 'swap <@U123>')).toEqual({ kind: 'rotation.swap', with: { id: 'U123' } });
    expect(ok('rotation', 'volunteer Note-Taker')).toEqual({ kind: 'rotation.volunteer', role: 'note-taker' });
    expect(ok('rotation', 'roles add Timekeeper')).toEqual({ kind: 'rotation.roles.add', role: 'timekeeper' });
    expect(ok('rotation', 'roles remove timekeeper')).toEqual({ kind: 'rotation.roles.remove', role: 'timekeeper' });
    expect(ok('rotation', 'schedule Fri 9:05')).toEqual({ kind: 'rotation.schedule', weekday: 5, time: '09:05', repeat: { every: 'week' } });
    expect(ok('rotation', 'schedule sunday 23:59')).toEqual({ kind: 'rotation.schedule', weekday: 7, time: '23:59', repeat: { every: 'week' } });
  });
  it('refuses what does not fit, saying what is wanted', () => {
    refusedWith('rotation', 'join now', 'join', 'nothing after');
    refusedWith('rotation', 'away', 'until');
    refusedWith('rotation', 'swap', 'one member');
    refusedWith('rotation', 'swap @a @b', 'one member');
    refusedWith('rotation', 'swap sam', '@mention');
    refusedWith('rotation', 'volunteer', 'role');
    refusedWith('rotation', 'volunteer a b', 'role');
    refusedWith('rotation', 'roles add', 'roles add');
    refusedWith('rotation', 'roles add a b', 'roles add');
    refusedWith('rotation', 'roles rename a', 'roles add');
    refusedWith('rotation', 'schedule 09:00', 'weekday');
    refusedWith('rotation', 'schedule someday 09:00', 'weekday');
    refusedWith('rotation', 'schedule monday', 'HH:MM');
    refusedWith('rotation', 'schedule monday 25:00', 'HH:MM');
    refusedWith('rotation', 'schedule monday 09:00 weekly', 'Only a weekday and a time');
    refusedWith('rotation', 'dance', '"dance"', '/rotation');
  });
  it('role names: one word of letters, digits, - or _, at most 32, starting with a letter or digit', () => {
    expect(ok('rotation', 'roles add é-2_x')).toMatchObject({ role: 'é-2_x' });
    expect(ok('rotation', `roles add ${'r'.repeat(32)}`)).toMatchObject({ role: 'r'.repeat(32) });
    refusedWith('rotation', `roles add ${'r'.repeat(33)}`, '32');
    refusedWith('rotation', 'roles add -lead', 'one word');
    refusedWith('rotation', 'roles add a.b', 'one word');
  });
  it("members: a mention by id (the core's own form; adapters translate theirs) or an @name", () => {
    expect(ok('rotation', 'swap <@123456>')).toEqual({ kind: 'rotation.swap', with: { id: '123456' } });
    expect(ok('rotation', 'swap <@W1.b-c_d>')).toEqual({ kind: 'rotation.swap', with: { id: 'W1.b-c_d' } });
    expect(ok('rotation', 'swap @sam.o-k_2')).toEqual({ kind: 'rotation.swap', with: { name: 'sam.o-k_2' } });
    expect(ok('rotation', `swap @${'s'.repeat(80)}`)).toEqual({ kind: 'rotation.swap', with: { name: 's'.repeat(80) } });
    for (const bad of ['@', `@${'s'.repeat(81)}`, '<@>', '<@U1', 'x@sam', '@sam!', '<@!123456>', '<@U1|sam>'])
      refusedWith('rotation', `swap ${bad}`, '@mention');
  });
});

describe('/leaderful', () => {
  it('help, with or without a topic (slash and case ignored)', () => {
    expect(ok('leaderful', '')).toStrictEqual({ kind: 'help' });
    expect(ok('leaderful', 'HELP')).toStrictEqual({ kind: 'help' });
    expect(ok('leaderful', 'help /Vote')).toEqual({ kind: 'help', topic: 'vote' });
    refusedWith('leaderful', 'dance', '"dance"', '/leaderful');
  });
  it('settings: each one, several at once, none at all', () => {
    expect(ok('leaderful', 'settings')).toEqual({ kind: 'settings', changes: {} });
    expect(ok('leaderful', 'settings TZ Europe/Berlin window 2d rule SUPERMAJORITY quorum 50% reminder 1h')).toEqual({
      kind: 'settings',
      changes: { timezone: 'Europe/Berlin', windowMinutes: 2880, rule: 'supermajority', quorum: { kind: 'share', percent: 50 }, reminderLeadMinutes: 60 },
    });
    expect(ok('leaderful', 'settings timezone America/New_York')).toEqual({ kind: 'settings', changes: { timezone: 'America/New_York' } });
    expect(ok('leaderful', 'settings reminder OFF')).toEqual({ kind: 'settings', changes: { reminderLeadMinutes: 0 } });
    expect(ok('leaderful', 'settings steward add <@U9> window 1w')).toEqual({ kind: 'settings', changes: { stewardAdd: { id: 'U9' }, windowMinutes: 10080 } });
    expect(ok('leaderful', 'settings steward remove @sam')).toEqual({ kind: 'settings', changes: { stewardRemove: { name: 'sam' } } });
  });
  it('the window is at most 366 days and the reminder at most 30 days', () => {
    expect(ok('leaderful', 'settings window 366d')).toEqual({ kind: 'settings', changes: { windowMinutes: 366 * 1440 } });
    refusedWith('leaderful', 'settings window 367d', '366');
    expect(ok('leaderful', 'settings reminder 30d')).toEqual({ kind: 'settings', changes: { reminderLeadMinutes: 30 * 1440 } });
    refusedWith('leaderful', 'settings reminder 30d1m', '30');
  });
  it('refuses bad settings, saying which and why', () => {
    refusedWith('leaderful', 'settings timezone', 'timezone', 'value');
    refusedWith('leaderful', 'settings timezone Mars/Base', 'time zone');
    refusedWith('leaderful', 'settings window soon', '90m');
    refusedWith('leaderful', 'settings reminder never', '90m');
    refusedWith('leaderful', 'settings colour red', '"colour"', 'timezone', 'window', 'rule', 'quorum', 'reminder', 'steward');
    refusedWith('leaderful', 'settings steward promote @sam', 'steward add', 'steward remove');
    refusedWith('leaderful', 'settings steward add', '@mention');
    refusedWith('leaderful', 'settings rule anarchy', 'consent', 'majority', 'supermajority');
  });
});

describe('commands in general', () => {
  it('the name may have a slash and any case; unknown names point to help', () => {
    expect(ok('/CLOSE', '3')).toEqual({ kind: 'close', number: 3 });
    const r = parseCommand('/nope', 'x');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('/nope'), usage: expect.stringContaining('/leaderful help') });
    expect(isCommandName('vote')).toBe(true);
    expect(isCommandName('constructor')).toBe(false);
    expect(COMMAND_NAMES).toEqual(['propose', 'poll', 'vote', 'proposals', 'close', 'withdraw', 'amend', 'decisions', 'rotation', 'leaderful']);
  });
  it('control characters become spaces; tabs and newlines separate words as spaces do', () => {
    expect(ok('vote', '1\u0000agree\u0007because\u007Fso')).toEqual({ kind: 'vote', number: 1, stance: 'agree', reason: 'because so' });
    expect(ok('vote', '1\tagree\nbecause')).toEqual({ kind: 'vote', number: 1, stance: 'agree', reason: 'because' });
  });
  it('splits a typed line into name and text; a line without a leading slash is no command', () => {
    expect(splitCommandLine('  /vote   3 agree  ')).toEqual({ name: 'vote', text: '3 agree' });
    expect(splitCommandLine('/rotation')).toEqual({ name: 'rotation', text: '' });
    expect(splitCommandLine('/propose A\nB')).toEqual({ name: 'propose', text: 'A\nB' });
    expect(splitCommandLine('vote 3 agree')).toBeUndefined();
    expect(splitCommandLine('/')).toBeUndefined();
  });
});

describe('form fields', () => {
  it('empty fields mean "not given"; given ones are validated like options', () => {
    expect(proposeFromFields({ title: ' T ', reasons: undefined, closes: '  ', rule: '', quorum: ' ' })).toStrictEqual({
      ok: true,
      command: { kind: 'propose', title: 'T', reasons: '' },
    });
    expect(proposeFromFields({ title: 'T', reasons: ' R ', closes: ' 3d ', rule: 'Majority', quorum: '5' })).toEqual({
      ok: true,
      command: { kind: 'propose', title: 'T', reasons: 'R', closes: '3d', rule: 'majority', quorum: { kind: 'count', n: 5 } },
    });
  });
  it('a refusal carries the /propose usage', () => {
    for (const f of [{ title: '' }, { title: 'T', rule: 'anarchy' }, { title: 'T', quorum: '200%' }, { title: 'T', reasons: 'r'.repeat(2001) }]) {
      const r = proposeFromFields(f);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.usage).toBe(USAGE.propose);
    }
  });
});

describe('edges of the grammar', () => {
  it('a /propose that starts with an option or a | has no title, and is refused for it', () => {
    refusedWith('propose', '--closes 3d', 'title');
    refusedWith('propose', '|reasons only', 'title');
  });
  it('/proposals reads numbers of any length, and nothing else as a number', () => {
    expect(ok('proposals', '12')).toEqual({ kind: 'proposal', number: 12 });
    expect(ok('proposals', '#305')).toEqual({ kind: 'proposal', number: 305 });
    for (const t of ['x12', '12x']) refusedWith('proposals', t, `"${t}"`, 'not a filter');
  });
  it('only a line that starts with a slash is a command', () => {
    expect(splitCommandLine('say /vote 3 agree')).toBeUndefined();
  });
});

describe('/rotation schedule, roles describe|eligible, volunteer cancel', () => {
  it('weekly, every n weeks (with an optional first week), every other week, and monthly', () => {
    const s = (text: string) => ok('rotation', `schedule ${text}`);
    expect(s('')).toEqual({ kind: 'rotation.schedule.show' });
    expect(s('every week Monday 09:00')).toEqual({ kind: 'rotation.schedule', weekday: 1, time: '09:00', repeat: { every: 'week' } });
    expect(s('every monday 9:00')).toEqual({ kind: 'rotation.schedule', weekday: 1, time: '09:00', repeat: { every: 'week' } });
    expect(s('every 1 week mon 09:00')).toEqual({ kind: 'rotation.schedule', weekday: 1, time: '09:00', repeat: { every: 'week' } });
    expect(s('every 2 weeks monday 09:00')).toEqual({ kind: 'rotation.schedule', weekday: 1, time: '09:00', repeat: { every: 'weeks', n: 2 } });
    expect(s('Every Other Week thu 18:00')).toEqual({ kind: 'rotation.schedule', weekday: 4, time: '18:00', repeat: { every: 'weeks', n: 2 } });
    expect(s('every 12 weeks sun 23:59 from 2027-01-10')).toEqual({
      kind: 'rotation.schedule',
      weekday: 7,
      time: '23:59',
      repeat: { every: 'weeks', n: 12, from: '2027-01-10' },
    });
    expect(s('every 3 weeks fri 08:00 from 2027-01-08 12:00')).toMatchObject({ repeat: { from: '2027-01-08 12:00' } });
    expect(s('first monday 09:00')).toEqual({ kind: 'rotation.schedule', weekday: 1, time: '09:00', repeat: { every: 'month', nth: 1 } });
    expect(s('2nd tue 10:30')).toMatchObject({ repeat: { every: 'month', nth: 2 } });
    expect(s('third wed 10:30')).toMatchObject({ repeat: { every: 'month', nth: 3 } });
    expect(s('4th thursday 10:30')).toMatchObject({ repeat: { every: 'month', nth: 4 } });
    expect(s('LAST friday 17:00')).toEqual({ kind: 'rotation.schedule', weekday: 5, time: '17:00', repeat: { every: 'month', nth: -1 } });
  });
  it('refuses schedules that do not fit, saying what is wanted', () => {
    refusedWith('rotation', 'schedule every 0 weeks monday 09:00', '1 to 12');
    refusedWith('rotation', 'schedule every 13 weeks monday 09:00', '1 to 12');
    refusedWith('rotation', 'schedule every fortnight monday 09:00', 'how many weeks apart');
    refusedWith('rotation', 'schedule every', 'how many weeks apart');
    refusedWith('rotation', 'schedule every 2 weeks 09:00', 'weekday');
    refusedWith('rotation', 'schedule every 2 weeks monday', 'HH:MM');
    refusedWith('rotation', 'schedule every 2 weeks monday 09:00 from', 'from <date>');
    refusedWith('rotation', 'schedule every 2 weeks monday 09:00 until 2027-01-01', 'from <date>');
    refusedWith('rotation', `schedule every 2 weeks monday 09:00 from ${'x'.repeat(50)}`, 'like 3d');
    refusedWith('rotation', 'schedule first 09:00', 'weekday');
    refusedWith('rotation', 'schedule last friday 17:00 each month', 'monthly schedule');
  });
  it('roles describe, eligible and volunteer cancel', () => {
    expect(ok('rotation', 'roles describe Facilitator keeps   time and the agenda')).toEqual({
      kind: 'rotation.roles.describe',
      role: 'facilitator',
      description: 'keeps time and the agenda',
    });
    expect(ok('rotation', 'roles describe facilitator CLEAR')).toEqual({ kind: 'rotation.roles.describe', role: 'facilitator', description: null });
    expect(ok('rotation', 'roles describe x a\u202Eb')).toMatchObject({ description: 'ab' }); // bidi overrides go
    expect(ok('rotation', 'roles eligible treasurer <@U1> @kim')).toEqual({
      kind: 'rotation.roles.eligible',
      role: 'treasurer',
      members: [{ id: 'U1' }, { name: 'kim' }],
    });
    expect(ok('rotation', 'roles eligible treasurer Everyone')).toEqual({ kind: 'rotation.roles.eligible', role: 'treasurer', members: 'everyone' });
    expect(ok('rotation', 'volunteer CANCEL')).toEqual({ kind: 'rotation.volunteer.cancel' });
    refusedWith('rotation', 'roles describe facilitator', 'Say what the role does');
    refusedWith('rotation', `roles describe facilitator ${'y'.repeat(201)}`, '200');
    refusedWith('rotation', 'roles eligible treasurer', 'Name who may hold it');
    refusedWith('rotation', 'roles eligible treasurer kim', '@mention');
    refusedWith('rotation', `roles eligible treasurer ${Array.from({ length: 51 }, (_, i) => `@u${i}`).join(' ')}`, 'at most 50');
    refusedWith('rotation', 'roles eligible', 'roles describe');
    refusedWith('rotation', 'roles add a b', 'one word');
  });
});
