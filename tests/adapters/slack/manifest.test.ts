// The app manifests declare exactly what the adapter uses: every command of the grammar, the
// scopes of every Web API method the code calls, the reaction events and interactivity.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../../src/core/commands/grammar';

const dir = join(import.meta.dirname, '../../../adapters/slack');
const load = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
const socket = load('manifest.json');
const http = load('manifest.http.json');

/** The bot scope each Web API method the adapter calls needs (views.open needs none: it uses a trigger). */
const SCOPE_OF: Record<string, string | null> = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'reactions.get': 'reactions:read',
  'users.info': 'users:read',
  'views.open': null,
};

describe.each([
  ['manifest.json', socket],
  ['manifest.http.json', http],
])('%s', (_file, m) => {
  it('declares every slash command of the grammar, and no other', () => {
    expect(m.features.slash_commands.map((c: any) => c.command).sort()).toEqual(COMMAND_NAMES.map((n) => `/${n}`).sort());
    for (const c of m.features.slash_commands) {
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('escapes mentions in the commands that take @user, so they arrive as user ids', () => {
    const escaped = m.features.slash_commands.filter((c: any) => c.should_escape).map((c: any) => c.command);
    expect(escaped.sort()).toEqual(['/leaderful', '/rotation']);
  });

  it('asks for exactly the scopes of the Web API methods the adapter calls', () => {
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const called = new Set([...source.matchAll(/client\.(\w+)\.(\w+)\(/g)].map((x) => `${x[1]}.${x[2]}`));
    called.add('auth.test'); // through a probe client at start
    for (const method of called) expect(Object.keys(SCOPE_OF), `scope table lacks ${method}`).toContain(method);
    const needed = new Set(['commands', ...[...called].map((c) => SCOPE_OF[c]).filter((s): s is string => !!s)]);
    expect([...m.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  it('subscribes to reaction events and enables interactivity', () => {
    expect(m.settings.event_subscriptions.bot_events.sort()).toEqual(['reaction_added', 'reaction_removed']);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.features.bot_user.display_name).toBe('Leaderful');
  });
});

describe('the two manifests', () => {
  it('Socket Mode needs no URLs; HTTP mode sends everything to /slack/events', () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toContain('request_url');
    expect(http.settings.socket_mode_enabled).toBe(false);
    const urls = [
      http.settings.event_subscriptions.request_url,
      http.settings.interactivity.request_url,
      ...http.features.slash_commands.map((c: any) => c.url),
    ];
    expect(urls).toHaveLength(2 + COMMAND_NAMES.length);
    for (const u of urls) expect(u).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
  });

  it('differ only in the mode and the URLs', () => {
    const strip = (m: any) => JSON.parse(JSON.stringify(m, (k, v) => (k === 'url' || k === 'request_url' || k === 'socket_mode_enabled' ? undefined : v)));
    expect(strip(http)).toEqual(strip(socket));
  });
});
