/**
 * Start-up as the bot does it (src/main.ts, runPlatforms): load the same modules, open the database
 * (WAL, migrations), build the service and the dispatcher, start the platform adapters, catch up on
 * due work, start the dispatcher and the cron trigger. Then it prints READY (the bot would now take
 * events), does the start-up work that follows (reconciling reactions lists the open proposals'
 * messages) and a few commands, and prints its memory.
 *
 * Usage: node --import tsx bench/startup-child.ts <db file> [--slack <fake Web API url>] [--discord]
 *   --slack    starts the real Slack adapter in HTTP mode on loopback, talking to that fake Web API
 *   --discord  loads the Discord adapter and discord.js (it is not started: that needs a gateway)
 */
import '../src/main'; // the bot's entry module and everything it imports (it does not run when imported)
import type { Platform } from '../src/core/platform';
import { systemClock } from '../src/core/clock';
import { Dispatcher } from '../src/core/delivery/dispatcher';
import { silentLogger } from '../src/core/log';
import { Leaderful } from '../src/core/service';
import { readCoreConfig } from '../src/config';
import { startCron } from '../src/scheduler/cron';
import { Store } from '../src/store/store';
import { RecordingPort } from './lib';

const [path, ...flags] = process.argv.slice(2);
if (!path) throw new Error('usage: startup-child.ts <db file> [--slack <api url>] [--discord]');
const slackApi = flags.includes('--slack') ? flags[flags.indexOf('--slack') + 1] : undefined;
const cfg = readCoreConfig({ DATABASE_PATH: path, LOG_LEVEL: 'silent' });
const store = Store.open(cfg.DATABASE_PATH);
const service = new Leaderful(store, systemClock, { defaults: { timezone: cfg.LEADERFUL_TIMEZONE }, log: silentLogger });
const dispatcher = new Dispatcher(store, systemClock, service.render, { log: silentLogger, wakeOn: service.outbox });
dispatcher.register(new RecordingPort(systemClock, 'bench', 1000));
const running: Platform[] = [];
if (slackApi) {
  const { startSlack } = await import('../adapters/slack/index');
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_MODE: 'http',
    SLACK_SIGNING_SECRET: 'bench0signing0secret0123456789ab',
    PORT: '0',
    HOST: '127.0.0.1',
    SLACK_API_URL: slackApi,
  };
  const slack = await startSlack({ core: service, env, log: silentLogger });
  dispatcher.register(slack);
  running.push(slack);
}
if (flags.includes('--discord')) await import('../adapters/discord/index');
const caughtUp = service.runDue();
dispatcher.start();
const cron = startCron(() => service.runDue(), silentLogger);
const readyMs = performance.now(); // since this process started
process.stdout.write(`READY ${JSON.stringify({ readyMs, caughtUp })}\n`);

// The work right after start: reconciling reactions walks the open proposals' messages; people use it.
const open = service.openProposalMessages('bench');
const address = { platform: 'bench', spaceId: 'S1', channelId: 'C1' };
const ctx = { channel: address, actor: { userId: 'U1', displayName: 'member1', platformAdmin: false } };
const channel = store.channels.find(address)!;
const newest = store.proposals.open(channel.id).at(-1)!;
const replies = [
  service.command(ctx, 'proposals', ''),
  service.command(ctx, 'proposals', `${newest.number}`),
  service.command(ctx, 'vote', `${newest.number} disagree not yet`),
  service.command(ctx, 'decisions', '50'),
  service.command(ctx, 'rotation', 'show'),
];
service.runDue();
await dispatcher.drain();
const failed = replies.filter((r) => !r.ok).length;
const mem = process.memoryUsage();
const maxRssMb = process.resourceUsage().maxRSS / 1024;
cron.stop();
dispatcher.stop();
for (const a of running) await a.stop();
store.close();
process.stdout.write(
  `MEMORY ${JSON.stringify({ rssMb: mem.rss / 2 ** 20, maxRssMb, heapUsedMb: mem.heapUsed / 2 ** 20, openMessages: open.length, failed, doneMs: performance.now() })}\n`,
);
process.exit(0);
