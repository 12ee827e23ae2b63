// Runs the real adapter (real Bolt) against the fake Slack, in either mode, on a real core with a
// manual clock and an in-memory store. One transport interface for both modes, so the same
// scenarios run over signed HTTP requests and over a Socket Mode WebSocket.
import { startSlack, type SlackAdapter } from '../../../adapters/slack/index';
import { ManualClock } from '../../../src/core/clock';
import { Dispatcher } from '../../../src/core/delivery/dispatcher';
import type { Logger } from '../../../src/core/log';
import { Leaderful } from '../../../src/core/service';
import { Store } from '../../../src/store/store';
import { startFakeSlack, type FakeSlack, type RecordedCall } from './fake-slack';
import { formBody, interactionBody, postSigned } from './signed';

export type Mode = 'http' | 'socket';

// Shaped like real credentials, so that a test searching logs for them would find a leak.
export const SECRET = '5e3c0f1b8a2d4e6f9a0b1c2d3e4f5a6b';
export const BOT_TOKEN = 'xoxb-2718281828-3141592653589-Zq7RkWm2XyPvTn4LcB9dHs6J';
export const APP_TOKEN = 'xapp-1-A0123ABCDEF-6626070150123-9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa99887766554433221100';
export const TEAM = 'T1';
export const CHANNEL = 'C1';
/** Monday 2 March 2026, 10:00 UTC. */
export const START = Date.UTC(2026, 2, 2, 10, 0);

const PEOPLE = {
  UALICE: { name: 'alice', display_name: 'Alice', is_admin: true },
  UBOB: { name: 'bob', display_name: 'Bob' },
  UCAROL: { name: 'carol', real_name: 'Carol Jones' },
  UDAVE: { name: 'dave', display_name: 'Dave' },
  UERIN: { name: 'erin', display_name: 'Erin', is_owner: true },
  UFRANK: { name: 'frank', display_name: 'Frank' },
} as const;
export type Person = keyof typeof PEOPLE;

/** What the adapter answered: the HTTP status and body, or the Socket Mode ack's payload. */
export interface Ack {
  status?: number;
  body: any;
}

export interface CapturedLog {
  level: 'info' | 'warn' | 'error';
  msg: string;
  data?: Record<string, unknown>;
}

let seq = 0;

export class SlackHarness {
  slack!: SlackAdapter;

  private constructor(
    readonly logs: CapturedLog[],
    readonly log: Logger,
    readonly mode: Mode,
    readonly api: FakeSlack,
    readonly store: Store,
    readonly clock: ManualClock,
    readonly service: Leaderful,
    readonly dispatcher: Dispatcher,
  ) {}

  static async start(mode: Mode): Promise<SlackHarness> {
    const api = await startFakeSlack();
    for (const [id, u] of Object.entries(PEOPLE)) api.users.set(id, u);
    const logs: CapturedLog[] = [];
    const entry = (level: CapturedLog['level']) => (msg: string, data?: Record<string, unknown>) => void logs.push({ level, msg, ...(data ? { data } : {}) });
    const log: Logger = { info: entry('info'), warn: entry('warn'), error: entry('error') };
    const store = Store.open(':memory:');
    const clock = new ManualClock(START);
    const service = new Leaderful(store, clock, { log });
    const dispatcher = new Dispatcher(store, clock, service.render, { log });
    const h = new SlackHarness(logs, log, mode, api, store, clock, service, dispatcher);
    await h.startAdapter();
    return h;
  }

  env(): NodeJS.ProcessEnv {
    return this.mode === 'http'
      ? { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_MODE: 'http', PORT: '0', HOST: '127.0.0.1', SLACK_API_URL: this.api.url }
      : { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: this.api.url };
  }

  /** Starts (or restarts) the adapter on the same store, as `npm start` would after downtime. */
  async startAdapter(): Promise<SlackAdapter> {
    this.slack = await startSlack({ core: this.service, env: this.env(), log: this.log });
    this.dispatcher.register(this.slack);
    return this.slack;
  }

  async close(): Promise<void> {
    await this.slack.stop();
    await this.api.close();
    this.store.close();
  }

  // ---- sending, as Slack would ----

  private async http(body: string, contentType: string, headers: Record<string, string> = {}): Promise<Ack> {
    const r = await postSigned(this.slack.url!, SECRET, body, contentType, headers);
    return { status: r.status, body: r.text ? JSON.parse(r.text) : undefined };
  }

  /** Sends a slash command and waits for the ack; then (unless `settle` is false) for the work after it. */
  async command(user: Person, command: string, text: string, channel = CHANNEL, settle = true): Promise<{ ack: Ack; responseUrl: string; triggerId: string }> {
    const n = ++seq;
    const responseUrl = `/resp/cmd-${n}`;
    const triggerId = `trig-cmd-${n}`;
    const fields = {
      token: 'legacy',
      team_id: TEAM,
      team_domain: 'fake',
      channel_id: channel,
      channel_name: 'general',
      user_id: user,
      user_name: PEOPLE[user].name,
      command,
      text,
      api_app_id: 'A1',
      is_enterprise_install: 'false',
      response_url: `${this.api.origin}${responseUrl}`,
      trigger_id: triggerId,
    };
    const ack =
      this.mode === 'http'
        ? await this.http(formBody(fields), 'application/x-www-form-urlencoded')
        : { body: (await this.api.socket.send({ type: 'slash_commands', payload: fields })).payload };
    if (settle) await this.slack.idle();
    return { ack, responseUrl, triggerId };
  }

  /** The reply a command's response_url received. */
  response(path: string): RecordedCall {
    const c = this.api.last(`response_url:${path}`);
    if (!c) throw new Error(`nothing was posted to ${path}`);
    return c;
  }

  async event(event: Record<string, unknown>, opts: { eventId?: string; retryNum?: number } = {}): Promise<Ack & { eventId: string }> {
    const eventId = opts.eventId ?? `Ev${++seq}`;
    const envelope = {
      token: 'legacy',
      team_id: TEAM,
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: TEAM, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
      event,
    };
    let ack: Ack;
    if (this.mode === 'http') {
      const retry: Record<string, string> = opts.retryNum ? { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
      ack = await this.http(JSON.stringify(envelope), 'application/json', retry);
    } else {
      const retry = opts.retryNum ? { retry_attempt: opts.retryNum, retry_reason: 'timeout' } : {};
      ack = { body: (await this.api.socket.send({ type: 'events_api', payload: envelope, ...retry })).payload };
    }
    await this.slack.idle();
    return { ...ack, eventId };
  }

  reaction(
    added: boolean,
    user: string,
    reaction: string,
    ts: string,
    opts: { eventId?: string; retryNum?: number; itemUser?: string; itemType?: string } = {},
  ) {
    const item = opts.itemType && opts.itemType !== 'message' ? { type: opts.itemType, file: 'F1' } : { type: 'message', channel: CHANNEL, ts };
    return this.event(
      {
        type: added ? 'reaction_added' : 'reaction_removed',
        user,
        reaction,
        item_user: opts.itemUser ?? 'UBOT',
        item,
        event_ts: `${Math.floor(Date.now() / 1000)}.000300`,
      },
      opts,
    );
  }

  async interaction(payload: Record<string, unknown>): Promise<Ack> {
    const ack =
      this.mode === 'http'
        ? await this.http(interactionBody(payload), 'application/x-www-form-urlencoded')
        : { body: (await this.api.socket.send({ type: 'interactive', payload })).payload };
    await this.slack.idle();
    return ack;
  }

  /** Presses a button on a message the bot posted (the button as rendered, from the recorded blocks). */
  async press(user: Person, messageTs: string, button: { action_id: string; value: string; block_id: string }): Promise<{ ack: Ack; responseUrl: string }> {
    const n = ++seq;
    const responseUrl = `/resp/act-${n}`;
    const ack = await this.interaction({
      type: 'block_actions',
      token: 'legacy',
      api_app_id: 'A1',
      trigger_id: `trig-act-${n}`,
      team: { id: TEAM, domain: 'fake' },
      user: { id: user, username: PEOPLE[user].name, name: PEOPLE[user].name, team_id: TEAM },
      container: { type: 'message', message_ts: messageTs, channel_id: CHANNEL, is_ephemeral: false },
      channel: { id: CHANNEL, name: 'general' },
      message: { type: 'message', ts: messageTs, text: '' },
      response_url: `${this.api.origin}${responseUrl}`,
      actions: [{ type: 'button', ...button, text: { type: 'plain_text', text: 'x' }, action_ts: '1770000000.1' }],
    });
    return { ack, responseUrl };
  }

  /** Submits a modal the bot opened (the view as views.open received it) with these input values. */
  submit(user: Person, view: { callback_id: string; private_metadata: string }, values: Record<string, string | string[]>): Promise<Ack> {
    const n = ++seq;
    const state: Record<string, Record<string, unknown>> = {};
    for (const [block, value] of Object.entries(values)) {
      if (Array.isArray(value)) {
        // A multi-select (a poll's options).
        state[block] = { value: { type: 'multi_static_select', selected_options: value.map((v) => ({ text: { type: 'plain_text', text: v }, value: v })) } };
        continue;
      }
      state[block] = {
        value:
          block === 'rule' || block === 'stance' || block === 'ballot'
            ? { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } }
            : { type: 'plain_text_input', value },
      };
    }
    return this.interaction({
      type: 'view_submission',
      token: 'legacy',
      api_app_id: 'A1',
      trigger_id: `trig-view-${n}`,
      team: { id: TEAM, domain: 'fake' },
      user: { id: user, name: PEOPLE[user].name, team_id: TEAM },
      view: {
        id: `V${n}`,
        team_id: TEAM,
        type: 'modal',
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: { values: state },
        hash: 'h',
        title: { type: 'plain_text', text: 't' },
        close: null,
        submit: null,
        app_id: 'A1',
        bot_id: 'BBOT',
        blocks: [],
        root_view_id: null,
        previous_view_id: null,
        clear_on_close: false,
        notify_on_close: false,
      },
    });
  }

  // ---- time and delivery ----

  /**
   * Delivers the outbox as the running dispatcher would, letting manual time pass for edits held
   * back by the edit interval (never more than 10 s at a time).
   */
  async deliver(): Promise<void> {
    await this.slack.idle();
    for (let i = 0; i < 50; i++) {
      await this.dispatcher.drain();
      const next = this.store.outbox.nextDueAt();
      if (next === null || next - this.clock.now() > 10_000) break;
      if (next > this.clock.now()) this.clock.set(next);
    }
    await this.slack.idle();
  }

  /** Moves the clock to `at`, running every job that falls due on the way, in order, and delivering. */
  async advanceTo(at: number): Promise<void> {
    for (;;) {
      const next = this.service.nextDueAt();
      if (next === null || next > at) break;
      this.clock.set(Math.max(next, this.clock.now()));
      this.service.runDue();
      await this.deliver();
    }
    this.clock.set(Math.max(at, this.clock.now()));
    this.service.runDue();
    await this.deliver();
  }

  // ---- reading what Slack received ----

  posts(): RecordedCall[] {
    return this.api.ok('chat.postMessage');
  }

  updates(ts?: string): RecordedCall[] {
    return this.api.ok('chat.update').filter((c) => ts === undefined || c.body.ts === ts);
  }
}

/** All mrkdwn/plain text in a message's blocks, for "does it say X" checks. */
export function blockText(blocks: any[]): string {
  const out: string[] = [];
  const visit = (v: unknown) => {
    if (typeof v === 'string') return;
    if (Array.isArray(v)) return v.forEach(visit);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(visit);
    }
  };
  visit(blocks);
  return out.join('\n');
}

/** The tally section's row for a stance, e.g. ":+1: Agree  `██████████`  *1*". */
export function tallyRow(blocks: any[], label: string): string | undefined {
  return blockText(blocks)
    .split('\n')
    .find((l) => l.includes(` ${label}  \``));
}

export function buttons(blocks: any[]): { action_id: string; value: string; block_id: string; text: string; style?: string }[] {
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) =>
      b.elements.map((e: any) => ({ action_id: e.action_id, value: e.value, block_id: b.block_id, text: e.text.text, ...(e.style ? { style: e.style } : {}) })),
    );
}
