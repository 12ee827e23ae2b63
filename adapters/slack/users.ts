import type { webApi } from '@slack/bolt';
import type { Doc, Line } from '../../src/core/delivery/doc';
import { LruMap } from '../../src/core/lru';
import type { Logger } from '../../src/core/log';
import type { KnownNames } from '../../src/core/service';
import type { NameOf } from './markdown';

export interface SlackUser {
  displayName?: string;
  /** Workspace admins and owners may change channel settings. */
  admin: boolean;
}

/** Names change rarely: a render may use one this old. */
const TTL_MS = 10 * 60_000;
/** Admin rights decide what someone may do (settings, stewards, erasing a member): re-checked after a minute. */
export const ADMIN_TTL_MS = 60_000;
const FAILED_TTL_MS = 60_000;
/** Users kept in memory at most; the least recently used goes first (a big workspace cannot grow it). */
export const MAX_CACHED_USERS = 5000;

/**
 * users.info, cached per user for a while, with concurrent lookups of one user sharing one call.
 * Names found are also remembered in the store so that `@name` references resolve and later
 * renders need no call. The cache is an LRU with a size cap, so memory stays bounded.
 */
export class UserDirectory {
  private readonly cache = new LruMap<string, { at: number; ttl: number; user: SlackUser }>(MAX_CACHED_USERS);
  private readonly inflight = new Map<string, Promise<SlackUser>>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly users: KnownNames,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many users are cached (bounded by MAX_CACHED_USERS). */
  get size(): number {
    return this.cache.size;
  }

  /** What we know without a call (undefined when the cache is cold, stale, or older than `maxAgeMs`). */
  cached(teamId: string, userId: string, maxAgeMs = Infinity): SlackUser | undefined {
    const hit = this.cache.get(`${teamId}:${userId}`);
    return hit && this.now() - hit.at < Math.min(hit.ttl, maxAgeMs) ? hit.user : undefined;
  }

  /** The user, from the cache when it is younger than `maxAgeMs` (and its TTL), else from users.info. */
  get(teamId: string, userId: string, maxAgeMs = Infinity): Promise<SlackUser> {
    const key = `${teamId}:${userId}`;
    const hit = this.cached(teamId, userId, maxAgeMs);
    if (hit) return Promise.resolve(hit);
    const running = this.inflight.get(key);
    if (running) return running;
    const p = this.fetch(teamId, userId).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  private async fetch(teamId: string, userId: string): Promise<SlackUser> {
    try {
      const r = await this.client.users.info({ user: userId });
      const u = r.user;
      const displayName = u?.profile?.display_name || u?.real_name || u?.profile?.real_name || u?.name || undefined;
      const user: SlackUser = { admin: Boolean(u?.is_admin || u?.is_owner) };
      if (displayName) {
        user.displayName = displayName;
        this.users.remember('slack', teamId, userId, displayName, this.now());
      }
      this.cache.set(`${teamId}:${userId}`, { at: this.now(), ttl: TTL_MS, user });
      return user;
    } catch (e) {
      // Without users.info nobody is an admin and names fall back to what the store remembers.
      this.log.warn('users.info failed', { user: userId, error: e instanceof Error ? e.message : String(e) });
      const user: SlackUser = { admin: false };
      this.cache.set(`${teamId}:${userId}`, { at: this.now(), ttl: FAILED_TTL_MS, user });
      return user;
    }
  }

  /** Display names for every unpinged user a doc shows: the store's first, users.info for the rest. */
  async namesFor(teamId: string, doc: Doc): Promise<NameOf> {
    const ids = unpingedUsers(doc);
    const names = new Map<string, string>();
    const missing: string[] = [];
    for (const id of ids) {
      const known = this.cached(teamId, id)?.displayName ?? this.users.name('slack', teamId, id);
      if (known) names.set(id, known);
      else missing.push(id);
    }
    await Promise.all(
      missing.map(async (id) => {
        const u = await this.get(teamId, id);
        if (u.displayName) names.set(id, u.displayName);
      }),
    );
    return (id) => names.get(id);
  }
}

function unpingedUsers(doc: Doc): Set<string> {
  const out = new Set<string>();
  const visit = (line: Line) => {
    for (const s of line) if ('user' in s && !s.ping) out.add(s.user);
  };
  doc.lines.forEach(visit);
  for (const f of doc.fields ?? []) visit(f.value);
  return out;
}
