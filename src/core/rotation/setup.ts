/** Setting the rotation up: its roles (who may hold them, what they do) and when it pings. Admins and stewards only. */
import type { ChannelRow } from '../../store/channels';
import type { Store } from '../../store/store';
import type { Channels } from '../channels';
import type { Clock } from '../clock';
import type { RepeatSpec, UserRef } from '../commands/grammar';
import { parseWhen } from '../commands/when';
import { type Doc, type Line, name, text } from '../delivery/doc';
import { UserError } from '../errors';
import { formatLocal, parseHHMM, periodKey } from '../schedule';
import type { Actor } from '../types';
import { notice } from '../views';
import { cadenceAfter, cadenceAtOrBefore, mondayOf, type Repeat } from './cadence';
import { cadenceOf, type Rotation } from './service';
import { rolesDoc } from './views';

const MAX_ROLES = 10;

export class RotationSetup {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly channels: Channels,
    private readonly rotation: Rotation,
  ) {}

  roles(channel: ChannelRow): Doc {
    const descriptions = this.store.rotation.descriptions(channel.id);
    const eligible = this.store.rotation.eligible(channel.id);
    return rolesDoc(
      this.store.rotation
        .roles(channel.id)
        .map((role) => ({ role, description: descriptions.get(role), only: eligible.has(role) ? [...eligible.get(role)!] : undefined })),
    );
  }

  describeRole(channel: ChannelRow, actor: Actor, role: string, description: string | null): Doc {
    this.channels.requireAdmin(channel, actor, 'change the roles');
    this.rotation.requireRole(channel, role);
    this.store.rotation.describe(channel.id, role, description);
    return notice([text(description === null ? `The role ${role} has no description now.` : `${role}: ${description}`)]);
  }

  setEligible(channel: ChannelRow, actor: Actor, role: string, who: UserRef[] | 'everyone'): Doc {
    this.channels.requireAdmin(channel, actor, 'change the roles');
    this.rotation.requireRole(channel, role);
    if (who === 'everyone') {
      this.store.rotation.setEligible(channel.id, role, []);
      return notice([text(`Anyone on the rotation may be ${role} now.`)]);
    }
    const ids = [...new Set(who.map((ref) => this.channels.resolveUser(channel, ref)))];
    const roster = new Set(
      this.store.rotation
        .roster(channel.id)
        .filter((m) => m.active)
        .map((m) => m.userId),
    );
    const off = ids.filter((u) => !roster.has(u));
    if (off.length)
      throw new UserError(`${off.length === 1 ? 'One of them is' : `${off.length} of them are`} not on the rotation; they can /rotation join first.`);
    this.store.rotation.setEligible(channel.id, role, ids);
    const line: Line = [text(`Only these may be ${role} now: `)];
    ids.forEach((u, i) => {
      line.push(...(i ? [text(', ')] : []), name(u));
    });
    return notice(line, [text('If none of them is free in a week, the role stays empty that week.')]);
  }

  addRole(channel: ChannelRow, actor: Actor, role: string): Doc {
    this.channels.requireAdmin(channel, actor, 'change the roles');
    const roles = this.store.rotation.roles(channel.id);
    if (roles.includes(role)) throw new UserError(`There is already a role "${role}".`);
    if (roles.length >= MAX_ROLES) throw new UserError(`A channel can have at most ${MAX_ROLES} roles.`);
    this.store.rotation.addRole(channel.id, role);
    return notice([text(`Added the role ${role}. Roles: ${[...roles, role].join(', ')}.`)]);
  }

  removeRole(channel: ChannelRow, actor: Actor, role: string): Doc {
    this.channels.requireAdmin(channel, actor, 'change the roles');
    this.rotation.requireRole(channel, role);
    const roles = this.store.rotation.roles(channel.id);
    if (roles.length === 1) throw new UserError('That is the last role; a rotation needs at least one.');
    this.store.rotation.removeRole(channel.id, role);
    return notice([text(`Removed the role ${role}. Roles: ${roles.filter((r) => r !== role).join(', ')}.`)]);
  }

  showSchedule(channel: ChannelRow): Doc {
    const next = channel.nextRotationAt;
    const when = next === null ? ' (no ping is due: nobody is on the rotation)' : `; the next is ${formatLocal(next, channel.settings.timezone)}`;
    return notice([text(`Rotation pings go out ${this.rotation.scheduleText(channel)}${when}.`)]);
  }

  schedule(channel: ChannelRow, actor: Actor, weekday: number, time: string, spec: RepeatSpec): Doc {
    this.channels.requireAdmin(channel, actor, 'change the rotation schedule');
    const zone = channel.settings.timezone;
    const now = this.clock.now();
    const { hour, minute } = parseHHMM(time)!;
    let repeat: Repeat;
    if (spec.every === 'weeks') {
      // The series runs through the week of `from`; else through the week whose roles are out now
      // (a ping at that weekday and time already went out), so this week's holders stay this
      // week's; else through the week of the first such weekday ahead.
      const weekly = { weekday, hour, minute, repeat: { every: 'week' } as const };
      const last = cadenceAtOrBefore(now, weekly, zone);
      let anchorAt = this.store.rotation.isFixed(channel.id, periodKey(last, zone)) ? last : cadenceAfter(now, weekly, zone);
      if (spec.from !== undefined) {
        const from = parseWhen(spec.from, now, zone);
        if (!from.ok) throw new UserError(from.error);
        anchorAt = from.at;
      }
      repeat = { every: 'weeks', n: spec.n, anchor: mondayOf(anchorAt, zone) };
    } else repeat = spec;
    const updated = { ...channel, settings: { ...channel.settings, rotationWeekday: weekday, rotationTime: time, rotationRepeat: repeat } };
    this.store.channels.updateSettings(channel.id, updated.settings);
    this.rotation.refreshNextPing(updated);
    const next = cadenceAfter(now, cadenceOf(updated), zone);
    return notice([text(`Rotation pings now go out ${this.rotation.scheduleText(updated)}; the next is ${formatLocal(next, zone)}.`)]);
  }
}
