/**
 * Proposals and votes: propose, vote, close. Over 300 lines for now: open-ballot voting and closing
 * (with --extend) share their bookkeeping; polls, secret ballots, amendments and reading live apart.
 */
import type { Store } from '../../store/store';
import type { ChannelRow } from '../../store/channels';
import type { Clock } from '../clock';
import type { Command } from '../commands/grammar';
import { POLL_VOTE_USAGE, USAGE } from '../commands/grammar';
import { type Doc, type Line, text, time } from '../delivery/doc';
import { UserError } from '../errors';
import { type MessageRef, type Outbox, proposalRef, refText } from '../delivery/outbox';
import type { Channels } from '../channels';
import { type CloserRole, mayEndProposal } from '../permissions';
import type { Rotation } from '../rotation/service';
import { DAY, formatLocal, LATE_AFTER, reminderAt } from '../schedule';
import { BALLOT_WORDS, ballotOf } from './ballot';
import { SecretBallots } from './secret';
import { Polls } from './polls';
import { pollCard, pollOutcomeDoc, pollStatusWord } from './poll-views';
import { quorumWarning } from './quorum-check';
import { decide, quorumNeeded, votersOf } from './tally';
import { extensionNotice } from './extension';
import type { Actor, ClosedStatus, Proposal, Stance } from '../types';
import { STATUS_WORDS } from '../types';
import { outcomeDoc, proposalCard } from './views';
import { notice } from '../views';
import { addDuration, durationParts, parseWhen } from '../commands/when';

const MAX_OPEN_DAYS = 366;

/** "proposal" or "poll", for sentences about one. */
const nounOf = (p: Proposal) => (p.kind === 'poll' ? 'poll' : 'proposal');

type Propose = Extract<Command, { kind: 'propose' }>;
type Poll = Extract<Command, { kind: 'poll' }>;
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
  /** Votes in option polls. */
  readonly polls: Polls;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly rotation: Rotation,
    private readonly channels: Channels,
    private readonly outbox: Outbox,
  ) {
    this.secret = new SecretBallots(store);
    this.polls = new Polls(store, clock, outbox, this.secret, (p) => this.assertOpen(p));
  }

  find(channel: ChannelRow, number: number): Proposal {
    const p = this.store.proposals.byNumber(channel.id, number);
    if (!p) throw new UserError(`There is no proposal #${number} in this channel. /proposals lists the open ones.`);
    return p;
  }

  /** A proposal, or an option poll: they share numbering, deadlines, caps, quorum and ballots. */
  propose(channel: ChannelRow, actor: Actor, c: Propose | Poll): Doc {
    const now = this.clock.now();
    const zone = channel.settings.timezone;
    const poll = c.kind === 'poll';
    const usage = poll ? USAGE.poll : USAGE.propose;
    let { at: closesAt, note } = addDuration(now, durationParts(channel.settings.windowMinutes), zone);
    if (c.closes !== undefined) {
      const when = parseWhen(c.closes, now, zone);
      if (!when.ok) throw new UserError(when.error, usage);
      ({ at: closesAt, note } = when);
    }
    if (closesAt <= now) throw new UserError(`The closing time ${formatLocal(closesAt, zone)} has already passed. Pick a time in the future.`, usage);
    if (closesAt > now + MAX_OPEN_DAYS * DAY) throw new UserError(`A ${poll ? 'poll' : 'proposal'} can stay open for at most ${MAX_OPEN_DAYS} days.`, usage);
    const quorum = c.quorum ?? channel.settings.quorum;
    if (c.extend !== undefined && quorum.kind === 'none') {
      throw new UserError(
        `--extend keeps a ${poll ? 'poll' : 'proposal'} open longer when its quorum is not met, and this one has no quorum. Add --quorum 5 (or 50%), or leave --extend out.`,
        usage,
      );
    }
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
      title: poll ? c.question : c.title,
      reasons: poll ? '' : c.reasons,
      // A poll is decided by the most votes, not by a rule: the column keeps the channel's (unused).
      rule: (!poll && c.rule) || channel.settings.rule,
      quorum: c.quorum ?? channel.settings.quorum,
      createdAt: now,
      closesAt,
      remindAt: reminderAt(now, closesAt, channel.settings.reminderLeadMinutes),
      ballot: c.ballot ?? 'open',
      kind: poll ? 'poll' : 'proposal',
      multi: poll && c.multi === true,
      extendMinutes: c.extend ?? null,
    });
    if (poll) this.store.polls.addOptions(id, c.options);
    if (c.ballot === 'secret') this.secret.open(id);
    this.outbox.post(channel.id, proposalRef(id), { proposal: id });
    const ballot = c.ballot ? ` (${BALLOT_WORDS[c.ballot]}: the ${poll ? 'counts are' : 'tally is'} shown when voting closes)` : '';
    const lines: Line[] = [
      [text(`${poll ? 'Poll' : 'Proposal'} #${number} is posted${ballot}. Voting closes `), time(closesAt, formatLocal(closesAt, zone)), text('.')],
    ];
    if (note) lines.push([text(note)]);
    const warning = quorumWarning(quorum, this.store.rotation.activeCount(channel.id));
    if (warning) lines.push([text(warning)]);
    return notice(...lines);
  }

  /** Refuses a vote on what has closed, or whose deadline has passed (even before the scheduler closed it). */
  assertOpen(p: Proposal): void {
    if (p.status !== 'open' || p.closesAt <= this.clock.now()) {
      const when = p.closedAt ?? p.closesAt;
      const word = p.kind === 'poll' ? pollStatusWord(p) : STATUS_WORDS[p.status];
      throw new UserError(`Voting on ${nounOf(p)} #${p.number} closed ${formatLocal(when, this.zoneOf(p))}; it was ${word}.`);
    }
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
    this.assertOpen(p);
    if (p.kind === 'poll') throw new UserError(`#${p.number} is a poll: choose an option by its number, like /vote ${p.number} 1.`, POLL_VOTE_USAGE);
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
    if (p.kind === 'poll') return this.polls.votedIds(p);
    return new Set(ballotOf(p) === 'secret' ? this.secret.voters(p.id) : this.store.proposals.votes(p.id).map((v) => v.userId));
  }

  /** /vote says the whole vote: the stance, and the reason or none (so repeating it without one clears it). */
  vote(channel: ChannelRow, actor: Actor, number: number, stance: Stance, reason: string | undefined): Doc {
    const p = this.find(channel, number);
    if (p.kind === 'poll') this.setVote(p, actor.userId, stance, null, 'command'); // refused, saying how to vote in a poll
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

  /** `/vote <poll#> <option numbers>`: the member's whole choice in a poll. */
  votePoll(channel: ChannelRow, actor: Actor, number: number, choices: number[]): Doc {
    const p = this.find(channel, number);
    if (p.kind !== 'poll') throw new UserError(`Proposal #${p.number} is not a poll: vote agree, disagree, abstain or block.`, USAGE.vote);
    const changed = this.polls.setChoice(p, actor.userId, choices, 'command');
    return this.polls.answer(p, actor.userId, changed, this.secretVoteReply(p));
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
    const status: ClosedStatus = withdraw ? 'withdrawn' : p.kind === 'poll' ? this.polls.decide(p, rosterSize) : decide(p.rule, p.quorum, p.counts, rosterSize);
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
    const postedLate = late ? now : undefined;
    const doc =
      p.kind === 'poll'
        ? pollOutcomeDoc(closed, this.polls.state(closed), this.zoneOf(p), rosterSize, closer?.as, postedLate)
        : outcomeDoc(closed, this.zoneOf(p), rosterSize, closer?.as, postedLate);
    this.outbox.post(p.channelFk, outcome, { doc });
    return closed;
  }

  /**
   * Its deadline has come (runDue): it closes, unless its quorum is unmet and it may be extended
   * once (--extend): then it stays open that much longer (from the deadline) and the channel is told.
   * An extension that ran out while the bot was offline closes it at the extension's end.
   */
  closeDue(stale: Proposal): 'closed' | 'extended' | undefined {
    const p = this.store.proposals.get(stale.id)!;
    if (p.status === 'open' && p.extendMinutes && p.extendedAt == null) {
      const rosterSize = this.store.rotation.activeCount(p.channelFk);
      const status = p.kind === 'poll' ? this.polls.decide(p, rosterSize) : decide(p.rule, p.quorum, p.counts, rosterSize);
      if (status === 'no_quorum') {
        const now = this.clock.now();
        const zone = this.zoneOf(p);
        const until = addDuration(p.closesAt, durationParts(p.extendMinutes), zone).at;
        this.store.proposals.extend(p.id, until, now);
        if (until > now) {
          const extended = this.store.proposals.get(p.id)!;
          const voters = p.kind === 'poll' ? this.polls.state(p).voters : votersOf(p.counts);
          const here = (m: { active: boolean; awayUntil: number | null }) => m.active && !(m.awayUntil !== null && m.awayUntil > now);
          const voted = this.votedIds(p);
          const notVoted = this.store.rotation
            .roster(p.channelFk)
            .filter((m) => here(m) && !voted.has(m.userId))
            .map((m) => m.userId);
          this.outbox.notice(p.channelFk, extensionNotice(extended, voters, quorumNeeded(p.quorum, rosterSize), zone, notVoted));
          this.outbox.edit(p.channelFk, proposalRef(p.id), { proposal: p.id });
          return 'extended';
        }
      }
    }
    return this.closeNow(p, null) ? 'closed' : undefined;
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
    const Noun = p.kind === 'poll' ? 'Poll' : 'Proposal';
    const word = p.kind === 'poll' ? pollStatusWord(closed) : STATUS_WORDS[closed.status];
    return notice([text(withdraw ? `${Noun} #${p.number} is withdrawn.` : `${Noun} #${p.number} is closed: ${word}.`)]);
  }

  /** The card of a proposal as it stands (rendered at delivery so edits carry the latest tally). */
  card(id: number): Doc | undefined {
    const p = this.store.proposals.get(id);
    if (!p) return undefined;
    if (p.kind === 'poll') return pollCard(p, this.polls.state(p), this.zoneOf(p), this.store.rotation.activeCount(p.channelFk));
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
}
