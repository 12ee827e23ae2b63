import type { Store } from '../../store/store';
import type { ChannelRow } from '../../store/channels';
import type { SwapOffer } from '../../store/swaps';
import type { Clock } from '../clock';
import { name, text, time } from '../delivery/doc';
import { RefusalKeepingCleanup, UserError } from '../errors';
import { type Assignment, mayHold } from './plan';
import type { Rotation } from './service';
import { formatLocal } from '../schedule';
import type { Actor } from '../types';
import { assignmentLines } from './views';
import { notice } from '../views';

/** Most offers one member may have waiting at once: enough to ask around, too few to pester. */
const MAX_OFFERS_WAITING = 3;

/** What each of two members holds in a plan, as "facilitator" or "no role". */
function holding(plan: Assignment[], user: string): string {
  const roles = plan.filter((a) => a.userId === user).map((a) => a.role);
  return roles.length ? roles.join(' and ') : 'no role';
}

/**
 * Swaps by consent. `/rotation swap @bob` only offers: bob accepts or declines, and the offer lapses
 * when the week ends. Without consent a member with no role could take the facilitator's role (and
 * what comes with it) from anyone. Offers live in the database, so they survive a restart. Notices
 * about offers and swaps name people without pinging them. Runs inside the caller's transaction.
 */
export class Swaps {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly rotation: Rotation,
  ) {}

  private onRoster(channel: ChannelRow, user: string): boolean {
    return this.rotation.memberRow(channel, user) !== undefined;
  }

  /** Until when the member is away now, if they are. */
  private awayUntil(channel: ChannelRow, user: string): number | undefined {
    return this.rotation.awayUntil(channel, user, this.clock.now());
  }

  /** Refuses a swap that would give either member a role limited to others. */
  private requireEligible(channel: ChannelRow, plan: Assignment[], a: string, b: string, who: { a: string; b: string }): void {
    const eligible = this.store.rotation.eligible(channel.id);
    for (const [from, to, name] of [
      [a, b, who.b],
      [b, a, who.a],
    ] as const) {
      const barred = plan.filter((x) => x.userId === from && !mayHold(eligible, x.role, to)).map((x) => x.role);
      if (barred.length)
        throw new UserError(
          `${name} may not hold ${barred.join(' or ')} (the role is limited to some members; /rotation roles shows who), so this swap can't happen.`,
        );
    }
  }

  offer(channel: ChannelRow, actor: Actor, other: string): ReturnType<typeof notice> {
    this.rotation.requireMember(channel, actor);
    if (other === actor.userId) throw new UserError("You can't swap with yourself.");
    if (!this.onRoster(channel, other)) throw new UserError('They are not on the rotation. They can /rotation join first.');
    const zone = channel.settings.timezone;
    const away = this.awayUntil(channel, other);
    if (away !== undefined)
      throw new UserError(`They are away until ${formatLocal(away, zone)}, so they can't take a role now. Offer the swap to someone else.`);
    const { p, plan } = this.rotation.announced(channel);
    const mine = holding(plan, actor.userId);
    const theirs = holding(plan, other);
    if (mine === 'no role' && theirs === 'no role') throw new UserError('Neither of you holds a role this week, so there is nothing to swap.');
    this.requireEligible(channel, plan, actor.userId, other, { a: 'You', b: 'They' });
    const now = this.clock.now();
    if (this.store.swaps.offersFrom(channel.id, p.key, other, now).some((o) => o.toUser === actor.userId)) {
      throw new UserError('They already offered you a swap this week: /rotation accept takes it.');
    }
    const waiting = this.store.swaps.offersFrom(channel.id, p.key, actor.userId, now);
    if (waiting.some((o) => o.toUser === other)) {
      throw new UserError('You already offered them a swap this week. It waits for their answer, or lapses when the week ends.');
    }
    if (waiting.length >= MAX_OFFERS_WAITING) {
      throw new UserError(`You have ${MAX_OFFERS_WAITING} swap offers waiting already. Wait for an answer, or for them to lapse when the week ends.`);
    }
    const expiresAt = this.rotation.nextPeriod(channel, p).start;
    this.store.swaps.offer(channel.id, p.key, actor.userId, other, now, expiresAt);
    this.rotation.publicNotice(channel, {
      kind: 'rotation',
      title: 'Swap offered',
      lines: [
        [name(actor.userId), text(` (${mine}) offers `), name(other), text(` (${theirs}) a swap for this week.`)],
        [text('To answer: /rotation accept or /rotation decline. The offer lapses '), time(expiresAt, formatLocal(expiresAt, zone)), text('.')],
      ],
    });
    return notice([text('Offered. Nothing changes unless they accept; the offer lapses '), time(expiresAt, formatLocal(expiresAt, zone)), text('.')]);
  }

  /** The offer made to `actor` that `from` names, or the only one there is. */
  private pick(channel: ChannelRow, actor: Actor, from: string | undefined, verb: 'accept' | 'decline'): { key: string; offer: SwapOffer } {
    this.rotation.requireMember(channel, actor);
    const { p } = this.rotation.announced(channel);
    const offers = this.store.swaps.offersTo(channel.id, p.key, actor.userId, this.clock.now());
    if (from !== undefined) {
      const offer = offers.find((o) => o.fromUser === from);
      if (!offer) throw new UserError(`They have no swap offer waiting for you this week (offers lapse when the week ends).`);
      return { key: p.key, offer };
    }
    if (!offers.length) throw new UserError('Nobody has offered you a swap this week.');
    if (offers.length > 1) {
      // An error is plain text: the names we have seen stand in for mentions.
      const { platform, spaceId } = channel.address;
      const who = offers.map((o) => `@${this.store.users.name(platform, spaceId, o.fromUser) ?? o.fromUser}`).join(', ');
      throw new UserError(`Several members offered you a swap: ${who}. Say whose, like /rotation ${verb} @name.`);
    }
    return { key: p.key, offer: offers[0]! };
  }

  accept(channel: ChannelRow, actor: Actor, from: string | undefined): ReturnType<typeof notice> {
    const { key, offer } = this.pick(channel, actor, from, 'accept');
    const other = offer.fromUser;
    if (!this.onRoster(channel, other)) {
      this.store.swaps.remove(channel.id, key, other, actor.userId);
      throw new RefusalKeepingCleanup('They have left the rotation since, so the offer is void.');
    }
    const plan = this.store.rotation.assignments(channel.id, key);
    const theirs = plan.filter((a) => a.userId === other);
    const mine = plan.filter((a) => a.userId === actor.userId);
    if (!mine.length && !theirs.length) {
      this.store.swaps.remove(channel.id, key, other, actor.userId);
      throw new RefusalKeepingCleanup('Neither of you holds a role this week any more, so there is nothing to swap.');
    }
    const away = this.awayUntil(channel, actor.userId);
    if (away !== undefined && theirs.length) {
      throw new UserError(`You are away until ${formatLocal(away, channel.settings.timezone)}: /rotation back first, then accept.`);
    }
    this.requireEligible(channel, plan, other, actor.userId, { a: 'They', b: 'You' });
    for (const a of theirs) this.store.rotation.setAssignment(channel.id, key, { role: a.role, userId: actor.userId, source: 'swap' });
    for (const a of mine) this.store.rotation.setAssignment(channel.id, key, { role: a.role, userId: other, source: 'swap' });
    // Both members' roles just changed: whatever else either offered or was offered is stale.
    this.store.swaps.removeInvolving(channel.id, key, other, actor.userId);
    const after = this.rotation.orderByRoles(channel, this.store.rotation.assignments(channel.id, key));
    const changed = after.filter((a) => a.userId === actor.userId || a.userId === other);
    this.rotation.publicNotice(channel, {
      kind: 'rotation',
      title: 'Rotation change',
      lines: [[name(actor.userId), text(' accepted the swap '), name(other), text(' offered, for this week.')], ...assignmentLines(changed, false)],
    });
    return notice([text(`Swapped. This week you hold ${holding(after, actor.userId)}.`)]);
  }

  decline(channel: ChannelRow, actor: Actor, from: string | undefined): ReturnType<typeof notice> {
    const { key, offer } = this.pick(channel, actor, from, 'decline');
    this.store.swaps.remove(channel.id, key, offer.fromUser, actor.userId);
    this.rotation.publicNotice(channel, {
      kind: 'rotation',
      title: 'Swap declined',
      lines: [[name(actor.userId), text(' declined the swap '), name(offer.fromUser), text(' offered. Nothing changes.')]],
    });
    return notice([text('Declined. Nothing changes.')]);
  }
}
