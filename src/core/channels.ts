import type { Store } from '../store/store';
import type { ChannelRow } from '../store/channels';
import type { Clock } from './clock';
import type { UserRef } from './commands/grammar';
import { UserError } from './errors';
import type { Actor, ChannelAddress, ChannelSettings } from './types';

const DEFAULT_ROLES = ['facilitator', 'note-taker'] as const;
const MAX_STEWARDS = 20;

export const DEFAULT_SETTINGS: ChannelSettings = {
  timezone: 'UTC',
  windowMinutes: 3 * 24 * 60,
  rule: 'consent',
  quorum: { kind: 'none' },
  rotationWeekday: 1,
  rotationTime: '09:00',
  rotationRepeat: { every: 'week' },
  reminderLeadMinutes: 24 * 60,
  stewards: [],
  // Generous for a real group (few groups have more than a handful of proposals open), tight enough
  // that one member cannot bury the channel.
  maxOpen: 50,
  maxOpenPerMember: 10,
};

/** Shared by the service's parts: where channels come from and who may change them. */
export class Channels {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly defaults: ChannelSettings,
  ) {}

  /** The channel's row, created with the defaults (and the default roles) on first use. */
  ensure(address: ChannelAddress, name?: string): ChannelRow {
    const found = this.store.channels.find(address);
    if (found) return found;
    const id = this.store.channels.insert(address, name ?? null, this.defaults, this.clock.now());
    for (const role of DEFAULT_ROLES) this.store.rotation.addRole(id, role);
    return this.store.channels.get(id);
  }

  get defaultZone(): string {
    return this.defaults.timezone;
  }

  isAdmin(channel: ChannelRow, actor: Actor): boolean {
    return actor.platformAdmin || channel.settings.stewards.includes(actor.userId);
  }

  requireAdmin(channel: ChannelRow, actor: Actor, what: string): void {
    if (!this.isAdmin(channel, actor)) {
      throw new UserError(`Only channel admins or stewards can ${what}. Ask one of them, or ask to be made a steward.`);
    }
  }

  /**
   * Someone the bot has seen here: they used Leaderful (their name is remembered), the platform
   * vouched for them in a request, or they are on this channel's rotation. A typed id the bot has
   * never seen (`<@not-a-real-user>`) is refused where it would give rights.
   */
  isKnownMember(channel: ChannelRow, userId: string): boolean {
    const { platform, spaceId } = channel.address;
    return this.store.users.name(platform, spaceId, userId) !== undefined || this.store.rotation.member(channel.id, userId) !== undefined;
  }

  private shown(channel: ChannelRow, userId: string): string {
    return `@${this.store.users.name(channel.address.platform, channel.address.spaceId, userId) ?? userId}`;
  }

  /**
   * Only platform admins appoint stewards. A steward who could appoint others could also hand the
   * channel to friends, and outnumber the group.
   */
  addSteward(channel: ChannelRow, actor: Actor, stewards: string[], ref: UserRef): string[] {
    if (!actor.platformAdmin) throw new UserError('Only workspace or server admins can add stewards. Ask one of them.');
    const id = this.resolveUser(channel, ref);
    if (!this.isKnownMember(channel, id)) {
      throw new UserError(
        "I haven't seen that member here. Stewards must be members who have used Leaderful in this workspace or server (any command or vote counts); mention them so that your app shows them as a link.",
      );
    }
    if (stewards.includes(id)) throw new UserError(`${this.shown(channel, id)} is a steward already; nothing changed.`);
    if (stewards.length >= MAX_STEWARDS) throw new UserError(`A channel can have at most ${MAX_STEWARDS} stewards.`);
    return [...stewards, id];
  }

  /** Only platform admins remove stewards (a steward could otherwise remove every other); anyone may step down. */
  removeSteward(channel: ChannelRow, actor: Actor, stewards: string[], ref: UserRef): string[] {
    const id = this.resolveUser(channel, ref);
    if (!actor.platformAdmin && id !== actor.userId) {
      throw new UserError(
        'Only workspace or server admins can remove stewards. (A steward can step down: /leaderful settings steward remove with their own name.)',
      );
    }
    if (!stewards.includes(id)) throw new UserError(`${this.shown(channel, id)} is not a steward here, so nothing changed.`);
    return stewards.filter((x) => x !== id);
  }

  /** A platform user id for a mention or an @name (names resolve through the names we have seen). */
  resolveUser(channel: ChannelRow, ref: UserRef): string {
    if ('id' in ref) return ref.id;
    const { platform, spaceId } = channel.address;
    const id = this.store.users.findByName(platform, spaceId, ref.name);
    if (!id) throw new UserError(`I don't know anyone called @${ref.name} here. Mention them so that your app shows them as a link.`);
    return id;
  }
}
