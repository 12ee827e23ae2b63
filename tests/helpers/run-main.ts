import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let bundle: string | undefined;
/**
 * The entry point bundled as `npm start` bundles it, once per test file: plain node starts in a
 * fraction of the time tsx takes, which matters for tests that start dozens of processes. Inside the
 * project (as dist/ is), so the bundle finds node_modules and migrations/ the same way.
 */
export function mainBundle(): string {
  return (bundle ??= buildBundle(ROOT));
}

/** Bundles src/main.ts into a fresh folder inside `root` (which holds node_modules and migrations/). */
function buildBundle(root: string): string {
  const outdir = mkdtempSync(join(root, '.build-test-'));
  chmodSync(outdir, 0o755); // readable by the unprivileged user too
  process.on('exit', () => rmSync(outdir, { recursive: true, force: true }));
  buildSync({
    entryPoints: [join(ROOT, 'src', 'main.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir,
    logLevel: 'warning',
  });
  return join(outdir, 'main.js');
}

let nobodysBundle: string | undefined;

/**
 * The bundle as the unprivileged user can reach it. A checkout inside a folder only its owner may
 * enter (what `mktemp -d` makes) is out of that user's reach, so then the bundle is built in a copy
 * under the system's temp folder: node_modules hard-linked (no data copied), migrations/ copied.
 */
function bundleForUnprivileged(): string {
  if (nobodysBundle) return nobodysBundle;
  const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(join(ROOT, 'package.json'))})`], unprivileged() ?? {});
  if (probe.status === 0) return (nobodysBundle = mainBundle());
  const root = mkdtempSync(join(tmpdir(), 'leaderful-unprivileged-'));
  chmodSync(root, 0o755);
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  for (const dir of ['node_modules', 'migrations']) {
    const linked = dir === 'node_modules' && spawnSync('cp', ['-al', join(ROOT, dir), join(root, dir)]).status === 0;
    if (!linked && spawnSync('cp', ['-a', join(ROOT, dir), join(root, dir)]).status !== 0) throw new Error(`could not copy ${dir} for the unprivileged user`);
  }
  copyFileSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  return (nobodysBundle = buildBundle(root));
}

export interface MainRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunMainOptions {
  env?: Record<string, string>;
  /** Written to standard input, which then closes (a pipe, never a terminal). */
  stdin?: string | Buffer;
  cwd?: string;
  /** Run as an unprivileged user (when the tests run as root), so that file permissions apply. */
  unprivileged?: boolean;
}

/** The uid/gid of `nobody` when we are root (root ignores read-only modes), else none needed. */
export const unprivileged = (): { uid: number; gid: number } | undefined => (process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined);

/** `npm start`'s entry point as a real process with a clean environment; resolves when it exits. */
export function runMain(args: string[], o: RunMainOptions = {}): Promise<MainRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [o.unprivileged && unprivileged() ? bundleForUnprivileged() : mainBundle(), ...args], {
      cwd: o.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: '/tmp', ...o.env },
      ...(o.unprivileged ? unprivileged() : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdin.on('error', () => {}); // it may exit before reading everything: that is its right
    child.stdin.end(o.stdin ?? '');
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
