import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The platform side of the Slack benchmark: a minimal Slack Web API on 127.0.0.1 that answers the
 * calls the adapter makes (auth.test, users.info, chat.*, reactions.get) and the response_url
 * replies, counting them. It stands where slack.com would be; it is not in the measured path
 * (which is: signed request in, ack out).
 */
export interface FakeSlackApi {
  /** Base for SLACK_API_URL. */
  url: string;
  origin: string;
  counts: Map<string, number>;
  close(): Promise<void>;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const counts = new Map<string, number>();
  let ts = 1_770_000_000;
  const answer = (method: string, body: URLSearchParams | Record<string, unknown>): Record<string, unknown> => {
    const get = (k: string) => (body instanceof URLSearchParams ? body.get(k) : (body[k] as string | undefined)) ?? undefined;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://bench.slack.com/', team: 'Bench', user: 'leaderful', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' };
      case 'chat.postMessage': {
        const id = `${++ts}.000100`;
        return { ok: true, channel: get('channel'), ts: id, message: { ts: id } };
      }
      case 'chat.update':
        return { ok: true, channel: get('channel'), ts: get('ts') };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${++ts}.000200` };
      case 'users.info': {
        const id = get('user') ?? 'U0';
        return {
          ok: true,
          user: {
            id,
            name: id.toLowerCase(),
            real_name: `Member ${id}`,
            is_admin: false,
            is_owner: false,
            profile: { display_name: `member-${id}`, real_name: `Member ${id}` },
          },
        };
      }
      case 'reactions.get':
        return { ok: true, type: 'message', channel: get('channel'), message: { type: 'message', ts: get('timestamp'), reactions: [] } };
      default:
        return { ok: true };
    }
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      const method = path.startsWith('/api/') ? path.slice(5) : 'response_url';
      counts.set(method, (counts.get(method) ?? 0) + 1);
      const body = (req.headers['content-type'] ?? '').includes('json') && raw ? (JSON.parse(raw) as Record<string, unknown>) : new URLSearchParams(raw);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer(method, body)));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/api/`,
    origin,
    counts,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
