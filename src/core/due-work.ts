import type { Store } from '../store/store';
import type { Clock } from './clock';
import { type MessageRef, type Outbox, refText } from './delivery/outbox';
import type { Logger } from './log';
import type { Proposals } from './proposals/service';
import { prune, RETENTION } from './retention';
import type { Rotation } from './rotation/service';
import { reminderDoc } from './proposals/views';
import { ballotOf } from './proposals/ballot';
import type { Proposal } from './types';

export interface DueReport {
  closed: number;
  reminded: number;
  pinged: number;
}

/** What falls due with time: closing proposals, closing-soon reminders, rotation pings, pruning. */
export class DueWork {
  private lastPrune = -Infinity;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly proposals: Proposals,
    private readonly rotation: Rotation,
    private readonly outbox: Outbox,
    private readonly log: Logger,
    private readonly dueBatch: number,
  ) {}

  /** When the next scheduled job falls due (for stepping a manual clock through time), or null. */
  nextDueAt(): number | null {
    const times = [
      this.store.proposals.dueToClose(Number.MAX_SAFE_INTEGER, 1)[0]?.closesAt,
      this.store.proposals.dueToRemind(Number.MAX_SAFE_INTEGER, 1)[0]?.remindAt ?? undefined,
      this.store.channels.dueRotations(Number.MAX_SAFE_INTEGER, 1)[0]?.nextRotationAt ?? undefined,
    ].filter((t): t is number => t !== undefined);
    return times.length ? Math.min(...times) : null;
  }

  /** Does whatever has fallen due by `now`: closes, closing-soon reminders, weekly pings. Each exactly once. */
  runDue(now = this.clock.now()): DueReport {
    // Each kind's due batch commits once (one WAL write instead of one per item); every item runs in
    // its own nested transaction (a savepoint), so one that fails is undone and logged alone and
    // cannot hold back the rest. A tick with nothing due only reads.
    const inOneCommit = <T>(items: T[], each: (item: T) => unknown): number => {
      let done = 0;
      if (items.length) {
        this.store.tx(() => {
          for (const item of items) {
            try {
              if (this.store.tx(() => each(item))) done++;
            } catch (e) {
              this.log.error('scheduled job failed', { error: e instanceof Error ? e.message : String(e) });
            }
          }
        });
      }
      return done;
    };
    const report: DueReport = { closed: 0, reminded: 0, pinged: 0 };
    let extended = 0;
    report.closed = inOneCommit(this.store.proposals.dueToClose(now, this.dueBatch), (p) => {
      const done = this.proposals.closeDue(p);
      if (done === 'extended') extended++;
      return done === 'closed';
    });
    report.reminded = inOneCommit(this.store.proposals.dueToRemind(now, this.dueBatch), (p) => {
      this.store.proposals.clearReminder(p.id);
      const ref: MessageRef = { kind: 'reminder', proposalId: p.id };
      if (!this.store.keys.claimScheduled(refText(ref), now)) return false;
      // Votes on a proposal are one query away; a poll's and a secret ballot's voters are kept elsewhere.
      const notVoted =
        p.kind === 'poll' || ballotOf(p) === 'secret' ? this.presentNotVotedElsewhere(p, now) : this.store.rotation.presentNotVoted(p.channelFk, p.id, now);
      if (!notVoted.length) return false;
      const zone = this.store.channels.get(p.channelFk).settings.timezone;
      this.outbox.post(p.channelFk, ref, { doc: reminderDoc(p, zone, notVoted) });
      return true;
    });
    report.pinged = inOneCommit(this.store.channels.dueRotations(now, this.dueBatch), (channel) =>
      this.rotation.pingIfDue(this.store.channels.get(channel.id), now),
    );
    if (now - this.lastPrune >= RETENTION.everyMs || now < this.lastPrune) {
      this.lastPrune = now;
      const pruned = this.store.tx(() => prune(this.store, now));
      if (pruned.outbox + pruned.scheduledKeys > 0) this.log.info('pruned', { ...pruned });
    }
    if (report.closed + report.reminded + report.pinged + extended > 0) {
      this.log.info('scheduled work done', { ...report, ...(extended ? { extended } : {}) });
      this.outbox.announce();
    }
    return report;
  }

  /** Present members who have not voted on a poll or a secret ballot (whose voters are not in the votes table). */
  private presentNotVotedElsewhere(p: Proposal, now: number): string[] {
    const voted = this.proposals.votedIds(p);
    return this.store.rotation
      .roster(p.channelFk)
      .filter((m) => m.active && !(m.awayUntil !== null && m.awayUntil > now) && !voted.has(m.userId))
      .map((m) => m.userId);
  }
}
