// `npm start` with Discord settings: the whole process (config, store, adapter, dispatcher) against FakeDiscord.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { APP_ID, CHANNEL_ID, FakeDiscord, makeUser, opt, TOKEN } from './fake-discord';

const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const MAIN = fileURLToPath(new URL('../../../src/main.ts', import.meta.url));

let fake: FakeDiscord;
let cwd: string;
let child: ChildProcessWithoutNullStreams | undefined;
let stderr = '';

beforeAll(async () => {
  fake = await FakeDiscord.start();
  cwd = mkdtempSync(join(tmpdir(), 'leaderful-main-')); // no .env here
});

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await fake?.close();
  rmSync(cwd, { recursive: true, force: true });
});

it('npm start with DISCORD_TOKEN starts the Discord adapter; a /propose is answered and its card posted by the running dispatcher; SIGTERM stops cleanly', async () => {
  child = spawn(TSX, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.restApi, DATABASE_PATH: ':memory:', LOG_LEVEL: 'info' },
  });
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    child!.stderr.on('data', (d: Buffer) => {
      stderr += d;
      const line = stderr.split('\n').find((l) => l.includes('"msg":"ready"'));
      if (line) resolve(JSON.parse(line));
    });
    child!.on('close', (code) => reject(new Error(`exited with ${code} before ready: ${stderr}`)));
  });
  const exited = new Promise<number | null>((r) => child!.on('close', (code) => r(code)));

  expect((await ready).adapters).toEqual(['discord']);
  expect(stderr).not.toContain(TOKEN); // secrets are never logged

  const alice = fake.addUser(makeUser(1, 'alice'));
  const cb = await fake.callback(fake.command('propose', [opt.string('title', 'Started for real')], alice));
  expect(cb.body.data.content).toMatch(/^Proposal #1 is posted/);
  const post = await fake.waitFor((c) => c.method === 'POST' && c.path === `/api/v10/channels/${CHANNEL_ID}/messages`);
  expect(post.body.embeds[0].title).toBe('Proposal #1: Started for real');

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
