// `npm start` with Slack settings: the whole process (config, store, Slack adapter in Socket Mode,
// running dispatcher and scheduler) against the fake Slack, then a clean SIGTERM.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './fake-slack';
import { APP_TOKEN, BOT_TOKEN } from './harness';

const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const MAIN = fileURLToPath(new URL('../../../src/main.ts', import.meta.url));

let api: FakeSlack;
let cwd: string;
let child: ChildProcessWithoutNullStreams | undefined;
let stderr = '';

beforeAll(async () => {
  api = await startFakeSlack();
  api.users.set('UALICE', { name: 'alice', display_name: 'Alice' });
  cwd = mkdtempSync(join(tmpdir(), 'leaderful-slack-main-')); // no .env here
});

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await api?.close();
  rmSync(cwd, { recursive: true, force: true });
});

it('npm start with Slack tokens connects in Socket Mode; a /propose is acked, answered and its card posted; SIGTERM stops cleanly', async () => {
  child = spawn(TSX, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: api.url, DATABASE_PATH: ':memory:', LOG_LEVEL: 'info' },
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

  expect((await ready).adapters).toEqual(['slack (Socket Mode)']);
  const ack = await api.socket.send({
    type: 'slash_commands',
    payload: { team_id: 'T1', channel_id: 'C1', channel_name: 'general', user_id: 'UALICE', command: '/propose', text: 'Started for real', response_url: `${api.origin}/resp/main`, trigger_id: 'trig-main' },
  });
  expect(ack.envelope_id).toMatch(/^env-/);
  const reply = await api.waitFor((c) => c.method === 'response_url:/resp/main');
  expect(reply.body.text).toMatch(/^Proposal #1 is posted/);
  const post = await api.waitFor((c) => c.method === 'chat.postMessage');
  expect(post.body.blocks[0].text.text).toBe('*Proposal #1: Started for real*');

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(stderr).not.toContain('secretbottoken'); // secrets are never logged
  expect(stderr).not.toContain('secretapptoken');
}, 60_000); // a child process compiling TypeScript: generous under a loaded test run
