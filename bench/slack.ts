import { createHmac } from 'node:crypto';
import http from 'node:http';
import { startSlack } from '../adapters/slack/index';
import { systemClock } from '../src/core/clock';
import { Dispatcher } from '../src/core/delivery/dispatcher';
import { silentLogger } from '../src/core/log';
import { Leaderful, type RequestContext } from '../src/core/service';
import { Store } from '../src/store/store';
import { startFakeSlackApi } from './fake-slack-api';
import { figure, type Figure, quantile, round, type Scratch } from './lib';

const SECRET = 'bench0signing0secret0123456789ab';
const TEAM = 'T1';
const CHANNEL = 'C1';
const REQUESTS = 2000;
const WARMUP = 200;
const PROPOSALS = 20;
const REACTIONS = ['+1', '-1', 'shrug', 'thumbsup', 'octagonal_sign'];

function signed(body: string, contentType: string): Record<string, string> {
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)), 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig };
}

/** One request on a kept-alive connection; resolves with the status when the response has ended. */
function post(agent: http.Agent, url: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Slack HTTP mode, request to ack: the real adapter (Bolt's HTTP receiver, signature check, the
 * Leaderful handlers) on loopback, fed signed requests one after another: half reaction_added
 * events on proposal messages, half /vote slash commands. Timed from sending the request to the end
 * of its response (the ack); the work after the ack (users.info, the vote, the reply, the card edit)
 * runs meanwhile in the same process, as it would.
 */
export async function benchSlack(scratch: Scratch): Promise<{ figures: Figure[]; detail: Record<string, unknown> }> {
  const api = await startFakeSlackApi();
  const store = Store.open(scratch.path('slack.db'));
  // One author posts the benchmark's proposals at once: lift the proposal limits and caps (they are about people).
  const service = new Leaderful(store, systemClock, {
    defaults: { maxOpenPerMember: 100 },
    rateLimits: { member: { propose: { burst: 1000, everyMs: 1 } } },
  });
  const dispatcher = new Dispatcher(store, systemClock, service.render, { wakeOn: service.outbox });
  const slack = await startSlack({
    core: service,
    log: silentLogger,
    env: { SLACK_BOT_TOKEN: 'xoxb-bench-token', SLACK_MODE: 'http', SLACK_SIGNING_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1', SLACK_API_URL: api.url },
  });
  dispatcher.register(slack);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await slack.reconciled;
    dispatcher.start(50);
    // Proposals to vote on, posted through the Slack port to the fake API.
    const author: RequestContext = {
      channel: { platform: 'slack', spaceId: TEAM, channelId: CHANNEL },
      actor: { userId: 'UAUTHOR', displayName: 'author', platformAdmin: false },
    };
    for (let i = 0; i < PROPOSALS; i++) service.command(author, 'propose', `Bench proposal ${i} | for the Slack benchmark`);
    await dispatcher.drain();
    const channelFk = store.channels.find(author.channel)!.id;
    const messages = Array.from(
      { length: PROPOSALS },
      (_, i) => store.outbox.message(`proposal:${store.proposals.byNumber(channelFk, i + 1)!.id}`)!.platformMessageId,
    );

    const url = new URL(slack.url!);
    const latencies: number[] = [];
    const total = WARMUP + REQUESTS;
    let refused = 0;
    for (let i = 0; i < total; i++) {
      const user = `U${String(i).padStart(5, '0')}`;
      const n = i % PROPOSALS;
      let body: string;
      let headers: Record<string, string>;
      if (i % 2 === 0) {
        body = JSON.stringify({
          token: 'legacy',
          team_id: TEAM,
          api_app_id: 'ABENCH',
          type: 'event_callback',
          event_id: `Ev${i}`,
          event_time: Math.floor(Date.now() / 1000),
          authorizations: [{ team_id: TEAM, user_id: 'UBOT', is_bot: true }],
          event: {
            type: 'reaction_added',
            user,
            reaction: REACTIONS[i % REACTIONS.length],
            item_user: 'UBOT',
            item: { type: 'message', channel: CHANNEL, ts: messages[n] },
            event_ts: `${Date.now() / 1000}`,
          },
        });
        headers = signed(body, 'application/json');
      } else {
        body = new URLSearchParams({
          token: 'legacy',
          team_id: TEAM,
          team_domain: 'bench',
          channel_id: CHANNEL,
          channel_name: 'general',
          user_id: user,
          user_name: user.toLowerCase(),
          command: '/vote',
          text: `${n + 1} agree`,
          api_app_id: 'ABENCH',
          response_url: `${api.origin}/resp/${i}`,
          trigger_id: `trig-${i}`,
        }).toString();
        headers = signed(body, 'application/x-www-form-urlencoded');
      }
      const t = performance.now();
      const status = await post(agent, url, body, headers);
      const ms = performance.now() - t;
      if (status !== 200) refused++;
      if (i >= WARMUP) latencies.push(ms);
      if (process.env.SLACK_TRACE && ms > 10) console.error('slow', i, i % 2 ? 'cmd' : 'event', ms.toFixed(1));
    }
    await slack.idle();
    await dispatcher.drain();
    // Every acked request did its work: one vote per request.
    const votes = (store.db.prepare('SELECT count(*) AS n FROM votes').get() as { n: number }).n;
    if (refused || votes !== total) throw new Error(`slack bench: ${refused} requests refused, ${votes} votes stored of ${total}`);
    return {
      figures: [
        figure(
          'slack_ack_p50_ms',
          round(quantile(latencies, 0.5), 2),
          'ms',
          'info',
          undefined,
          `signed request to ack on loopback, ${REQUESTS} sequential requests (half reaction events, half /vote) after ${WARMUP} warm-up`,
        ),
        figure('slack_ack_p99_ms', round(quantile(latencies, 0.99), 2), 'ms', '<', 50, 'same requests, 99th percentile'),
        figure('slack_ack_max_ms', round(Math.max(...latencies), 2), 'ms', 'info', undefined, 'same requests, slowest'),
      ],
      detail: { votes, apiCalls: Object.fromEntries(api.counts) },
    };
  } finally {
    agent.destroy();
    dispatcher.stop();
    await slack.stop();
    await api.close();
    store.close();
  }
}
