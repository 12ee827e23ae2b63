import type { Store } from '../store/store';
import type { ChannelRow } from '../store/channels';
import type { Channels } from './channels';
import type { Command } from './commands/grammar';
import { text, type Doc } from './delivery/doc';
import { quorumWarning } from './proposals/quorum-check';
import type { Rotation } from './rotation/service';
import type { Actor } from './types';
import { settingsDoc } from './views';
import { fixedOffsetNote } from './zones';

export type SettingsChanges = Extract<Command, { kind: 'settings' }>['changes'];

/** `/leaderful settings`: shown to anyone, changed by admins and stewards. Runs inside the caller's transaction. */
export class SettingsService {
  constructor(
    private readonly store: Store,
    private readonly channels: Channels,
    private readonly rotation: Rotation,
  ) {}

  /** Shows the settings, or (admins and stewards) changes them and shows the result. */
  apply(channel: ChannelRow, actor: Actor, c: SettingsChanges): Doc {
    const roles = () => this.store.rotation.roles(channel.id);
    if (Object.keys(c).length === 0) return settingsDoc(channel.settings, roles());
    this.channels.requireAdmin(channel, actor, 'change settings');
    const s = { ...channel.settings, stewards: [...channel.settings.stewards] };
    if (c.timezone) s.timezone = c.timezone;
    if (c.windowMinutes) s.windowMinutes = c.windowMinutes;
    if (c.rule) s.rule = c.rule;
    if (c.quorum) s.quorum = c.quorum;
    if (c.reminderLeadMinutes !== undefined) s.reminderLeadMinutes = c.reminderLeadMinutes;
    if (c.maxOpen !== undefined) s.maxOpen = c.maxOpen;
    if (c.maxOpenPerMember !== undefined) s.maxOpenPerMember = c.maxOpenPerMember;
    if (c.stewardAdd) s.stewards = this.channels.addSteward(channel, actor, s.stewards, c.stewardAdd);
    if (c.stewardRemove) s.stewards = this.channels.removeSteward(channel, actor, s.stewards, c.stewardRemove);
    this.store.channels.updateSettings(channel.id, s);
    if (s.timezone !== channel.settings.timezone) this.rotation.refreshNextPing({ ...channel, settings: s });
    const doc = settingsDoc(s, roles());
    doc.title = 'Settings saved';
    const zoneNote = c.timezone ? fixedOffsetNote(s.timezone) : undefined;
    if (zoneNote) doc.lines.unshift([text(`Note: ${zoneNote}`)]);
    const quorumNote = c.quorum ? quorumWarning(s.quorum, this.store.rotation.activeCount(channel.id)) : undefined;
    if (quorumNote) doc.lines.unshift([text(quorumNote)]);
    return doc;
  }
}
