import { createHash } from 'node:crypto';
import type { Store } from '../store/store';
import type { ChannelRow } from '../store/channels';
import type { Clock } from './clock';
import type { Channels } from './channels';
import { type Doc, type Line, name, strong, text } from './doc';
import { UserError } from './errors';
import { type Assignment, levelOffsets, nextInLine, planPeriod, projectPeriods, type RosterMember, serviceStats } from './rotation';
import { DAY, formatLocal, formatLocalDate, LATE_AFTER, parseHHMM, periodKey, weekdayName, weeklyAfter, weeklyAtOrBefore, weeklyShift, type WeeklyTime } from './schedule';
import type { Actor } from './types';
import { notice, type PeriodView, rotationPingDoc, rotationShowDoc, statsDoc } from './views';
import { parseWhen } from './when';

const MAX_ROLES = 10;
const SHOW_AHEAD = 4;
/** An identical change notice within this time is not posted again (a flip-flop stays quiet). */
export const NOTICE_COALESCE_MS = 15 * 60_000;
/** The longest anyone may be away at once (like the longest a proposal may stay open). */
const MAX_AWAY_DAYS = 366;

export function weeklyTimeOf(channel: ChannelRow): WeeklyTime {
  const { hour, minute } = parseHHMM(channel.settings.rotationTime) ?? { hour: 9, minute: 0 };
  return { weekday: channel.settings.rotationWeekday, hour, minute };
}

interface Period {
  key: string;
  start: number;
}

/** Roles, roster and the weekly rotation. Runs inside the caller's transaction. */
export class Rotation {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly channels: Channels,
  ) {}

  private period(channel: ChannelRow, start: number): Period {
    return { key: periodKey(start, channel.settings.timezone), start };
  }

  currentPeriod(channel: ChannelRow, now = this.clock.now()): Period {
    return this.period(channel, weeklyAtOrBefore(now, weeklyTimeOf(channel), channel.settings.timezone));
  }

  nextPeriod(channel: ChannelRow, p: Period): Period {
    return this.period(channel, weeklyShift(p.start, weeklyTimeOf(channel), channel.settings.timezone, 1));
  }

  private members(channel: ChannelRow, periodStart: number): RosterMember[] {
    const zone = channel.settings.timezone;
    return this.store.rotation
      .roster(channel.id)
      .filter((m) => m.active)
      .map((m) => ({
        userId: m.userId,
        joinSeq: m.joinSeq,
        available: m.awayUntil === null || m.awayUntil <= periodStart,
        // The first period they take part in: the first ping after they joined. The rule starts a
        // newcomer at the group's lowest count from there (see rotation.ts).
        joinedPeriod: periodKey(weeklyAfter(m.joinedAt, weeklyTimeOf(channel), zone), zone),
      }));
  }

  /** The holders of a period: stored if fixed, else planned from the roster as it is now. */
  holders(channel: ChannelRow, p: Period): { plan: Assignment[]; fixed: boolean } {
    if (this.store.rotation.isFixed(channel.id, p.key)) return { plan: this.orderByRoles(channel, this.store.rotation.assignments(channel.id, p.key)), fixed: true };
    return {
      plan: planPeriod({
        roles: this.store.rotation.roles(channel.id),
        members: this.members(channel, p.start),
        history: this.store.rotation.historyBefore(channel.id, p.key),
        volunteers: this.store.rotation.volunteers(channel.id, p.key),
      }),
      fixed: false,
    };
  }

  orderByRoles(channel: ChannelRow, plan: Assignment[]): Assignment[] {
    const roles = this.store.rotation.roles(channel.id);
    return [...plan].sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role));
  }

  /** Fixes a period's holders (idempotent) and returns them. */
  fix(channel: ChannelRow, p: Period): Assignment[] {
    const h = this.holders(channel, p);
    if (!h.fixed) this.store.rotation.fix(channel.id, p.key, p.start, h.plan);
    return h.plan;
  }

  currentFacilitators(channel: ChannelRow): string[] {
    const roles = this.store.rotation.roles(channel.id);
    const role = roles.includes('facilitator') ? 'facilitator' : roles[0];
    const current = this.currentPeriod(channel);
    if (!this.store.rotation.isFixed(channel.id, current.key)) return [];
    const plan = this.store.rotation.assignments(channel.id, current.key);
    return plan.filter((a) => a.role === role && a.userId).map((a) => a.userId!);
  }

  private scheduleText(channel: ChannelRow): string {
    const s = channel.settings;
    return `${weekdayName(s.rotationWeekday)}s at ${s.rotationTime} (${s.timezone})`;
  }

  private refreshNextPing(channel: ChannelRow): void {
    const now = this.clock.now();
    const next = this.store.rotation.activeCount(channel.id) > 0 ? weeklyAfter(now, weeklyTimeOf(channel), channel.settings.timezone) : null;
    this.store.channels.setNextRotation(channel.id, next);
  }

  requireMember(channel: ChannelRow, actor: Actor): void {
    const m = this.store.rotation.roster(channel.id).find((r) => r.userId === actor.userId && r.active);
    if (!m) throw new UserError("You're not on this channel's rotation yet. /rotation join adds you.");
  }

  private requireRole(channel: ChannelRow, role: string): void {
    const roles = this.store.rotation.roles(channel.id);
    if (!roles.includes(role)) throw new UserError(`There is no role "${role}" here. The roles are: ${roles.join(', ') || 'none'}.`);
  }

  show(channel: ChannelRow): Doc {
    const zone = channel.settings.timezone;
    const current = this.currentPeriod(channel);
    const fixed = this.store.rotation.isFixed(channel.id, current.key);
    const keys: Period[] = [];
    let p = current;
    for (let i = 0; i < SHOW_AHEAD; i++) keys.push((p = this.nextPeriod(channel, p)));
    const roster = this.store.rotation.roster(channel.id).filter((m) => m.active);
    const ahead = projectPeriods(
      {
        roles: this.store.rotation.roles(channel.id),
        members: this.members(channel, keys[0]!.start),
        history: this.store.rotation.historyBefore(channel.id, keys[0]!.key),
        volunteers: this.store.rotation.volunteers(channel.id, keys[0]!.key),
      },
      keys.map((k) => k.key),
    );
    const rosterLine: Line = [text(`Roster (${roster.length}): `)];
    roster.forEach((m, i) => {
      if (i) rosterLine.push(text(', '));
      rosterLine.push(name(m.userId));
      if (m.awayUntil && m.awayUntil > this.clock.now()) rosterLine.push(text(` (away until ${formatLocalDate(m.awayUntil, zone)})`));
    });
    if (!roster.length) rosterLine.push(text('nobody yet. /rotation join to take part.'));
    const periods: PeriodView[] = keys.map((k, i) => ({ start: k.start, plan: ahead[i]!, fixed: false }));
    if (fixed) periods.unshift({ start: current.start, plan: this.holders(channel, current).plan, fixed: true });
    const offers: Line[] = this.store.swaps
      .pending(channel.id, current.key, this.clock.now())
      .map((o) => [text('Swap offered: '), name(o.fromUser), text(' → '), name(o.toUser), text(`, until ${formatLocal(o.expiresAt, zone)}`)]);
    return rotationShowDoc(periods, zone, this.scheduleText(channel), [rosterLine, ...offers]);
  }

  join(channel: ChannelRow, actor: Actor): Doc {
    const already = this.store.rotation.roster(channel.id).some((m) => m.userId === actor.userId && m.active);
    if (already) return notice([text("You're already on the rotation. /rotation show has the plan.")]);
    this.store.rotation.join(channel.id, actor.userId, this.clock.now());
    this.refreshNextPing(channel);
    return notice([text(`Welcome to the rotation. Roles are pinged ${this.scheduleText(channel)}; /rotation show has the plan.`)]);
  }

  leave(channel: ChannelRow, actor: Actor): Doc {
    this.requireMember(channel, actor);
    this.store.rotation.leave(channel.id, actor.userId);
    this.refreshNextPing(channel);
    return notice([text("You've left the rotation; your history stays. /rotation join brings you back.")]);
  }

  away(channel: ChannelRow, actor: Actor, untilText: string): Doc {
    this.requireMember(channel, actor);
    const zone = channel.settings.timezone;
    const until = parseWhen(untilText, this.clock.now(), zone);
    if (!until.ok) throw new UserError(until.error);
    if (until.at <= this.clock.now()) throw new UserError('That date has already passed. Give a date in the future.');
    if (until.at > this.clock.now() + MAX_AWAY_DAYS * DAY) {
      throw new UserError(`You can be away for at most ${MAX_AWAY_DAYS} days at a time. Pick an earlier date; /rotation leave takes you off the rotation for good.`);
    }
    this.store.rotation.setAway(channel.id, actor.userId, until.at);
    return notice([text(`You're away until ${formatLocal(until.at, zone)}: the rotation will pass you over until then.`)]);
  }

  back(channel: ChannelRow, actor: Actor): Doc {
    this.requireMember(channel, actor);
    const me = this.store.rotation.roster(channel.id).find((m) => m.userId === actor.userId)!;
    if (me.awayUntil === null || me.awayUntil <= this.clock.now()) {
      throw new UserError("You're not away, so there is nothing to come back from. /rotation away <until> marks an absence.");
    }
    this.store.rotation.setAway(channel.id, actor.userId, null);
    return notice([text('Welcome back: you are in the rotation again.')]);
  }

  /**
   * Posts a notice to the channel, unless the very same notice went out in the last
   * NOTICE_COALESCE_MS (repeats are what turn a change notice into harassment). Returns whether it
   * was queued. Its outbox ref is made unique by the outbox, so notices never collide.
   */
  publicNotice(channel: ChannelRow, doc: Doc): boolean {
    const now = this.clock.now();
    const digest = createHash('sha256').update(JSON.stringify(doc)).digest('base64url').slice(0, 22);
    const last = this.store.notices.lastAt(channel.id, digest);
    if (last !== undefined && now - last < NOTICE_COALESCE_MS) return false;
    this.store.notices.record(channel.id, digest, now);
    this.store.outbox.enqueueNotice(channel.id, JSON.stringify({ doc }), now);
    return true;
  }

  /** This week's period and holders; refused before the week's roles were announced. */
  announced(channel: ChannelRow): { p: Period; plan: Assignment[] } {
    const p = this.currentPeriod(channel);
    if (!this.store.rotation.isFixed(channel.id, p.key)) {
      const next = this.nextPeriod(channel, p);
      throw new UserError(`No roles have been announced for this week yet; the next ping is ${formatLocal(next.start, channel.settings.timezone)}.`);
    }
    return { p, plan: this.store.rotation.assignments(channel.id, p.key) };
  }

  skip(channel: ChannelRow, actor: Actor): Doc {
    this.requireMember(channel, actor);
    const { p, plan } = this.announced(channel);
    const mine = plan.filter((a) => a.userId === actor.userId);
    if (!mine.length) throw new UserError("You don't hold a role this week, so there is nothing to skip.");
    const now = this.clock.now();
    const lines: Line[] = [];
    const busy = new Set(plan.map((a) => a.userId).filter((u): u is string => u !== null));
    for (const a of mine) {
      const exclude = new Set([...busy, ...this.store.rotation.skippers(channel.id, p.key, a.role), actor.userId]);
      const next = nextInLine(this.members(channel, p.start), this.store.rotation.historyBefore(channel.id, p.key), exclude, {
        role: a.role,
        roles: this.store.rotation.roles(channel.id),
      });
      if (!next) throw new UserError(`Nobody else is free to be ${a.role} this week. Ask someone to /rotation volunteer ${a.role}, or swap.`);
      this.store.rotation.recordSkip(channel.id, p.key, a.role, actor.userId, now);
      this.store.rotation.setAssignment(channel.id, p.key, { role: a.role, userId: next, source: 'skip' });
      busy.add(next);
      // A name, not a mention: change notices ping nobody (the weekly ping is the one that does).
      lines.push([name(actor.userId), text(` skips this week; `), strong(a.role), text(': '), name(next)]);
    }
    this.publicNotice(channel, { kind: 'rotation', title: 'Rotation change', lines });
    return notice([text('Done: the turn counts for them, not you, so yours comes round again soon.')]);
  }

  volunteer(channel: ChannelRow, actor: Actor, role: string): Doc {
    this.requireMember(channel, actor);
    this.requireRole(channel, role);
    // Volunteering is for the next announcement; this week's roles change by swap.
    const target = this.nextPeriod(channel, this.currentPeriod(channel));
    const taken = this.store.rotation.volunteers(channel.id, target.key).get(role);
    if (taken && taken !== actor.userId) throw new UserError(`Someone already volunteered as ${role} for the week of ${formatLocalDate(target.start, channel.settings.timezone)}.`);
    this.store.rotation.setVolunteer(channel.id, target.key, role, actor.userId);
    return notice([text(`Thank you: you're ${role} for the week of ${formatLocalDate(target.start, channel.settings.timezone)}.`)]);
  }

  roles(channel: ChannelRow): Doc {
    return notice([text(`Roles, in order: ${this.store.rotation.roles(channel.id).join(', ') || 'none'}.`)]);
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
    this.requireRole(channel, role);
    const roles = this.store.rotation.roles(channel.id);
    if (roles.length === 1) throw new UserError('That is the last role; a rotation needs at least one.');
    this.store.rotation.removeRole(channel.id, role);
    return notice([text(`Removed the role ${role}. Roles: ${roles.filter((r) => r !== role).join(', ')}.`)]);
  }

  schedule(channel: ChannelRow, actor: Actor, weekday: number, time: string): Doc {
    this.channels.requireAdmin(channel, actor, 'change the rotation schedule');
    const updated = { ...channel, settings: { ...channel.settings, rotationWeekday: weekday, rotationTime: time } };
    this.store.channels.updateSettings(channel.id, updated.settings);
    this.refreshNextPing(updated);
    return notice([text(`Rotation pings now go out ${this.scheduleText(updated)}.`)]);
  }

  /** After a settings change (time zone), the next ping moves with it. */
  settingsChanged(channel: ChannelRow): void {
    this.refreshNextPing(channel);
  }

  stats(channel: ChannelRow): Doc {
    const members = this.store.rotation.roster(channel.id).map((m) => m.userId);
    const roles = this.store.rotation.roles(channel.id);
    const history = this.store.rotation.allHistory(channel.id);
    // Standing as the next plan will see it (those on the rotation now; away or not).
    const next = this.nextPeriod(channel, this.currentPeriod(channel));
    const offsets = levelOffsets(roles, this.members(channel, next.start), history);
    return statsDoc(roles, members, serviceStats(history), this.store.rotation.skipCounts(channel.id), offsets);
  }

  /** The weekly ping, if it is due: exactly once per channel and period (keyed), late when caught up. */
  pingIfDue(channel: ChannelRow, now: number): boolean {
    const zone = channel.settings.timezone;
    const p = this.currentPeriod(channel, now);
    const key = `rotation:${channel.id}:${p.key}`;
    this.store.channels.setNextRotation(channel.id, weeklyAfter(now, weeklyTimeOf(channel), zone));
    if (this.store.rotation.activeCount(channel.id) === 0) {
      this.store.channels.setNextRotation(channel.id, null);
      return false;
    }
    if (!this.store.keys.claimScheduled(key, now)) return false;
    const plan = this.fix(channel, p);
    this.store.outbox.enqueue(channel.id, key, 'post', JSON.stringify({ doc: rotationPingDoc(plan, p.start, zone, now - p.start > LATE_AFTER) }), now);
    return true;
  }
}
