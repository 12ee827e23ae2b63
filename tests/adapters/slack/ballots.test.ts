// Hidden results and secret ballots on Slack, end to end: the real Bolt app (Socket Mode) against
// the fake Slack. What Slack receives is checked: the card without a tally, the private answer to a
// reaction (a bot cannot remove someone else's reaction on Slack), buttons, forms, the close; and,
// for a secret ballot, that nothing Slack received, nothing logged and no table row pairs a voter
// with a stance.
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
    expect(ballot.element.options.map((o: any) => o.value)).toEqual(['open', 'hidden', 'secret']);
    expect(ballot.optional).toBe(true);
    const refused = await h.submit('UBOB', open.view, { title: 'Tea', ballot: 'public' });
    expect(refused.body).toEqual({ response_action: 'errors', errors: { ballot: expect.stringMatching(/ballot must be open, hidden .* or secret/) } });
    await h.submit('UBOB', open.view, { title: 'Tea', ballot: 'hidden' });
    expect(h.store.proposals.byNumber(h.store.channels.find({ platform: 'slack', spaceId: 'T1', channelId: CHANNEL })!.id, 1)!.ballot).toBe('hidden');
  });
});

const STANCE = /\b(agree|disagree|abstain|block)\b|:\+1:|:-1:|:shrug:|:octagonal_sign:|👍|👎|🤷|🛑/i;
const ALL_STANCES = /agree\|disagree\|abstain\|block/g;

describe('Slack: secret ballots', () => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await SlackHarness.start('socket');
  });
  afterEach(async () => {
    await h.close();
  });

  it('buttons, /vote and the reason form vote without any answer repeating the vote; the close shows the tally and anonymous reasons; nothing pairs a voter with a stance', async () => {
    const { responseUrl } = await h.command('UALICE', '/propose', 'Elect a treasurer | Sam or Kim --secret --closes 2d');
    expect(h.response(responseUrl).body.text).toMatch(/Proposal #1 is posted \(a secret ballot: the tally is shown when voting closes\)/);
    await h.deliver();
    const post = h.posts().at(-1)!;
    const proposalId = Number(buttons(post.body.blocks)[0]!.value);
    const ts = h.store.outbox.message(`proposal:${proposalId}`)!.platformMessageId;
    expect(blockText(post.body.blocks)).toContain('Secret ballot: vote with the buttons');
    expect(tallyRow(post.body.blocks, 'Agree')).toBeUndefined();
    const [agree, , abstain, , reason] = buttons(post.body.blocks);
    expect(reason!.action_id).toBe(`lf:rs:${proposalId}:1`);

    /** What each voter was answered, privately: never their stance. */
    const answers: string[] = [];
    const pressed = await h.press('UBOB', ts, agree!);
    answers.push(h.response(pressed.responseUrl).body.text);
    const typed = await h.command('UDAVE', '/vote', '1 block');
    answers.push(h.response(typed.responseUrl).body.text);
    const changed = await h.press('UDAVE', ts, abstain!);
    answers.push(h.response(changed.responseUrl).body.text);
    await h.press('UCAROL', ts, reason!);
    const form = h.api.last('views.open')!.body.view;
    expect(JSON.parse(form.private_metadata)).toMatchObject({ proposalId, secret: true });
    expect(form.blocks.find((b: any) => b.block_id === 'reason').element.placeholder.text).toBe('Shown when voting closes, without your name or vote');
    await h.submit('UCAROL', form, { stance: 'disagree', reason: 'Sam keeps the books already' });
    answers.push(blockText(h.api.last('chat.postEphemeral')!.body.blocks));
    await h.reaction(true, 'UERIN', '-1', ts);
    answers.push(blockText(h.api.last('chat.postEphemeral')!.body.blocks).replace(ALL_STANCES, ''));
    expect(answers[0]).toContain('Your secret vote on #1 is counted.');
    for (const a of answers) expect(a).not.toMatch(STANCE);
    expect(h.store.proposals.get(proposalId)!.counts).toEqual({ agree: 1, disagree: 1, abstain: 1, block: 0 });

    await h.deliver();
    expect(blockText(h.updates(ts).at(-1)!.body.blocks)).toContain('3 members have voted so far.');
    await h.advanceTo(h.store.proposals.get(proposalId)!.closesAt);
    const final = h.updates(ts).at(-1)!.body;
    expect(tallyRow(final.blocks, 'Disagree')).toBe(':-1: Disagree  `███░░░░░░░`  *1*');
    expect(blockText(final.blocks)).toContain('*A reason given (secret ballot)*\nSam keeps the books already');
    const detail = await h.command('UERIN', '/proposals', '1');
    expect(h.response(detail.responseUrl).body.text).toBeDefined();

    // Every call Slack received (but the reason form, which lists every stance to choose from), every
    // log line and every table row: none names a voter (id or name) beside a stance.
    const voters = ['UBOB', 'UCAROL', 'UDAVE', 'Bob', 'Carol Jones', 'Dave'];
    const names = (s: string) => voters.filter((v) => s.includes(v));
    const pairs: string[] = [];
    for (const c of h.api.calls.filter((c) => c.method !== 'views.open')) {
      // The tally rows name every stance and nobody; the voters are listed only where no stance is.
      const text = JSON.stringify(c.body).replace(ALL_STANCES, '');
      const tallyFree = text.replace(/:(\+1|-1|shrug|octagonal_sign): (Agree|Disagree|Abstain|Block)\s+`[█░]+`\s+\*\d+\*/g, '');
      if (names(tallyFree).length && STANCE.test(tallyFree.replace(/Decided by consent with \d+ votes: [^.]*\./g, '')))
        pairs.push(`${c.method}: ${tallyFree.slice(0, 300)}`);
    }
    for (const l of h.logs) if (names(JSON.stringify(l)).length && STANCE.test(JSON.stringify(l))) pairs.push(`log: ${JSON.stringify(l)}`);
    const tables = (h.store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of tables) {
      for (const row of h.store.db.prepare(`SELECT * FROM "${t}"`).all()) {
        const text = JSON.stringify(row);
        if (names(text).length && STANCE.test(text)) pairs.push(`${t}: ${text}`);
      }
    }
    expect(pairs).toEqual([]);
    expect(h.store.db.prepare('SELECT count(*) AS n FROM secret_votes').get()).toEqual({ n: 0 });
  });
});

describe('Slack: option polls', () => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await SlackHarness.start('socket');
  });
  afterEach(async () => {
    await h.close();
  });

  it('a poll card has option buttons and counts; reactions (Slack names), buttons and /vote choose; the outcome names the winner', async () => {
    const { responseUrl } = await h.command('UALICE', '/poll', 'Where do we meet? | Library | Café &amp; bar | Online --closes 2d');
    expect(h.response(responseUrl).body.text).toMatch(/^Poll #1 is posted\./);
    await h.deliver();
    const post = h.posts().at(-1)!;
    expect(post.body.blocks[0].text.text).toBe('*Poll #1: Where do we meet?*');
    const optionButtons = buttons(post.body.blocks);
    expect(optionButtons.map((b) => [b.text, b.action_id])).toEqual([
      ['1️⃣ Library', 'lf:o:1:1'],
      ['2️⃣ Café & bar', 'lf:o:1:2'],
      ['3️⃣ Online', 'lf:o:1:3'],
    ]);
    expect(blockText(post.body.blocks)).toContain('2️⃣ Café &amp; bar  `░░░░░░░░░░`  *0*');
    const ts = h.store.outbox.message('proposal:1')!.platformMessageId;

    await h.reaction(true, 'UBOB', 'two', ts);
    const pressed = await h.press('UCAROL', ts, optionButtons[1]!);
    expect(h.response(pressed.responseUrl).body.text).toBe('Your vote on poll #1 is recorded: 2️⃣ Café &amp; bar.');
    const typed = await h.command('UDAVE', '/vote', '1 3');
    expect(h.response(typed.responseUrl).body.text).toBe('Your vote on poll #1 is recorded: 3️⃣ Online.');
    await h.deliver();
    const live = h.updates(ts).at(-1)!.body;
    expect(blockText(live.blocks)).toContain('2️⃣ Café &amp; bar  `███████░░░`  *2*');
    expect(blockText(live.blocks)).toContain('3 voters');

    await h.advanceTo(h.store.proposals.get(1)!.closesAt);
    const outcome = h.posts().at(-1)!.body;
    expect(outcome.blocks[0].text.text).toBe('*Poll #1 decided: Where do we meet?*');
    expect(blockText(outcome.blocks)).toContain(':white_check_mark: decided');
    expect(blockText(outcome.blocks)).toContain('Chosen: 2️⃣ Café &amp; bar, by 2 of 3 voters.');
    expect(buttons(h.updates(ts).at(-1)!.body.blocks)).toEqual([]);
  });

  it('a --multi poll has one button that opens a form to choose options; the form’s choice is checked by the core', async () => {
    await h.command('UALICE', '/poll', 'Snacks? | Fruit | Cake | Nuts --multi --secret');
    await h.deliver();
    const post = h.posts().at(-1)!;
    const [choose] = buttons(post.body.blocks);
    expect(choose).toMatchObject({ text: 'Choose options', action_id: 'lf:c:1:1' });
    const ts = h.store.outbox.message('proposal:1')!.platformMessageId;
    await h.press('UBOB', ts, choose!);
    const form = h.api.last('views.open')!.body.view;
    expect(form.callback_id).toBe('leaderful_choose');
    expect(form.blocks[1].element.type).toBe('multi_static_select');
    expect(form.blocks[1].element.options.map((o: any) => [o.text.text, o.value])).toEqual([
      ['1. Fruit', '1'],
      ['2. Cake', '2'],
      ['3. Nuts', '3'],
    ]);
    const bad = await h.submit('UBOB', form, { options: ['4'] });
    expect(bad.body).toEqual({ response_action: 'errors', errors: { options: expect.stringMatching(/has 3 options; 4 is not one of them/) } });
    await h.submit('UBOB', form, { options: ['1', '3'] });
    expect(blockText(h.api.last('chat.postEphemeral')!.body.blocks)).toContain('Your secret vote on #1 is counted.');
    expect(h.store.polls.options(1).map((o) => o.votes)).toEqual([1, 0, 1]);
  });
});

describe('Slack: --extend', () => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await SlackHarness.start('socket');
  });
  afterEach(async () => {
    await h.close();
  });

  it('an unmet quorum keeps it open once: the channel is told, pinging who has not voted; the form offers it too', async () => {
    await h.command('UBOB', '/rotation', 'join');
    await h.command('UCAROL', '/rotation', 'join');
    await h.command('UALICE', '/propose', 'Adopt the budget --quorum 2 --closes 1d --extend 1d');
    await h.deliver();
    const p = h.store.proposals.get(1)!;
    await h.advanceTo(p.closesAt);
    const notice = h.posts().at(-1)!.body;
    expect(notice.blocks[0].text.text).toBe('*The proposal #1 stays open: Adopt the budget*');
    expect(blockText(notice.blocks)).toContain('Not voted yet: <@UBOB> <@UCAROL>');
    expect(notice.text).toContain('<@UBOB>');
    expect(h.store.proposals.get(1)!.status).toBe('open');

    await h.command('UBOB', '/propose', '');
    const form = h.api.last('views.open')!.body.view;
    expect(form.blocks.find((b: any) => b.block_id === 'extend').element.placeholder.text).toBe('2d');
    await h.submit('UBOB', form, { title: 'From the form', quorum: '2', extend: '3d' });
    expect(h.store.proposals.get(2)).toMatchObject({ title: 'From the form', extendMinutes: 3 * 1440 });
  });
});

describe('Slack: /amend', () => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await SlackHarness.start('socket');
  });
  afterEach(async () => {
    await h.close();
  });

  it('the card shows the new text and "amended"; each voter is told privately (ephemeral) to vote again', async () => {
    await h.command('UALICE', '/propose', 'Buy a kettle | ours leaks');
    await h.deliver();
    const ts = h.store.outbox.message('proposal:1')!.platformMessageId;
    await h.reaction(true, 'UBOB', '+1', ts);
    await h.command('UCAROL', '/vote', '1 block too pricey');
    const { responseUrl } = await h.command('UALICE', '/amend', '1 Buy a cheap kettle | under 30 euros');
    expect(h.response(responseUrl).body.text).toContain('2 votes were reset');
    await h.deliver();
    expect(h.updates(ts).at(-1)!.body.blocks[0].text.text).toBe('*Proposal #1 (amended): Buy a cheap kettle*');
    const told = h.api.ok('chat.postEphemeral').filter((c) => blockText(c.body.blocks).includes('was amended'));
    expect(told.map((c) => [c.body.channel, c.body.user])).toEqual([
      [CHANNEL, 'UBOB'],
      [CHANNEL, 'UCAROL'],
    ]);
    expect(blockText(told[0]!.body.blocks)).toContain('remove your reaction and react again');
    // Not posted to the channel.
    expect(h.posts().some((p) => blockText(p.body.blocks).includes('was amended'))).toBe(false);
  });
});
