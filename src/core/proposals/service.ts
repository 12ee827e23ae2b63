import type { Store } from '../../store/store';
import type { ChannelRow } from '../../store/channels';
import type { Clock } from '../clock';
import type { Command } from '../commands/grammar';
import { USAGE } from '../commands/grammar';
import { type Doc, type Line, name, text, time } from '../delivery/doc';
import { UserError } from '../errors';
import { type MessageRef, type Outbox, proposalRef, refText } from '../delivery/outbox';
import type { Channels } from '../channels';
import { type CloserRole, mayEndProposal } from '../permissions';
import type { Rotation } from '../rotation/service';
import { DAY, formatLocal, LATE_AFTER, reminderAt } from '../schedule';
import { BALLOT_WORDS, ballotOf, resultsShown } from './ballot';
import { SecretBallots } from './secret';
import { quorumWarning } from './quorum-check';
import { decide } from './tally';
import type { Actor, ClosedStatus, Proposal, Stance } from '../types';
import { STATUS_WORDS } from '../types';
import { decisionsDoc, outcomeDoc, proposalCard, proposalListDoc } from './views';
import { notice } from '../views';
import { addDuration, durationParts, parseWhen } from '../commands/when';

const MAX_OPEN_DAYS = 366;

type Propose = Extract<Command, { kind: 'propose' }>;
type End = Extract<Command, { kind: 'close' | 'withdraw' }>;

/** Who closed a proposal before its time, in what capacity, and why (for the outcome). */
export interface Closer {
  by: string;
  as: CloserRole;
  reason: string | null;
}
export type VoteSource = 'command' | 'reaction' | 'button';

/** Proposals and votes: creating, voting, closing, listing. Runs inside the caller's transaction. */
export class Proposals {
  /** The ballot boxes of secret ballots (keys, keyed hashes, who voted). */
  readonly secret: SecretBallots;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly rotation: Rotation,
    private readonly channels: Channels,
    private readonly outbox: Outbox,
  ) {
    this.secret = new SecretBallots(store);
  }

  find(channel: ChannelRow, number: number): Proposal {
    const p = this.store.proposals.byNumber(channel.id, number);
    if (!p) throw new UserError(`There is no proposal #${number} in this channel. /proposals lists the open ones.`);
    return p;
  }

  propose(channel: ChannelRow, actor: Actor, c: Propose): Doc {
    const now = this.clock.now();
    const zone = channel.settings.timezone;
    let { at: closesAt, note } = addDuration(now, durationParts(channel.settings.windowMinutes), zone);
    if (c.closes !== undefined) {
      const when = parseWhen(c.closes, now, zone);
      if (!when.ok) throw new UserError(when.error, USAGE.propose);
      ({ at: closesAt, note } = when);
    }
    if (closesAt <= now) throw new UserError(`The closing time ${formatLocal(closesAt, zone)} has already passed. Pick a time in the future.`, USAGE.propose);
    if (closesAt > now + MAX_OPEN_DAYS * DAY) throw new UserError(`A proposal can stay open for at most ${MAX_OPEN_DAYS} days.`, USAGE.propose);
    const open = this.store.proposals.openCounts(channel.id, actor.userId);
    if (open.mine >= channel.settings.maxOpenPerMember) {
      throw new UserError(
        `You have ${open.mine} proposals open here, the most this channel allows per member (${channel.settings.maxOpenPerMember}). ` +
          'Wait for one to close, or withdraw one (/withdraw <number>).',
      );
    }
    if (open.total >= channel.settings.maxOpen) {
      throw new UserError(
        `This channel has ${open.total} proposals open, the most it allows (${channel.settings.maxOpen}). Wait for some to close; admins can change this with /leaderful settings max-open <n>.`,
      );
    }
    const number = this.store.channels.takeProposalNumber(channel.id);
    const id = this.store.proposals.insert({
      channelFk: channel.id,
      number,
      authorId: actor.userId,
      title: c.title,
      reasons: c.reasons,
      rule: c.rule ?? channel.settings.rule,
      quorum: c.quorum ?? channel.settings.quorum,
      createdAt: now,
      closesAt,
      remindAt: reminderAt(now, closesAt, channel.settings.reminderLeadMinutes),
      ballot: c.ballot ?? 'open',
    });
    if (c.ballot === 'secret') this.secret.open(id);
    this.outbox.post(channel.id, proposalRef(id), { proposal: id });
    const ballot = c.ballot ? ` (${BALLOT_WORDS[c.ballot]}: the tally is shown when voting closes)` : '';
    const lines: Line[] = [[text(`Proposal #${number} is posted${ballot}. Voting closes `), time(closesAt, formatLocal(closesAt, zone)), text('.')]];
    if (note) lines.push([text(note)]);
    const warning = quorumWarning(c.quorum ?? channel.settings.quorum, this.store.rotation.activeCount(channel.id));
    if (warning) lines.push([text(warning)]);
    return notice(...lines);
  }

  /**
   * Casts, changes (stance null: removes) a vote. Returns false when nothing changed. `old` is the
   * member's current vote, when the caller has just read it.
   */
  setVote(
    p: Proposal,
    userId: string,
    stance: Stance | null,
    reason: string | null,
    source: VoteSource,
    old = this.store.proposals.vote(p.id, userId),
  ): boolean {
    const now = this.clock.now();
    if (p.status !== 'open' || p.closesAt <= now) {
      const when = p.closedAt ?? p.closesAt;
      throw new UserError(
        `Voting on proposal #${p.number} closed ${formatLocal(when, this.zoneOf(p))}; it was ${STATUS_WORDS[p.status === 'open' ? 'open' : p.status]}.`,
      );
    }
    if (ballotOf(p) === 'secret') return this.setSecretVote(p, userId, stance, reason);
    if (!old && !stance) return false;
    // null keeps the reason given before with the same stance (a reaction carries none); '' clears it.
    const keptReason = stance === null ? null : reason === null ? (old?.stance === stance ? old.reason : null) : reason || null;
    if (old && old.stance === stance && old.reason === keptReason) return false;
    this.store.proposals.recordVote(p.id, userId, stance, keptReason, source, now);
    const counts = { ...p.counts };
    if (old) counts[old.stance] -= 1;
    if (stance) counts[stance] += 1;
    this.store.proposals.setCounts(p.id, counts);
    this.outbox.edit(p.channelFk, proposalRef(p.id), { proposal: p.id });
    return true;
  }

  /**
   * A vote in a secret ballot: into the ballot box under the member's keyed hash, never beside their
   * id; no history (it would pair them). The card is edited only when the turnout changes (a changed
   * vote shows nothing). A secret vote cannot be taken back, only changed.
   */
  private setSecretVote(p: Proposal, userId: string, stance: Stance | null, reason: string | null): boolean {
    if (!stance) return false;
    const old = this.secret.current(p.id, userId);
    const keptReason = reason === null ? (old?.choice === stance ? old.reason : null) : reason || null;
    if (old && old.choice === stance && old.reason === keptReason) return false;
    this.secret.cast(p.id, userId, stance, keptReason);
    const counts = { ...p.counts };
    if (old) counts[old.choice as Stance] -= 1;
    counts[stance] += 1;
    this.store.proposals.setCounts(p.id, counts);
    if (!old) this.outbox.edit(p.channelFk, proposalRef(p.id), { proposal: p.id });
    return true;
  }

  /** The answer to a secret vote: the same whatever was chosen or changed, so no message pairs a member with a vote. */
  secretVoteReply(p: Proposal): Doc {
    return notice([
      text(
        `Your secret vote on #${p.number} is counted. I don't repeat it, so that no message shows how you voted; to change it, vote again before voting closes.`,
      ),
    ]);
  }

  /** Who has voted on an open proposal (for the reminder): the voters, or a secret ballot's list of who voted. */
  votedIds(p: Proposal): Set<string> {
    return new Set(ballotOf(p) === 'secret' ? this.secret.voters(p.id) : this.store.proposals.votes(p.id).map((v) => v.userId));
  }

  /** /vote says the whole vote: the stance, and the reason or none (so repeating it without one clears it). */
  vote(channel: ChannelRow, actor: Actor, number: number, stance: Stance, reason: string | undefined): Doc {
    const p = this.find(channel, number);
    if (ballotOf(p) === 'secret') {
      this.setVote(p, actor.userId, stance, reason ?? '', 'command');
      return this.secretVoteReply(p);
    }
    const before = this.store.proposals.vote(p.id, actor.userId);
    const changed = this.setVote(p, actor.userId, stance, reason ?? '', 'command', before);
    const quoted = reason ? ` (“${reason}”)` : '';
    if (!changed) return notice([text(`You already vote ${stance} on #${p.number}${quoted}.`)]);
    if (before?.stance !== stance) return notice([text(`Your vote on #${p.number} is recorded: ${stance}${quoted}.`)]);
    return notice([
      text(
        reason
          ? `Your vote on #${p.number} stays ${stance}; its reason is now “${reason}”.`
          : `Your vote on #${p.number} stays ${stance}; its reason is removed.`,
      ),
    ]);
  }

  private zoneOf(p: Proposal): string {
    return this.store.channels.get(p.channelFk).settings.timezone;
  }

  /**
   * Closes (or withdraws) a proposal: final card, outcome post, decision logged. Exactly once.
   * `closer` is null when its time came, else who ended it early, as what, and why.
   */
  closeNow(stale: Proposal, closer: Closer | null, withdraw = false): Proposal | undefined {
    const now = this.clock.now();
    const p = this.store.proposals.get(stale.id)!; // re-read inside the transaction: counts may have moved
    const rosterSize = this.store.rotation.activeCount(p.channelFk);
    const status: ClosedStatus = withdraw ? 'withdrawn' : decide(p.rule, p.quorum, p.counts, rosterSize);
    const by = closer?.by ?? null;
    const reason = closer?.reason ?? null;
    // Closed by the schedule, a proposal closed at its deadline (no vote counts after it), even when
    // the bot was offline then and closes it on catch-up: the record says so, and the post is late.
    const onSchedule = closer === null && !withdraw;
    const closedAt = onSchedule ? Math.min(now, p.closesAt) : now;
    const late = onSchedule && now - p.closesAt > LATE_AFTER;
    if (!this.store.proposals.close(p.id, status, closedAt, by, reason)) return undefined;
    if (ballotOf(p) === 'secret') this.secret.seal(p.id);
    const outcome: MessageRef = { kind: 'outcome', proposalId: p.id };
    if (!this.store.keys.claimScheduled(refText(outcome), now)) return undefined;
    const closed: Proposal = { ...p, status, closedAt, closedBy: by, closeReason: reason, remindAt: null }; // what close() just wrote
    this.outbox.edit(p.channelFk, proposalRef(p.id), { proposal: p.id });
    this.outbox.post(p.channelFk, outcome, { doc: outcomeDoc(closed, this.zoneOf(p), rosterSize, closer?.as, late ? now : undefined) });
    return closed;
  }

  closeByCommand(channel: ChannelRow, actor: Actor, cmd: End): Doc {
    const p = this.find(channel, cmd.number);
    const withdraw = cmd.kind === 'withdraw';
    if (p.status !== 'open') throw new UserError(`Proposal #${p.number} is already ${STATUS_WORDS[p.status]}.`);
    const allowed = mayEndProposal({
      verb: cmd.kind,
      number: p.number,
      isAuthor: p.authorId === actor.userId,
      isAdmin: this.channels.isAdmin(channel, actor),
      isFacilitator: this.rotation.currentFacilitators(channel).includes(actor.userId),
      confirmed: cmd.kind === 'close' && cmd.confirm === true,
      reason: cmd.reason,
    });
    if (!allowed.ok) throw new UserError(allowed.why, cmd.kind === 'close' ? USAGE.close : USAGE.withdraw);
    const closed = this.closeNow(p, { by: actor.userId, as: allowed.as, reason: cmd.reason ?? null }, withdraw);
    if (!closed) throw new UserError(`Proposal #${p.number} was closed a moment ago.`);
    return notice([text(withdraw ? `Proposal #${p.number} is withdrawn.` : `Proposal #${p.number} is closed: ${STATUS_WORDS[closed.status]}.`)]);
  }

  /** The card of a proposal as it stands (rendered at delivery so edits carry the latest tally). */
  card(id: number): Doc | undefined {
    const p = this.store.proposals.get(id);
    if (!p) return undefined;
    if (ballotOf(p) === 'secret') {
      const anonymous = p.status === 'open' ? [] : this.secret.reasons(p.id);
      return proposalCard(p, this.zoneOf(p), this.store.rotation.activeCount(p.channelFk), [], anonymous);
    }
    const reasons = this.store.proposals
      .votes(id)
      .filter((v) => v.reason)
      .map((v) => ({ userId: v.userId, stance: v.stance, reason: v.reason! }));
    return proposalCard(p, this.zoneOf(p), this.store.rotation.activeCount(p.channelFk), reasons);
  }

  list(channel: ChannelRow, filter: 'open' | 'closed' | 'all'): Doc {
    const zone = channel.settings.timezone;
    const open = filter === 'closed' ? [] : this.store.proposals.open(channel.id);
    const closed = filter === 'open' ? [] : this.store.proposals.decided(channel.id, 25);
    const title = { open: 'Open proposals', closed: 'Recently closed proposals', all: 'Proposals' }[filter];
    return proposalListDoc(title, [...open, ...closed], zone);
  }

  detail(channel: ChannelRow, number: number): Doc {
    const p = this.find(channel, number);
    const doc = this.card(p.id)!;
    if (ballotOf(p) === 'secret') {
      // Who voted may be shown once it is over, never how (nothing records how).
      const who = p.status === 'open' ? [] : this.secret.voters(p.id);
      if (who.length) doc.lines.push([text('Voted (how each voted is not recorded): '), ...who.flatMap((u, i) => [...(i ? [text(', ')] : []), name(u)])]);
      delete doc.voting;
      return doc;
    }
    // A hidden ballot names who voted how only once closed (its card already says how many voted).
    const voters = resultsShown(p) ? this.store.proposals.votes(p.id) : [];
    if (voters.length) {
      const line = [text('Votes: ')];
      voters.forEach((v, i) => {
        line.push(...(i ? [text(', ')] : []), name(v.userId), text(` ${v.stance}`));
      });
      doc.lines.push(line);
    }
    delete doc.voting;
    return doc;
  }

  decisions(channel: ChannelRow, count: number): Doc {
    return decisionsDoc(this.store.proposals.decided(channel.id, count), channel.settings.timezone);
  }
}
