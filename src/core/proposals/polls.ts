import type { Store } from '../../store/store';
import type { Clock } from '../clock';
import { type Doc, text } from '../delivery/doc';
import { type Outbox, proposalRef } from '../delivery/outbox';
import { UserError } from '../errors';
import type { Proposal } from '../types';
import { notice } from '../views';
import { ballotOf } from './ballot';
import { OPTION_EMOJI } from './option-emoji';
import { choicesText, decidePoll, type PollOption, readChoices } from './poll-tally';
import type { PollState } from './poll-views';
import type { SecretBallots } from './secret';
import { quorumNeeded } from './tally';

type Source = 'command' | 'reaction' | 'button';

const same = (a: readonly number[], b: readonly number[]) => choicesText(a) === choicesText(b);

/**
 * Votes in option polls: choosing, changing and taking back options, by command, button, form or
 * reaction, on open, hidden and secret ballots. Runs inside the caller's transaction; whether voting
 * is still open is checked by the caller (`assertOpen`).
 */
export class Polls {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly secret: SecretBallots,
    private readonly assertOpen: (p: Proposal) => void,
  ) {}

  options(p: Proposal): PollOption[] {
    return this.store.polls.options(p.id);
  }

  /** The options and how many have voted. */
  state(p: Proposal): PollState {
    const voters = ballotOf(p) === 'secret' ? this.secret.voters(p.id).length : this.store.polls.voterCount(p.id);
    return { options: this.options(p), voters };
  }

  /** Who has voted (for the reminder), never what they chose. */
  votedIds(p: Proposal): Set<string> {
    return new Set(ballotOf(p) === 'secret' ? this.secret.voters(p.id) : this.store.polls.votes(p.id).map((v) => v.userId));
  }

  /** The status at close: quorum of voters, then whether anything was chosen. */
  decide(p: Proposal, rosterSize: number) {
    const s = this.state(p);
    return decidePoll(s.options, s.voters, quorumNeeded(p.quorum, rosterSize));
  }

  /** The member's current choice (never shown on a secret ballot: only used to change it). */
  private current(p: Proposal, userId: string): number[] | undefined {
    if (ballotOf(p) === 'secret') {
      const b = this.secret.current(p.id, userId);
      return b && readChoices(b.choice);
    }
    return this.store.polls.vote(p.id, userId)?.choices;
  }

  /** Checks a choice against the poll: options that exist, one unless several are allowed. */
  private check(p: Proposal, choices: readonly number[]): void {
    const n = this.options(p).length;
    const wrong = choices.find((c) => c < 1 || c > n);
    if (wrong !== undefined) throw new UserError(`Poll #${p.number} has ${n} options; ${wrong} is not one of them.`);
    if (!choices.length) throw new UserError(`Choose at least one option of poll #${p.number}.`);
    if (choices.length > 1 && !p.multi) {
      throw new UserError(`Poll #${p.number} takes one option: /vote ${p.number} <option number>. (Only a poll made with --multi takes several.)`);
    }
  }

  /**
   * Sets the member's whole choice (null: takes it back; not on a secret ballot, whose votes can
   * only be changed). Returns false when nothing changed.
   */
  setChoice(p: Proposal, userId: string, choices: readonly number[] | null, source: Source): boolean {
    this.assertOpen(p);
    if (choices) this.check(p, choices);
    const old = this.current(p, userId);
    if (!old && !choices) return false;
    if (old && choices && same(old, choices)) return false;
    if (ballotOf(p) === 'secret') {
      if (!choices) return false;
      this.secret.cast(p.id, userId, choicesText(choices), null);
    } else {
      this.store.polls.record(p.id, userId, choices, source, this.clock.now());
    }
    for (const o of old ?? []) this.store.polls.adjust(p.id, o, -1);
    for (const c of choices ?? []) this.store.polls.adjust(p.id, c, +1);
    // A secret ballot's card shows only the turnout: edited only when it changes.
    if (ballotOf(p) !== 'secret' || !old) this.outbox.edit(p.channelFk, proposalRef(p.id), { proposal: p.id });
    return true;
  }

  /** A reaction 1️⃣…🔟 on an open ballot: adds (or takes back) that option; on a single-choice poll it replaces the choice. */
  react(p: Proposal, userId: string, option: number, added: boolean): void {
    const old = this.current(p, userId) ?? [];
    if (p.multi) {
      const next = added ? [...new Set([...old, option])] : old.filter((o) => o !== option);
      this.setChoice(p, userId, next.length ? next : null, 'reaction');
    } else if (added) this.setChoice(p, userId, [option], 'reaction');
    else if (same(old, [option])) this.setChoice(p, userId, null, 'reaction');
  }

  /** The private answer to a vote in a poll (a secret one's answer never says what was chosen). */
  answer(p: Proposal, userId: string, changed: boolean, secretReply: Doc): Doc {
    if (ballotOf(p) === 'secret') return secretReply;
    const chosen = this.current(p, userId) ?? [];
    const names = this.options(p)
      .filter((o) => chosen.includes(o.position))
      .map((o) => `${OPTION_EMOJI[o.position - 1]} ${o.label}`)
      .join(', ');
    if (!chosen.length) return notice([text(`You have no vote on poll #${p.number} now.`)]);
    return notice([text(changed ? `Your vote on poll #${p.number} is recorded: ${names}.` : `You already chose ${names} on poll #${p.number}.`)]);
  }
}
