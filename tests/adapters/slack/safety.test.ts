// Issue #17 through the real Bolt app: forms re-validated on the server, admin rights re-checked,
// bounded user cache, vouched mentions, the data export, and the address HTTP mode really uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack } from '../../../adapters/slack/index';
import { ADMIN_TTL_MS, MAX_CACHED_USERS, UserDirectory } from '../../../adapters/slack/users';
import { ManualClock } from '../../../src/core/clock';
import type { Logger } from '../../../src/core/log';
import { Leaderful } from '../../../src/core/service';
import { Store } from '../../../src/store/store';
import { blockText, buttons, CHANNEL, SECRET, SlackHarness, START, TEAM, BOT_TOKEN } from './harness';

describe('Slack: issue #17', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await SlackHarness.start('socket');
  });
  afterAll(async () => {
    await h.close();
  });
  const say = async (who: 'UALICE' | 'UBOB' | 'UCAROL' | 'UDAVE', command: string, text: string) =>
    h.response((await h.command(who, command, text)).responseUrl).body;

  it('the reason form is checked on the server with the vote schema: an over-long reason is refused under its field and stores nothing', async () => {
    expect((await say('UALICE', '/propose', 'Forms are requests')).text).toMatch(/is posted/);
    await h.deliver();
    const post = h.posts().at(-1)!;
    const [, , , , reason] = buttons(post.body.blocks);
    await h.press('UBOB', h.store.outbox.message(`proposal:${Number(reason!.value)}`)!.platformMessageId, reason!);
    const open = h.api.last('views.open')!.body;
    const before = h.store.db.prepare('SELECT count(*) AS n FROM vote_history').get();
    const refused = await h.submit('UBOB', open.view, { stance: 'agree', reason: 'x'.repeat(501) });
    expect(refused.body).toEqual({ response_action: 'errors', errors: { reason: "A vote's reason can be at most 500 characters." } });
    expect(h.store.db.prepare('SELECT count(*) AS n FROM vote_history').get()).toEqual(before);
    // And the core checks it too, whichever adapter calls it.
    const direct = h.service.voteOn(
      { channel: { platform: 'slack', spaceId: TEAM, channelId: CHANNEL }, actor: { userId: 'UBOB', platformAdmin: false } },
      Number(reason!.value),
      'agree',
      'y'.repeat(501),
      'button',
    );
    expect(direct.ok).toBe(false);
    expect(h.store.db.prepare('SELECT count(*) AS n FROM vote_history').get()).toEqual(before);
  });

  it('admin rights are re-checked after a minute: a demoted admin loses them without a restart', async () => {
    expect((await say('UALICE', '/leaderful', 'settings window 2d')).text).toContain('Settings saved'); // is_admin
    h.api.users.set('UALICE', { name: 'alice', display_name: 'Alice' }); // an owner demotes her
    h.clock.advance(ADMIN_TTL_MS / 2);
    expect((await say('UALICE', '/leaderful', 'settings window 3d')).text).toContain('Settings saved'); // cached for up to a minute
    h.clock.advance(ADMIN_TTL_MS);
    expect((await say('UALICE', '/leaderful', 'settings window 4d')).text).toContain('Only channel admins or stewards can change settings');
    h.api.users.set('UALICE', { name: 'alice', display_name: 'Alice', is_admin: true });
    h.clock.advance(ADMIN_TTL_MS + 1);
  });

  it('a steward must be a real member: a mention users.info confirms is accepted (even before they used the bot), a made-up one is not', async () => {
    expect((await say('UALICE', '/leaderful', 'settings steward add <@UZZZFAKE>')).text).toContain("I haven't seen that member here");
    expect((await say('UALICE', '/leaderful', 'settings steward add <@UFRANK|frank>')).text).toContain('Stewards: Frank');
    expect((await say('UALICE', '/leaderful', 'settings steward remove <@UDAVE>')).text).toContain('@Dave is not a steward here, so nothing changed');
  });

  it('/leaderful export-me answers privately with the JSON in code blocks, escaped', async () => {
    await say('UBOB', '/vote', '1 agree <@UALICE> & `friends` said so');
    const reply = await say('UBOB', '/leaderful', 'export-me');
    expect(reply.response_type).toBe('ephemeral');
    const text = blockText(reply.blocks);
    expect(text).toMatch(/^```\{\n {2}"about": "Everything Leaderful stores about you on slack/m);
    expect(text).toContain('"reason": "&lt;@UALICE&gt; &amp; \\u0060friends\\u0060 said so"'); // no live mention, no closing fence
    const json = JSON.parse(
      text
        .split('\n')
        .filter((l) => !l.startsWith('*'))
        .join('\n')
        .match(/```([\s\S]*)```/)![1]!
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    );
    expect(json).toMatchObject({ platform: 'slack', userId: 'UBOB' });
  });
});

describe('Slack user cache', () => {
  it(`holds at most ${MAX_CACHED_USERS} users, least recently used out first`, async () => {
    let calls = 0;
    const client = {
      users: {
        info: async ({ user }: { user: string }) => {
          calls++;
          return { ok: true, user: { id: user, name: user, profile: { display_name: user } } };
        },
      },
    };
    const store = Store.open(':memory:');
    const dir = new UserDirectory(client as never, store.users, { info() {}, warn() {}, error() {} }, () => 0);
    for (let i = 0; i < MAX_CACHED_USERS + 1000; i++) await dir.get('T1', `U${i}`);
    expect(dir.size).toBe(MAX_CACHED_USERS);
    expect(dir.cached('T1', 'U0')).toBeUndefined(); // the oldest went
    expect(dir.cached('T1', `U${MAX_CACHED_USERS + 999}`)).toBeDefined();
    expect(calls).toBe(MAX_CACHED_USERS + 1000);
    store.close();
  });
});

describe('Slack HTTP mode', () => {
  it('logs the address it really listens on: all interfaces when HOST is unset', async () => {
    const h2 = await SlackHarness.start('http'); // for its fake Slack API
    const logs: { msg: string; data?: Record<string, unknown> }[] = [];
    const log: Logger = { info: (msg, data) => logs.push({ msg, ...(data ? { data } : {}) }), warn() {}, error() {} };
    const store = Store.open(':memory:');
    const clock = new ManualClock(START);
    const service = new Leaderful(store, clock, { log });
    const all = await startSlack({
      core: service,
      log,
      env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_MODE: 'http', PORT: '0', SLACK_API_URL: h2.api.url },
    });
    try {
      const line = logs.find((l) => l.msg === 'slack connected')!;
      expect(line.data).toMatchObject({
        mode: 'http',
        listening: expect.stringMatching(/^all interfaces \((\[::\]|0\.0\.0\.0)\), port \d+$/),
        path: '/slack/events',
      });
      // With HOST set, that address.
      expect(h2.logs.find((l) => l.msg === 'slack connected')!.data).toMatchObject({ listening: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
    } finally {
      await all.stop();
      store.close();
      await h2.close();
    }
  });
});
