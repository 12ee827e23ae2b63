import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Store } from '../src/store/store';
import { figure, type Figure, median, round, type Scratch } from './lib';
import { startFakeSlackApi } from './fake-slack-api';
import { seedChannels, seedMessages, seedProposals, type Seeded, seedVotes } from './seed';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = Date.now();
const PROPOSALS = 100_000;
const VOTES = 1_000_000;
const RUNS = 3;

type Config = 'core' | 'slack' | 'slack_discord';

/** The due items come due again before each child starts (set-up, not measured). */
function resetDue(path: string, seeded: Seeded): void {
  const s = Store.open(path);
  s.db.exec(`UPDATE proposals SET status = 'open', closed_at = NULL WHERE id IN (${seeded.dueToCloseIds.join(',')});
             UPDATE proposals SET remind_at = ${NOW - 60_000} WHERE id IN (${seeded.dueToRemindIds.join(',')});
             DELETE FROM scheduled_keys; DELETE FROM outbox WHERE status = 'pending';`);
  s.db.pragma('wal_checkpoint(TRUNCATE)');
  s.close();
}

interface ChildRun {
  /** Parent's clock: from spawn to the READY line (includes starting node). */
  spawnToReadyMs: number;
  /** The child's own clock at READY (performance.now(): since its process started). */
  readyMs: number;
  rssMb: number;
  maxRssMb: number;
  heapUsedMb: number;
  openMessages: number;
  failed: number;
}

/**
 * The child is bundled the way `npm run build` bundles the bot and run by plain node, as `npm start`
 * runs it (no TypeScript loader in the measured process).
 */
let built: string | undefined;
let builtMain = false;
function bundled(script: string): string {
  if (script === 'bench/startup-child.ts') return buildChild();
  if (script !== 'src/main.ts') throw new Error(`no bundle for ${script}`);
  if (!builtMain) execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT });
  builtMain = true;
  return `${ROOT}dist/main.js`;
}
function buildChild(): string {
  if (built) return built;
  const outdir = `${ROOT}dist/bench-child`;
  execFileSync(
    `${ROOT}node_modules/.bin/esbuild`,
    [
      'bench/startup-child.ts',
      '--bundle',
      '--splitting',
      '--format=esm',
      '--platform=node',
      '--target=node20',
      '--packages=external',
      `--outdir=${outdir}`,
      '--log-level=warning',
    ],
    { cwd: ROOT },
  );
  return (built = `${outdir}/startup-child.js`);
}

/** The node flags `npm start` uses, so the measured process runs as the bot does. */
const START_FLAGS = (() => {
  const start = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  return start.split(' ').filter((w) => w.startsWith('--'));
})();

function runChild(args: string[]): Promise<{ lines: Map<string, Record<string, number>>; at: Map<string, number>; exitMs: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const [script, ...rest] = args;
    const child = spawn(process.execPath, [...START_FLAGS, bundled(script!), ...rest], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    const lines = new Map<string, Record<string, number>>();
    const at = new Map<string, number>();
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      let i: number;
      while ((i = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, i);
        out = out.slice(i + 1);
        const m = /^(READY|MEMORY) (.*)$/.exec(line);
        if (m) {
          at.set(m[1]!, performance.now() - t0);
          lines.set(m[1]!, JSON.parse(m[2]!) as Record<string, number>);
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const exitMs = performance.now() - t0;
      if (code !== 0) reject(new Error(`${args.join(' ')} exited with ${code}: ${err.slice(0, 2000)}`));
      else resolve({ lines, at, exitMs });
    });
  });
}

/**
 * Memory and start-up: a database of 100,000 proposals and 1,000,000 votes (plus their history and
 * messages), opened by a child process that starts as the bot does (bench/startup-child.ts).
 */
export async function benchStartup(scratch: Scratch): Promise<{ figures: Figure[]; detail: Record<string, unknown> }> {
  const path = scratch.path('startup.db');
  const seedStart = performance.now();
  const store = Store.open(path);
  const channels = seedChannels(store.db, { count: 200, roster: 10, nextRotationAt: NOW + 3 * 86_400_000, now: NOW });
  const seeded = seedProposals(store.db, { channels, total: PROPOSALS, dueToClose: 20, dueToRemind: 20, openShare: 0.05, now: NOW, votesPerProposal: 0 });
  const allIds = store.db.prepare('SELECT id FROM proposals ORDER BY id').pluck().all() as number[];
  seedVotes(store.db, allIds, VOTES, NOW - 86_400_000);
  seedMessages(store.db, NOW - 86_400_000);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const counts = store.db.prepare('SELECT (SELECT count(*) FROM proposals) AS proposals, (SELECT count(*) FROM votes) AS votes').get() as {
    proposals: number;
    votes: number;
  };
  const sizeMb = (store.db.prepare('SELECT page_count * page_size AS b FROM pragma_page_count(), pragma_page_size()').get() as { b: number }).b / 2 ** 20;
  store.close();
  const seedMs = performance.now() - seedStart;
  if (counts.proposals !== PROPOSALS || counts.votes !== VOTES) throw new Error(`seeded ${JSON.stringify(counts)}`);

  const api = await startFakeSlackApi();
  const configs: { key: Config; args: string[] }[] = [
    { key: 'core', args: [] },
    { key: 'slack', args: ['--slack', api.url] },
    { key: 'slack_discord', args: ['--slack', api.url, '--discord'] },
  ];
  const runs: Record<Config, ChildRun[]> = { core: [], slack: [], slack_discord: [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const c of configs) {
        resetDue(path, seeded);
        const r = await runChild(['bench/startup-child.ts', path, ...c.args]);
        const ready = r.lines.get('READY');
        const mem = r.lines.get('MEMORY');
        if (!ready || !mem) throw new Error('the start-up child did not report');
        if (mem.failed) throw new Error(`${mem.failed} start-up commands failed`);
        runs[c.key].push({
          spawnToReadyMs: r.at.get('READY')!,
          readyMs: ready.readyMs!,
          rssMb: mem.rssMb!,
          maxRssMb: mem.maxRssMb!,
          heapUsedMb: mem.heapUsedMb!,
          openMessages: mem.openMessages!,
          failed: mem.failed!,
        });
      }
    }
  } finally {
    await api.close();
  }

  // The console entry as shipped: src/main.ts with an empty script, from spawn to exit.
  const empty = scratch.path('empty.txt');
  writeFileSync(empty, '');
  const consoleRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) consoleRuns.push((await runChild(['src/main.ts', '--db', path, '--script', empty])).exitMs);

  const ready = (c: Config) => median(runs[c].map((r) => r.spawnToReadyMs));
  const rss = (c: Config) => Math.max(...runs[c].map((r) => r.maxRssMb));
  const data = `${PROPOSALS} proposals and ${VOTES} votes (${round(sizeMb)} MB file)`;
  return {
    figures: [
      figure(
        'startup_to_ready_ms',
        round(ready('slack')),
        'ms',
        '<',
        1000,
        `spawn of node (bundled as by npm run build) to READY with the Slack adapter started (HTTP mode, loopback Web API): DB open + migrations + Bolt + auth.test + listen + catch-up runDue + dispatcher + cron; median of ${RUNS}`,
      ),
      figure('startup_to_ready_core_ms', round(ready('core')), 'ms', 'info', undefined, 'the same without any platform adapter'),
      figure(
        'startup_to_ready_slack_discord_ms',
        round(ready('slack_discord')),
        'ms',
        'info',
        undefined,
        'with the Slack adapter started and the Discord adapter (discord.js) loaded, not connected',
      ),
      figure(
        'memory_rss_core_mb',
        round(rss('core'), 1),
        'MB',
        '<',
        150,
        `peak RSS (max of ${RUNS}) of the bot's core (no platform SDK) with ${data}, after start-up, listing ${runs.core[0]!.openMessages} open proposals' messages and 5 commands`,
      ),
      figure('memory_rss_slack_mb', round(rss('slack'), 1), 'MB', '<', 150, 'the same with the Slack adapter (Bolt) started: the bot as it runs for Slack'),
      figure(
        'memory_rss_slack_settled_mb',
        round(median(runs.slack.map((r) => r.rssMb)), 1),
        'MB',
        'info',
        undefined,
        'RSS at the end of start-up work, Slack configuration (median; the peak above is during start)',
      ),
      figure('memory_rss_slack_discord_mb', round(rss('slack_discord'), 1), 'MB', 'info', undefined, 'peak RSS with discord.js loaded as well'),
      figure(
        'memory_heap_used_mb',
        round(median(runs.slack.map((r) => r.heapUsedMb)), 1),
        'MB',
        'info',
        undefined,
        'V8 heap in use at the end of start-up work (Slack configuration)',
      ),
      figure(
        'console_script_start_to_exit_ms',
        round(median(consoleRuns)),
        'ms',
        'info',
        undefined,
        `node dist/main.js (npm start) --db <that DB> --script <empty file>, spawn to exit, median of ${RUNS}`,
      ),
    ],
    detail: { seedMs: round(seedMs), sizeMb: round(sizeMb, 1), runs, consoleRuns },
  };
}
