// Restarts: reactions on messages the new process has never seen, and votes made while it was down.
import type { TextChannel } from 'discord.js';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Bot } from './harness';
import { BOT, CHANNEL_ID, type FakeDiscord, makeUser, opt } from './fake-discord';

const alice = makeUser(1, 'alice');
const bob = makeUser(2, 'bob');
const carol = makeUser(3, 'carol');
const dave = makeUser(4, 'dave');
const erin = makeUser(5, 'erin');
const frank = makeUser(6, 'frank');
const crowd = Array.from({ length: 150 }, (_, n) => makeUser(100 + n, `member${n}`));

let fake: FakeDiscord;
let bot: Bot;
const MESSAGES = `/api/v10/channels/${CHANNEL_ID}/messages`;

// Each test launches its own fake Discord and bot: none depends on what another left behind.
beforeEach(async () => {
  ({ fake, bot } = await Bot.launch([alice, bob, carol, dave, erin, frank, ...crowd]));
});

afterEach(async () => {
  await bot?.close();
  await fake?.close();
});

async function propose(title: string): Promise<{ number: number; proposalId: number; messageId: string }> {
  const i = fake.command('propose', [opt.string('title', title)], alice);
  const number = Number(/#(\d+)/.exec((await fake.callback(i)).body.data.content)![1]);
  await bot.deliver();
  const proposalId = bot.proposal(number).id;
  const messageId = bot.messageIdOf(proposalId);
  // Wait for the bot's own four reactions, so later events queue behind them.
  await fake.until(() => fake.callsTo('PUT', new RegExp(`/${messageId}/reactions/.+/@me$`)).length === 4, 'the vote reactions');
  return { number, proposalId, messageId };
}

it('a reaction on a message posted before a restart counts, and so does a removal by a user the new process never saw', async () => {
  const { number, proposalId, messageId } = await propose('Before the restart');
  fake.react(carol.id, messageId, '👍');
  await expect.poll(() => bot.proposal(number).counts.agree).toBe(1);

  await bot.stop();
  await bot.start();
  expect(await bot.adapter.reconciled).toBe(0); // nothing changed while it was down
  const channel = bot.adapter.client.channels.cache.get(CHANNEL_ID) as TextChannel;
  expect(channel.messages.cache.has(messageId)).toBe(false); // the new client knows nothing of the message
  expect(bot.adapter.client.users.cache.has(carol.id)).toBe(false);

  fake.react(bob.id, messageId, '👎'); // a partial message
  fake.react(carol.id, messageId, '👍', { remove: true }); // a removal carries no member: a partial user
  await expect.poll(() => bot.proposal(number).counts).toEqual({ agree: 0, disagree: 1, abstain: 0, block: 0 });

  const from = fake.mark();
  await bot.deliver(1000);
  const edit = fake.callsTo('PATCH', `${MESSAGES}/${messageId}`, from);
  expect(edit).toHaveLength(1);
  expect(edit[0]!.body.embeds[0].title).toBe(`Proposal #${number}: Before the restart`);
  expect(edit[0]!.body.embeds[0].fields[0].value).toContain('👎 `██████████` 1 disagree');
  expect(bot.store.proposals.vote(proposalId, bob.id)).toMatchObject({ stance: 'disagree', source: 'reaction' });
});

it('on ready, reactions added and removed while the bot was offline are reconciled (all pages, skin tones, super reactions; bots excluded)', async () => {
  const before = await propose('Decided before the restart');
  fake.react(bob.id, before.messageId, '👎');
  const { number, proposalId, messageId } = await propose('Decided while offline');
  fake.react(dave.id, messageId, '👍');
  await expect.poll(() => bot.proposal(number).counts.agree).toBe(1);
  await expect.poll(() => bot.proposal(before.number).counts.disagree).toBe(1);
  const gone = await propose('Its message was deleted');

  await bot.stop();
  fake.react(dave.id, messageId, '👍', { remove: true, silent: true });
  for (const u of crowd) fake.react(u.id, messageId, '👍🏿', { silent: true }); // more than one page of users
  fake.react(erin.id, messageId, '🛑', { silent: true });
  fake.react(frank.id, messageId, '🤷', { silent: true, type: 1 }); // a super reaction
  fake.messages.delete(gone.messageId);

  const from = fake.mark();
  await bot.start();
  // dave's vote removed, 150 agrees, erin's block and frank's abstention added.
  expect(await bot.adapter.reconciled).toBe(153);
  expect(bot.proposal(number).counts).toEqual({ agree: 150, disagree: 0, abstain: 1, block: 1 });
  expect(bot.store.proposals.vote(proposalId, BOT.id)).toBeUndefined(); // its own 👍 👎 🤷 🛑 never count
  expect(bot.proposal(before.number).counts).toEqual({ agree: 0, disagree: 1, abstain: 0, block: 0 }); // unchanged

  const pages = fake.callsTo('GET', `${MESSAGES}/${messageId}/reactions/👍🏿`, from);
  expect(pages.map((p) => p.query.get('after'))).toEqual([null, crowd[99]!.id]);
  expect(pages.every((p) => p.query.get('limit') === '100')).toBe(true);
  expect(fake.callsTo('GET', `${MESSAGES}/${messageId}/reactions/🤷`, from).map((p) => p.query.get('type'))).toEqual(['0', '1']);
  // The deleted message is skipped with a warning; nothing failed.
  expect(bot.logs).toContainEqual(
    expect.objectContaining({ level: 'warn', msg: 'could not reconcile reactions', data: expect.objectContaining({ message: gone.messageId }) }),
  );
  expect(bot.errors()).toEqual([]);

  await bot.deliver(1000);
  const edit = fake.callsTo('PATCH', `${MESSAGES}/${messageId}`, from);
  expect(edit).toHaveLength(1);
  expect(edit[0]!.body.embeds[0].fields[0].value).toContain('150 agree');
  expect(edit[0]!.body.embeds[0].fields[0].value).toContain('Voters: 152');
});

it('a moderator clearing one emoji, then all reactions, takes those reaction votes away', async () => {
  const { number, messageId } = await propose('Moderated');
  for (const u of [dave, ...crowd.slice(0, 3)]) fake.react(u.id, messageId, '👍🏿');
  fake.react(erin.id, messageId, '🛑');
  fake.react(frank.id, messageId, '🤷');
  await expect.poll(() => bot.proposal(number).counts).toEqual({ agree: 4, disagree: 0, abstain: 1, block: 1 });
  fake.clearReactions(messageId, '👍🏿');
  await expect.poll(() => bot.proposal(number).counts).toEqual({ agree: 0, disagree: 0, abstain: 1, block: 1 });
  fake.clearReactions(messageId);
  await expect.poll(() => bot.proposal(number).counts).toEqual({ agree: 0, disagree: 0, abstain: 0, block: 0 });
  expect(bot.errors()).toEqual([]);
});

it('a new gateway session (not a resume) reconciles again: reactions Discord never replays are counted', async () => {
  const { proposalId, messageId } = await propose('Across a lost session');
  const identifies = () => fake.frames.filter((f) => f.op === 2).length;
  const before = identifies();
  // Reactions made while the session was gone: Discord does not replay them to a new session.
  fake.react(carol.id, messageId, '👎', { silent: true });
  fake.invalidateSession();
  await fake.until(() => identifies() > before, 'a new IDENTIFY', 15_000);
  await expect.poll(() => bot.store.proposals.vote(proposalId, carol.id)?.stance, { timeout: 10_000 }).toBe('disagree');
}, 30_000);
