// End to end: the real discord.js client against FakeDiscord, the real core behind it.
// The tests in this file run in order and share one bot: a proposal's life from /propose to outcome.
import { ButtonStyle, ComponentType, GatewayIntentBits, InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from './harness';
import { CHANNEL_ID, type FakeDiscord, GUILD_ID, makeUser, opt, TOKEN } from './fake-discord';

const alice = makeUser(1, 'alice');
const bob = makeUser(2, 'bob');
const carol = makeUser(3, 'carol');
const dave = makeUser(4, 'dave');
const erin = makeUser(5, 'erin');
const frank = makeUser(6, 'frank');
const grace = makeUser(7, 'grace');

let fake: FakeDiscord;
let bot: Bot;
const MESSAGES = `/api/v10/channels/${CHANNEL_ID}/messages`;

beforeAll(async () => {
  ({ fake, bot } = await Bot.launch([alice, bob, carol, dave, erin, frank, grace], { heartbeatInterval: 200 }));
});

afterAll(async () => {
  await bot?.close();
  await fake?.close();
});

const FRESH_TALLY = ['👍 `░░░░░░░░░░` 0 agree', '👎 `░░░░░░░░░░` 0 disagree', '🤷 `░░░░░░░░░░` 0 abstain', '🛑 `░░░░░░░░░░` 0 block', 'Voters: 0'].join('\n');

describe('a proposal from /propose to its outcome', () => {
  let proposalId: number;
  let messageId: string;

  it('connects with only the Guilds and GuildMessageReactions intents, and heartbeats are acknowledged', async () => {
    expect(fake.callsTo('GET', '/api/v10/gateway/bot')[0]?.headers.authorization).toBe(`Bot ${TOKEN}`);
    const identify = fake.frames.find((f) => f.op === 2);
    expect(identify.d.token).toBe(TOKEN);
    expect(identify.d.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessageReactions);
    expect(bot.adapter.client.guilds.cache.get(GUILD_ID)?.name).toBe('Test Guild');
    await fake.until(() => fake.frames.some((f) => f.op === 1), 'a heartbeat');
    await expect.poll(() => bot.adapter.client.ws.ping).toBeGreaterThanOrEqual(0); // set only when an ACK arrives
  });

  it('/propose with options answers privately and posts a card with tally, deadline and vote buttons, pinging no one', async () => {
    const i = fake.command(
      'propose',
      [
        opt.string('title', 'Adopt a code of conduct'),
        opt.string('reasons', 'We need shared norms'),
        opt.string('closes', '2d'),
        opt.string('rule', 'majority'),
      ],
      alice,
    );
    const cb = await fake.callback(i);
    expect(cb.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(cb.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(cb.body.data.content).toMatch(/^Proposal #1 is posted\. Voting closes <t:\d+:f> \(<t:\d+:R>\)\.$/);
    expect(cb.body.data.allowed_mentions).toEqual({ parse: [], users: [] });

    const p = bot.proposal(1);
    proposalId = p.id;
    expect(p).toMatchObject({ title: 'Adopt a code of conduct', reasons: 'We need shared norms', rule: 'majority', authorId: alice.id });

    const from = fake.mark();
    expect(await bot.deliver()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    const posts = fake.callsTo('POST', MESSAGES, from);
    expect(posts).toHaveLength(1);
    const body = posts[0]!.body;
    messageId = bot.messageIdOf(proposalId);
    expect(fake.messages.has(messageId)).toBe(true);

    expect(body.content).toBe('');
    expect(body.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(body.enforce_nonce).toBe(true);
    expect(body.nonce).toMatch(/^[\w-]{25}$/);
    const closes = Math.floor(p.closesAt / 1000);
    expect(body.embeds).toEqual([
      {
        color: 0x5865f2,
        title: 'Proposal #1: Adopt a code of conduct',
        description: [
          'We need shared norms',
          `Proposed by <@${alice.id}>`,
          `Closes <t:${closes}:f> (<t:${closes}:R>)`,
          'Rule: majority',
          'Vote by reacting 👍 agree, 👎 disagree, 🤷 abstain or 🛑 block, or with the buttons.',
        ].join('\n'),
        fields: [{ name: 'Tally', value: FRESH_TALLY }],
        footer: { text: 'Status: open' },
      },
    ]);
    expect(body.components).toEqual([
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: ButtonStyle.Success, label: 'Agree', emoji: { name: '👍' }, custom_id: `lf:v:${proposalId}:agree` },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Disagree', emoji: { name: '👎' }, custom_id: `lf:v:${proposalId}:disagree` },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Abstain', emoji: { name: '🤷' }, custom_id: `lf:v:${proposalId}:abstain` },
          { type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Block', emoji: { name: '🛑' }, custom_id: `lf:v:${proposalId}:block` },
          { type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Give a reason', emoji: { name: '✍️' }, custom_id: `lf:r:${proposalId}:1` },
        ],
      },
    ]);

    // The bot adds the four vote reactions so voting is one click.
    const seeded = await fake.until(() => {
      const puts = fake.callsTo('PUT', /\/reactions\/.+\/@me$/, from);
      return puts.length === 4 && puts;
    }, 'the vote reactions');
    expect(seeded.map((c) => c.path)).toEqual(['👍', '👎', '🤷', '🛑'].map((e) => `${MESSAGES}/${messageId}/reactions/${e}/@me`));
  });

  it('reactions vote (skin tones too) and unvote; the bot’s own reactions and other emoji do not count; one coalesced edit', async () => {
    // The bot's four reactions went out on the gateway before these (one ordered socket).
    fake.react(bob.id, messageId, '👍');
    fake.react(carol.id, messageId, '👍🏽');
    fake.react(alice.id, messageId, '🎉');
    fake.react(dave.id, messageId, '👎');
    fake.react(dave.id, messageId, '👎', { remove: true });
    fake.react(erin.id, messageId, '🛑'); // last: once it counts, all before it were handled
    await expect.poll(() => bot.proposal(1).counts.block).toBe(1);
    expect(bot.proposal(1).counts).toEqual({ agree: 2, disagree: 0, abstain: 0, block: 1 });

    const from = fake.mark();
    expect(await bot.deliver()).toMatchObject({ delivered: 1 });
    const edits = fake.callsTo('PATCH', `${MESSAGES}/${messageId}`, from);
    expect(edits).toHaveLength(1); // six reaction events, one edit with the final tally
    expect(edits[0]!.body.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(edits[0]!.body.embeds[0].fields[0]).toEqual({
      name: 'Tally',
      value: ['👍 `███████░░░` 2 agree', '👎 `░░░░░░░░░░` 0 disagree', '🤷 `░░░░░░░░░░` 0 abstain', '🛑 `███░░░░░░░` 1 block', 'Voters: 3'].join('\n'),
    });
    expect(edits[0]!.body.components[0].components).toHaveLength(5); // still open: buttons stay
  });

  it('edits of one message wait the minimum interval, then carry the latest tally', async () => {
    fake.react(erin.id, messageId, '🛑', { remove: true });
    await expect.poll(() => bot.proposal(1).counts.block).toBe(0);
    const from = fake.mark();
    await bot.deliver(0); // less than a second after the last edit
    expect(fake.callsTo('PATCH', `${MESSAGES}/${messageId}`, from)).toHaveLength(0);
    await bot.deliver(1000);
    const edits = fake.callsTo('PATCH', `${MESSAGES}/${messageId}`, from);
    expect(edits).toHaveLength(1);
    expect(edits[0]!.body.embeds[0].fields[0].value).toContain('🛑 `░░░░░░░░░░` 0 block');
  });

  it('a button votes privately; "Give a reason" opens a form whose answer shows on the card, inert', async () => {
    const click = fake.click(messageId, `lf:v:${proposalId}:disagree`, frank);
    const cb = await fake.callback(click);
    expect(cb.body).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral, content: 'Your vote on #1 is recorded: disagree.' },
    });

    const reason = fake.click(messageId, `lf:r:${proposalId}:1`, frank);
    const modal = await fake.callback(reason);
    expect(modal.body.type).toBe(InteractionResponseType.Modal);
    expect(modal.body.data.custom_id).toBe(`lf:rm:${proposalId}`);
    expect(modal.body.data.title).toBe('Vote on proposal #1');
    expect(modal.body.data.components[0]).toMatchObject({
      type: ComponentType.Label,
      label: 'Your vote',
      component: { type: ComponentType.StringSelect, custom_id: 'stance' },
    });
    expect(modal.body.data.components[0].component.options.map((o: { value: string }) => o.value)).toEqual(['agree', 'disagree', 'abstain', 'block']);
    expect(modal.body.data.components[1]).toMatchObject({
      type: ComponentType.Label,
      component: { type: ComponentType.TextInput, custom_id: 'reason', max_length: 500, required: true },
    });

    const submit = fake.submitModal(`lf:rm:${proposalId}`, { stance: ['abstain'], reason: 'Need more **time** @everyone' }, frank);
    const answer = await fake.callback(submit);
    expect(answer.body.data).toMatchObject({ flags: MessageFlags.Ephemeral, content: 'Your vote on #1 is recorded: abstain.' });
    expect(bot.store.proposals.vote(proposalId, frank.id)).toMatchObject({ stance: 'abstain', reason: 'Need more **time** @everyone', source: 'button' });

    const from = fake.mark();
    await bot.deliver(1000);
    const edit = fake.callsTo('PATCH', `${MESSAGES}/${messageId}`, from)[0]!;
    expect(edit.body.embeds[0].fields).toContainEqual({ name: '🤷 abstain', value: `<@${frank.id}>: Need more \\*\\*time\\*\\* @\u200beveryone` });
    expect(edit.body.allowed_mentions).toEqual({ parse: [], users: [] });
  });

  it('at the deadline runDue closes it: the card loses its buttons and shows the result, and the outcome is posted', async () => {
    bot.clock.set(bot.proposal(1).closesAt + 1);
    expect(bot.service.runDue()).toMatchObject({ closed: 1 });
    const from = fake.mark();
    expect(await bot.deliver()).toMatchObject({ delivered: 2, failed: 0 });

    const edit = fake.callsTo('PATCH', `${MESSAGES}/${messageId}`, from)[0]!;
    expect(edit.body.components).toEqual([]); // removes the vote buttons
    expect(edit.body.embeds[0]).toMatchObject({ color: 0x57f287, footer: { text: 'Status: passed' } });
    expect(edit.body.embeds[0].description).toMatch(/Closed <t:\d+:f>/);

    const outcome = fake.callsTo('POST', MESSAGES, from)[0]!;
    expect(outcome.body.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(outcome.body.components).toEqual([]);
    expect(outcome.body.embeds[0]).toMatchObject({
      title: 'Proposal #1 passed: Adopt a code of conduct',
      color: 0x57f287,
      footer: { text: 'Status: passed' },
    });
    expect(outcome.body.embeds[0].description).toContain('Decided by majority with 3 votes: 2 agree, 0 disagree, 1 abstain, 0 block.');
    expect(outcome.body.embeds[0].fields[0].value).toContain('👍 `███████░░░` 2 agree');
  });

  it('a reaction after the close changes nothing', async () => {
    fake.react(grace.id, messageId, '👍');
    await expect.poll(() => bot.logs.some((l) => l.msg === 'reaction vote refused' && l.data?.user === grace.id)).toBe(true);
    expect(bot.proposal(1).counts).toEqual({ agree: 2, disagree: 0, abstain: 1, block: 0 });
    expect(await bot.deliver(1000)).toEqual({ delivered: 0, retried: 0, failed: 0 });
  });
});

describe('safety', () => {
  it('user text with @everyone, @here, role and user mentions and markdown can neither ping nor format', async () => {
    const i = fake.command(
      'propose',
      [opt.string('title', '@everyone look <@&900000000000000055> **now**'), opt.string('reasons', '@here <@900000000000000077>\n# big\n> quoted')],
      alice,
    );
    expect((await fake.callback(i)).body.data.allowed_mentions).toEqual({ parse: [], users: [] });
    const from = fake.mark();
    await bot.deliver();
    const post = fake.callsTo('POST', MESSAGES, from)[0]!;
    expect(post.body.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(post.body.content).toBe('');
    const embed = post.body.embeds[0];
    expect(embed.title).toBe('Proposal #2: @\u200beveryone look \\<@&900000000000000055> \\*\\*now\\*\\*');
    expect(embed.description.split('\n').slice(0, 3)).toEqual(['@\u200bhere \\<@900000000000000077>', '\\# big', '\\> quoted']);
    const json = JSON.stringify(post.body);
    expect(json).not.toMatch(/@everyone|@here/);
  });

  it('a redelivered interaction (same id) changes nothing and says so', async () => {
    const payload = fake.commandPayload('propose', [opt.string('title', 'Only once')], bob);
    fake.sendInteraction(payload);
    const first = await fake.callback(payload);
    fake.sendInteraction(payload);
    const path = first.path;
    const second = await fake.until(() => fake.calls.filter((c) => c.path === path)[1], 'the second callback');
    expect(first.body.data.content).toMatch(/^Proposal #3 is posted/);
    expect(second.body.data).toMatchObject({ content: 'Already done.', flags: MessageFlags.Ephemeral });
    expect(bot.proposal(3).title).toBe('Only once');
    expect(bot.store.proposals.open(bot.proposal(3).channelFk).map((p) => p.number)).toEqual([2, 3]);
  });

  it('logged no errors', () => {
    expect(bot.errors()).toEqual([]);
  });
});
