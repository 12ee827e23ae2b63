// A fake Discord for the adapter's tests: REST (http) and gateway (ws) on one 127.0.0.1 port.
// discord.js is pointed at it with `rest: { api: fake.restApi }`; GET /gateway/bot sends it on to
// the gateway. Every REST call is recorded so tests can assert on what the bot sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type APIApplicationCommand,
  type APIMessage,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  PermissionFlagsBits,
} from 'discord.js';
import { type WebSocket, WebSocketServer } from 'ws';

export const BOT: APIUser = { id: '900000000000000001', username: 'leaderful', discriminator: '0', global_name: null, avatar: null, bot: true };
export const APP_ID = BOT.id;
export const GUILD_ID = '900000000000000010';
export const CHANNEL_ID = '900000000000000020';
/** A channel the guild has but the bot may not post in (403 Missing Access). */
export const FORBIDDEN_CHANNEL_ID = '900000000000000021';
/** A channel that does not exist (404 Unknown Channel), e.g. deleted after the proposal. */
export const MISSING_CHANNEL_ID = '900000000000000029';
/** Shaped like a real bot token (id in base64, timestamp, HMAC), so a leak in a log would be found. */
export const TOKEN = 'MTA5ODc2NTQzMjEwOTg3NjU0.Gx7Yz2.Kq9vR4tW1mN8pL3sD6fH0jC5bV2xZ7aE4gU1iO';

const MEMBER_PERMISSIONS = (
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands
).toString();
const ADMIN_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | PermissionFlagsBits.ManageGuild).toString();

export function makeUser(n: number, name: string): APIUser {
  return { id: String(900000000000001000n + BigInt(n)), username: name, discriminator: '0', global_name: name[0]!.toUpperCase() + name.slice(1), avatar: null };
}

const now = () => new Date().toISOString();
const memberOf = (user: APIUser, permissions?: string) => ({
  user,
  roles: [],
  joined_at: now(),
  deaf: false,
  mute: false,
  flags: 0,
  ...(permissions ? { permissions } : {}),
});

export interface RestCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: any;
  status: number;
}

interface StoredMessage {
  message: APIMessage;
  nonce?: string;
  /** emoji -> reaction type (0 normal, 1 super) -> user ids */
  reactions: Map<string, Map<number, Set<string>>>;
}

interface RateLimitRule {
  match: (c: RestCall) => boolean;
  retryAfterSec: number;
  times: number;
}

export interface SentInteraction {
  id: string;
  token: string;
}

export class FakeDiscord {
  readonly calls: RestCall[] = [];
  /** Frames the bot sent on the gateway (op 1 heartbeats, op 2 identify, …). */
  readonly frames: any[] = [];
  readonly messages = new Map<string, StoredMessage>();
  readonly users = new Map<string, APIUser>([[BOT.id, BOT]]);
  readonly registered = { global: [] as APIApplicationCommand[], guild: new Map<string, APIApplicationCommand[]>() };
  readonly invalidTokens = new Set<string>();
  /** Direct message channels the bot opened, by user id. */
  readonly dmChannels = new Map<string, string>();
  private readonly rateLimits: RateLimitRule[] = [];
  private readonly faults: { match: (c: RestCall) => boolean; status: number; times: number }[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly listeners = new Set<() => void>();
  private nextId = 950000000000000000n;
  private seq = 0;

  private constructor(
    private readonly server: http.Server,
    private readonly wss: WebSocketServer,
    private readonly heartbeatInterval: number,
  ) {}

  static async start(opts: { heartbeatInterval?: number } = {}): Promise<FakeDiscord> {
    const server = http.createServer();
    const wss = new WebSocketServer({ server });
    const fake = new FakeDiscord(server, wss, opts.heartbeatInterval ?? 41250);
    server.on('request', (req, res) => fake.onRequest(req, res));
    wss.on('connection', (ws) => fake.onConnection(ws));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get restApi(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  snowflake(): string {
    return String(++this.nextId);
  }

  // ---------------------------------------------------------------- waiting

  /** The first call at index >= from matching pred, now or when it arrives. */
  waitFor(pred: (c: RestCall) => boolean, from = 0, what = 'a REST call'): Promise<RestCall> {
    return this.until(() => this.calls.slice(from).find(pred), what);
  }

  /** Resolves when check() returns something (re-checked on every REST call and gateway frame). */
  until<T>(check: () => T | undefined | false, what: string, timeoutMs = 8000): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const v = check();
        if (v === undefined || v === false) return;
        this.listeners.delete(attempt);
        clearTimeout(timer);
        resolve(v);
      };
      // A guard against hanging forever, not a timing assertion.
      const timer = setTimeout(() => {
        this.listeners.delete(attempt);
        reject(new Error(`fake discord: gave up waiting for ${what}`));
      }, timeoutMs);
      this.listeners.add(attempt);
      attempt();
    });
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }

  mark(): number {
    return this.calls.length;
  }

  callsTo(method: string, path: RegExp | string, from = 0): RestCall[] {
    return this.calls.slice(from).filter((c) => c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path)));
  }

  // ---------------------------------------------------------------- REST

  /** The next `times` calls matching `match` are answered with a server error (5xx). */
  serverError(match: (c: RestCall) => boolean, status = 500, times = 1): void {
    this.faults.push({ match, status, times });
  }

  /** The next `times` calls matching `match` are answered 429 with Retry-After. */
  rateLimit(match: (c: RestCall) => boolean, retryAfterSec: number, times = 1): void {
    this.rateLimits.push({ match, retryAfterSec, times });
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const call: RestCall = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        headers: req.headers,
        body,
        status: 0,
      };
      const reply = (status: number, data?: unknown, headers: Record<string, string> = {}) => {
        call.status = status;
        this.calls.push(call);
        res.writeHead(status, data === undefined ? headers : { 'content-type': 'application/json', ...headers });
        res.end(data === undefined ? undefined : JSON.stringify(data));
        this.changed();
      };
      const rule = this.rateLimits.find((r) => r.times > 0 && r.match(call));
      if (rule) {
        rule.times--;
        return reply(
          429,
          { message: 'You are being rate limited.', retry_after: rule.retryAfterSec, global: false },
          { 'retry-after': String(rule.retryAfterSec), 'x-ratelimit-scope': 'user' },
        );
      }
      const fault = this.faults.find((f) => f.times > 0 && f.match(call));
      if (fault) {
        fault.times--;
        return reply(fault.status, { message: 'Internal Server Error', code: 0 });
      }
      try {
        const [status, data] = this.route(call);
        reply(status, data);
      } catch (e) {
        reply(500, { message: String(e), code: 0 });
      }
    });
  }

  private route(c: RestCall): [number, unknown] {
    const p = c.path.replace(/^\/api\/v10/, '');
    const m = (re: RegExp) => re.exec(p);
    const authed = c.headers.authorization?.startsWith('Bot ') && !this.invalidTokens.has(c.headers.authorization.slice(4));
    let r: RegExpExecArray | null;

    // Interaction callbacks and webhooks are authorised by their token, not the bot's.
    if (c.method === 'POST' && (r = m(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) return [204, undefined];
    if (c.method === 'PATCH' && (r = m(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/))) return [200, this.replyMessage(c.body)];
    if (c.method === 'POST' && (r = m(/^\/webhooks\/(\d+)\/([^/]+)$/))) return [200, this.replyMessage(c.body)];

    if (!authed) return [401, { message: '401: Unauthorized', code: 0 }];

    if (c.method === 'GET' && p === '/gateway/bot') {
      return [
        200,
        { url: `ws://127.0.0.1:${this.port}`, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } },
      ];
    }
    if (c.method === 'PUT' && (r = m(/^\/applications\/(\d+)\/commands$/))) {
      this.registered.global = this.withIds(c.body, r[1]!);
      return [200, this.registered.global];
    }
    if (c.method === 'PUT' && (r = m(/^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/))) {
      const list = this.withIds(c.body, r[1]!, r[2]!);
      this.registered.guild.set(r[2]!, list);
      return [200, list];
    }
    if ((r = m(/^\/channels\/(\d+)\//))) {
      const channelId = r[1]!;
      if (channelId === MISSING_CHANNEL_ID) return [404, { message: 'Unknown Channel', code: 10003 }];
      if (channelId === FORBIDDEN_CHANNEL_ID) return [403, { message: 'Missing Access', code: 50001 }];
    }
    if (c.method === 'POST' && (r = m(/^\/channels\/(\d+)\/messages$/))) return [200, this.createMessage(r[1]!, c.body)];
    if (c.method === 'POST' && p === '/users/@me/channels') {
      // A direct message channel with the user (the same one each time).
      const id = this.dmChannels.get(c.body.recipient_id) ?? this.snowflake();
      this.dmChannels.set(c.body.recipient_id, id);
      return [200, { id, type: 1, recipients: [this.users.get(c.body.recipient_id)] }];
    }
    if ((r = m(/^\/channels\/(\d+)\/messages\/(\d+)(\/.*)?$/))) {
      const stored = this.messages.get(r[2]!);
      if (!stored || stored.message.channel_id !== r[1]) return [404, { message: 'Unknown Message', code: 10008 }];
      const rest = r[3] ?? '';
      if (c.method === 'GET' && rest === '') return [200, this.withReactions(stored)];
      if (c.method === 'PATCH' && rest === '') {
        const msg = stored.message;
        if (c.body.content !== undefined) msg.content = c.body.content;
        if (c.body.embeds !== undefined) msg.embeds = c.body.embeds;
        if (c.body.components !== undefined) msg.components = c.body.components;
        msg.edited_timestamp = now();
        return [200, this.withReactions(stored)];
      }
      let rr: RegExpExecArray | null;
      if (c.method === 'PUT' && (rr = /^\/reactions\/([^/]+)\/@me$/.exec(rest))) {
        this.react(BOT.id, stored.message.id, rr[1]!);
        return [204, undefined];
      }
      if (c.method === 'DELETE' && (rr = /^\/reactions\/([^/]+)\/(\d+)$/.exec(rest))) {
        // Removing someone else's reaction (Manage Messages); Discord tells the bot on the gateway.
        this.react(rr[2]!, stored.message.id, rr[1]!, { remove: true });
        return [204, undefined];
      }
      if (c.method === 'GET' && (rr = /^\/reactions\/([^/]+)$/.exec(rest))) {
        const type = Number(c.query.get('type') ?? 0);
        const after = BigInt(c.query.get('after') ?? 0);
        const limit = Number(c.query.get('limit') ?? 25);
        const ids = [...(stored.reactions.get(rr[1]!)?.get(type) ?? [])].map(BigInt).filter((id) => id > after);
        ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        return [200, ids.slice(0, limit).map((id) => this.users.get(String(id))!)];
      }
    }
    return [404, { message: `Unknown route (fake): ${c.method} ${p}`, code: 0 }];
  }

  private withIds(body: any[], appId: string, guildId?: string): APIApplicationCommand[] {
    return body.map((cmd) => ({
      ...cmd,
      id: this.snowflake(),
      application_id: appId,
      version: '1',
      default_member_permissions: null,
      type: ApplicationCommandType.ChatInput,
      ...(guildId ? { guild_id: guildId } : {}),
    }));
  }

  private baseMessage(channelId: string, body: any): APIMessage {
    return {
      id: this.snowflake(),
      channel_id: channelId,
      author: BOT,
      content: body?.content ?? '',
      timestamp: now(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      pinned: false,
      type: 0,
      flags: body?.flags ?? 0,
    };
  }

  private createMessage(channelId: string, body: any): APIMessage {
    if (body?.enforce_nonce && body.nonce !== undefined) {
      // Discord returns the earlier message when the same author re-sends a nonce.
      for (const s of this.messages.values()) if (s.message.channel_id === channelId && s.nonce === body.nonce) return s.message;
    }
    const message = this.baseMessage(channelId, body);
    this.messages.set(message.id, { message, nonce: body?.nonce, reactions: new Map() });
    return message;
  }

  private replyMessage(body: any): APIMessage {
    return this.baseMessage(CHANNEL_ID, { ...body, flags: 64 });
  }

  private withReactions(s: StoredMessage): APIMessage {
    const reactions = [...s.reactions.entries()]
      .map(([emoji, byType]) => {
        const normal = byType.get(0)?.size ?? 0;
        const burst = byType.get(1)?.size ?? 0;
        return {
          emoji: { id: null, name: emoji },
          count: normal + burst,
          count_details: { normal, burst },
          me: byType.get(0)?.has(BOT.id) ?? false,
          me_burst: false,
          burst_colors: [],
        };
      })
      .filter((r) => r.count > 0);
    return { ...s.message, ...(reactions.length ? { reactions } : {}) };
  }

  // ---------------------------------------------------------------- what users do

  /** Seeds a message as if the bot had posted it (e.g. before these tests' bot existed). */
  seedMessage(channelId: string): APIMessage {
    return this.createMessage(channelId, { content: '' });
  }

  /**
   * A user adds (or removes) a reaction. `silent`: only the state changes, as when the bot was
   * offline; otherwise the gateway tells the bot.
   */
  react(userId: string, messageId: string, emoji: string, opts: { remove?: boolean; silent?: boolean; type?: 0 | 1 } = {}): void {
    const stored = this.messages.get(messageId);
    if (!stored) throw new Error(`fake discord: no message ${messageId}`);
    const type = opts.type ?? 0;
    const byType = stored.reactions.get(emoji) ?? new Map<number, Set<string>>();
    stored.reactions.set(emoji, byType);
    const set = byType.get(type) ?? new Set<string>();
    byType.set(type, set);
    if (opts.remove) set.delete(userId);
    else set.add(userId);
    if (opts.silent) return;
    const user = this.users.get(userId)!;
    const common = {
      user_id: userId,
      channel_id: stored.message.channel_id,
      message_id: messageId,
      guild_id: GUILD_ID,
      emoji: { id: null, name: emoji },
      burst: type === 1,
      type,
    };
    // Like Discord: an add carries the member and the message's author; a remove carries neither.
    if (opts.remove) this.dispatch('MESSAGE_REACTION_REMOVE', common);
    else this.dispatch('MESSAGE_REACTION_ADD', { ...common, member: memberOf(user), message_author_id: BOT.id, burst_colors: [] });
  }

  /** A moderator removes every reaction of a message, or all reactions of one emoji. */
  clearReactions(messageId: string, emoji?: string): void {
    const stored = this.messages.get(messageId)!;
    const common = { channel_id: stored.message.channel_id, message_id: messageId, guild_id: GUILD_ID };
    if (emoji === undefined) {
      stored.reactions.clear();
      this.dispatch('MESSAGE_REACTION_REMOVE_ALL', common);
    } else {
      stored.reactions.delete(emoji);
      this.dispatch('MESSAGE_REACTION_REMOVE_EMOJI', { ...common, emoji: { id: null, name: emoji } });
    }
  }

  addUser(user: APIUser): APIUser {
    this.users.set(user.id, user);
    return user;
  }

  private interactionBase(type: InteractionType, user: APIUser, opts: { admin?: boolean; channelId?: string } = {}) {
    this.addUser(user);
    const id = this.snowflake();
    const channelId = opts.channelId ?? CHANNEL_ID;
    return {
      id,
      application_id: APP_ID,
      type,
      token: `itoken-${id}`,
      version: 1,
      guild_id: GUILD_ID,
      guild: { id: GUILD_ID, locale: 'en-US', features: [] },
      channel_id: channelId,
      channel: { id: channelId, type: 0, name: channelId === CHANNEL_ID ? 'general' : 'other', guild_id: GUILD_ID },
      member: memberOf(user, opts.admin ? ADMIN_PERMISSIONS : MEMBER_PERMISSIONS),
      app_permissions: '274878000192',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { 0: GUILD_ID },
      context: 0,
    };
  }

  /** Sends an INTERACTION_CREATE as-is (e.g. twice, for a redelivery). */
  sendInteraction(payload: { id: string; token: string; [field: string]: unknown }): SentInteraction {
    this.dispatch('INTERACTION_CREATE', payload);
    return { id: payload.id, token: payload.token };
  }

  /** A slash command. Options in the API's shape; user options are resolved like Discord does. */
  commandPayload(name: string, options: any[], user: APIUser, opts: { admin?: boolean; channelId?: string } = {}) {
    const userIds =
      JSON.stringify(options)
        .match(/"type":6,"value":"(\d+)"/g)
        ?.map((s) => /"(\d+)"$/.exec(s)![1]!) ?? [];
    const resolvedUsers = Object.fromEntries(userIds.map((id) => [id, this.users.get(id) ?? makeUser(0, 'someone')]));
    return {
      ...this.interactionBase(InteractionType.ApplicationCommand, user, opts),
      data: {
        id: '960000000000000000',
        name,
        type: ApplicationCommandType.ChatInput,
        guild_id: GUILD_ID,
        options,
        ...(userIds.length
          ? {
              resolved: {
                users: resolvedUsers,
                members: Object.fromEntries(userIds.map((id) => [id, { roles: [], joined_at: now(), permissions: MEMBER_PERMISSIONS, flags: 0 }])),
              },
            }
          : {}),
      },
    };
  }

  command(name: string, options: any[], user: APIUser, opts: { admin?: boolean; channelId?: string } = {}): SentInteraction {
    return this.sendInteraction(this.commandPayload(name, options, user, opts));
  }

  autocomplete(name: string, options: any[], user: APIUser): SentInteraction {
    return this.sendInteraction({
      ...this.interactionBase(InteractionType.ApplicationCommandAutocomplete, user),
      data: { id: '960000000000000000', name, type: ApplicationCommandType.ChatInput, guild_id: GUILD_ID, options },
    });
  }

  /** A click on a button of one of the bot's messages. */
  click(messageId: string, customId: string, user: APIUser): SentInteraction {
    const stored = this.messages.get(messageId);
    if (!stored) throw new Error(`fake discord: no message ${messageId}`);
    return this.sendInteraction({
      ...this.interactionBase(InteractionType.MessageComponent, user),
      message: stored.message,
      data: { custom_id: customId, component_type: ComponentType.Button },
    });
  }

  /** Submits a modal: `values` maps each field's custom_id to a text value or select values. */
  submitModal(customId: string, values: Record<string, string | string[]>, user: APIUser): SentInteraction {
    let n = 0;
    const components = Object.entries(values).map(([id, v]) => ({
      type: ComponentType.Label,
      id: ++n,
      component: Array.isArray(v)
        ? { type: ComponentType.StringSelect, id: ++n, custom_id: id, values: v }
        : { type: ComponentType.TextInput, id: ++n, custom_id: id, value: v },
    }));
    return this.sendInteraction({ ...this.interactionBase(InteractionType.ModalSubmit, user), data: { custom_id: customId, components } });
  }

  /** The bot's answer to an interaction: its callback (reply, defer, modal, autocomplete). */
  callback(i: SentInteraction): Promise<RestCall> {
    return this.waitFor((c) => c.method === 'POST' && c.path === `/api/v10/interactions/${i.id}/${i.token}/callback`, 0, `the callback of interaction ${i.id}`);
  }

  // ---------------------------------------------------------------- gateway

  dispatch(t: string, d: unknown): void {
    const frame = JSON.stringify({ op: 0, t, s: ++this.seq, d });
    for (const ws of this.sockets) ws.send(frame);
  }

  private onConnection(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    const send = (frame: object) => ws.send(JSON.stringify(frame));
    send({ op: 10, s: null, t: null, d: { heartbeat_interval: this.heartbeatInterval } });
    ws.on('message', (data) => {
      const f = JSON.parse(String(data));
      this.frames.push(f);
      if (f.op === 1) send({ op: 11, s: null, t: null, d: null });
      if (f.op === 2) {
        if (this.invalidTokens.has(f.d.token)) return ws.close(4004, 'Authentication failed.');
        send({
          op: 0,
          t: 'READY',
          s: ++this.seq,
          d: {
            v: 10,
            user: BOT,
            session_id: `session-${this.seq}`,
            resume_gateway_url: `ws://127.0.0.1:${this.port}`,
            guilds: [{ id: GUILD_ID, unavailable: true }],
            shard: [0, 1],
            application: { id: APP_ID, flags: 0 },
          },
        });
        send({
          op: 0,
          t: 'GUILD_CREATE',
          s: ++this.seq,
          d: {
            id: GUILD_ID,
            name: 'Test Guild',
            icon: null,
            owner_id: '900000000000000099',
            unavailable: false,
            large: false,
            member_count: 3,
            joined_at: now(),
            features: [],
            emojis: [],
            stickers: [],
            threads: [],
            presences: [],
            voice_states: [],
            stage_instances: [],
            guild_scheduled_events: [],
            roles: [
              {
                id: GUILD_ID,
                name: '@everyone',
                permissions: MEMBER_PERMISSIONS,
                position: 0,
                color: 0,
                hoist: false,
                managed: false,
                mentionable: false,
                flags: 0,
              },
            ],
            members: [memberOf(BOT)],
            channels: [
              { id: CHANNEL_ID, type: 0, name: 'general', position: 0, permission_overwrites: [], guild_id: GUILD_ID },
              { id: FORBIDDEN_CHANNEL_ID, type: 0, name: 'locked', position: 1, permission_overwrites: [], guild_id: GUILD_ID },
            ],
          },
        });
      }
      this.changed();
    });
  }

  /** Ends the bot's gateway session without the right to resume (op 9): it must identify anew. */
  invalidateSession(): void {
    for (const ws of this.sockets) ws.send(JSON.stringify({ op: 9, s: null, t: null, d: false }));
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((r) => this.wss.close(() => r()));
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** Options in the API's shape, for readable tests. */
export const opt = {
  string: (name: string, value: string, focused = false) => ({ name, type: ApplicationCommandOptionType.String, value, ...(focused ? { focused } : {}) }),
  integer: (name: string, value: number | string, focused = false) => ({
    name,
    type: ApplicationCommandOptionType.Integer,
    value,
    ...(focused ? { focused } : {}),
  }),
  user: (name: string, id: string) => ({ name, type: ApplicationCommandOptionType.User, value: id }),
  boolean: (name: string, value: boolean) => ({ name, type: ApplicationCommandOptionType.Boolean, value }),
  sub: (name: string, options: any[] = []) => ({ name, type: ApplicationCommandOptionType.Subcommand, options }),
};
