// Hidden results on Slack, end to end: the real Bolt app (Socket Mode) against the fake Slack.
// What Slack receives is checked: the card without a tally, the private answer to a reaction (a
// bot cannot remove someone else's reaction on Slack), buttons, the form's ballot choice, the close.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockText, buttons, CHANNEL, SlackHarness, tallyRow } from './harness';

describe('Slack: hidden results', () => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await SlackHarness.start('socket');
  });
  afterEach(async () => {
    await h.close();
  });

  async function hiddenCard(text: string) {
    const { responseUrl } = await h.command('UALICE', '/propose', text);
    expect(h.response(responseUrl).body.text).toMatch(/Proposal #1 is posted \(hidden results: the tally is shown when voting closes\)/);
    await h.deliver();
    const post = h.posts().at(-1)!;
    const proposalId = Number(buttons(post.body.blocks)[0]!.value);
    return { post, proposalId, ts: h.store.outbox.message(`proposal:${proposalId}`)!.platformMessageId };
  }

  it('the card shows how many voted, not the tally; a reaction is answered privately and not counted; buttons vote; the close shows all', async () => {
    const { post, proposalId, ts } = await hiddenCard('Move the meeting to Thursdays --hidden --closes 2d');
    const text = blockText(post.body.blocks);
    expect(text).toContain('Hidden results: the tally and who voted how are shown when voting closes.');
    expect(text).toContain('Nobody has voted yet.');
    expect(tallyRow(post.body.blocks, 'Agree')).toBeUndefined();
    expect(buttons(post.body.blocks).map((b) => b.text)).toEqual(['👍 Agree', '👎 Disagree', '🤷 Abstain', '🛑 Block', 'Give a reason']);

    await h.reaction(true, 'UBOB', '+1', ts);
    const told = h.api.last('chat.postEphemeral')!.body;
    expect(told).toMatchObject({ channel: CHANNEL, user: 'UBOB' });
    expect(blockText(told.blocks)).toMatch(/Reactions are not votes on proposal #1 \(hidden results\)[\s\S]*please remove it/);
    expect(h.api.calls.some((c) => c.method === 'reactions.remove')).toBe(false); // Slack lets a bot remove only its own
    expect(h.store.proposals.get(proposalId)!.counts.agree).toBe(0);

    const [, disagree] = buttons(post.body.blocks);
    const pressed = await h.press('UCAROL', ts, disagree!);
    expect(h.response(pressed.responseUrl).body.text).toContain('Your vote on #1 is recorded: disagree.');
    await h.deliver();
    const during = h.updates(ts).at(-1)!.body;
    expect(blockText(during.blocks)).toContain('1 member has voted so far.');
    expect(tallyRow(during.blocks, 'Disagree')).toBeUndefined();
    expect(blockText(during.blocks)).not.toContain('Carol');

    await h.advanceTo(h.store.proposals.get(proposalId)!.closesAt);
    const final = h.updates(ts).at(-1)!.body;
    expect(tallyRow(final.blocks, 'Disagree')).toBe(':-1: Disagree  `██████████`  *1*');
    expect(blockText(h.posts().at(-1)!.body.blocks)).toContain('Decided by consent with 1 vote: 0 agree, 1 disagree, 0 abstain, 0 block.');
  });

  it('the /propose form offers the ballot, checked by the core', async () => {
    await h.command('UBOB', '/propose', '');
    const open = h.api.last('views.open')!.body;
    const ballot = open.view.blocks.find((b: any) => b.block_id === 'ballot');
    expect(ballot.element.options.map((o: any) => o.value)).toEqual(['open', 'hidden']);
    expect(ballot.optional).toBe(true);
    const refused = await h.submit('UBOB', open.view, { title: 'Tea', ballot: 'public' });
    expect(refused.body).toEqual({ response_action: 'errors', errors: { ballot: expect.stringMatching(/ballot must be open or hidden/) } });
    await h.submit('UBOB', open.view, { title: 'Tea', ballot: 'hidden' });
    expect(h.store.proposals.byNumber(h.store.channels.find({ platform: 'slack', spaceId: 'T1', channelId: CHANNEL })!.id, 1)!.ballot).toBe('hidden');
  });
});
