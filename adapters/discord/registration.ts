import { PermissionFlagsBits, type REST, type RESTPutAPIApplicationCommandsResult, Routes } from 'discord.js';
import { commandDefinitions } from './commands';

/**
 * What the bot needs in a channel: see it, post and post in threads, embed, read history (to
 * fetch reactions after a restart) and add the four vote reactions to its proposals.
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions;

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
