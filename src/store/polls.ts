import type Database from 'better-sqlite3';
import type { PollOption } from '../core/proposals/poll-tally';
import { choicesText, readChoices } from '../core/proposals/poll-tally';

export interface PollVoteRow {
  userId: string;
  choices: number[];
  source: string;
  updatedAt: number;
}

/** A poll's options and its open (or hidden) ballot's choices (migrations/008_polls.sql). Runs in the caller's transaction. */
export class PollStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      addOption: db.prepare<[number, number, string]>('INSERT INTO poll_options (proposal_id, position, label) VALUES (?, ?, ?)'),
      options: db.prepare<[number], PollOption>('SELECT position, label, votes FROM poll_options WHERE proposal_id = ? ORDER BY position'),
      adjust: db.prepare<[number, number, number]>('UPDATE poll_options SET votes = votes + ? WHERE proposal_id = ? AND position = ?'),
      vote: db.prepare<[number, string], { userId: string; choices: string; source: string; updatedAt: number }>(
        'SELECT user_id AS userId, choices, source, updated_at AS updatedAt FROM poll_votes WHERE proposal_id = ? AND user_id = ?',
      ),
      votes: db.prepare<[number], { userId: string; choices: string; source: string; updatedAt: number }>(
        'SELECT user_id AS userId, choices, source, updated_at AS updatedAt FROM poll_votes WHERE proposal_id = ? ORDER BY updated_at',
      ),
      voterCount: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM poll_votes WHERE proposal_id = ?'),
      upsert: db.prepare<[number, string, string, string, number]>(
        `INSERT INTO poll_votes (proposal_id, user_id, choices, source, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (proposal_id, user_id) DO UPDATE SET choices = excluded.choices, source = excluded.source, updated_at = excluded.updated_at`,
      ),
      remove: db.prepare<[number, string]>('DELETE FROM poll_votes WHERE proposal_id = ? AND user_id = ?'),
      history: db.prepare<[number, string, string | null, string, number]>(
        'INSERT INTO poll_vote_history (proposal_id, user_id, choices, source, at) VALUES (?, ?, ?, ?, ?)',
      ),
    };
  }

  addOptions(proposalId: number, labels: readonly string[]): void {
    for (const [i, label] of labels.entries()) this.s.addOption.run(proposalId, i + 1, label);
  }

  options(proposalId: number): PollOption[] {
    return this.s.options.all(proposalId);
  }

  /** Moves an option's count by `delta` (a choice made, +1, or taken back, -1). */
  adjust(proposalId: number, position: number, delta: number): void {
    this.s.adjust.run(delta, proposalId, position);
  }

  vote(proposalId: number, userId: string): PollVoteRow | undefined {
    const r = this.s.vote.get(proposalId, userId);
    return r && { ...r, choices: readChoices(r.choices) };
  }

  votes(proposalId: number): PollVoteRow[] {
    return this.s.votes.all(proposalId).map((r) => ({ ...r, choices: readChoices(r.choices) }));
  }

  voterCount(proposalId: number): number {
    return this.s.voterCount.get(proposalId)!.n;
  }

  /** Writes the member's current choice (or removes it: null) and appends it to the history. */
  record(proposalId: number, userId: string, choices: readonly number[] | null, source: string, at: number): void {
    const text = choices?.length ? choicesText(choices) : null;
    if (text) this.s.upsert.run(proposalId, userId, text, source, at);
    else this.s.remove.run(proposalId, userId);
    this.s.history.run(proposalId, userId, text, source, at);
  }
}
