/**
 * Members and their turns: joining and leaving, going away and coming back, skipping a turn and
 * volunteering for one. Runs inside the caller's transaction.
 */
import type { ChannelRow } from '../../store/channels';
import type { Store } from '../../store/store';
import type { Clock } from '../clock';
import { parseWhen } from '../commands/when';
import { type Doc, type Line, name, strong, text } from '../delivery/doc';
import { UserError } from '../errors';
import { DAY, formatLocal } from '../schedule';
import type { Actor } from '../types';
import { notice } from '../views';
import { mayHold, nextInLine } from './plan';
import type { Period, Rotation } from './service';
import { periodLabel } from './views';

/** The longest anyone may be away at once (like the longest a proposal may stay open). */
const MAX_AWAY_DAYS = 366;

/** The roles `userId` volunteered for, from a period's volunteers (role -> member). */
const volunteeredBy = (volunteers: ReadonlyMap<string, string>, userId: string): string[] =>
  [...volunteers].filter(([, u]) => u === userId).map(([role]) => role);

export class RotationMembers {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly rotation: Rotation,
  ) {}

  join(channel: ChannelRow, actor: Actor): Doc {
    if (this.rotation.memberRow(channel, actor.userId)) return notice([text("You're already on the rotation. /rotation show has the plan.")]);
    this.store.rotation.join(channel.id, actor.userId, this.clock.now());
    this.rotation.refreshNextPing(channel);
    return notice([text(`Welcome to the rotation. Roles are pinged ${this.rotation.scheduleText(channel)}; /rotation show has the plan.`)]);
  }

  leave(channel: ChannelRow, actor: Actor): Doc {
    this.rotation.requireMember(channel, actor);
    this.store.rotation.leave(channel.id, actor.userId);
    this.rotation.refreshNextPing(channel);
    return notice([text("You've left the rotation; your history stays. /rotation join brings you back.")]);
  }

  away(channel: ChannelRow, actor: Actor, untilText: string): Doc {
    this.rotation.requireMember(channel, actor);
    const zone = channel.settings.timezone;
    const now = this.clock.now();
    const until = parseWhen(untilText, now, zone);
    if (!until.ok) throw new UserError(until.error);
    if (until.at <= now) throw new UserError('That date has already passed. Give a date in the future.');
    if (until.at > now + MAX_AWAY_DAYS * DAY) {
      throw new UserError(
        `You can be away for at most ${MAX_AWAY_DAYS} days at a time. Pick an earlier date; /rotation leave takes you off the rotation for good.`,
      );
    }
    this.store.rotation.setAway(channel.id, actor.userId, until.at);
    const lines: Line[] = [[text(`You're away until ${formatLocal(until.at, zone)}: the rotation will pass you over until then.`)]];
    // An offer to volunteer for the next period (the only one volunteering can name) is withdrawn if
    // they will be away then.
    const current = this.rotation.currentPeriod(channel);
    const next = this.rotation.nextPeriod(channel, current);
    const offered = volunteeredBy(this.store.rotation.volunteers(channel.id, next.key), actor.userId);
    if (offered.length && next.start < until.at && this.store.rotation.removeVolunteer(channel.id, next.key, actor.userId)) {
      lines.push([text(`Your offer to be ${offered.join(' and ')} for the ${periodLabel(this.rotation.span(channel), next.start, zone)} is withdrawn.`)]);
    }
    // A role held now is never left silently with someone away.
    if (this.store.rotation.isFixed(channel.id, current.key)) {
      const mine = this.store.rotation.assignments(channel.id, current.key).filter((a) => a.userId === actor.userId);
      if (mine.length) {
        if (until.at < next.start) {
          lines.push([
            text(
              `You still hold ${mine.map((a) => a.role).join(' and ')} now: you're back before the next ping. If you can't do it, /rotation skip hands it on.`,
            ),
          ]);
        } else {
          const handed = this.handOn(channel, current, actor.userId, 'away');
          if (handed.given.length) lines.push([text(`${handed.given.join(' and ')} went to the next in line; the channel is told.`)]);
          if (handed.kept.length) {
            lines.push([
              text(
                `Nobody else is free to be ${handed.kept.join(' or ')}, so it stays with you: ask someone to /rotation swap with you, or an admin to change the roles.`,
              ),
            ]);
          }
        }
      }
    }
    return notice(...lines);
  }

  back(channel: ChannelRow, actor: Actor): Doc {
    this.rotation.requireMember(channel, actor);
    if (this.rotation.awayUntil(channel, actor.userId, this.clock.now()) === undefined) {
      throw new UserError("You're not away, so there is nothing to come back from. /rotation away <until> marks an absence.");
    }
    this.store.rotation.setAway(channel.id, actor.userId, null);
    return notice([text('Welcome back: you are in the rotation again.')]);
  }

  /**
   * Hands each role `userId` holds in period `p` to the next in line (the rule's choice among those
   * free, eligible and not already skipped out of it), and tells the channel. Returns the roles
   * handed on and those nobody could take.
   */
  private handOn(channel: ChannelRow, p: Period, userId: string, why: 'skip' | 'away'): { given: string[]; kept: string[] } {
    const plan = this.store.rotation.assignments(channel.id, p.key);
    const mine = this.rotation.orderByRoles(
      channel,
      plan.filter((a) => a.userId === userId),
    );
    const now = this.clock.now();
    const lines: Line[] = [];
    const given: string[] = [];
    const kept: string[] = [];
    const busy = new Set(plan.map((a) => a.userId).filter((u): u is string => u !== null));
    const members = this.rotation.members(channel, p.start);
    const history = this.store.rotation.historyBefore(channel.id, p.key);
    const roles = this.store.rotation.roles(channel.id);
    const eligible = this.store.rotation.eligible(channel.id);
    for (const a of mine) {
      const exclude = new Set([...busy, ...this.store.rotation.skippers(channel.id, p.key, a.role), userId]);
      const next = nextInLine(members, history, exclude, { role: a.role, roles, eligible });
      if (!next) {
        kept.push(a.role);
        continue;
      }
      this.store.rotation.recordSkip(channel.id, p.key, a.role, userId, now);
      this.store.rotation.setAssignment(channel.id, p.key, { role: a.role, userId: next, source: 'skip' });
      busy.add(next);
      given.push(a.role);
      // A name, not a mention: change notices ping nobody (the weekly ping is the one that does).
      const when = this.rotation.span(channel) === 'week' ? 'this week' : 'this time';
      lines.push([name(userId), text(why === 'skip' ? ` skips ${when}; ` : ` is away ${when}; `), strong(a.role), text(': '), name(next)]);
    }
    if (lines.length) this.rotation.publicNotice(channel, { kind: 'rotation', title: 'Rotation change', lines });
    return { given, kept };
  }

  skip(channel: ChannelRow, actor: Actor): Doc {
    this.rotation.requireMember(channel, actor);
    const { p, plan } = this.rotation.announced(channel);
    const mine = plan.filter((a) => a.userId === actor.userId);
    if (!mine.length) throw new UserError("You don't hold a role now, so there is nothing to skip.");
    // All or nothing: a partial skip would leave the reply and the channel out of step.
    const { given, kept } = this.handOn(channel, p, actor.userId, 'skip');
    if (kept.length && !given.length) throw new UserError(`Nobody else is free to be ${kept.join(' or ')} now. Ask someone to /rotation swap with you.`);
    const lines: Line[] = [[text(`Done: ${given.join(' and ')} went to the next in line. The turn counts for them, not you, so you stay owed one.`)]];
    if (kept.length) lines.push([text(`Nobody else is free to be ${kept.join(' or ')}, so you still hold it.`)]);
    lines.push([text(this.rotation.nextTurnText(channel, actor.userId))]);
    return notice(...lines);
  }

  volunteer(channel: ChannelRow, actor: Actor, role: string): Doc {
    this.rotation.requireMember(channel, actor);
    this.rotation.requireRole(channel, role);
    const zone = channel.settings.timezone;
    // Volunteering is for the next announcement; the current holders change by swap.
    const target = this.rotation.nextPeriod(channel, this.rotation.currentPeriod(channel));
    const label = periodLabel(this.rotation.span(channel), target.start, zone);
    const away = this.rotation.awayUntil(channel, actor.userId, target.start);
    if (away !== undefined) {
      throw new UserError(`You're away until ${formatLocal(away, zone)}, which covers the ${label}. /rotation back first if your plans changed.`);
    }
    const eligible = this.store.rotation.eligible(channel.id);
    if (!mayHold(eligible, role, actor.userId))
      throw new UserError(`The role ${role} is limited to some members, and you are not one of them (/rotation roles shows who).`);
    const vols = this.store.rotation.volunteers(channel.id, target.key);
    const taken = vols.get(role);
    if (taken === actor.userId) return notice([text(`You're already ${role} for the ${label}. /rotation volunteer cancel withdraws it.`)]);
    if (taken) throw new UserError(`Someone already volunteered as ${role} for the ${label}.`);
    const other = volunteeredBy(vols, actor.userId);
    if (other.length) {
      const volunteering = new Set(vols.values());
      const free = this.rotation.members(channel, target.start).filter((m) => m.available && !volunteering.has(m.userId) && mayHold(eligible, role, m.userId));
      if (free.length) {
        throw new UserError(
          `You've already volunteered as ${other.join(' and ')} for the ${label}, and others are free to be ${role}. One role each while others are free; /rotation volunteer cancel withdraws yours.`,
        );
      }
    }
    this.store.rotation.setVolunteer(channel.id, target.key, role, actor.userId);
    return notice([text(`Thank you: you're ${role} for the ${label}.`)]);
  }

  volunteerCancel(channel: ChannelRow, actor: Actor): Doc {
    this.rotation.requireMember(channel, actor);
    const target = this.rotation.nextPeriod(channel, this.rotation.currentPeriod(channel));
    const label = periodLabel(this.rotation.span(channel), target.start, channel.settings.timezone);
    const roles = volunteeredBy(this.store.rotation.volunteers(channel.id, target.key), actor.userId);
    if (!roles.length) throw new UserError(`You haven't volunteered for the ${label}, so there is nothing to withdraw.`);
    this.store.rotation.removeVolunteer(channel.id, target.key, actor.userId);
    return notice([text(`Withdrawn: you're no longer volunteering as ${roles.join(' and ')} for the ${label}. The rotation chooses as usual.`)]);
  }
}
