import { DateTime } from 'luxon';
import { accessSync, constants, createReadStream, existsSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ManualClock, OffsetClock, systemClock } from './core/clock';
import { Dispatcher } from './core/delivery/dispatcher';
import { jsonLogger, type Logger, silentLogger } from './core/log';
import type { Platform, PlatformContext, StartPlatform } from './core/platform';
import { Leaderful } from './core/service';
import { ConfigError, parseArgs, readCoreConfig } from './config';
import { startCron } from './scheduler/cron';
import { Store } from './store/store';
import { SchemaTooNewError } from './store/migrate';
import { DatabaseOpenError } from './store/open';
import { describeUnknown, unknownSettings } from './settings-names';

function loggerFor(level: string): Logger {
  if (level === 'silent') return silentLogger;
  if (level === 'error') return { ...silentLogger, error: jsonLogger.error };
  return jsonLogger;
}

async function runConsoleMode(store: Store, args: ReturnType<typeof parseArgs>, zone: string, log: Logger, stdinIsTTY: boolean): Promise<void> {
  const { runConsole } = await import('../adapters/console/index');
  const input = args.script ? createReadStream(args.script, 'utf8') : process.stdin;
  const interactive = !args.script && stdinIsTTY;
  const start = args.now ? startTime(args.now, zone) : Date.now();
  // Piped input: the clock moves only when a :clock line says so, so transcripts are repeatable.
  const clock = interactive ? new OffsetClock(start) : new ManualClock(start);
  const service = new Leaderful(store, clock, { defaults: { timezone: zone }, log });
  const dispatcher = new Dispatcher(store, clock, service.render, { log });
  const cron = interactive
    ? startCron(() => {
        service.runDue();
        void dispatcher.drain();
      }, log)
    : undefined;
  try {
    await runConsole({ service, dispatcher, clock, channel: args.channel, input, output: process.stdout, interactive });
    await dispatcher.drain();
  } finally {
    cron?.stop();
  }
}

async function runPlatforms(store: Store, env: NodeJS.ProcessEnv, zone: string, log: Logger): Promise<void> {
  const service = new Leaderful(store, systemClock, { defaults: { timezone: zone }, log });
  const dispatcher = new Dispatcher(store, systemClock, service.render, { log, wakeOn: service.outbox });
  const ctx: PlatformContext = { core: service, env, log };
  const starters: StartPlatform[] = [];
  // Loaded only when configured, so the core never pulls in a platform SDK it does not use.
  if (env.SLACK_BOT_TOKEN) starters.push((await import('../adapters/slack/index')).startSlack);
  if (env.DISCORD_TOKEN) starters.push((await import('../adapters/discord/index')).startDiscord);
  const running: Platform[] = [];
  for (const start of starters) {
    const platform = await start(ctx);
    dispatcher.register(platform);
    running.push(platform);
  }
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

function loadDotEnv(): void {
  if (!existsSync('.env') || typeof process.loadEnvFile !== 'function') return;
  try {
    process.loadEnvFile('.env');
  } catch (e) {
    throw new ConfigError(`Cannot read .env: ${e instanceof Error ? e.message : String(e)}.`);
  }
}

function startTime(now: string, zone: string): number {
  const dt = DateTime.fromISO(now, { zone });
  if (!dt.isValid) throw new ConfigError(`--now: "${now}" is not an ISO date-time such as 2026-12-01T09:00.`);
  return dt.toMillis();
}

/** A script must be a readable file: said now, in one line, before anything is opened. */
function checkScript(path: string): void {
  try {
    if (!statSync(path).isFile() && path !== '/dev/null') throw new ConfigError(`--script: ${path} is not a file of console lines.`);
    accessSync(path, constants.R_OK);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(`--script: cannot read ${path} (${code === 'ENOENT' ? 'no such file' : code}).`);
  }
}

export interface MainIO {
  /** Whether standard input is a terminal (a person typing) rather than a pipe, a file or nothing. */
  stdinIsTTY: boolean;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, io: MainIO = { stdinIsTTY: process.stdin.isTTY === true }): Promise<number> {
  let store: Store | undefined;
  try {
    loadDotEnv();
    const args = parseArgs(argv);
    const cfg = readCoreConfig(env);
    const unknown = unknownSettings(env);
    const platformConfigured = Boolean(env.SLACK_BOT_TOKEN || env.DISCORD_TOKEN);
    // Under systemd, Docker or pm2 nobody is there to type: starting an idle console would look
    // like success. Say what is missing instead.
    if (!platformConfigured && !args.console && !io.stdinIsTTY) throw new ConfigError(nothingToRun(env, unknown));
    for (const u of unknown) console.error(`leaderful: warning: ${describeUnknown(u)}.`);
    const consoleMode = args.console || !platformConfigured;
    // Every flag is checked before the database is opened: a refusal leaves nothing behind.
    if (args.script) checkScript(args.script);
    if (args.now) startTime(args.now, cfg.LEADERFUL_TIMEZONE);
    const log = loggerFor(consoleMode && !env.LOG_LEVEL ? 'error' : cfg.LOG_LEVEL);
    store = Store.open(args.db ?? cfg.DATABASE_PATH);
    if (consoleMode) await runConsoleMode(store, args, cfg.LEADERFUL_TIMEZONE, log, io.stdinIsTTY);
    else await runPlatforms(store, env, cfg.LEADERFUL_TIMEZONE, log);
    return 0;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof SchemaTooNewError || e instanceof DatabaseOpenError) {
      console.error(`leaderful: ${e.message}`);
      return 2;
    }
    // Never a stack trace on the console: one line, and the details in the log when asked for.
    console.error(`leaderful: stopped by an unexpected error: ${e instanceof Error ? e.message : String(e)}`);
    if (env.LOG_LEVEL === 'info' && e instanceof Error) jsonLogger.error('unexpected error', { error: e.stack });
    return 1;
  } finally {
    store?.close();
  }
}

/** Why there is nothing to run, and what to set. */
function nothingToRun(env: NodeJS.ProcessEnv, unknown: { name: string; suggestion?: string }[]): string {
  const parts = [
    'Nothing to run: no platform is configured (set SLACK_BOT_TOKEN for Slack or DISCORD_TOKEN for Discord) and standard input is not a terminal, so no console either (pass --console to read console lines from it).',
  ];
  const partial = Object.keys(env).filter((k) => /^(SLACK|DISCORD)_/.test(k) && env[k] && !unknown.some((u) => u.name === k));
  if (partial.length) parts.push(`Set but not enough on their own: ${partial.sort().join(', ')}.`);
  if (unknown.length) parts.push(`${unknown.map(describeUnknown).join('; ')}.`);
  return parts.join(' ');
}

// Run when started as the program (src/main.ts under tsx, dist/main.js when built), not when imported
// (benchmarks bundle this module into their own entry, so import.meta.url alone cannot tell).
if (process.argv[1] && /[\\/]main\.(ts|js)$/.test(process.argv[1]) && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Exit only once everything written has left: process.exit() drops what a pipe has not taken yet.
  main(process.argv.slice(2), process.env).then((code) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code))));
}
