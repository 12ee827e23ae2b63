import { DateTime } from 'luxon';
import { existsSync, createReadStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { AdapterDeps, RunningAdapter, StartAdapter } from './adapter';
import { ManualClock, OffsetClock, systemClock } from './core/clock';
import { Dispatcher } from './core/dispatcher';
import { jsonLogger, type Logger, silentLogger } from './core/ports';
import { Leaderful } from './core/service';
import { ConfigError, parseArgs, readCoreConfig } from './config';
import { startCron } from './scheduler/cron';
import { Store } from './store/store';
import { SchemaTooNewError } from './store/migrate';

function loggerFor(level: string): Logger {
  if (level === 'silent') return silentLogger;
  if (level === 'error') return { ...silentLogger, error: jsonLogger.error };
  return jsonLogger;
}

async function runConsoleMode(store: Store, args: ReturnType<typeof parseArgs>, zone: string, log: Logger): Promise<void> {
  const { runConsole } = await import('../adapters/console/index');
  const input = args.script ? createReadStream(args.script, 'utf8') : process.stdin;
  const interactive = !args.script && process.stdin.isTTY === true;
  let start = Date.now();
  if (args.now) {
    const dt = DateTime.fromISO(args.now, { zone });
    if (!dt.isValid) throw new ConfigError(`--now: "${args.now}" is not an ISO date-time such as 2026-12-01T09:00.`);
    start = dt.toMillis();
  }
  // Piped input: the clock moves only when a :clock line says so, so transcripts are repeatable.
  const clock = interactive ? new OffsetClock(start) : new ManualClock(start);
  const service = new Leaderful(store, clock, { defaults: { timezone: zone }, log });
  const dispatcher = new Dispatcher(store, clock, service.render, { log });
  const cron = interactive ? startCron(() => { service.runDue(); void dispatcher.drain(); }, log) : undefined;
  try {
    await runConsole({ service, dispatcher, clock, channel: args.channel, input, output: process.stdout, interactive });
    await dispatcher.drain();
  } finally {
    cron?.stop();
  }
}

async function runPlatforms(store: Store, env: NodeJS.ProcessEnv, zone: string, log: Logger): Promise<void> {
  let dispatcher: Dispatcher | undefined;
  const service = new Leaderful(store, systemClock, { defaults: { timezone: zone }, log, onQueued: () => dispatcher?.kick() });
  dispatcher = new Dispatcher(store, systemClock, service.render, { log });
  const deps: AdapterDeps = { service, dispatcher, env, log };
  const starters: StartAdapter[] = [];
  // Loaded only when configured, so the core never pulls in a platform SDK it does not use.
  if (env.SLACK_BOT_TOKEN) starters.push((await import('../adapters/slack/index')).startSlack);
  if (env.DISCORD_TOKEN) starters.push((await import('../adapters/discord/index')).startDiscord);
  const running: RunningAdapter[] = [];
  for (const start of starters) running.push(await start(deps));
  service.runDue(); // catch up on whatever fell due while the bot was down
  dispatcher.start();
  const cron = startCron(() => service.runDue(), log);
  log.info('ready', { adapters: running.map((a) => a.name), ms: Math.round(performance.now()) });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  cron.stop();
  dispatcher.stop();
  for (const a of running) await a.stop();
}

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let store: Store | undefined;
  try {
    if (existsSync('.env') && typeof process.loadEnvFile === 'function') process.loadEnvFile('.env');
    const args = parseArgs(argv);
    const cfg = readCoreConfig(env);
    const platformConfigured = Boolean(env.SLACK_BOT_TOKEN || env.DISCORD_TOKEN);
    const consoleMode = args.console || !platformConfigured;
    const log = loggerFor(consoleMode && !env.LOG_LEVEL ? 'error' : cfg.LOG_LEVEL);
    store = Store.open(args.db ?? cfg.DATABASE_PATH);
    if (consoleMode) await runConsoleMode(store, args, cfg.LEADERFUL_TIMEZONE, log);
    else await runPlatforms(store, env, cfg.LEADERFUL_TIMEZONE, log);
    return 0;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof SchemaTooNewError) {
      console.error(`leaderful: ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    store?.close();
  }
}

// Run when started as the program (src/main.ts under tsx, dist/main.js when built), not when imported
// (benchmarks bundle this module into their own entry, so import.meta.url alone cannot tell).
if (process.argv[1] && /[\\/]main\.(ts|js)$/.test(process.argv[1]) && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), process.env).then((code) => process.exit(code));
}
