import type { Doc } from '../../src/core/doc';
import type { Logger } from '../../src/core/ports';
import type { Leaderful, Reply } from '../../src/core/service';
import type { Actor, ChannelAddress } from '../../src/core/types';
import { renderMessage, type SlackMessage } from './blocks';
import { plainLine } from './mrkdwn';
import type { UserDirectory } from './users';

/** What every Slack handler needs: the core, users, the bot's own id, and a way to render replies. */
export class SlackRuntime {
  constructor(
    readonly service: Leaderful,
    readonly users: UserDirectory,
    readonly log: Logger,
    readonly botUserId: string,
    /** Keeps background work visible to stop() (and to tests waiting for quiet). */
    readonly track: <T>(p: Promise<T>) => Promise<T>,
  ) {}

  address(teamId: string, channelId: string): ChannelAddress {
    return { platform: 'slack', spaceId: teamId, channelId };
  }

  /** The actor with fresh users.info data (admin rights matter): for commands, after the ack. */
  async actor(teamId: string, userId: string): Promise<Actor> {
    const u = await this.users.get(teamId, userId);
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
