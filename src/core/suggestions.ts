import type { Store } from '../store/store';
import type { ChannelAddress } from './types';

/** What to offer while someone types an option (Discord autocomplete): proposals and roles. Read-only. */
export class Suggestions {
  constructor(private readonly store: Store) {}

  /**
   * Suggestions while someone types (Discord autocomplete, say): proposals whose number starts with
   * or whose title contains `typed` (open ones, then recent decided ones when asked), and role names.
   */
  proposals(channel: ChannelAddress, typed: string, includeDecided: boolean, limit = 25): { number: number; title: string }[] {
    const row = this.store.channels.find(channel);
    if (!row) return [];
    const t = typed.trim().replace(/^#/, '').toLowerCase();
    const open = this.store.proposals.open(row.id);
    const list = includeDecided ? [...open, ...this.store.proposals.decided(row.id, limit)] : open;
    return list
      .filter((p) => !t || String(p.number).startsWith(t) || p.title.toLowerCase().includes(t))
      .slice(0, limit)
      .map((p) => ({ number: p.number, title: p.title }));
  }

  roles(channel: ChannelAddress, typed: string): string[] {
    const row = this.store.channels.find(channel);
    const t = typed.trim().toLowerCase();
    return row ? this.store.rotation.roles(row.id).filter((r) => r.startsWith(t)) : [];
  }
}
