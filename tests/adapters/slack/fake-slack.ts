// A fake Slack for the adapter's tests, on 127.0.0.1 only: the Web API (records every call, answers
// like Slack, can be told to fail), response_url sinks, and a Socket Mode WebSocket server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedCall {
  /** Web API method such as "chat.postMessage", or "response_url:/resp/3". */
  method: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, any>;
  /** The HTTP status the fake answered with. */
  status: number;
  /** Whether the fake answered 200 with ok:true. */
  ok: boolean;
}

interface FakeUser {
  name: string;
  display_name?: string;
  real_name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
}

type Answer = { status?: number; headers?: Record<string, string>; body?: Record<string, unknown> };

export interface FakeSlack {
  /** Base for SLACK_API_URL, ending in /api/. */
  url: string;
  origin: string;
  calls: RecordedCall[];
  /** Calls of one method that Slack answered with 200 ok:true. */
  ok(method: string): RecordedCall[];
  last(method: string): RecordedCall | undefined;
  /** Answers the next call of `method` with this instead (queued, one per call). */
  failNext(method: string, answer: Answer): void;
  /** Resolves with the first call (recorded or to come) that matches. */
  waitFor(match: (c: RecordedCall) => boolean): Promise<RecordedCall>;
  /** Holds every answer to `method` until the returned release() is called. */
  hold(method: string): () => void;
  users: Map<string, FakeUser>;
  /** reactions.get answers, by "channel:ts". */
  reactions: Map<string, { name: string; users: string[] }[]>;
  socket: FakeSocketMode;
  close(): Promise<void>;
}

interface SocketAck {
  envelope_id: string;
  payload?: Record<string, any>;
}

interface FakeSocketMode {
  /** How many times a client has connected. */
  connections: number;
  /** Every ack the client sent, in order (an unacked envelope is one Slack would send again). */
  acks: SocketAck[];
  /** Sends an envelope to the connected client and resolves with its ack. */
  send(envelope: { type: string; payload: unknown; retry_attempt?: number; retry_reason?: string }): Promise<SocketAck>;
}

function parseBody(raw: string, contentType = ''): Record<string, unknown> {
  if (contentType.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // @slack/web-api JSON-encodes nested arguments (blocks, view, …).
    try {
      out[k] = v.startsWith('[') || v.startsWith('{') ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const overrides = new Map<string, Answer[]>();
  const held = new Map<string, Promise<void>>();
  const watchers = new Set<(c: RecordedCall) => void>();
  const users = new Map<string, FakeUser>();
  const reactions = new Map<string, { name: string; users: string[] }[]>();
  let ts = 1_770_000_000;
  let envelopes = 0;

  // --- Socket Mode: apps.connections.open hands out this server's URL ---
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=t`;
  let sock: WebSocket | undefined;
  const ackWaiters = new Map<string, (a: SocketAck) => void>();
  const socket: FakeSocketMode = {
    connections: 0,
    acks: [],
    send(envelope) {
      if (!sock) return Promise.reject(new Error('no Socket Mode client connected'));
      const envelope_id = `env-${++envelopes}`;
      const p = new Promise<SocketAck>((resolve) => ackWaiters.set(envelope_id, resolve));
      sock.send(JSON.stringify({ envelope_id, accepts_response_payload: envelope.type !== 'events_api', ...envelope }));
      return p;
    },
  };
  wss.on('connection', (s) => {
    sock = s;
    socket.connections++;
    s.on('message', (d) => {
      const m = JSON.parse(String(d)) as SocketAck;
      socket.acks.push(m);
      ackWaiters.get(m.envelope_id)?.(m);
      ackWaiters.delete(m.envelope_id);
    });
    // Slack pings its clients; the client drops a link that stays silent for 30 s.
    const ping = setInterval(() => s.ping(), 5000);
    s.on('close', () => clearInterval(ping));
    s.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A1' } }));
  });

  const defaults: Record<string, (b: Record<string, any>) => Record<string, unknown>> = {
    'auth.test': () => ({ ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'leaderful', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' }),
    'apps.connections.open': () => ({ ok: true, url: wsUrl }),
    'chat.postMessage': (b) => {
      const id = `${++ts}.000100`;
      return { ok: true, channel: b.channel, ts: id, message: { text: b.text, ts: id } };
    },
    'chat.update': (b) => ({ ok: true, channel: b.channel, ts: b.ts, text: b.text }),
    'chat.postEphemeral': () => ({ ok: true, message_ts: `${++ts}.000200` }),
    'views.open': (b) => ({ ok: true, view: { id: `V${++ts}`, ...b.view } }),
    'users.info': (b) => {
      const u = users.get(b.user);
      if (!u) return { ok: false, error: 'user_not_found' };
      return {
        ok: true,
        user: {
          id: b.user,
          name: u.name,
          real_name: u.real_name ?? u.name,
          is_admin: !!u.is_admin,
          is_owner: !!u.is_owner,
          profile: { display_name: u.display_name ?? '', real_name: u.real_name ?? u.name },
        },
      };
    },
    'reactions.get': (b) => {
      const list = reactions.get(`${b.channel}:${b.timestamp}`);
      if (!list) return { ok: false, error: 'message_not_found' };
      return {
        ok: true,
        type: 'message',
        channel: b.channel,
        message: { type: 'message', ts: b.timestamp, reactions: list.map((r) => ({ ...r, count: r.users.length })) },
      };
    },
  };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', async () => {
      const path = (req.url ?? '').split('?')[0]!;
      const isApi = path.startsWith('/api/');
      const method = isApi ? path.slice('/api/'.length) : `response_url:${path}`;
      const body = parseBody(raw, req.headers['content-type']);
      await held.get(method);
      const queued = overrides.get(method)?.shift();
      let status = 200;
      let headers: Record<string, string> = {};
      let payload: Record<string, unknown>;
      if (queued) {
        status = queued.status ?? 200;
        headers = queued.headers ?? {};
        payload = queued.body ?? { ok: false, error: 'ratelimited' };
      } else {
        payload = defaults[method]?.(body) ?? { ok: true };
      }
      const call = { method, headers: req.headers, body, status, ok: status === 200 && payload.ok !== false };
      calls.push(call);
      for (const w of watchers) w(call);
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/api/`,
    origin,
    calls,
    ok: (method) => calls.filter((c) => c.method === method && c.ok),
    last: (method) => calls.filter((c) => c.method === method).at(-1),
    failNext(method, answer) {
      overrides.set(method, [...(overrides.get(method) ?? []), answer]);
    },
    waitFor(match) {
      const found = calls.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => {
        const w = (c: RecordedCall) => {
          if (!match(c)) return;
          watchers.delete(w);
          resolve(c);
        };
        watchers.add(w);
      });
    },
    hold(method) {
      let release!: () => void;
      held.set(method, new Promise<void>((r) => (release = r)));
      return () => {
        held.delete(method);
        release();
      };
    },
    users,
    reactions,
    socket,
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
