import type Database from 'better-sqlite3';

/** Where an erasure or export looks: one platform, optionally one workspace or server of it. */
export interface DataScope {
  platform: string;
  spaceId?: string;
}

/** How the core wants text and stored messages rewritten (pure functions from core/erasure.ts). */
export interface Rewrite {
  text(s: string): string;
  payload(json: string): string;
  stewards(ids: string[]): string[];
}

export interface ErasureReport {
  votes: number;
  history: number;
  proposals: number;
  messages: number;
  /** Proposals whose card shows the member (re-rendered after the erasure). */
  proposalIds: number[];
  /** Posts whose stored text named the member, already sent or being sent: ref and new payload, to edit them in place. */
  postedDocs: { channelFk: number; ref: string; payload: string }[];
  /** Refs of posts being delivered right now (rendered before the erasure): they need an edit after. */
  inFlight: Set<string>;
}

const CHANNELS = `SELECT id FROM channels WHERE platform = @platform AND (@spaceId IS NULL OR space_id = @spaceId)`;
const PROPOSALS = `SELECT id FROM proposals WHERE channel_fk IN (${CHANNELS})`;

/** Everything the database holds about one member, read or replaced. Runs in the caller's transaction. */
export class PersonalDataStore {
  constructor(
    private readonly db: Database.Database,
    /** Called after an erasure: it rewrote names and stewards behind the stores that cache them. */
    private readonly rewrote: () => void,
  ) {}

  private all<T>(sql: string, params: Record<string, unknown>): T[] {
    return this.db.prepare(sql).all(params) as T[];
  }

  private run(sql: string, params: Record<string, unknown>): number {
    return this.db.prepare(sql).run(params).changes;
  }

  /** Everything stored about `userId` in the scope, as rows per table (for /leaderful export-me). */
  collect(scope: DataScope, userId: string) {
    const p = { platform: scope.platform, spaceId: scope.spaceId ?? null, userId };
    const channel = `(SELECT coalesce(c.name, c.channel_id) FROM channels c WHERE c.id = x.channel_fk)`;
    return {
      names: this.all<{ space: string; displayName: string; updatedAt: number }>(
        `SELECT space_id AS space, display_name AS displayName, updated_at AS updatedAt FROM users
         WHERE platform = @platform AND (@spaceId IS NULL OR space_id = @spaceId) AND user_id = @userId`,
        p,
      ),
      proposals: this.all(
        `SELECT ${channel} AS channel, number, title, reasons, status, created_at AS createdAt, closes_at AS closesAt, closed_at AS closedAt
         FROM proposals x WHERE author_id = @userId AND channel_fk IN (${CHANNELS}) ORDER BY created_at`,
        p,
      ),
      amendments: this.all(
        `SELECT ${channel} AS channel, x.number AS proposal, a.at, a.old_title AS oldTitle, a.old_reasons AS oldReasons
         FROM amendments a JOIN proposals x ON x.id = a.proposal_id WHERE x.author_id = @userId AND x.channel_fk IN (${CHANNELS}) ORDER BY a.id`,
        p,
      ),
      closed: this.all(
        `SELECT ${channel} AS channel, number, title, status, closed_at AS closedAt, close_reason AS reason
         FROM proposals x WHERE closed_by = @userId AND author_id <> @userId AND channel_fk IN (${CHANNELS}) ORDER BY closed_at`,
        p,
      ),
      votes: this.all(
        `SELECT ${channel} AS channel, x.number AS proposal, x.title, v.stance, v.reason, v.source, v.updated_at AS updatedAt
         FROM votes v JOIN proposals x ON x.id = v.proposal_id WHERE v.user_id = @userId AND x.channel_fk IN (${CHANNELS}) ORDER BY v.updated_at`,
        p,
      ),
      pollVotes: this.all(
        `SELECT ${channel} AS channel, x.number AS poll, x.title, v.choices, v.source, v.updated_at AS updatedAt
         FROM poll_votes v JOIN proposals x ON x.id = v.proposal_id WHERE v.user_id = @userId AND x.channel_fk IN (${CHANNELS}) ORDER BY v.updated_at`,
        p,
      ),
      pollVoteHistory: this.all(
        `SELECT ${channel} AS channel, x.number AS poll, h.choices, h.source, h.at
         FROM poll_vote_history h JOIN proposals x ON x.id = h.proposal_id WHERE h.user_id = @userId AND x.channel_fk IN (${CHANNELS}) ORDER BY h.id`,
        p,
      ),
      // Secret ballots: that the member voted, never how (nothing stores how beside their id).
      secretBallotsVotedIn: this.all(
        `SELECT ${channel} AS channel, x.number AS proposal, x.title, x.status
         FROM secret_voters v JOIN proposals x ON x.id = v.proposal_id WHERE v.user_id = @userId AND x.channel_fk IN (${CHANNELS}) ORDER BY x.id`,
        p,
      ),
      voteHistory: this.all(
        `SELECT ${channel} AS channel, x.number AS proposal, h.stance, h.reason, h.source, h.at
         FROM vote_history h JOIN proposals x ON x.id = h.proposal_id WHERE h.user_id = @userId AND x.channel_fk IN (${CHANNELS}) ORDER BY h.id`,
        p,
      ),
      rotation: this.all(
        `SELECT ${channel} AS channel, join_seq AS joinSeq, active, away_until AS awayUntil, joined_at AS joinedAt
         FROM roster x WHERE user_id = @userId AND channel_fk IN (${CHANNELS})`,
        p,
      ),
      rolesHeld: this.all(
        `SELECT ${channel} AS channel, period, role, source FROM assignments x WHERE user_id = @userId AND channel_fk IN (${CHANNELS}) ORDER BY period`,
        p,
      ),
      volunteered: this.all(`SELECT ${channel} AS channel, period, role FROM volunteers x WHERE user_id = @userId AND channel_fk IN (${CHANNELS})`, p),
      skipped: this.all(`SELECT ${channel} AS channel, period, role, at FROM skips x WHERE user_id = @userId AND channel_fk IN (${CHANNELS})`, p),
      availableFor: this.all(
        `SELECT ${channel} AS channel, period FROM period_available x WHERE user_id = @userId AND channel_fk IN (${CHANNELS}) ORDER BY period`,
        p,
      ),
      eligibleFor: this.all(`SELECT ${channel} AS channel, role FROM role_eligible x WHERE user_id = @userId AND channel_fk IN (${CHANNELS})`, p),
      swapOffers: this.all(
        `SELECT ${channel} AS channel, period, from_user AS fromUser, to_user AS toUser, created_at AS createdAt, expires_at AS expiresAt
         FROM swap_offers x WHERE (from_user = @userId OR to_user = @userId) AND channel_fk IN (${CHANNELS})`,
        p,
      ),
      stewardOf: this.all<{ channel: string }>(
        `SELECT coalesce(name, channel_id) AS channel FROM channels
         WHERE id IN (${CHANNELS}) AND EXISTS (SELECT 1 FROM json_each(stewards) WHERE value = @userId)`,
        p,
      ),
    };
  }

  /**
   * Replaces the member's id by `pseudonym` everywhere in the scope and drops what they wrote and
   * their names. See migrations/004_safety.sql for how vote_history allows exactly this.
   */
  erase(scope: DataScope, userId: string, pseudonym: string, rewrite: Rewrite): ErasureReport {
    const p = { platform: scope.platform, spaceId: scope.spaceId ?? null, userId, pseudonym };
    const touched = new Set<number>();
    const note = (rows: { id: number }[]) => {
      for (const r of rows) touched.add(r.id);
    };
    this.run('INSERT INTO erasure_in_progress (user_id, pseudonym) VALUES (@userId, @pseudonym)', p);
    try {
      // Votes: the identity is replaced, the stance (and so every tally) stays; the reason goes.
      note(this.all(`SELECT DISTINCT proposal_id AS id FROM votes WHERE user_id = @userId AND proposal_id IN (${PROPOSALS})`, p));
      const votes = this.run(`UPDATE votes SET user_id = @pseudonym, reason = NULL WHERE user_id = @userId AND proposal_id IN (${PROPOSALS})`, p);
      const history = this.run(`UPDATE vote_history SET user_id = @pseudonym, reason = NULL WHERE user_id = @userId AND proposal_id IN (${PROPOSALS})`, p);
      // Who voted in a secret ballot (the ballots themselves were re-keyed by the core, which holds the keys).
      note(this.all(`SELECT DISTINCT proposal_id AS id FROM secret_voters WHERE user_id = @userId AND proposal_id IN (${PROPOSALS})`, p));
      const secretVotes = this.run(`UPDATE secret_voters SET user_id = @pseudonym WHERE user_id = @userId AND proposal_id IN (${PROPOSALS})`, p);
      // Polls: the choice stays counted, as the pseudonym (poll_vote_history allows exactly this, see 008_polls.sql).
      note(this.all(`SELECT DISTINCT proposal_id AS id FROM poll_votes WHERE user_id = @userId AND proposal_id IN (${PROPOSALS})`, p));
      const pollVotes = this.run(`UPDATE poll_votes SET user_id = @pseudonym WHERE user_id = @userId AND proposal_id IN (${PROPOSALS})`, p);
      const pollHistory = this.run(`UPDATE poll_vote_history SET user_id = @pseudonym WHERE user_id = @userId AND proposal_id IN (${PROPOSALS})`, p);
      // Others' reasons that mention the member (an @mention is their id in the text).
      for (const table of ['votes', 'vote_history'] as const) {
        const key = table === 'votes' ? 'proposal_id AS id, user_id AS u' : 'id AS h, proposal_id AS id';
        const rows = this.all<{ id: number; u?: string; h?: number; reason: string }>(
          `SELECT ${key}, reason FROM ${table} WHERE instr(reason, @userId) > 0 AND proposal_id IN (${PROPOSALS})`,
          p,
        );
        for (const r of rows) {
          touched.add(r.id);
          const reason = rewrite.text(r.reason);
          if (table === 'votes') this.run('UPDATE votes SET reason = @reason WHERE proposal_id = @id AND user_id = @u', { reason, id: r.id, u: r.u });
          else this.run('UPDATE vote_history SET reason = @reason WHERE id = @h', { reason, h: r.h });
        }
      }
      // Proposals: authorship and closing are kept as the pseudonym; the member's own words go.
      note(this.all(`SELECT id FROM proposals WHERE (author_id = @userId OR closed_by = @userId) AND channel_fk IN (${CHANNELS})`, p));
      // What their amendments replaced was their own words too.
      this.run(
        `UPDATE amendments SET old_reasons = '' WHERE proposal_id IN (SELECT id FROM proposals WHERE author_id = @userId AND channel_fk IN (${CHANNELS}))`,
        p,
      );
      for (const a of this.all<{ id: number; oldTitle: string; oldReasons: string }>(
        `SELECT id, old_title AS oldTitle, old_reasons AS oldReasons FROM amendments
         WHERE (instr(old_title, @userId) > 0 OR instr(old_reasons, @userId) > 0) AND proposal_id IN (${PROPOSALS})`,
        p,
      )) {
        this.run('UPDATE amendments SET old_title = @t, old_reasons = @r WHERE id = @id', {
          id: a.id,
          t: rewrite.text(a.oldTitle),
          r: rewrite.text(a.oldReasons),
        });
      }
      let proposals = this.run(`UPDATE proposals SET author_id = @pseudonym, reasons = '' WHERE author_id = @userId AND channel_fk IN (${CHANNELS})`, p);
      proposals += this.run(`UPDATE proposals SET closed_by = @pseudonym, close_reason = NULL WHERE closed_by = @userId AND channel_fk IN (${CHANNELS})`, p);
      const texts = this.all<{ id: number; title: string; reasons: string; closeReason: string | null }>(
        `SELECT id, title, reasons, close_reason AS closeReason FROM proposals
         WHERE (instr(title, @userId) > 0 OR instr(reasons, @userId) > 0 OR instr(close_reason, @userId) > 0) AND channel_fk IN (${CHANNELS})`,
        p,
      );
      for (const t of texts) {
        touched.add(t.id);
        this.run('UPDATE proposals SET title = @title, reasons = @reasons, close_reason = @closeReason WHERE id = @id', {
          id: t.id,
          title: rewrite.text(t.title),
          reasons: rewrite.text(t.reasons),
          closeReason: t.closeReason === null ? null : rewrite.text(t.closeReason),
        });
      }
      // Names are only for display: gone.
      this.run(`DELETE FROM users WHERE platform = @platform AND (@spaceId IS NULL OR space_id = @spaceId) AND user_id = @userId`, p);
      // Rotation: the member leaves it; who served what stays, as the pseudonym.
      this.run(`UPDATE roster SET user_id = @pseudonym, active = 0, away_until = NULL WHERE user_id = @userId AND channel_fk IN (${CHANNELS})`, p);
      this.run(`UPDATE assignments SET user_id = @pseudonym WHERE user_id = @userId AND channel_fk IN (${CHANNELS})`, p);
      this.run(
        `DELETE FROM volunteers WHERE user_id = @userId AND channel_fk IN (${CHANNELS})
           AND NOT EXISTS (SELECT 1 FROM periods WHERE periods.channel_fk = volunteers.channel_fk AND periods.period = volunteers.period)`,
        p,
      );
      this.run(`UPDATE volunteers SET user_id = @pseudonym WHERE user_id = @userId AND channel_fk IN (${CHANNELS})`, p);
      this.run(`UPDATE skips SET user_id = @pseudonym WHERE user_id = @userId AND channel_fk IN (${CHANNELS})`, p);
      this.run(`UPDATE period_available SET user_id = @pseudonym WHERE user_id = @userId AND channel_fk IN (${CHANNELS})`, p);
      // A role limited to them stays limited (to the pseudonym, who never serves): erasing a
      // treasurer must not open the treasurer's role to everyone.
      this.run(`UPDATE role_eligible SET user_id = @pseudonym WHERE user_id = @userId AND channel_fk IN (${CHANNELS})`, p);
      this.run(`DELETE FROM swap_offers WHERE (from_user = @userId OR to_user = @userId) AND channel_fk IN (${CHANNELS})`, p);
      // Stewardship ends (a pseudonym cannot act).
      for (const c of this.all<{ id: number; stewards: string }>(
        `SELECT id, stewards FROM channels WHERE id IN (${CHANNELS}) AND instr(stewards, @userId) > 0`,
        p,
      )) {
        this.run('UPDATE channels SET stewards = @stewards WHERE id = @id', {
          id: c.id,
          stewards: JSON.stringify(rewrite.stewards(JSON.parse(c.stewards) as string[])),
        });
      }
      // Stored messages (pending or sent) and their refs; the record of posted messages' refs.
      const postedDocs: ErasureReport['postedDocs'] = [];
      let messages = 0;
      const rows = this.all<{ id: number; channelFk: number; ref: string; op: string; status: string; payload: string; lastError: string | null }>(
        `SELECT id, channel_fk AS channelFk, ref, op, status, payload, last_error AS lastError FROM outbox
         WHERE channel_fk IN (${CHANNELS}) AND (instr(payload, @userId) > 0 OR instr(ref, @userId) > 0 OR instr(last_error, @userId) > 0)`,
        p,
      );
      for (const r of rows) {
        const payload = rewrite.payload(r.payload);
        const ref = rewrite.text(r.ref);
        this.run('UPDATE outbox SET payload = @payload, ref = @ref, last_error = @lastError WHERE id = @id', {
          id: r.id,
          payload,
          ref,
          lastError: r.lastError === null ? null : rewrite.text(r.lastError),
        });
        messages++;
        // A pending post goes out rewritten; one sent, or being sent, is edited afterwards.
        if (r.op === 'post' && payload !== r.payload && (r.status === 'done' || r.status === 'sending'))
          postedDocs.push({ channelFk: r.channelFk, ref, payload });
      }
      this.run(`UPDATE messages SET ref = replace(ref, @userId, @pseudonym) WHERE channel_fk IN (${CHANNELS}) AND instr(ref, @userId) > 0`, p);
      // Digests of notices that named the member: only a memory of what was posted; dropped.
      this.run(`DELETE FROM recent_notices WHERE channel_fk IN (${CHANNELS})`, p);
      const inFlight = new Set(
        this.all<{ ref: string }>(`SELECT ref FROM outbox WHERE status = 'sending' AND op = 'post' AND channel_fk IN (${CHANNELS})`, p).map((r) => r.ref),
      );
      return {
        votes: votes + secretVotes + pollVotes,
        history: history + pollHistory,
        proposals,
        messages,
        proposalIds: [...touched].sort((a, b) => a - b),
        postedDocs,
        inFlight,
      };
    } finally {
      this.run('DELETE FROM erasure_in_progress', {});
      this.rewrote();
    }
  }
}
