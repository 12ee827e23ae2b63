// End to end: the real Bolt app in both connection modes against the fake Slack, driving the real
// core. Assertions are on what Slack receives: chat.postMessage, chat.update, views.open,
// chat.postEphemeral and response_url posts, Block Kit JSON included.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_TOKEN, BOT_TOKEN, blockText, buttons, CHANNEL, type Mode, type Person, SECRET, SlackHarness, tallyRow, TEAM } from './harness';

describe.each<Mode>(['http', 'socket'])('Slack adapter end to end (%s mode)', (mode) => {
  // Each test gets its own fake Slack, store and adapter: no test depends on what another left.
  let h: SlackHarness;

  beforeEach(async () => {
    h = await SlackHarness.start(mode);
  });
  afterEach(async () => {
    // Whatever a test did, no log line carried a token or the signing secret.
    const all = JSON.stringify(h.logs);
    for (const secret of [BOT_TOKEN, APP_TOKEN, SECRET]) expect(all).not.toContain(secret);
    await h.close();
  });

  /** Proposes through the slash command and delivers the card; returns the card's ts and number. */
  async function propose(text: string) {
    const before = h.posts().length;
    const { responseUrl } = await h.command('UALICE', '/propose', text);
    expect(h.response(responseUrl).body.text).toMatch(/Proposal #\d+ is posted/);
    await h.deliver();
    // The new card: the first post since, with vote buttons (a command may also post notices).
    const post = h
      .posts()
      .slice(before)
      .find((p) => buttons(p.body.blocks).length > 0)!;
    expect(post).toBeDefined();
    return { post, ...cardTs(post) };
  }
  /** The ts Slack gave the card (the store remembers it as the message id) and the proposal's id. */
  function cardTs(post: { body: any }) {
    const voting = buttons(post.body.blocks)[0]!;
    const proposalId = Number(voting.value);
    const msg = h.store.outbox.message(`proposal:${proposalId}`)!;
    return { ts: msg.platformMessageId, proposalId };
  }
  const counts = (proposalId: number) => h.store.proposals.get(proposalId)!.counts;

  it('connects the way the mode says', async () => {
    expect(h.slack.mode).toBe(mode);
    if (mode === 'socket') {
      expect(h.api.socket.connections).toBe(1);
      expect(h.api.last('apps.connections.open')!.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    } else {
      expect(h.slack.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slack\/events$/);
      expect(h.api.socket.connections).toBe(0);
    }
    // auth.test once, by the adapter (Bolt is given the bot's ids and does not repeat it).
    expect(h.api.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
  });

  it('propose → reaction votes → tally edited in place → deadline → outcome', async () => {
    const { responseUrl, ack } = await h.command('UALICE', '/propose', 'Adopt a code of conduct | We need shared norms --closes 3d');
    // The command is acked at once and empty; the answer goes to response_url, only to Alice.
    if (mode === 'http') expect(ack).toEqual({ status: 200, body: undefined });
    else expect(ack.body ?? {}).toEqual({});
    const reply = h.response(responseUrl).body;
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('Proposal #1 is posted');
    expect(reply.text).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|Thu 5 Mar 2026 10:00 UTC>/);

    await h.deliver();
    expect(h.posts()).toHaveLength(1);
    const card = h.posts()[0]!.body;
    expect(card.channel).toBe(CHANNEL);
    expect(card.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*Proposal #1: Adopt a code of conduct*' } });
    const text = blockText(card.blocks);
    expect(text).toContain('We need shared norms');
    expect(text).toContain('Proposed by Alice'); // a name from users.info, not a ping
    expect(text).not.toContain('<@UALICE>');
    expect(text).toContain('Closes <!date^');
    expect(tallyRow(card.blocks, 'Agree')).toBe(':+1: Agree  `░░░░░░░░░░`  *0*');
    const { ts, proposalId } = cardTs(h.posts()[0]!);
    // The core's action ids (src/core/actions.ts), as on Discord.
    expect(buttons(card.blocks).map((b) => [b.action_id, b.text, b.style])).toEqual([
      [`lf:v:${proposalId}:agree`, '👍 Agree', 'primary'],
      [`lf:v:${proposalId}:disagree`, '👎 Disagree', undefined],
      [`lf:v:${proposalId}:abstain`, '🤷 Abstain', undefined],
      [`lf:v:${proposalId}:block`, '🛑 Block', 'danger'],
      [`lf:r:${proposalId}:1`, 'Give a reason', undefined],
    ]);

    // Bob agrees with a skin tone; Carol disagrees, then takes it back.
    await h.reaction(true, 'UBOB', '+1::skin-tone-3', ts);
    await h.deliver();
    let update = h.updates(ts).at(-1)!.body;
    expect(update.channel).toBe(CHANNEL);
    expect(tallyRow(update.blocks, 'Agree')).toBe(':+1: Agree  `██████████`  *1*');
    expect(blockText(update.blocks)).toContain('1 voter');

    await h.reaction(true, 'UCAROL', '-1', ts);
    await h.deliver();
    update = h.updates(ts).at(-1)!.body;
    expect(tallyRow(update.blocks, 'Agree')).toBe(':+1: Agree  `█████░░░░░`  *1*');
    expect(tallyRow(update.blocks, 'Disagree')).toBe(':-1: Disagree  `█████░░░░░`  *1*');

    await h.reaction(false, 'UCAROL', '-1', ts);
    await h.deliver();
    update = h.updates(ts).at(-1)!.body;
    expect(tallyRow(update.blocks, 'Disagree')).toBe(':-1: Disagree  `░░░░░░░░░░`  *0*');
    expect(counts(proposalId)).toEqual({ agree: 1, disagree: 0, abstain: 0, block: 0 });

    // The deadline passes: the card loses its buttons and shows the result; the outcome is posted.
    const updatesBefore = h.updates(ts).length;
    await h.advanceTo(h.store.proposals.get(proposalId)!.closesAt);
    expect(h.store.proposals.get(proposalId)!.status).toBe('passed');
    const final = h.updates(ts).at(-1)!.body;
    expect(h.updates(ts).length).toBeGreaterThan(updatesBefore);
    expect(buttons(final.blocks)).toEqual([]);
    expect(blockText(final.blocks)).toContain(':white_check_mark: passed');
    const outcome = h.posts().at(-1)!.body;
    expect(outcome.blocks[0].text.text).toBe('*Proposal #1 passed: Adopt a code of conduct*');
    expect(blockText(outcome.blocks)).toContain('Decided by consent with 1 vote: 1 agree, 0 disagree, 0 abstain, 0 block.');

    // Voting is closed now: a late reaction changes nothing and is answered privately.
    await h.reaction(true, 'UDAVE', '-1', ts);
    const eph = h.api.last('chat.postEphemeral')!.body;
    expect(eph).toMatchObject({ channel: CHANNEL, user: 'UDAVE' });
    expect(eph.text).toMatch(/Voting on proposal #1 closed/);
    expect(counts(proposalId)).toEqual({ agree: 1, disagree: 0, abstain: 0, block: 0 });
  });

  it('acks a command before doing its work (a slow users.info does not delay the ack)', async () => {
    const release = h.api.hold('users.info');
    const { ack, responseUrl } = await h.command('UFRANK', '/proposals', '', CHANNEL, false);
    // The ack is back while the users.info lookup (and so the command's work) is still waiting.
    if (mode === 'http') expect(ack.status).toBe(200);
    expect(h.api.last(`response_url:${responseUrl}`)).toBeUndefined();
    release();
    await h.slack.idle();
    expect(h.response(responseUrl).body.text).toContain('Open proposals');
  });

  it('a bad command gets a friendly ephemeral error and changes nothing', async () => {
    const posts = h.posts().length;
    const { responseUrl } = await h.command('UBOB', '/vote', '1 maybe');
    const reply = h.response(responseUrl).body;
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('⚠️ Your vote must be one of agree, disagree, abstain or block.');
    expect(blockText(reply.blocks)).toContain('Usage: /vote &lt;proposal#&gt; agree|disagree|abstain|block [reason]');

    const unknown = h.response((await h.command('UBOB', '/proposals', 'sideways')).responseUrl).body;
    expect(unknown.text).toContain('"sideways" is not a filter');
    await h.deliver();
    expect(h.posts()).toHaveLength(posts);
  });

  it('a retried event (same event_id) changes nothing', async () => {
    const { ts, proposalId } = await propose('Retry test');
    const added = await h.reaction(true, 'UDAVE', '+1', ts);
    if (mode === 'http') expect(added.status).toBe(200);
    await h.reaction(false, 'UDAVE', '+1', ts);
    expect(counts(proposalId).agree).toBe(0);
    // Slack redelivers the first event (it thought we missed it): the vote must not come back.
    const retried = await h.reaction(true, 'UDAVE', '+1', ts, { eventId: added.eventId, retryNum: 1 });
    if (mode === 'http') expect(retried.status).toBe(200);
    await h.deliver();
    expect(counts(proposalId).agree).toBe(0);
    expect(tallyRow(h.updates(ts).at(-1)!.body.blocks, 'Agree')).toContain('*0*');
  });

  it("ignores the bot's own reactions, other reactions and other messages", async () => {
    const { ts, proposalId } = await propose('Ignore test');
    const updates = h.updates().length;
    await h.reaction(true, 'UBOT', '+1', ts); // the bot's own
    await h.reaction(true, 'UBOB', 'tada', ts); // not a vote
    await h.reaction(true, 'UBOB', '+1', '1770009999.000100', { itemUser: 'UBOB' }); // someone else's message
    await h.reaction(true, 'UBOB', '+1', '1770009998.000100'); // a bot message that is no proposal
    await h.reaction(true, 'UBOB', '+1', ts, { itemType: 'file' }); // a file
    await h.deliver();
    expect(counts(proposalId)).toEqual({ agree: 0, disagree: 0, abstain: 0, block: 0 });
    expect(h.updates()).toHaveLength(updates);
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('/propose with no text opens a modal; submitting it posts the proposal, refusals stay in the form', async () => {
    const { triggerId } = await h.command('UBOB', '/propose', '   ');
    const open = h.api.last('views.open')!.body;
    expect(open.trigger_id).toBe(triggerId);
    expect(open.view.callback_id).toBe('leaderful_propose');
    expect(open.view.blocks.map((b: any) => b.block_id)).toEqual(['title', 'reasons', 'closes', 'rule', 'quorum', 'extend', 'ballot']);
    expect(open.view.blocks[3].element.options.map((o: any) => o.value)).toEqual(['consent', 'majority', 'supermajority']);

    // A bad quorum: Slack shows the message under the quorum field; nothing is created.
    const before = h.posts().length;
    const refused = await h.submit('UBOB', open.view, { title: 'Move meetings to Tuesday', quorum: 'lots' });
    expect(refused.body).toEqual({
      response_action: 'errors',
      errors: { quorum: 'The quorum is a number of voters (like 5) or a share of the roster (like 50%).' },
    });
    const past = await h.submit('UBOB', open.view, { title: 'Move meetings to Tuesday', closes: '2020-01-01' });
    expect(Object.keys(past.body.errors)).toEqual(['closes']);

    const ok = await h.submit('UBOB', open.view, {
      title: 'Move meetings to Tuesday',
      reasons: 'More of us can come',
      closes: '2d',
      rule: 'majority',
      quorum: '2',
    });
    if (mode === 'http') expect(ok).toEqual({ status: 200, body: undefined });
    else expect(ok.body ?? {}).toEqual({});
    expect(h.api.last('chat.postEphemeral')!.body).toMatchObject({ channel: CHANNEL, user: 'UBOB' });
    expect(h.api.last('chat.postEphemeral')!.body.text).toMatch(/Proposal #\d+ is posted/);
    await h.deliver();
    expect(h.posts()).toHaveLength(before + 1);
    const card = h.posts().at(-1)!.body;
    expect(card.blocks[0].text.text).toMatch(/^\*Proposal #\d+: Move meetings to Tuesday\*$/);
    expect(blockText(card.blocks)).toContain('More of us can come');
    expect(blockText(card.blocks)).toContain('Rule: majority · quorum: 2 voters');
  });

  it('vote buttons and the reason modal vote, and the card shows the reason', async () => {
    const { ts, proposalId, post } = await propose('Buttons test');
    const [, , , block, reason] = buttons(post.body.blocks);

    const pressed = await h.press('UCAROL', ts, block!);
    const reply = h.response(pressed.responseUrl).body;
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(reply.text).toMatch(/Your vote on #\d+ is recorded: block\./);
    expect(counts(proposalId).block).toBe(1);

    await h.press('UBOB', ts, reason!);
    const open = h.api.last('views.open')!.body;
    expect(open.view.callback_id).toBe('leaderful_reason');
    expect(JSON.parse(open.view.private_metadata)).toMatchObject({ proposalId, channelId: CHANNEL });
    const noStance = await h.submit('UBOB', open.view, { reason: 'hmm' });
    expect(noStance.body).toEqual({ response_action: 'errors', errors: { stance: 'Pick agree, disagree, abstain or block.' } });
    await h.submit('UBOB', open.view, { stance: 'disagree', reason: 'Too vague <!channel> & unclear' });
    expect(h.api.last('chat.postEphemeral')!.body).toMatchObject({ user: 'UBOB' });
    expect(counts(proposalId)).toEqual({ agree: 0, disagree: 1, abstain: 0, block: 1 });

    await h.deliver();
    const card = h.updates(ts).at(-1)!.body;
    expect(tallyRow(card.blocks, 'Block')).toBe(':octagonal_sign: Block  `█████░░░░░`  *1*');
    const field = card.blocks.find((b: any) => b.fields)!.fields[0].text;
    expect(field).toBe('*👎 disagree*\nBob: Too vague &lt;!channel&gt; &amp; unclear');
  });

  it('buttons on a card posted before the core owned action ids still vote and open the reason form', async () => {
    const { ts, proposalId, post } = await propose('Old card');
    const number = Number(/#(\d+)/.exec(post.body.text)![1]);
    const legacy = (action_id: string) => ({ action_id, value: String(proposalId), block_id: `leaderful_vote:${proposalId}:${number}` });
    const pressed = await h.press('UCAROL', ts, legacy('leaderful_vote_abstain'));
    expect(h.response(pressed.responseUrl).body.text).toMatch(/Your vote on #\d+ is recorded: abstain\./);
    expect(counts(proposalId).abstain).toBe(1);
    await h.press('UBOB', ts, legacy('leaderful_vote_reason'));
    expect(JSON.parse(h.api.last('views.open')!.body.view.private_metadata)).toMatchObject({ proposalId, number });
    // Forged or stale ids change nothing.
    for (const bad of ['leaderful_vote_maybe', 'lf:v:x:agree', `lf:v:${proposalId}:maybe`]) await h.press('UDAVE', ts, { ...legacy(bad), action_id: bad });
    expect(counts(proposalId)).toEqual({ agree: 0, disagree: 0, abstain: 1, block: 0 });
  });

  it('rotation ping mentions the members for real', async () => {
    expect(h.posts()).toEqual([]);
    await h.command('UALICE', '/rotation', 'join');
    await h.command('UBOB', '/rotation', 'join');
    const before = h.posts().length;
    const pingAt = h.store.channels.find({ platform: 'slack', spaceId: TEAM, channelId: CHANNEL })!.nextRotationAt!;
    expect(new Date(pingAt).toISOString()).toBe('2026-03-09T09:00:00.000Z'); // Monday 09:00 in the channel's zone (UTC)
    await h.advanceTo(pingAt);
    const ping = h
      .posts()
      .slice(before)
      .find((p) => p.body.text.includes("This week's roles"));
    expect(ping).toBeDefined();
    const text = blockText(ping!.body.blocks);
    expect(text).toContain('*facilitator*: <@UALICE>');
    expect(text).toContain('*note-taker*: <@UBOB>');
    // The notification text carries the same mentions, so they notify.
    expect(ping!.body.text).toContain('<@UALICE>');
    expect(ping!.body.text).toContain('<@UBOB>');
  });

  it('user text can never ping everyone: <!channel>, @here and fake mentions are escaped', async () => {
    // Slack sends typed &, < and > HTML-escaped.
    const { post } = await propose('Ban &lt;!channel&gt; pings | ask @here, @everyone and &lt;@UEVIL&gt; &lt;!subteam^S1&gt; &amp; more');
    const json = JSON.stringify(post.body);
    for (const bad of ['<!channel>', '<!here>', '<!everyone>', '<@UEVIL>', '<!subteam', '@here', '@everyone']) expect(json).not.toContain(bad);
    expect(post.body.blocks[0].text.text).toBe(`*Proposal #${/#(\d+)/.exec(post.body.text)![1]}: Ban &lt;!channel&gt; pings*`);
    expect(blockText(post.body.blocks)).toContain('ask @\u2060here, @\u2060everyone and &lt;@UEVIL&gt; &lt;!subteam^S1&gt; &amp; more');
  });

  it('answers every command of the grammar, privately', async () => {
    // Its own history: a decided proposal #1, and Alice and Bob holding this week's roles.
    const { proposalId: first } = await propose('Adopt a code of conduct');
    await h.command('UBOB', '/vote', '1 agree');
    await h.command('UALICE', '/close', '1');
    expect(h.store.proposals.get(first)!.status).toBe('passed');
    await h.command('UALICE', '/rotation', 'join');
    await h.command('UBOB', '/rotation', 'join');
    await h.advanceTo(h.store.channels.find({ platform: 'slack', spaceId: TEAM, channelId: CHANNEL })!.nextRotationAt!);
    const cases: [string, string, RegExp][] = [
      ['/leaderful', 'help', /Leaderful: proposals, not orders/],
      ['/leaderful', 'settings', /Channel settings/],
      ['/proposals', 'all', /\*Proposals\*/],
      ['/proposals', '1', /Proposal #1: Adopt a code of conduct/],
      ['/decisions', '5', /Decision log[\s\S]*#1 passed/],
      ['/rotation', 'show', /Rotation/],
      ['/rotation', 'stats', /Who served how often/],
      ['/rotation', 'roles add timekeeper', /timekeeper/],
      ['/rotation', 'roles describe timekeeper watches the clock', /^timekeeper: watches the clock$/],
      ['/rotation', 'roles eligible timekeeper <@UBOB|bob>', /^Only these may be timekeeper now: .*Bob/],
      ['/rotation', 'roles', /\*timekeeper\*: watches the clock · only .*Bob/],
      ['/rotation', 'schedule', /^Rotation pings go out Mondays at 09:00 \(UTC\); the next is /],
      ['/rotation', 'volunteer note-taker', /^Thank you: you're note-taker for the week of /],
      ['/rotation', 'volunteer cancel', /^Withdrawn: you're no longer volunteering as note-taker/],
      ['/rotation', 'swap <@UBOB|bob>', /Offered/], // an offer: Bob accepts below
    ];
    for (const [command, text, expected] of cases) {
      const reply = h.response((await h.command('UALICE', command, text)).responseUrl).body;
      expect(reply.response_type, `${command} ${text}`).toBe('ephemeral');
      expect(reply.text, `${command} ${text}`).toMatch(expected);
      expect(reply.text, `${command} ${text}`).not.toContain('⚠️');
    }
    expect(h.response((await h.command('UBOB', '/rotation', 'accept')).responseUrl).body.text).toMatch(/Swapped/);
    const { post, proposalId } = await propose('To be withdrawn');
    const n = /#(\d+)/.exec(post.body.text)![1]!;
    // After the swap Bob is this week's facilitator; Carol is neither author nor facilitator.
    const refused = h.response((await h.command('UCAROL', '/withdraw', n)).responseUrl).body.text as string;
    // Refused, saying who may: the author, a channel admin or a steward.
    expect(refused).toMatch(/^⚠️ /);
    for (const word of [`#${n}`, 'author', 'admin', 'steward', 'withdraw']) expect(refused).toContain(word);
    expect(h.store.proposals.get(proposalId)!.status).toBe('open');
    expect(h.response((await h.command('UALICE', '/withdraw', n)).responseUrl).body.text).toBe(`Proposal #${n} is withdrawn.`);
    expect(h.store.proposals.get(proposalId)!.status).toBe('withdrawn');
    const { post: other } = await propose('To be closed');
    const m = /#(\d+)/.exec(other.body.text)![1]!;
    // "yes" is read as agree, and the rest is the reason ("must be one of agree, …" would be a refusal).
    expect(h.response((await h.command('UBOB', '/vote', `${m} yes because it helps`)).responseUrl).body.text).toBe(
      `Your vote on #${m} is recorded: agree (“because it helps”).`,
    );
    expect(h.response((await h.command('UALICE', '/close', m)).responseUrl).body.text).toBe(`Proposal #${m} is closed: passed.`);
    await h.deliver();
    expect(h.posts().at(-1)!.body.text).toContain(`Proposal #${m} passed: To be closed`);
    // Last, as it moves the periods: a monthly schedule.
    expect(h.response((await h.command('UALICE', '/rotation', 'schedule last friday 17:00')).responseUrl).body.text).toMatch(
      /^Rotation pings now go out the last Friday of each month at 17:00 \(UTC\); the next is Fri /,
    );
    const bad = h.response((await h.command('UALICE', '/rotation', 'schedule every 2 weeks')).responseUrl).body;
    expect(bad.response_type).toBe('ephemeral');
    expect(bad.text).toMatch(/^⚠️ Name a weekday/);
    expect(bad.text).toContain('/rotation schedule [every');
  });

  it('settings change only for workspace admins and owners (users.info) or stewards', async () => {
    const say = async (who: Person, text: string) => h.response((await h.command(who, '/leaderful', text)).responseUrl).body.text as string;
    const refused = await say('UBOB', 'settings window 2d');
    expect(refused).toMatch(/^⚠️ /);
    for (const word of ['admins', 'stewards', 'settings']) expect(refused).toContain(word);
    expect(h.store.channels.find({ platform: 'slack', spaceId: TEAM, channelId: CHANNEL })?.settings.windowMinutes).not.toBe(2 * 24 * 60);
    expect(await say('UALICE', 'settings window 2d')).toContain('Settings saved'); // is_admin
    expect(await say('UERIN', 'settings window 3d')).toContain('Settings saved'); // is_owner
    // A steward named with a real mention (the command escapes mentions: <@U…|name>).
    expect(await say('UALICE', 'settings steward add <@UBOB|bob>')).toContain('Stewards: Bob');
    expect(await say('UBOB', 'settings window 4d')).toContain('Settings saved');
    expect(h.store.channels.find({ platform: 'slack', spaceId: TEAM, channelId: CHANNEL })!.settings.windowMinutes).toBe(4 * 24 * 60);
  });
});
