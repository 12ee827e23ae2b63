// Hidden results and secret ballots on Discord, end to end: the real discord.js client against
// FakeDiscord. Each test starts its own bot. Checked on what Discord receives: the card without a
// tally and without the bot's vote reactions, a member's reaction removed by the bot, buttons, the
// forms, the close; and, for a secret ballot, that nothing Discord received, nothing logged and no
// table row pairs a voter with a stance.
import { InteractionResponseType, MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { Bot } from './harness';
import { CHANNEL_ID, type FakeDiscord, makeUser, opt } from './fake-discord';

const alice = makeUser(1, 'alice');
const bob = makeUser(2, 'bob');
const carol = makeUser(3, 'carol');
const MESSAGES = `/api/v10/channels/${CHANNEL_ID}/messages`;

let fake: FakeDiscord;
let bot: Bot;
afterEach(async () => {
  await bot?.close();
  await fake?.close();
});

describe('Discord: hidden results', () => {
  it('no tally and no vote reactions on the card; a member’s reaction is removed, not counted; buttons vote; the close shows all', async () => {
    ({ fake, bot } = await Bot.launch([alice, bob, carol]));
    const i = fake.command('propose', [opt.string('title', 'Move the meeting'), opt.string('ballot', 'hidden'), opt.string('closes', '2d')], alice);
    expect((await fake.callback(i)).body.data.content).toMatch(/^Proposal #1 is posted \(hidden results: the tally is shown when voting closes\)/);
    const from = fake.mark();
    await bot.deliver();
    const post = fake.callsTo('POST', MESSAGES, from)[0]!;
    const embed = post.body.embeds[0];
    expect(embed.fields).toBeUndefined(); // no Tally field
    expect(embed.description).toContain('Hidden results: the tally and who voted how are shown when voting closes.');
    expect(embed.description).toContain('Nobody has voted yet.');
    expect(post.body.components[0].components).toHaveLength(5);
    const p = bot.proposal(1);
    expect(p.ballot).toBe('hidden');
    const messageId = bot.messageIdOf(p.id);

    // Bob reacts: the bot takes the reaction off (it would show his vote) and counts nothing.
    fake.react(bob.id, messageId, '👍');
    const removed = await fake.waitFor(
      (c) => c.method === 'DELETE' && c.path === `${MESSAGES}/${messageId}/reactions/👍/${bob.id}`,
      from,
      'the removal of the reaction',
    );
    expect(removed.status).toBe(204);
    expect(fake.messages.get(messageId)!.reactions.get('👍')?.get(0)?.has(bob.id)).toBe(false);
    // The bot never added the four vote reactions to this card.
    expect(fake.callsTo('PUT', /\/reactions\/.+\/@me$/, from)).toEqual([]);
    expect(bot.proposal(1).counts.agree).toBe(0);

    const click = fake.click(messageId, `lf:v:${p.id}:block`, carol);
    expect((await fake.callback(click)).body).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral, content: 'Your vote on #1 is recorded: block.' },
    });
    const mid = fake.mark();
    await bot.deliver(1000);
    const edit = fake.callsTo('PATCH', `${MESSAGES}/${messageId}`, mid)[0]!;
    expect(edit.body.embeds[0].fields).toBeUndefined();
    expect(edit.body.embeds[0].description).toContain('1 member has voted so far.');
    expect(JSON.stringify(edit.body)).not.toContain(carol.id);

    bot.clock.set(p.closesAt + 1);
    bot.service.runDue();
    const end = fake.mark();
    await bot.deliver(1000);
    const final = fake.callsTo('PATCH', `${MESSAGES}/${messageId}`, end)[0]!;
    expect(final.body.embeds[0].fields[0].value).toContain('🛑 `██████████` 1 block');
    const outcome = fake.callsTo('POST', MESSAGES, end)[0]!;
    expect(outcome.body.embeds[0].description).toContain('Decided by consent with 1 vote: 0 agree, 0 disagree, 0 abstain, 1 block.');
    expect(bot.errors()).toEqual([]);
  });

  it('/propose with only the ballot opens the form, which keeps the choice', async () => {
    ({ fake, bot } = await Bot.launch([alice]));
    const modal = await fake.callback(fake.command('propose', [opt.string('ballot', 'hidden')], alice));
    expect(modal.body.type).toBe(InteractionResponseType.Modal);
    expect(modal.body.data.custom_id).toBe('lf:pm:h');
    expect(modal.body.data.title).toBe('New proposal (hidden ballot)');
    const answer = await fake.callback(fake.submitModal('lf:pm:h', { title: 'From the form', reasons: '', closes: '', rule: [], quorum: '' }, alice));
    expect(answer.body.data.content).toMatch(/^Proposal #1 is posted \(hidden results/);
    expect(bot.proposal(1)).toMatchObject({ title: 'From the form', ballot: 'hidden' });
  });
});

const STANCE = /\b(agree|disagree|abstain|block)\b|👍|👎|🤷|🛑/i;
const ALL_STANCES = /agree\|disagree\|abstain\|block/g;

describe('Discord: secret ballots', () => {
  it('votes by button and form are answered without the vote; a reaction is removed; the close shows the tally and anonymous reasons; nothing pairs a voter with a stance', async () => {
    ({ fake, bot } = await Bot.launch([alice, bob, carol]));
    const i = fake.command('propose', [opt.string('title', 'Elect a treasurer'), opt.string('ballot', 'secret'), opt.string('closes', '2d')], alice);
    expect((await fake.callback(i)).body.data.content).toMatch(/^Proposal #1 is posted \(a secret ballot: the tally is shown when voting closes\)/);
    const from = fake.mark();
    await bot.deliver();
    const card = fake.callsTo('POST', MESSAGES, from)[0]!.body;
    expect(card.embeds[0].fields).toBeUndefined();
    const p = bot.proposal(1);
    const messageId = bot.messageIdOf(p.id);
    expect(card.components[0].components.map((c: { custom_id: string }) => c.custom_id).at(-1)).toBe(`lf:rs:${p.id}:1`);

    const answers: string[] = [];
    answers.push((await fake.callback(fake.click(messageId, `lf:v:${p.id}:agree`, bob))).body.data.content);
    answers.push((await fake.callback(fake.click(messageId, `lf:v:${p.id}:block`, bob))).body.data.content);
    const form = await fake.callback(fake.click(messageId, `lf:rs:${p.id}:1`, carol));
    expect(form.body.data.components[1].description).toBe('Shown when voting closes, without your name or vote.');
    answers.push(
      (await fake.callback(fake.submitModal(form.body.data.custom_id, { stance: ['disagree'], reason: 'Kim has the time' }, carol))).body.data.content,
    );
    expect(answers[0]).toBe(
      "Your secret vote on #1 is counted. I don't repeat it, so that no message shows how you voted; to change it, vote again before voting closes.",
    );
    expect(new Set(answers).size).toBe(1);

    fake.react(alice.id, messageId, '👍');
    await fake.waitFor((c) => c.method === 'DELETE' && c.path === `${MESSAGES}/${messageId}/reactions/👍/${alice.id}`, from, 'the removal of the reaction');
    expect(bot.proposal(1).counts).toEqual({ agree: 0, disagree: 1, abstain: 0, block: 1 });

    bot.clock.set(p.closesAt + 1);
    bot.service.runDue();
    const end = fake.mark();
    await bot.deliver(1000);
    const final = fake.callsTo('PATCH', `${MESSAGES}/${messageId}`, end)[0]!.body.embeds[0];
    expect(final.fields).toContainEqual({ name: 'A reason given (secret ballot)', value: 'Kim has the time' });
    expect(final.fields[0].value).toContain('🛑 `█████░░░░░` 1 block');

    // Everything Discord received (but the forms, which list every stance to choose from, and the
    // removal of a member's own public reaction), every log line and every table row.
    const voters = [bob.id, carol.id, 'Bob', 'Carol'];
    const names = (s: string) => voters.filter((v) => s.includes(v));
    const pairs: string[] = [];
    for (const c of fake.calls.filter((c) => c.method !== 'DELETE' && c.body?.type !== 9)) {
      const text = JSON.stringify(c.body ?? '').replace(ALL_STANCES, '');
      const tallyFree = text.replace(/(👍|👎|🤷|🛑) `[█░]+` \d+ (agree|disagree|abstain|block)/g, '');
      if (names(tallyFree).length && STANCE.test(tallyFree)) pairs.push(`${c.method} ${c.path}: ${tallyFree.slice(0, 300)}`);
    }
    for (const l of bot.logs) if (names(JSON.stringify(l)).length && STANCE.test(JSON.stringify(l))) pairs.push(`log: ${JSON.stringify(l)}`);
    const tables = (bot.store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of tables) {
      for (const row of bot.store.db.prepare(`SELECT * FROM "${t}"`).all()) {
        const text = JSON.stringify(row);
        if (names(text).length && STANCE.test(text)) pairs.push(`${t}: ${text}`);
      }
    }
    expect(pairs).toEqual([]);
    expect(bot.errors()).toEqual([]);
  });
});

describe('Discord: option polls', () => {
  it('/poll with typed options posts option buttons (five to a row) and adds 1️⃣ … as reactions; reactions, buttons and /vote choose; the outcome names the winner', async () => {
    ({ fake, bot } = await Bot.launch([alice, bob, carol]));
    const options = 'Mon | Tue | Wed | Thu | Fri | Sat';
    const i = fake.command('poll', [opt.string('question', 'Which day?'), opt.string('options', options), opt.string('closes', '2d')], alice);
    expect((await fake.callback(i)).body.data.content).toMatch(/^Poll #1 is posted\./);
    const from = fake.mark();
    await bot.deliver();
    const card = fake.callsTo('POST', MESSAGES, from)[0]!.body;
    expect(card.embeds[0].title).toBe('Poll #1: Which day?');
    expect(card.embeds[0].fields[0].value.split('\n')[0]).toBe('1️⃣ `░░░░░░░░░░` 0 Mon');
    expect(card.components.map((row: { components: unknown[] }) => row.components.length)).toEqual([5, 1]);
    expect(card.components[1].components[0]).toMatchObject({ label: 'Sat', emoji: { name: '6️⃣' }, custom_id: 'lf:o:1:6' });
    const messageId = bot.messageIdOf(1);
    const seeded = await fake.until(() => {
      const puts = fake.callsTo('PUT', /\/reactions\/.+\/@me$/, from);
      return puts.length === 6 && puts;
    }, 'the option reactions');
    expect(seeded.map((c) => decodeURIComponent(c.path.split('/reactions/')[1]!.replace('/@me', '')))).toEqual(['1️⃣', '2️⃣', '3️⃣', '4️⃣', '5️⃣', '6️⃣']);

    fake.react(bob.id, messageId, '3️⃣');
    await expect.poll(() => bot.store.polls.options(1)[2]!.votes).toBe(1);
    const click = await fake.callback(fake.click(messageId, 'lf:o:1:3', carol));
    expect(click.body.data.content).toBe('Your vote on poll #1 is recorded: 3️⃣ Wed.');
    const typed = await fake.callback(fake.command('vote', [opt.integer('proposal', 1), opt.string('choice', '5')], alice));
    expect(typed.body.data.content).toBe('Your vote on poll #1 is recorded: 5️⃣ Fri.');

    bot.clock.set(bot.proposal(1).closesAt + 1);
    bot.service.runDue();
    const end = fake.mark();
    await bot.deliver(1000);
    const outcome = fake.callsTo('POST', MESSAGES, end)[0]!.body.embeds[0];
    expect(outcome.title).toBe('Poll #1 decided: Which day?');
    expect(outcome.description).toContain('Chosen: 3️⃣ Wed, by 2 of 3 voters.');
    expect(outcome.footer).toEqual({ text: 'Status: decided' });
    expect(bot.errors()).toEqual([]);
  });

  it('a --multi poll opens a form with a select of its options; a hidden one adds no reactions', async () => {
    ({ fake, bot } = await Bot.launch([alice, bob]));
    await fake.callback(
      fake.command(
        'poll',
        [opt.string('question', 'Snacks?'), opt.string('options', 'Fruit | Cake | Nuts'), opt.boolean('multi', true), opt.string('ballot', 'hidden')],
        alice,
      ),
    );
    const from = fake.mark();
    await bot.deliver();
    const card = fake.callsTo('POST', MESSAGES, from)[0]!.body;
    expect(card.components[0].components).toEqual([expect.objectContaining({ label: 'Choose options', custom_id: 'lf:c:1:1' })]);
    const form = await fake.callback(fake.click(bot.messageIdOf(1), 'lf:c:1:1', bob));
    expect(form.body.type).toBe(InteractionResponseType.Modal);
    expect(form.body.data.custom_id).toBe('lf:cm:1');
    expect(form.body.data.components[0].component).toMatchObject({ custom_id: 'options', min_values: 1, max_values: 3 });
    const answer = await fake.callback(fake.submitModal('lf:cm:1', { options: ['1', '3'] }, bob));
    expect(answer.body.data.content).toBe('Your vote on poll #1 is recorded: 1️⃣ Fruit, 3️⃣ Nuts.');
    expect(bot.store.polls.options(1).map((o) => o.votes)).toEqual([1, 0, 1]);
    await bot.deliver(1000);
    expect(fake.callsTo('PUT', /\/reactions\/.+\/@me$/, from)).toEqual([]);
  });
});

describe('Discord: --extend', () => {
  it('typed options and the form (opened without a title) carry the extension', async () => {
    ({ fake, bot } = await Bot.launch([alice]));
    const typed = await fake.callback(fake.command('propose', [opt.string('title', 'Budget'), opt.string('quorum', '2'), opt.string('extend', '2d')], alice));
    expect(typed.body.data.content).toMatch(/^Proposal #1 is posted/);
    expect(bot.proposal(1).extendMinutes).toBe(2 * 1440);
    const modal = await fake.callback(fake.command('propose', [opt.string('extend', '1d'), opt.string('quorum', '2')], alice));
    expect(modal.body.data.custom_id).toBe('lf:pm:o:1d');
    await fake.callback(fake.submitModal('lf:pm:o:1d', { title: 'From the form', reasons: '', closes: '', rule: [], quorum: '2' }, alice));
    expect(bot.proposal(2)).toMatchObject({ title: 'From the form', extendMinutes: 1440 });
    const poll = await fake.callback(
      fake.command('poll', [opt.string('question', 'Day?'), opt.string('options', 'Mon | Tue'), opt.string('quorum', '2'), opt.string('extend', '12h')], alice),
    );
    expect(poll.body.data.content).toMatch(/^Poll #3 is posted/);
    expect(bot.proposal(3).extendMinutes).toBe(12 * 60);
  });
});

describe('Discord: /amend', () => {
  it('typed options amend; each voter gets a direct message, never the channel', async () => {
    ({ fake, bot } = await Bot.launch([alice, bob]));
    await fake.callback(fake.command('propose', [opt.string('title', 'Buy a kettle')], alice));
    await bot.deliver();
    await fake.callback(fake.click(bot.messageIdOf(1), 'lf:v:1:agree', bob));
    const r = await fake.callback(fake.command('amend', [opt.integer('proposal', 1), opt.string('title', 'Buy a cheap kettle')], alice));
    expect(r.body.data.content).toBe('Proposal #1 is amended. 1 vote was reset, and its voter is asked privately to vote again.');
    const from = fake.mark();
    await bot.deliver(1000);
    const dm = fake.callsTo('POST', '/api/v10/users/@me/channels', from);
    expect(dm.map((c) => c.body)).toEqual([{ recipient_id: bob.id }]);
    const dmId = fake.dmChannels.get(bob.id)!;
    const sent = fake.callsTo('POST', `/api/v10/channels/${dmId}/messages`, from)[0]!.body;
    expect(sent.embeds[0].description).toContain('Your vote was for the text before, so it has been reset.');
    expect(fake.callsTo('POST', MESSAGES, from)).toEqual([]);
    expect(fake.callsTo('PATCH', `${MESSAGES}/${bot.messageIdOf(1)}`, from)[0]!.body.embeds[0].title).toBe('Proposal #1 (amended): Buy a cheap kettle');
    expect(bot.proposal(1).counts.agree).toBe(0);
  });
});
