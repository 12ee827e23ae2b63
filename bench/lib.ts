import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, freemem, platform, release, tmpdir, totalmem, arch } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Database from 'better-sqlite3';

/** One measured figure, as printed and as written to bench/results.json. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The bar from DESIGN.md §5 (like ">= 10000"), or "info" for figures that have none. */
  bar: string;
  /** Whether the bar is met; always true for "info" figures. */
  pass: boolean;
  /** A short note on what was measured (printed under the table, kept in results.json). */
  note?: string;
}

export type Compare = '>=' | '<=' | '<' | '>';

export function figure(name: string, value: number, unit: string, cmp: Compare | 'info', limit?: number, note?: string): Figure {
  const pass = cmp === 'info' ? true : cmp === '>=' ? value >= limit! : cmp === '<=' ? value <= limit! : cmp === '<' ? value < limit! : value > limit!;
  return { name, value, unit, bar: cmp === 'info' ? 'info' : `${cmp} ${limit}`, pass, ...(note ? { note } : {}) };
}

/** A figure that is true or false (an assertion the benchmark makes, like "an index serves it"). */
export function check(name: string, ok: boolean, note?: string): Figure {
  return { name, value: ok ? 1 : 0, unit: 'bool', bar: '== 1', pass: ok, ...(note ? { note } : {}) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The q-quantile (0..1) by nearest rank. */
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export const round = (x: number, digits = 0) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** A scratch directory for the run's database files, removed at the end. */
export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), 'leaderful-bench-'));
  path(name: string): string {
    return join(this.dir, name);
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function machine(): Record<string, unknown> {
  const c = cpus();
  const db = new Database(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return {
    cpu: c[0]?.model ?? 'unknown',
    cores: c.length,
    node: process.version,
    os: `${platform()} ${release()} ${arch()}`,
    memory_mb: Math.round(totalmem() / 2 ** 20),
    free_memory_mb: Math.round(freemem() / 2 ** 20),
    sqlite,
    tmpdir: tmpdir(),
    date: new Date().toISOString(),
  };
}

export { MemoryPort as RecordingPort } from '../adapters/memory/port';

/** Lets pending timers and I/O run (between measured phases). */
export const settle = () => new Promise((r) => setImmediate(r));

// A full collection between measured phases, so that one phase's garbage is not collected in the next.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as (() => void) | undefined;

export function gc(): void {
  collect?.();
}
