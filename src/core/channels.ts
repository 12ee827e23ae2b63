import type { Store } from '../store/store';
import type { ChannelRow } from '../store/channels';
import type { Clock } from './clock';
import type { UserRef } from './commands';
import { UserError } from './errors';
import type { Actor, ChannelAddress, ChannelSettings } from './types';

export const DEFAULT_ROLES = ['facilitator', 'note-taker'] as const;

export const DEFAULT_SETTINGS: ChannelSettings = {
  timezone: 'UTC',
  windowMinutes: 3 * 24 * 60,
  rule: 'consent',
  quorum: { kind: 'none' },
  rotationWeekday: 1,
  rotationTime: '09:00',
  reminderLeadMinutes: 24 * 60,
  stewards: [],
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

  isAdmin(channel: ChannelRow, actor: Actor): boolean {
    return actor.platformAdmin || channel.settings.stewards.includes(actor.userId);
  }

  requireAdmin(channel: ChannelRow, actor: Actor, what: string): void {
    if (!this.isAdmin(channel, actor)) {
      throw new UserError(`Only channel admins or stewards can ${what}. Ask one of them, or ask to be made a steward.`);
    }
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
