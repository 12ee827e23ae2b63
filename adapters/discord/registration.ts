import { PermissionFlagsBits, REST, type RESTPutAPIApplicationCommandsResult, Routes } from 'discord.js';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../../src/config';
import { readDiscordConfig } from './config';

import { commandDefinitions } from './commands';

/**
 * What the bot needs in a channel: see it, post and post in threads, embed, read history (to
 * fetch reactions after a restart), add the four vote reactions to its proposals, and manage
 * messages (only to remove reactions from hidden and secret ballots, where a reaction would show a vote).
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.ManageMessages;

export function inviteUrl(applicationId: string): string {
  const q = new URLSearchParams({ client_id: applicationId, scope: 'bot applications.commands', permissions: BOT_PERMISSIONS.toString() });
  return `https://discord.com/oauth2/authorize?${q}`;
}

/**
 * Replaces the application's slash commands with ours: in one server when `guildId` is given
 * (shown at once, for trying things out), else globally.
 */
export async function registerCommands(rest: REST, applicationId: string, guildId?: string): Promise<RESTPutAPIApplicationCommandsResult> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  return (await rest.put(route, { body: commandDefinitions() })) as RESTPutAPIApplicationCommandsResult;
}

/** `npm run register`: registers the slash commands, then prints the invite link. */
export async function main(env: NodeJS.ProcessEnv): Promise<number> {
  try {
    const cfg = readDiscordConfig(env);
    const rest = new REST(cfg.apiUrl ? { api: cfg.apiUrl } : {}).setToken(cfg.token);
    const done = await registerCommands(rest, cfg.applicationId, cfg.guildId);
    const names = done.map((c) => `/${c.name}`).join(' ');
    console.log(
      cfg.guildId
        ? `Registered ${done.length} commands in server ${cfg.guildId} (usable now): ${names}`
        : `Registered ${done.length} commands globally (Discord may take up to an hour to show them everywhere): ${names}`,
    );
    console.log(`Invite the bot with: ${inviteUrl(cfg.applicationId)}`);
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`leaderful: ${e.message}`);
      return 2;
    }
    console.error(`leaderful: registering the commands failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Like npm start: settings from .env, unless already set in the environment.
  if (existsSync('.env') && typeof process.loadEnvFile === 'function') process.loadEnvFile('.env');
  main(process.env).then((code) => process.exit(code));
}
