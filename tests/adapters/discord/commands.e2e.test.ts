// Slash commands end to end: errors, forms, autocomplete, admin rights, deferred answers, rotation pings.
import { ComponentType, InteractionResponseType, MessageFlags, TextInputStyle } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot, DISCORD_CHANNEL, HOUR, START } from './harness';
import { APP_ID, CHANNEL_ID, type FakeDiscord, makeUser, opt } from './fake-discord';

const alice = makeUser(1, 'alice');
const bob = makeUser(2, 'bob');
const carol = makeUser(3, 'carol');

let fake: FakeDiscord;
let bot: Bot;
const MESSAGES = `/api/v10/channels/${CHANNEL_ID}/messages`;

beforeAll(async () => {
  ({ fake, bot } = await Bot.launch([alice, bob, carol]));
});

afterAll(async () => {
  await bot?.close();
  await fake?.close();
});

const contentOf = async (i: { id: string; token: string }) => {
  const cb = await fake.callback(i);
  expect(cb.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
  expect(cb.body.data.flags).toBe(MessageFlags.Ephemeral);
  return cb.body.data.content as string;
};

describe('errors', () => {
  it('a bad command gets a private error (flags 64) naming the mistake and the usage, and changes nothing', async () => {
    const from = fake.mark();
    expect(await contentOf(fake.command('vote', [opt.integer('proposal', 99), opt.string('stance', 'agree')], bob))).toBe(
      'There is no proposal #99 in this channel. /proposals lists the open ones.',
    );
    expect(
      await contentOf(fake.command('rotation', [opt.sub('schedule', [opt.string('weekday', 'monday'), opt.string('time', '9am')])], alice, { admin: true })),
    ).toBe(
      'Give the time as HH:MM after the weekday, like /rotation schedule monday 09:00, every 2 weeks monday 09:00, first monday 09:00 or last friday 17:00.\n' +
        'Usage: /rotation schedule \\[every \\<n> weeks \\[from \\<date>\\] \\| first\\|second\\|third\\|fourth\\|last\\] \\<weekday> \\<HH:MM>',
    );
    expect(await contentOf(fake.command('propose', [opt.string('title', 'Too late'), opt.string('closes', '2020-01-01')], bob))).toMatch(/has already passed/);
    expect(await contentOf(fake.command('frobnicate', [], bob))).toBe(
      "I don't know the command /frobnicate. The commands are /propose, /poll, /vote, /proposals, /close, /withdraw, /amend, /decisions, /rotation, /leaderful.\nUsage: Try /leaderful help for the list of commands.",
    );
    expect(fake.callsTo('POST', MESSAGES, from)).toEqual([]);
    expect(await bot.deliver()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(bot.store.proposals.allOpen()).toEqual([]);
  });
});

describe('direct messages', () => {
  it('a command in a DM is answered privately that Leaderful works in server channels', async () => {
    const { guild_id: _g, guild: _guild, member: _m, ...payload } = fake.commandPayload('proposals', [], carol);
    const dm = {
      ...payload,
      channel_id: '900000000000000030',
      channel: { id: '900000000000000030', type: 1, recipients: [carol] },
      user: carol,
      context: 1,
      authorizing_integration_owners: { 1: carol.id },
    };
    expect(await contentOf(fake.sendInteraction(dm))).toBe('Leaderful works in server channels, not in direct messages.');
  });
});

describe('/propose without a title opens a form', () => {
  it('shows five labelled fields, prefilled with the options given, and its answer posts the proposal', async () => {
    const cb = await fake.callback(fake.command('propose', [opt.string('reasons', 'Half typed already')], alice));
    expect(cb.body.type).toBe(InteractionResponseType.Modal);
    const modal = cb.body.data;
    expect(modal.custom_id).toBe('lf:pm');
    expect(modal.components.map((c: { label: string }) => c.label)).toEqual(['Title', 'Reasons', 'Closes', 'Decision rule', 'Quorum']);
    expect(modal.components.every((c: { type: number }) => c.type === ComponentType.Label)).toBe(true);
    expect(modal.components[0].component).toMatchObject({
      type: ComponentType.TextInput,
      custom_id: 'title',
      style: TextInputStyle.Short,
      required: true,
      max_length: 200,
    });
    expect(modal.components[1].component).toMatchObject({
      custom_id: 'reasons',
      style: TextInputStyle.Paragraph,
      required: false,
      value: 'Half typed already',
    });
    expect(modal.components[3].component.options.map((o: { value: string }) => o.value)).toEqual(['consent', 'majority', 'supermajority']);

    const submit = fake.submitModal('lf:pm', { title: 'From the form', reasons: 'Because', closes: '3d', rule: ['supermajority'], quorum: '2' }, alice);
    expect(await contentOf(submit)).toMatch(/^Proposal #1 is posted\./);
    expect(bot.proposal(1)).toMatchObject({
      title: 'From the form',
      reasons: 'Because',
      rule: 'supermajority',
      quorum: { kind: 'count', n: 2 },
      closesAt: START + 72 * HOUR,
    });
    const from = fake.mark();
    await bot.deliver();
    expect(fake.callsTo('POST', MESSAGES, from)[0]!.body.embeds[0].title).toBe('Proposal #1: From the form');
  });

  it('a form answer with a bad value is refused with the reason', async () => {
    const submit = fake.submitModal('lf:pm', { title: 'Bad quorum', reasons: '', closes: '', rule: [], quorum: 'lots' }, alice);
    expect(await contentOf(submit)).toBe(
      'The quorum is a number of voters (like 5) or a share of the roster (like 50%).\nUsage: /propose \\<title> \\[\\| \\<reasons>\\] \\[--closes \\<when>\\] \\[--rule consent\\|majority\\|supermajority\\] \\[--quorum \\<n>\\|\\<n>%\\] \\[--extend \\<duration>\\] \\[--hidden\\|--secret\\]',
    );
  });
});

describe('autocomplete', () => {
  it('offers the open proposals by number, filtered by what is typed', async () => {
    await contentOf(fake.command('propose', [opt.string('title', 'Second idea')], bob));
    await contentOf(fake.command('propose', [opt.string('title', 'Third idea')], bob));
    await contentOf(fake.command('withdraw', [opt.integer('proposal', 3)], bob));

    const all = await fake.callback(fake.autocomplete('vote', [opt.integer('proposal', '', true)], carol));
    expect(all.body).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: {
        choices: [
          { name: '#1 From the form', value: 1 },
          { name: '#2 Second idea', value: 2 },
        ],
      }, // #3 is withdrawn
    });
    const typed = await fake.callback(fake.autocomplete('close', [opt.integer('proposal', '#2', true)], carol));
    expect(typed.body.data.choices).toEqual([{ name: '#2 Second idea', value: 2 }]);
    const byTitle = await fake.callback(fake.autocomplete('vote', [opt.integer('proposal', 'form', true)], carol));
    expect(byTitle.body.data.choices).toEqual([{ name: '#1 From the form', value: 1 }]);
    const withClosed = await fake.callback(fake.autocomplete('proposals', [opt.integer('proposal', '3', true)], carol));
    expect(withClosed.body.data.choices).toEqual([{ name: '#3 Third idea', value: 3 }]);
  });

  it('offers the channel’s roles', async () => {
    const cb = await fake.callback(fake.autocomplete('rotation', [opt.sub('volunteer', [opt.string('role', 'fac', true)])], carol));
    expect(cb.body.data.choices).toEqual([{ name: 'facilitator', value: 'facilitator' }]);
  });
});

describe('admins', () => {
  it('settings change only with Manage Server, or for a steward an admin named', async () => {
    const change = [opt.sub('settings', [opt.string('rule', 'majority')])];
    expect(await contentOf(fake.command('leaderful', change, bob))).toBe(
      'Only channel admins or stewards can change settings. Ask one of them, or ask to be made a steward.',
    );
    expect(bot.store.channels.find(DISCORD_CHANNEL)!.settings.rule).toBe('consent');

    const cb = await fake.callback(
      fake.command('leaderful', [opt.sub('settings', [opt.string('rule', 'majority'), opt.user('steward_add', bob.id)])], alice, { admin: true }),
    );
    expect(cb.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(cb.body.data.embeds[0].title).toBe('Settings saved');
    expect(cb.body.data.embeds[0].description).toContain(`Stewards: <@${bob.id}>`);
    expect(cb.body.data.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(bot.store.channels.find(DISCORD_CHANNEL)!.settings).toMatchObject({ rule: 'majority', stewards: [bob.id] });

    await fake.callback(fake.command('leaderful', [opt.sub('settings', [opt.string('window', '1w')])], bob)); // now a steward
    expect(bot.store.channels.find(DISCORD_CHANNEL)!.settings.windowMinutes).toBe(7 * 24 * 60);
  });
});

describe('slow commands', () => {
  it('/decisions and /proposals are acknowledged at once (deferred, private) and answered by editing the reply', async () => {
    const i = fake.command('decisions', [], carol);
    const cb = await fake.callback(i);
    expect(cb.body).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    const edit = await fake.waitFor((c) => c.method === 'PATCH' && c.path === `/api/v10/webhooks/${APP_ID}/${i.token}/messages/@original`);
    expect(edit.body.embeds[0].title).toBe('Decision log');
    expect(edit.body.embeds[0].description).toMatch(/^\*\*\\#3 withdrawn\*\* Third idea · <t:\d+:f>/);
    expect(edit.body.allowed_mentions).toEqual({ parse: [], users: [] });

    const j = fake.command('proposals', [opt.string('filter', 'open')], carol);
    expect((await fake.callback(j)).body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const list = await fake.waitFor((c) => c.method === 'PATCH' && c.path === `/api/v10/webhooks/${APP_ID}/${j.token}/messages/@original`);
    expect(list.body.embeds[0].title).toBe('Open proposals');
    expect(list.body.embeds[0].description.split('\n')).toHaveLength(2);
  });
});

describe('rotation', () => {
  it('the weekly ping mentions the members with <@id> and allows exactly them to be pinged', async () => {
    expect(await contentOf(fake.command('rotation', [opt.sub('join')], bob))).toMatch(/^Welcome to the rotation/);
    expect(await contentOf(fake.command('rotation', [opt.sub('join')], carol))).toMatch(/^Welcome to the rotation/);
    await bot.deliver();

    bot.clock.set(START + HOUR); // Monday 09:00 UTC, the default ping time
    expect(bot.service.runDue()).toMatchObject({ pinged: 1 });
    const from = fake.mark();
    await bot.deliver();
    const ping = fake.callsTo('POST', MESSAGES, from);
    expect(ping).toHaveLength(1);
    const body = ping[0]!.body;
    // The holders are on the role lines (**role**: <@id>); the lines after name who is up next, without pinging.
    const holders = [...body.embeds[0].description.matchAll(/^\*\*[^*]+\*\*: <@(\d+)>/gm)].map((m) => m[1]);
    expect(new Set(holders)).toEqual(new Set([bob.id, carol.id]));
    expect(body.content).toBe(holders.map((id) => `<@${id}>`).join(' '));
    expect(body.allowed_mentions).toEqual({ parse: [], users: holders });
    expect(body.embeds[0].title).toBe("This week's roles (week of Mon 2 Mar 2026)");
    expect(body.embeds[0].description).toMatch(new RegExp(`^\\*\\*facilitator\\*\\*: <@${holders[0]}>\\n\\*\\*note-taker\\*\\*: <@${holders[1]}>`));
    expect(body.components).toEqual([]);
  });

  it('/rotation swap offers a swap to a member option (a real mention); /rotation accept completes it', async () => {
    const before = bot.service.rotation.currentFacilitators(bot.store.channels.find(DISCORD_CHANNEL)!);
    const swapper = before[0] === bob.id ? bob : carol;
    const other = swapper === bob ? carol : bob;
    const answer = await contentOf(fake.command('rotation', [opt.sub('swap', [opt.user('member', other.id)])], swapper));
    expect(answer).toMatch(/^Offered\. Nothing changes unless they accept/);
    expect(bot.service.rotation.currentFacilitators(bot.store.channels.find(DISCORD_CHANNEL)!)).toEqual([swapper.id]);
    expect(await contentOf(fake.command('rotation', [opt.sub('accept', [opt.user('member', swapper.id)])], other))).toMatch(/^Swapped\./);
    expect(bot.service.rotation.currentFacilitators(bot.store.channels.find(DISCORD_CHANNEL)!)).toEqual([other.id]);
  });

  it('/rotation roles describe and eligible, volunteer cancel and a monthly schedule, as typed options', async () => {
    const admin = { admin: true };
    const roles = (o: ReturnType<typeof opt.string>[]) => fake.command('rotation', [opt.sub('roles', o)], alice, admin);
    expect(await contentOf(roles([opt.string('action', 'describe'), opt.string('role', 'facilitator'), opt.string('details', 'keeps time')]))).toBe(
      'facilitator: keeps time',
    );
    expect(
      await contentOf(roles([opt.string('action', 'eligible'), opt.string('role', 'facilitator'), opt.string('details', `<@${bob.id}> <@${carol.id}>`)])),
    ).toMatch(/^Only these may be facilitator now: /);
    expect(bot.store.rotation.eligible(bot.store.channels.find(DISCORD_CHANNEL)!.id).get('facilitator')).toEqual(new Set([bob.id, carol.id]));
    expect(await contentOf(fake.command('rotation', [opt.sub('volunteer', [opt.string('role', 'note-taker')])], bob))).toMatch(/^Thank you/);
    expect(await contentOf(fake.command('rotation', [opt.sub('volunteer', [opt.boolean('cancel', true)])], bob))).toMatch(/^Withdrawn/);
    const schedule = [opt.string('weekday', 'monday'), opt.string('time', '09:00'), opt.string('repeat', 'first')];
    expect(await contentOf(fake.command('rotation', [opt.sub('schedule', schedule)], carol))).toMatch(/Only channel admins/);
    expect(await contentOf(fake.command('rotation', [opt.sub('schedule', schedule)], alice, admin))).toMatch(
      /^Rotation pings now go out the first Monday of each month at 09:00 \(UTC\); the next is Mon /,
    );
    expect(await contentOf(fake.command('rotation', [opt.sub('schedule')], carol))).toMatch(/^Rotation pings go out the first Monday of each month/);
  });
});

describe('hostile input', () => {
  it('a forged form submission without its fields, or with an unknown id, is answered privately and changes nothing', async () => {
    const before = bot.store.proposals.allOpen().length;
    expect(await contentOf(fake.submitModal('lf:pm', { quorum: '5' }, carol))).toBe('Something went wrong on my side. Please try again in a moment.');
    expect(await contentOf(fake.submitModal('lf:zz:1', { title: 'x' }, carol))).toBe('This form is no longer in use.');
    expect(await contentOf(fake.submitModal('lf:rm:1', { stance: ['veto'], reason: 'x' }, carol))).toBe('Pick agree, disagree, abstain or block.');
    expect(bot.store.proposals.allOpen()).toHaveLength(before);
  });

  it('logged no errors but the forged form', () => {
    expect(bot.errors().map((e) => e.msg)).toEqual(['discord interaction failed']);
  });
});
