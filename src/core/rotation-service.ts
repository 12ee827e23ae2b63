import { createHash } from 'node:crypto';
import type { Store } from '../store/store';
import type { ChannelRow } from '../store/channels';
import type { RosterRow } from '../store/rotation';
import type { Clock } from './clock';
import type { Channels } from './channels';
import { type Doc, FORGOTTEN_PREFIX, type Line, name, strong, text } from './doc';
import { UserError } from './errors';
import { type MessageRef, type Outbox, refText } from './outbox';
import { type Cadence, cadenceAfter, cadenceAtOrBefore, cadenceShift, describeCadence, mondayOf, periodSpan, type Repeat } from './cadence';
import type { RepeatSpec, UserRef } from './commands';
import { type Assignment, levelOffsets, mayHold, nextInLine, type PlanInput, planPeriod, projectPeriods, type RosterMember, serviceStats } from './rotation';
import { DAY, formatLocal, formatLocalDate, LATE_AFTER, parseHHMM, periodKey } from './schedule';
import type { Actor } from './types';
import { notice, type PeriodView, periodLabel, rolesDoc, rotationPingDoc, rotationShowDoc, statsDoc } from './views';
import { parseWhen } from './when';

const MAX_ROLES = 10;
const SHOW_AHEAD = 4;
/** An identical change notice within this time is not posted again (a flip-flop stays quiet). */
export const NOTICE_COALESCE_MS = 15 * 60_000;
/** The longest anyone may be away at once (like the longest a proposal may stay open). */
const MAX_AWAY_DAYS = 366;

export function cadenceOf(channel: ChannelRow): Cadence {
  const { hour, minute } = parseHHMM(channel.settings.rotationTime) ?? { hour: 9, minute: 0 };
  return { weekday: channel.settings.rotationWeekday, hour, minute, repeat: channel.settings.rotationRepeat };
}

/** How far ahead the plan is projected to tell a member when their next turn comes. */
const NEXT_TURN_HORIZON = 26;

/** The roles `userId` volunteered for, from a period's volunteers (role -> member). */
const volunteeredBy = (volunteers: ReadonlyMap<string, string>, userId: string): string[] =>
  [...volunteers].filter(([, u]) => u === userId).map(([role]) => role);

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
    private readonly outbox: Outbox,
  ) {}

  private period(channel: ChannelRow, start: number): Period {
    return { key: periodKey(start, channel.settings.timezone), start };
  }

  currentPeriod(channel: ChannelRow, now = this.clock.now()): Period {
    return this.period(channel, cadenceAtOrBefore(now, cadenceOf(channel), channel.settings.timezone));
  }

  nextPeriod(channel: ChannelRow, p: Period): Period {
    return this.period(channel, cadenceShift(p.start, cadenceOf(channel), channel.settings.timezone, 1));
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
        joinedPeriod: periodKey(cadenceAfter(m.joinedAt, cadenceOf(channel), zone), zone),
      }));
  }

  /** The holders of a period: stored if fixed, else planned from the roster as it is now. */
  holders(channel: ChannelRow, p: Period): { plan: Assignment[]; fixed: boolean } {
    if (this.store.rotation.isFixed(channel.id, p.key)) return { plan: this.orderByRoles(channel, this.store.rotation.assignments(channel.id, p.key)), fixed: true };
    return { plan: planPeriod(this.planInput(channel, p)), fixed: false };
  }

  /** What the rule plans a period from: the roster as it is now, the past before it, its volunteers. */
  private planInput(channel: ChannelRow, p: Period): PlanInput {
    return {
      roles: this.store.rotation.roles(channel.id),
      members: this.members(channel, p.start),
      history: this.store.rotation.historyBefore(channel.id, p.key),
      volunteers: this.store.rotation.volunteers(channel.id, p.key),
      eligible: this.store.rotation.eligible(channel.id),
    };
  }

  orderByRoles(channel: ChannelRow, plan: Assignment[]): Assignment[] {
    const roles = this.store.rotation.roles(channel.id);
    return [...plan].sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role));
  }

  /** Fixes a period's holders (idempotent) and returns them; records who was available then. */
  fix(channel: ChannelRow, p: Period): Assignment[] {
    const h = this.holders(channel, p);
    if (!h.fixed) {
      this.store.rotation.fix(channel.id, p.key, p.start, h.plan);
      const available = this.members(channel, p.start).filter((m) => m.available);
      this.store.rotation.markAvailable(channel.id, p.key, available.map((m) => m.userId));
    }
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
    return `${describeCadence(cadenceOf(channel))} (${channel.settings.timezone})`;
  }

  private span(channel: ChannelRow): string {
    return periodSpan(channel.settings.rotationRepeat);
  }

  /** The member's roster row, if they are on the rotation. */
  memberRow(channel: ChannelRow, userId: string): RosterRow | undefined {
    return this.store.rotation.roster(channel.id).find((m) => m.userId === userId && m.active);
  }

  /** Until when the member is away at `at` (a member on the rotation whose absence covers it), if they are. */
  awayUntil(channel: ChannelRow, userId: string, at: number): number | undefined {
    const until = this.memberRow(channel, userId)?.awayUntil ?? null;
    return until !== null && until > at ? until : undefined;
  }

  /** The first period ahead in which the plan, as it stands, gives the member a role. */
  private nextTurnOf(channel: ChannelRow, userId: string): { start: number; roles: string[] } | undefined {
    const keys: Period[] = [];
    let p = this.currentPeriod(channel);
    for (let i = 0; i < NEXT_TURN_HORIZON; i++) keys.push((p = this.nextPeriod(channel, p)));
    const plans = projectPeriods(this.planInput(channel, keys[0]!), keys.map((k) => k.key));
    const i = plans.findIndex((plan) => plan.some((a) => a.userId === userId));
    return i < 0 ? undefined : { start: keys[i]!.start, roles: plans[i]!.filter((a) => a.userId === userId).map((a) => a.role) };
  }

  private nextTurnText(channel: ChannelRow, userId: string): string {
    const t = this.nextTurnOf(channel, userId);
    const zone = channel.settings.timezone;
    if (!t) return `As things stand you have no turn in the next ${NEXT_TURN_HORIZON} pings (/rotation show has the plan).`;
    return `As things stand your next turn is ${t.roles.join(' and ')} for the ${periodLabel(this.span(channel), t.start, zone)} (plans change as people are away, volunteer or swap).`;
  }

  private refreshNextPing(channel: ChannelRow): void {
    const now = this.clock.now();
    const next = this.store.rotation.activeCount(channel.id) > 0 ? cadenceAfter(now, cadenceOf(channel), channel.settings.timezone) : null;
    this.store.channels.setNextRotation(channel.id, next);
  }

  requireMember(channel: ChannelRow, actor: Actor): void {
    if (!this.memberRow(channel, actor.userId)) throw new UserError("You're not on this channel's rotation yet. /rotation join adds you.");
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
    const ahead = projectPeriods(this.planInput(channel, keys[0]!), keys.map((k) => k.key));
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
    return rotationShowDoc(periods, zone, this.scheduleText(channel), [rosterLine, ...offers], this.span(channel), this.store.rotation.descriptions(channel.id));
  }

  join(channel: ChannelRow, actor: Actor): Doc {
    if (this.memberRow(channel, actor.userId)) return notice([text("You're already on the rotation. /rotation show has the plan.")]);
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
    const now = this.clock.now();
    const until = parseWhen(untilText, now, zone);
    if (!until.ok) throw new UserError(until.error);
    if (until.at <= now) throw new UserError('That date has already passed. Give a date in the future.');
    if (until.at > now + MAX_AWAY_DAYS * DAY) {
      throw new UserError(`You can be away for at most ${MAX_AWAY_DAYS} days at a time. Pick an earlier date; /rotation leave takes you off the rotation for good.`);
    }
    this.store.rotation.setAway(channel.id, actor.userId, until.at);
    const lines: Line[] = [[text(`You're away until ${formatLocal(until.at, zone)}: the rotation will pass you over until then.`)]];
    // An offer to volunteer for the next period (the only one volunteering can name) is withdrawn if
    // they will be away then.
    const current = this.currentPeriod(channel);
    const next = this.nextPeriod(channel, current);
    const offered = volunteeredBy(this.store.rotation.volunteers(channel.id, next.key), actor.userId);
    if (offered.length && next.start < until.at && this.store.rotation.removeVolunteer(channel.id, next.key, actor.userId)) {
      lines.push([text(`Your offer to be ${offered.join(' and ')} for the ${periodLabel(this.span(channel), next.start, zone)} is withdrawn.`)]);
    }
    // A role held now is never left silently with someone away.
    if (this.store.rotation.isFixed(channel.id, current.key)) {
      const mine = this.store.rotation.assignments(channel.id, current.key).filter((a) => a.userId === actor.userId);
      if (mine.length) {
        if (until.at < next.start) {
          lines.push([text(`You still hold ${mine.map((a) => a.role).join(' and ')} now: you're back before the next ping. If you can't do it, /rotation skip hands it on.`)]);
        } else {
          const handed = this.handOn(channel, current, actor.userId, 'away');
          if (handed.given.length) lines.push([text(`${handed.given.join(' and ')} went to the next in line; the channel is told.`)]);
          if (handed.kept.length) {
            lines.push([text(`Nobody else is free to be ${handed.kept.join(' or ')}, so it stays with you: ask someone to /rotation swap with you, or an admin to change the roles.`)]);
          }
        }
      }
    }
    return notice(...lines);
  }

  back(channel: ChannelRow, actor: Actor): Doc {
    this.requireMember(channel, actor);
    if (this.awayUntil(channel, actor.userId, this.clock.now()) === undefined) {
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
    this.outbox.notice(channel.id, doc);
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

  /**
   * Hands each role `userId` holds in period `p` to the next in line (the rule's choice among those
   * free, eligible and not already skipped out of it), and tells the channel. Returns the roles
   * handed on and those nobody could take.
   */
  private handOn(channel: ChannelRow, p: Period, userId: string, why: 'skip' | 'away'): { given: string[]; kept: string[] } {
    const plan = this.store.rotation.assignments(channel.id, p.key);
    const mine = this.orderByRoles(channel, plan.filter((a) => a.userId === userId));
    const now = this.clock.now();
    const lines: Line[] = [];
    const given: string[] = [];
    const kept: string[] = [];
    const busy = new Set(plan.map((a) => a.userId).filter((u): u is string => u !== null));
    const members = this.members(channel, p.start);
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
      const when = this.span(channel) === 'week' ? 'this week' : 'this time';
      lines.push([name(userId), text(why === 'skip' ? ` skips ${when}; ` : ` is away ${when}; `), strong(a.role), text(': '), name(next)]);
    }
    if (lines.length) this.publicNotice(channel, { kind: 'rotation', title: 'Rotation change', lines });
    return { given, kept };
  }

  skip(channel: ChannelRow, actor: Actor): Doc {
    this.requireMember(channel, actor);
    const { p, plan } = this.announced(channel);
    const mine = plan.filter((a) => a.userId === actor.userId);
    if (!mine.length) throw new UserError("You don't hold a role now, so there is nothing to skip.");
    // All or nothing: a partial skip would leave the reply and the channel out of step.
    const { given, kept } = this.handOn(channel, p, actor.userId, 'skip');
    if (kept.length && !given.length) throw new UserError(`Nobody else is free to be ${kept.join(' or ')} now. Ask someone to /rotation swap with you.`);
    const lines: Line[] = [[text(`Done: ${given.join(' and ')} went to the next in line. The turn counts for them, not you, so you stay owed one.`)]];
    if (kept.length) lines.push([text(`Nobody else is free to be ${kept.join(' or ')}, so you still hold it.`)]);
    lines.push([text(this.nextTurnText(channel, actor.userId))]);
    return notice(...lines);
  }

  volunteer(channel: ChannelRow, actor: Actor, role: string): Doc {
    this.requireMember(channel, actor);
    this.requireRole(channel, role);
    const zone = channel.settings.timezone;
    // Volunteering is for the next announcement; the current holders change by swap.
    const target = this.nextPeriod(channel, this.currentPeriod(channel));
    const label = periodLabel(this.span(channel), target.start, zone);
    const away = this.awayUntil(channel, actor.userId, target.start);
    if (away !== undefined) {
      throw new UserError(`You're away until ${formatLocal(away, zone)}, which covers the ${label}. /rotation back first if your plans changed.`);
    }
    const eligible = this.store.rotation.eligible(channel.id);
    if (!mayHold(eligible, role, actor.userId)) throw new UserError(`The role ${role} is limited to some members, and you are not one of them (/rotation roles shows who).`);
    const vols = this.store.rotation.volunteers(channel.id, target.key);
    const taken = vols.get(role);
    if (taken === actor.userId) return notice([text(`You're already ${role} for the ${label}. /rotation volunteer cancel withdraws it.`)]);
    if (taken) throw new UserError(`Someone already volunteered as ${role} for the ${label}.`);
    const other = volunteeredBy(vols, actor.userId);
    if (other.length) {
      const volunteering = new Set(vols.values());
      const free = this.members(channel, target.start).filter((m) => m.available && !volunteering.has(m.userId) && mayHold(eligible, role, m.userId));
      if (free.length) {
        throw new UserError(`You've already volunteered as ${other.join(' and ')} for the ${label}, and others are free to be ${role}. One role each while others are free; /rotation volunteer cancel withdraws yours.`);
      }
    }
    this.store.rotation.setVolunteer(channel.id, target.key, role, actor.userId);
    return notice([text(`Thank you: you're ${role} for the ${label}.`)]);
  }

  volunteerCancel(channel: ChannelRow, actor: Actor): Doc {
    this.requireMember(channel, actor);
    const target = this.nextPeriod(channel, this.currentPeriod(channel));
    const label = periodLabel(this.span(channel), target.start, channel.settings.timezone);
    const roles = volunteeredBy(this.store.rotation.volunteers(channel.id, target.key), actor.userId);
    if (!roles.length) throw new UserError(`You haven't volunteered for the ${label}, so there is nothing to withdraw.`);
    this.store.rotation.removeVolunteer(channel.id, target.key, actor.userId);
    return notice([text(`Withdrawn: you're no longer volunteering as ${roles.join(' and ')} for the ${label}. The rotation chooses as usual.`)]);
  }

  roles(channel: ChannelRow): Doc {
    const descriptions = this.store.rotation.descriptions(channel.id);
    const eligible = this.store.rotation.eligible(channel.id);
    return rolesDoc(this.store.rotation.roles(channel.id).map((role) => ({ role, description: descriptions.get(role), only: eligible.has(role) ? [...eligible.get(role)!] : undefined })));
  }

  describeRole(channel: ChannelRow, actor: Actor, role: string, description: string | null): Doc {
    this.channels.requireAdmin(channel, actor, 'change the roles');
    this.requireRole(channel, role);
    this.store.rotation.describe(channel.id, role, description);
    return notice([text(description === null ? `The role ${role} has no description now.` : `${role}: ${description}`)]);
  }

  setEligible(channel: ChannelRow, actor: Actor, role: string, who: UserRef[] | 'everyone'): Doc {
    this.channels.requireAdmin(channel, actor, 'change the roles');
    this.requireRole(channel, role);
    if (who === 'everyone') {
      this.store.rotation.setEligible(channel.id, role, []);
      return notice([text(`Anyone on the rotation may be ${role} now.`)]);
    }
    const ids = [...new Set(who.map((ref) => this.channels.resolveUser(channel, ref)))];
    const roster = new Set(this.store.rotation.roster(channel.id).filter((m) => m.active).map((m) => m.userId));
    const off = ids.filter((u) => !roster.has(u));
    if (off.length) throw new UserError(`${off.length === 1 ? 'One of them is' : `${off.length} of them are`} not on the rotation; they can /rotation join first.`);
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
    this.requireRole(channel, role);
    const roles = this.store.rotation.roles(channel.id);
    if (roles.length === 1) throw new UserError('That is the last role; a rotation needs at least one.');
    this.store.rotation.removeRole(channel.id, role);
    return notice([text(`Removed the role ${role}. Roles: ${roles.filter((r) => r !== role).join(', ')}.`)]);
  }

  showSchedule(channel: ChannelRow): Doc {
    const next = channel.nextRotationAt;
    const when = next === null ? ' (no ping is due: nobody is on the rotation)' : `; the next is ${formatLocal(next, channel.settings.timezone)}`;
    return notice([text(`Rotation pings go out ${this.scheduleText(channel)}${when}.`)]);
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
    this.refreshNextPing(updated);
    const next = cadenceAfter(now, cadenceOf(updated), zone);
    return notice([text(`Rotation pings now go out ${this.scheduleText(updated)}; the next is ${formatLocal(next, zone)}.`)]);
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
    const records = this.store.rotation.availabilityRecords(channel.id);
    const counted = new Set(history.map((h) => h.period));
    const available = {
      counts: this.store.rotation.availableCounts(channel.id),
      since: records.since,
      // Periods fixed before availability was recorded (an older version) are not counted.
      complete: records.since === null || [...counted].every((k) => k >= records.since!),
    };
    return statsDoc({ roles, members, counts: serviceStats(history), skips: this.store.rotation.skipCounts(channel.id), offsets, available });
  }

  pingIfDue(channel: ChannelRow, now: number): boolean {
    const zone = channel.settings.timezone;
    const p = this.currentPeriod(channel, now);
    const ref: MessageRef = { kind: 'rotation', channelFk: channel.id, period: p.key };
    const key = refText(ref);
    this.store.channels.setNextRotation(channel.id, cadenceAfter(now, cadenceOf(channel), zone));
    if (this.store.rotation.activeCount(channel.id) === 0) {
      this.store.channels.setNextRotation(channel.id, null);
      return false;
    }
    if (!this.store.keys.claimScheduled(key, now)) return false;
    const plan = this.fix(channel, p);
    const prevStart = cadenceShift(p.start, cadenceOf(channel), zone, -1);
    const prevKey = periodKey(prevStart, zone);
    // Thanks go to those who served before, by name; a member who asked to be forgotten is not named.
    const previous = this.store.rotation.isFixed(channel.id, prevKey)
      ? this.orderByRoles(channel, this.store.rotation.assignments(channel.id, prevKey)).filter((a) => !a.userId?.startsWith(FORGOTTEN_PREFIX))
      : undefined;
    const next = this.nextPeriod(channel, p);
    const doc = rotationPingDoc({
      plan,
      start: p.start,
      zone,
      late: now - p.start > LATE_AFTER,
      span: this.span(channel),
      descriptions: this.store.rotation.descriptions(channel.id),
      upNext: { start: next.start, plan: planPeriod(this.planInput(channel, next)) },
      previous,
    });
    this.outbox.post(channel.id, ref, { doc });
    return true;
  }
}
