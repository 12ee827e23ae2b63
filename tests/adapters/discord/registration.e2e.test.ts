// Command registration (the function and `npm run register`) and start-up failures.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApplicationCommandOptionType, InteractionContextType, REST } from 'discord.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config';
import { startDiscord } from '../../../adapters/discord/index';
import { registerCommands } from '../../../adapters/discord/registration';
import { Bot } from './harness';
import { APP_ID, FakeDiscord, GUILD_ID, TOKEN } from './fake-discord';

let fake: FakeDiscord;
let cwd: string;
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../../adapters/discord/registration.ts', import.meta.url));

beforeAll(async () => {
  fake = await FakeDiscord.start();
  cwd = mkdtempSync(join(tmpdir(), 'leaderful-register-')); // no .env here
});

afterAll(async () => {
  await fake?.close();
  rmSync(cwd, { recursive: true, force: true });
});

/** Runs `npm run register`'s script as a child process with exactly this environment. */
function runRegister(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [SCRIPT], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('registerCommands puts every command globally through the REST client, with typed options, choices and autocomplete', async () => {
  const rest = new REST({ api: fake.restApi }).setToken(TOKEN);
  const done = await registerCommands(rest, APP_ID);
  const put = fake.callsTo('PUT', `/api/v10/applications/${APP_ID}/commands`)[0]!;
  expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
  expect(done.map((c) => c.name)).toEqual(['propose', 'poll', 'vote', 'proposals', 'close', 'withdraw', 'amend', 'decisions', 'rotation', 'leaderful']);
  const byName = Object.fromEntries(put.body.map((c: { name: string }) => [c.name, c]));

  expect(byName.propose.options.map((o: { name: string; required?: boolean }) => [o.name, o.required ?? false])).toEqual([
    ['title', false],
    ['reasons', false],
    ['closes', false],
    ['rule', false],
    ['quorum', false],
    ['ballot', false],
    ['extend', false],
  ]);
  expect(byName.propose.options[5].choices.map((c: { value: string }) => c.value)).toEqual(['open', 'hidden', 'secret']);
  expect(byName.propose.options[3].choices.map((c: { value: string }) => c.value)).toEqual(['consent', 'majority', 'supermajority']);
  expect(byName.vote.options[0]).toMatchObject({
    name: 'proposal',
    type: ApplicationCommandOptionType.Integer,
    required: true,
    autocomplete: true,
    min_value: 1,
  });
  expect(byName.vote.options[1].choices.map((c: { value: string }) => c.value)).toEqual(['agree', 'disagree', 'abstain', 'block']);
  expect(byName.vote.options[2]).toMatchObject({ name: 'reason', max_length: 500 });
  expect(byName.rotation.options.map((o: { name: string; type: number }) => [o.name, o.type])).toEqual(
    ['show', 'join', 'leave', 'away', 'back', 'skip', 'swap', 'accept', 'decline', 'volunteer', 'roles', 'schedule', 'stats'].map((n) => [
      n,
      ApplicationCommandOptionType.Subcommand,
    ]),
  );
  expect(byName.leaderful.options.map((o: { name: string }) => o.name)).toEqual(['help', 'settings', 'export-me', 'forget-me', 'forget']);
  for (const c of put.body) expect(c.contexts).toEqual([InteractionContextType.Guild]);
});

it('`npm run register` with DISCORD_GUILD_ID registers in that server and prints the invite link', async () => {
  const { code, stdout, stderr } = await runRegister({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_GUILD_ID: GUILD_ID,
    DISCORD_API_URL: fake.restApi,
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(fake.registered.guild.get(GUILD_ID)?.map((c) => c.name)).toEqual([
    'propose',
    'poll',
    'vote',
    'proposals',
    'close',
    'withdraw',
    'amend',
    'decisions',
    'rotation',
    'leaderful',
  ]);
  expect(stdout).toContain(`Registered 10 commands in server ${GUILD_ID}`);
  expect(stdout).toContain(`https://discord.com/oauth2/authorize?client_id=${APP_ID}&scope=bot+applications.commands&permissions=274878000192`);
});

it('`npm run register` with a setting missing stops with one line naming it', async () => {
  const { code, stdout, stderr } = await runRegister({ DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.restApi });
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^leaderful: Setting DISCORD_TOKEN: is missing/);
});

it('a token Discord rejects stops start-up with a ConfigError naming DISCORD_TOKEN', async () => {
  fake.invalidTokens.add('bad.bad.bad');
  const bot = new Bot(fake);
  const started = startDiscord({ core: bot.service, env: { ...bot.env(), DISCORD_TOKEN: 'bad.bad.bad' }, log: bot.log });
  await expect(started).rejects.toThrow(ConfigError);
  await expect(started).rejects.toThrow(/^Setting DISCORD_TOKEN: Discord rejected this token/);
  bot.store.close();
});
