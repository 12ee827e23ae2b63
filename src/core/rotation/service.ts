import { createHash } from 'node:crypto';
import type { Store } from '../../store/store';
import type { ChannelRow } from '../../store/channels';
import type { RosterRow } from '../../store/rotation';
import type { Clock } from '../clock';
import { type Doc, FORGOTTEN_PREFIX, type Line, name, text } from '../delivery/doc';
import { UserError } from '../errors';
import { type MessageRef, type Outbox, refText } from '../delivery/outbox';
import { type Cadence, cadenceAfter, cadenceAtOrBefore, cadenceShift, describeCadence, periodSpan } from './cadence';
import { type Assignment, levelOffsets, type PlanInput, planPeriod, projectPeriods, type RosterMember, serviceStats } from './plan';
import { formatLocal, formatLocalDate, LATE_AFTER, parseHHMM, periodKey } from '../schedule';
import type { Actor } from '../types';
import { type PeriodView, periodLabel, rotationPingDoc, rotationShowDoc, statsDoc } from './views';

const SHOW_AHEAD = 4;
/** An identical change notice within this time is not posted again (a flip-flop stays quiet). */
export const NOTICE_COALESCE_MS = 15 * 60_000;

export function cadenceOf(channel: ChannelRow): Cadence {
  const { hour, minute } = parseHHMM(channel.settings.rotationTime) ?? { hour: 9, minute: 0 };
  return { weekday: channel.settings.rotationWeekday, hour, minute, repeat: channel.settings.rotationRepeat };
}

/** How far ahead the plan is projected to tell a member when their next turn comes. */
const NEXT_TURN_HORIZON = 26;

export interface Period {
  key: string;
  start: number;
}

/** Roles, roster and the weekly rotation. Runs inside the caller's transaction. */
export class Rotation {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
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

  members(channel: ChannelRow, periodStart: number): RosterMember[] {
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
    if (this.store.rotation.isFixed(channel.id, p.key))
      return { plan: this.orderByRoles(channel, this.store.rotation.assignments(channel.id, p.key)), fixed: true };
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
      this.store.rotation.markAvailable(
        channel.id,
        p.key,
        available.map((m) => m.userId),
      );
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

  /** "every Monday at 09:00 (Europe/Berlin)". */
  scheduleText(channel: ChannelRow): string {
    return `${describeCadence(cadenceOf(channel))} (${channel.settings.timezone})`;
  }

  span(channel: ChannelRow): string {
    return periodSpan(channel.settings.rotationRepeat);
  }

  /** The member's roster row, if they are on the rotation. */
  memberRow(channel: ChannelRow, userId: string): RosterRow | undefined {
    const m = this.store.rotation.member(channel.id, userId);
    return m?.active ? m : undefined;
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
    const plans = projectPeriods(
      this.planInput(channel, keys[0]!),
      keys.map((k) => k.key),
    );
    const i = plans.findIndex((plan) => plan.some((a) => a.userId === userId));
    return i < 0 ? undefined : { start: keys[i]!.start, roles: plans[i]!.filter((a) => a.userId === userId).map((a) => a.role) };
  }

  nextTurnText(channel: ChannelRow, userId: string): string {
    const t = this.nextTurnOf(channel, userId);
    const zone = channel.settings.timezone;
    if (!t) return `As things stand you have no turn in the next ${NEXT_TURN_HORIZON} pings (/rotation show has the plan).`;
    return `As things stand your next turn is ${t.roles.join(' and ')} for the ${periodLabel(this.span(channel), t.start, zone)} (plans change as people are away, volunteer or swap).`;
  }

  /** Sets when the next ping is due (none while nobody is on the rotation). */
  refreshNextPing(channel: ChannelRow): void {
    const now = this.clock.now();
    const next = this.store.rotation.activeCount(channel.id) > 0 ? cadenceAfter(now, cadenceOf(channel), channel.settings.timezone) : null;
    this.store.channels.setNextRotation(channel.id, next);
  }

  requireMember(channel: ChannelRow, actor: Actor): void {
    if (!this.memberRow(channel, actor.userId)) throw new UserError("You're not on this channel's rotation yet. /rotation join adds you.");
  }

  requireRole(channel: ChannelRow, role: string): void {
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
      this.planInput(channel, keys[0]!),
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
    return rotationShowDoc(
      periods,
      zone,
      this.scheduleText(channel),
      [rosterLine, ...offers],
      this.span(channel),
      this.store.rotation.descriptions(channel.id),
    );
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
      ...(previous ? { previous } : {}),
    });
    this.outbox.post(channel.id, ref, { doc });
    return true;
  }
}
