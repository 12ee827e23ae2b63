// The slash command definitions and their translation into the core's command grammar.
import { ApplicationCommandOptionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../src/core/commands/grammar';
import { parseCommand } from '../../../src/core/commands/parse';
import { commandText, type GivenOption } from '../../../adapters/discord/command-text';
import { commandDefinitions } from '../../../adapters/discord/commands';

const S = ApplicationCommandOptionType.String;
const I = ApplicationCommandOptionType.Integer;
const USER = ApplicationCommandOptionType.User;
const B = ApplicationCommandOptionType.Boolean;
const sub = (name: string, options: GivenOption[] = []): GivenOption => ({ name, type: ApplicationCommandOptionType.Subcommand, options });
const ID = '900000000000001002';

/** Every command and subcommand, as typed options, and what the core must make of them. */
const CASES: [name: string, options: GivenOption[], expected: Command][] = [
  [
    'vote',
    [
      { name: 'proposal', type: I, value: 3 },
      { name: 'stance', type: S, value: 'block' },
      { name: 'reason', type: S, value: 'not yet, see #4' },
    ],
    { kind: 'vote', number: 3, stance: 'block', reason: 'not yet, see #4' },
  ],
  [
    'vote',
    [
      { name: 'proposal', type: I, value: 3 },
      { name: 'stance', type: S, value: 'agree' },
    ],
    { kind: 'vote', number: 3, stance: 'agree' },
  ],
  [
    'vote',
    [
      { name: 'proposal', type: I, value: 4 },
      { name: 'choice', type: S, value: '1 3' },
    ],
    { kind: 'vote.poll', number: 4, choices: [1, 3] },
  ],
  [
    'vote',
    [
      { name: 'proposal', type: I, value: 4 },
      { name: 'stance', type: S, value: 'agree' },
      { name: 'choice', type: S, value: '2' },
    ],
    { kind: 'vote.poll', number: 4, choices: [2] },
  ],
  ['proposals', [], { kind: 'proposals', filter: 'open' }],
  ['proposals', [{ name: 'filter', type: S, value: 'closed' }], { kind: 'proposals', filter: 'closed' }],
  ['proposals', [{ name: 'proposal', type: I, value: 7 }], { kind: 'proposal', number: 7 }],
  ['close', [{ name: 'proposal', type: I, value: 2 }], { kind: 'close', number: 2 }],
  ['withdraw', [{ name: 'proposal', type: I, value: 2 }], { kind: 'withdraw', number: 2 }],
  [
    'withdraw',
    [
      { name: 'proposal', type: I, value: 2 },
      { name: 'reason', type: S, value: 'spam' },
    ],
    { kind: 'withdraw', number: 2, reason: 'spam' },
  ],
  [
    'close',
    [
      { name: 'proposal', type: I, value: 2 },
      { name: 'confirm', type: B, value: true },
      { name: 'reason', type: S, value: 'we agreed' },
    ],
    { kind: 'close', number: 2, confirm: true, reason: 'we agreed' },
  ],
  [
    'close',
    [
      { name: 'proposal', type: I, value: 2 },
      { name: 'confirm', type: B, value: false },
    ],
    { kind: 'close', number: 2 },
  ],
  [
    'amend',
    [
      { name: 'proposal', type: I, value: 3 },
      { name: 'title', type: S, value: 'Buy two | three kettles' },
    ],
    { kind: 'amend', number: 3, title: 'Buy two ¦ three kettles' },
  ],
  [
    'amend',
    [
      { name: 'proposal', type: I, value: 3 },
      { name: 'title', type: S, value: 'Buy two' },
      { name: 'reasons', type: S, value: 'one leaks' },
    ],
    { kind: 'amend', number: 3, title: 'Buy two', reasons: 'one leaks' },
  ],
  ['decisions', [], { kind: 'decisions', count: 10 }],
  ['decisions', [{ name: 'count', type: I, value: 25 }], { kind: 'decisions', count: 25 }],
  ['rotation', [sub('show')], { kind: 'rotation.show' }],
  ['rotation', [sub('join')], { kind: 'rotation.join' }],
  ['rotation', [sub('leave')], { kind: 'rotation.leave' }],
  ['rotation', [sub('away', [{ name: 'until', type: S, value: '2026-12-15' }])], { kind: 'rotation.away', until: '2026-12-15' }],
  ['rotation', [sub('back')], { kind: 'rotation.back' }],
  ['rotation', [sub('skip')], { kind: 'rotation.skip' }],
  ['rotation', [sub('swap', [{ name: 'member', type: USER, value: ID }])], { kind: 'rotation.swap', with: { id: ID } }],
  ['rotation', [sub('accept')], { kind: 'rotation.accept' }],
  ['rotation', [sub('accept', [{ name: 'member', type: USER, value: ID }])], { kind: 'rotation.accept', from: { id: ID } }],
  ['rotation', [sub('decline', [{ name: 'member', type: USER, value: ID }])], { kind: 'rotation.decline', from: { id: ID } }],
  ['rotation', [sub('volunteer', [{ name: 'role', type: S, value: 'facilitator' }])], { kind: 'rotation.volunteer', role: 'facilitator' }],
  ['rotation', [sub('roles')], { kind: 'rotation.roles' }],
  [
    'rotation',
    [
      sub('roles', [
        { name: 'action', type: S, value: 'add' },
        { name: 'role', type: S, value: 'timekeeper' },
      ]),
    ],
    { kind: 'rotation.roles.add', role: 'timekeeper' },
  ],
  [
    'rotation',
    [
      sub('roles', [
        { name: 'action', type: S, value: 'remove' },
        { name: 'role', type: S, value: 'timekeeper' },
      ]),
    ],
    { kind: 'rotation.roles.remove', role: 'timekeeper' },
  ],
  [
    'rotation',
    [
      sub('schedule', [
        { name: 'weekday', type: S, value: 'friday' },
        { name: 'time', type: S, value: '17:30' },
      ]),
    ],
    { kind: 'rotation.schedule', weekday: 5, time: '17:30', repeat: { every: 'week' } },
  ],
  ['rotation', [sub('stats')], { kind: 'rotation.stats' }],
  ['rotation', [sub('volunteer', [{ name: 'cancel', type: B, value: true }])], { kind: 'rotation.volunteer.cancel' }],
  [
    'rotation',
    [
      sub('volunteer', [
        { name: 'role', type: S, value: 'facilitator' },
        { name: 'cancel', type: B, value: false },
      ]),
    ],
    { kind: 'rotation.volunteer', role: 'facilitator' },
  ],
  [
    'rotation',
    [
      sub('roles', [
        { name: 'action', type: S, value: 'describe' },
        { name: 'role', type: S, value: 'facilitator' },
        { name: 'details', type: S, value: ' keeps time ' },
      ]),
    ],
    { kind: 'rotation.roles.describe', role: 'facilitator', description: 'keeps time' },
  ],
  [
    'rotation',
    [
      sub('roles', [
        { name: 'action', type: S, value: 'eligible' },
        { name: 'role', type: S, value: 'treasurer' },
        { name: 'details', type: S, value: `<@${ID}> <@!${ID}>` },
      ]),
    ],
    { kind: 'rotation.roles.eligible', role: 'treasurer', members: [{ id: ID }, { id: ID }] },
  ],
  ['rotation', [sub('schedule')], { kind: 'rotation.schedule.show' }],
  [
    'rotation',
    [
      sub('schedule', [
        { name: 'weekday', type: S, value: 'monday' },
        { name: 'time', type: S, value: '09:00' },
        { name: 'repeat', type: S, value: 'every 2 weeks' },
        { name: 'from', type: S, value: '2027-01-11' },
      ]),
    ],
    { kind: 'rotation.schedule', weekday: 1, time: '09:00', repeat: { every: 'weeks', n: 2, from: '2027-01-11' } },
  ],
  [
    'rotation',
    [
      sub('schedule', [
        { name: 'weekday', type: S, value: 'friday' },
        { name: 'time', type: S, value: '17:00' },
        { name: 'repeat', type: S, value: 'last' },
      ]),
    ],
    { kind: 'rotation.schedule', weekday: 5, time: '17:00', repeat: { every: 'month', nth: -1 } },
  ],
  [
    'rotation',
    [
      sub('schedule', [
        { name: 'weekday', type: S, value: 'friday' },
        { name: 'time', type: S, value: '17:00' },
        { name: 'repeat', type: S, value: 'every week' },
      ]),
    ],
    { kind: 'rotation.schedule', weekday: 5, time: '17:00', repeat: { every: 'week' } },
  ],
  ['leaderful', [sub('help')], { kind: 'help' }],
  ['leaderful', [sub('help', [{ name: 'topic', type: S, value: 'forget-me' }])], { kind: 'help', topic: 'forget-me' }],
  ['leaderful', [sub('export-me')], { kind: 'export.me' }],
  ['leaderful', [sub('forget-me')], { kind: 'forget.me', confirm: false }],
  ['leaderful', [sub('forget-me', [{ name: 'confirm', type: B, value: true }])], { kind: 'forget.me', confirm: true }],
  [
    'leaderful',
    [
      sub('forget', [
        { name: 'member', type: USER, value: ID },
        { name: 'confirm', type: B, value: true },
      ]),
    ],
    { kind: 'forget.user', who: { id: ID }, confirm: true },
  ],
  [
    'leaderful',
    [
      sub('settings', [
        { name: 'max_open', type: I, value: 20 },
        { name: 'max_open_member', type: I, value: 4 },
      ]),
    ],
    { kind: 'settings', changes: { maxOpen: 20, maxOpenPerMember: 4 } },
  ],
  ['leaderful', [sub('settings')], { kind: 'settings', changes: {} }],
  [
    'leaderful',
    [
      sub('settings', [
        { name: 'timezone', type: S, value: 'Europe/Berlin' },
        { name: 'window', type: S, value: '5d' },
        { name: 'rule', type: S, value: 'supermajority' },
        { name: 'quorum', type: S, value: '50%' },
        { name: 'reminder', type: S, value: 'off' },
        { name: 'steward_add', type: USER, value: ID },
        { name: 'steward_remove', type: USER, value: '900000000000001003' },
      ]),
    ],
    {
      kind: 'settings',
      changes: {
        timezone: 'Europe/Berlin',
        windowMinutes: 5 * 24 * 60,
        rule: 'supermajority',
        quorum: { kind: 'share', percent: 50 },
        reminderLeadMinutes: 0,
        stewardAdd: { id: ID },
        stewardRemove: { id: '900000000000001003' },
      },
    },
  ],
];

describe('typed options become the core grammar', () => {
  it.each(CASES.map(([n, o, e]) => [`/${n} ${commandText(n, o)}`, n, o, e] as const))('%s', (_label, name, options, expected) => {
    expect(parseCommand(name, commandText(name, options))).toEqual({ ok: true, command: expected });
  });

  it('every registered command and subcommand has a case above (/propose and /poll go through proposeFields and pollFields)', () => {
    const covered = new Set(CASES.map(([n, o]) => [n, o.find((x) => x.type === ApplicationCommandOptionType.Subcommand)?.name].filter(Boolean).join(' ')));
    const defined = commandDefinitions()
      .filter((c) => c.name !== 'propose' && c.name !== 'poll')
      .flatMap((c) => {
        const subs = (c.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
        return subs.length ? subs.map((s) => `${c.name} ${s.name}`) : [c.name];
      });
    expect(defined.filter((d) => !covered.has(d))).toEqual([]);
  });

  it('an option value cannot reach another command: a vote reason is only a reason', () => {
    const text = commandText('vote', [
      { name: 'proposal', type: I, value: 1 },
      { name: 'stance', type: S, value: 'agree' },
      { name: 'reason', type: S, value: '--rule majority @everyone' },
    ]);
    expect(parseCommand('vote', text)).toEqual({ ok: true, command: { kind: 'vote', number: 1, stance: 'agree', reason: '--rule majority @everyone' } });
  });
});

describe('definitions', () => {
  const defs = commandDefinitions();

  it('stay within Discord’s limits: names, descriptions, options and choices', () => {
    const check = (o: { name: string; description: string; options?: unknown[]; choices?: { name: string }[] }) => {
      expect(o.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(o.description.length).toBeGreaterThan(0);
      expect(o.description.length).toBeLessThanOrEqual(100);
      expect((o.options ?? []).length).toBeLessThanOrEqual(25);
      expect((o.choices ?? []).length).toBeLessThanOrEqual(25);
      for (const c of o.choices ?? []) expect(c.name.length).toBeLessThanOrEqual(100);
      for (const child of (o.options ?? []) as (typeof o)[]) check(child);
    };
    expect(defs.length).toBeLessThanOrEqual(100);
    for (const d of defs) check(d as Parameters<typeof check>[0]);
  });

  it('/propose has exactly the fields of the core’s propose form, all optional (none given: the form)', () => {
    const propose = defs.find((d) => d.name === 'propose')!;
    expect(propose.options!.map((o) => [o.name, 'required' in o ? (o.required ?? false) : false])).toEqual([
      ['title', false],
      ['reasons', false],
      ['closes', false],
      ['rule', false],
      ['quorum', false],
      ['ballot', false],
      ['extend', false],
    ]);
  });
});
