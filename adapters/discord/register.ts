import { REST } from 'discord.js';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../../src/config';
import { readDiscordConfig } from './config';
import { inviteUrl, registerCommands } from './registration';

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
