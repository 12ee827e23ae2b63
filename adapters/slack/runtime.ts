import type { Doc } from '../../src/core/delivery/doc';
import type { Logger } from '../../src/core/log';
import type { Core } from '../../src/core/platform';
import type { Reply } from '../../src/core/service';
import type { Actor, ChannelAddress } from '../../src/core/types';
import { renderMessage, type SlackMessage } from './render';
import { plainLine } from './markdown';
import { ADMIN_TTL_MS, type UserDirectory } from './users';

/** What every Slack handler needs: the core, users, the bot's own id, and a way to render replies. */
export class SlackRuntime {
  constructor(
    readonly service: Core,
    readonly users: UserDirectory,
    readonly log: Logger,
    readonly botUserId: string,
    /** Keeps background work visible to stop() (and to tests waiting for quiet). */
    readonly track: <T>(p: Promise<T>) => Promise<T>,
  ) {}

  address(teamId: string, channelId: string): ChannelAddress {
    return { platform: 'slack', spaceId: teamId, channelId };
  }

  /** The actor with fresh users.info data (admin rights matter: at most a minute old): for commands, after the ack. */
  async actor(teamId: string, userId: string): Promise<Actor> {
    const u = await this.users.get(teamId, userId, ADMIN_TTL_MS);
    return { userId, platformAdmin: u.admin, ...(u.displayName ? { displayName: u.displayName } : {}) };
  }

  /**
   * The actor from what is cached, without waiting: votes need no admin rights, and handling them
   * at once keeps reactions in the order Slack sent them. A cold cache is warmed in the background.
   */
  actorNow(teamId: string, userId: string): Actor {
    const u = this.users.cached(teamId, userId);
    if (!u) void this.track(this.users.get(teamId, userId));
    return { userId, platformAdmin: u?.admin ?? false, ...(u?.displayName ? { displayName: u.displayName } : {}) };
  }

  /**
   * Members a command's text mentions (`<@U…>`), confirmed by users.info: real members of the
   * workspace, which the core may then remember as seen (it makes only seen members stewards).
   * A typed `<@U…>` that users.info does not know is not vouched for.
   */
  async vouched(teamId: string, text: string): Promise<{ userId: string; displayName: string }[]> {
    const ids = [...new Set([...text.matchAll(/<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>/g)].map((m) => m[1]!))].slice(0, 5);
    const found = await Promise.all(ids.map(async (id) => ({ userId: id, displayName: (await this.users.get(teamId, id)).displayName })));
    return found.filter((u): u is { userId: string; displayName: string } => u.displayName !== undefined);
  }

  async render(teamId: string, doc: Doc): Promise<SlackMessage> {
    return renderMessage(doc, await this.users.namesFor(teamId, doc));
  }

  /** A reply's first line as plain text, for modal error messages. */
  firstLine(reply: Reply): string {
    const line = reply.doc.lines[0];
    return line ? plainLine(line, () => undefined).slice(0, 300) : 'That did not work.';
  }

  warn(msg: string, e: unknown, data: Record<string, unknown> = {}): void {
    this.log.warn(msg, { ...data, error: e instanceof Error ? e.message : String(e) });
  }
}
