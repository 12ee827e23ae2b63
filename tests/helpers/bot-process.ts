import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mainBundle } from './run-main';

export interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  /** The "ready" log line, parsed. */
  ready: Promise<Record<string, unknown>>;
  /** The exit code, once it has exited. */
  exited: Promise<number | null>;
  /** Everything logged so far. */
  stderr(): string;
  /** Kills it if still running and removes its working folder. */
  cleanup(): void;
}

/**
 * The bot as `npm start` runs it (the esbuild bundle on plain node, no TypeScript loader: tsx's
 * signal relay gives its child 30 ms to answer a SIGTERM, which a loaded machine can miss) with
 * platform settings, in an empty folder (no .env), logging at info.
 */
export function startBotProcess(env: Record<string, string>): BotProcess {
  const cwd = mkdtempSync(join(tmpdir(), 'leaderful-main-'));
  const child = spawn(process.execPath, [mainBundle()], { cwd, env: { PATH: process.env.PATH ?? '', DATABASE_PATH: ':memory:', LOG_LEVEL: 'info', ...env } });
  let stderr = '';
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      const line = stderr.split('\n').find((l) => l.includes('"msg":"ready"'));
      if (line) resolve(JSON.parse(line));
    });
    child.on('close', (code) => reject(new Error(`exited with ${code} before ready: ${stderr}`)));
  });
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return {
    child,
    ready,
    exited,
    stderr: () => stderr,
    cleanup() {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
