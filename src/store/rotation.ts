import type Database from 'better-sqlite3';
import type { Assignment, AssignmentSource, Served } from '../core/rotation/plan';

export interface RosterRow {
  userId: string;
  joinSeq: number;
  active: boolean;
  awayUntil: number | null;
  /** When they first joined (a rejoin keeps it). */
  joinedAt: number;
}

/** Roles, roster, fixed periods, volunteers and skips of each channel. */
export class RotationStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      roles: db.prepare<[number], { name: string }>('SELECT name FROM roles WHERE channel_fk = ? ORDER BY position'),
      addRole: db.prepare<[number, string, number]>(
        'INSERT INTO roles (channel_fk, name, position) VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM roles WHERE channel_fk = ?))',
      ),
      removeRole: db.prepare<[number, string]>('DELETE FROM roles WHERE channel_fk = ? AND name = ?'),
      removeEligible: db.prepare<[number, string]>('DELETE FROM role_eligible WHERE channel_fk = ? AND role = ?'),
      addEligible: db.prepare<[number, string, string]>('INSERT OR IGNORE INTO role_eligible (channel_fk, role, user_id) VALUES (?, ?, ?)'),
      eligible: db.prepare<[number], { role: string; userId: string }>('SELECT role, user_id AS userId FROM role_eligible WHERE channel_fk = ?'),
      descriptions: db.prepare<[number], { name: string; description: string }>(
        'SELECT name, description FROM roles WHERE channel_fk = ? AND description IS NOT NULL ORDER BY position',
      ),
      describe: db.prepare<[string | null, number, string]>('UPDATE roles SET description = ? WHERE channel_fk = ? AND name = ?'),
      markAvailable: db.prepare<[number, string, string]>('INSERT OR IGNORE INTO period_available (channel_fk, period, user_id) VALUES (?, ?, ?)'),
      availableCounts: db.prepare<[number], { userId: string; n: number }>(
        'SELECT user_id AS userId, count(*) AS n FROM period_available WHERE channel_fk = ? GROUP BY user_id',
      ),
      firstAvailableRecord: db.prepare<[number], { period: string | null }>('SELECT min(period) AS period FROM period_available WHERE channel_fk = ?'),
      fixedCount: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM periods WHERE channel_fk = ?'),
      roster: db.prepare<[number], { userId: string; joinSeq: number; active: number; awayUntil: number | null; joinedAt: number }>(
        'SELECT user_id AS userId, join_seq AS joinSeq, active, away_until AS awayUntil, joined_at AS joinedAt FROM roster WHERE channel_fk = ? ORDER BY join_seq',
      ),
      member: db.prepare<[number, string], { userId: string; joinSeq: number; active: number; awayUntil: number | null; joinedAt: number }>(
        'SELECT user_id AS userId, join_seq AS joinSeq, active, away_until AS awayUntil, joined_at AS joinedAt FROM roster WHERE channel_fk = ? AND user_id = ?',
      ),
      // Reminders go to those on the rotation, not away now, who have not voted (in join order).
      notVoted: db
        .prepare<[number, number, number], string>(
          `SELECT user_id FROM roster r WHERE channel_fk = ? AND active = 1 AND (away_until IS NULL OR away_until <= ?)
           AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.proposal_id = ? AND v.user_id = r.user_id)
         ORDER BY join_seq`,
        )
        .pluck(),
      join: db.prepare(
        `INSERT INTO roster (channel_fk, user_id, join_seq, joined_at)
         VALUES (@channelFk, @userId, (SELECT coalesce(max(join_seq), 0) + 1 FROM roster WHERE channel_fk = @channelFk), @at)
         ON CONFLICT (channel_fk, user_id) DO UPDATE SET active = 1, away_until = NULL`,
      ),
      leave: db.prepare<[number, string]>('UPDATE roster SET active = 0, away_until = NULL WHERE channel_fk = ? AND user_id = ?'),
      setAway: db.prepare<[number | null, number, string]>('UPDATE roster SET away_until = ? WHERE channel_fk = ? AND user_id = ?'),
      activeCount: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM roster WHERE channel_fk = ? AND active = 1'),
      period: db.prepare<[number, string], { startsAt: number }>('SELECT starts_at AS startsAt FROM periods WHERE channel_fk = ? AND period = ?'),
      insertPeriod: db.prepare<[number, string, number]>('INSERT INTO periods (channel_fk, period, starts_at) VALUES (?, ?, ?)'),
      assignments: db.prepare<[number, string], { role: string; userId: string | null; source: AssignmentSource }>(
        'SELECT role, user_id AS userId, source FROM assignments WHERE channel_fk = ? AND period = ?',
      ),
      setAssignment: db.prepare(
        `INSERT INTO assignments (channel_fk, period, role, user_id, source) VALUES (@channelFk, @period, @role, @userId, @source)
         ON CONFLICT (channel_fk, period, role) DO UPDATE SET user_id = excluded.user_id, source = excluded.source`,
      ),
      history: db.prepare<[number, string], Served>(
        `SELECT user_id AS userId, role, period FROM assignments WHERE channel_fk = ? AND period < ? AND user_id IS NOT NULL`,
      ),
      allHistory: db.prepare<[number], Served>('SELECT user_id AS userId, role, period FROM assignments WHERE channel_fk = ? AND user_id IS NOT NULL'),
      volunteers: db.prepare<[number, string], { role: string; userId: string }>(
        'SELECT role, user_id AS userId FROM volunteers WHERE channel_fk = ? AND period = ?',
      ),
      setVolunteer: db.prepare(
        `INSERT INTO volunteers (channel_fk, period, role, user_id) VALUES (@channelFk, @period, @role, @userId)
         ON CONFLICT (channel_fk, period, role) DO UPDATE SET user_id = excluded.user_id`,
      ),
      removeVolunteer: db.prepare<[number, string, string]>('DELETE FROM volunteers WHERE channel_fk = ? AND period = ? AND user_id = ?'),
      skip: db.prepare('INSERT OR IGNORE INTO skips (channel_fk, period, role, user_id, at) VALUES (@channelFk, @period, @role, @userId, @at)'),
      skippers: db.prepare<[number, string, string], { userId: string }>(
        'SELECT user_id AS userId FROM skips WHERE channel_fk = ? AND period = ? AND role = ?',
      ),
      skipCounts: db.prepare<[number], { userId: string; n: number }>(
        'SELECT user_id AS userId, count(*) AS n FROM skips WHERE channel_fk = ? GROUP BY user_id',
      ),
    };
  }

  roles(channelFk: number): string[] {
    return this.s.roles.all(channelFk).map((r) => r.name);
  }

  addRole(channelFk: number, role: string): void {
    this.s.addRole.run(channelFk, role, channelFk);
  }

  /** Removes the role with what belongs to it (description, eligibility). */
  removeRole(channelFk: number, role: string): void {
    this.s.removeRole.run(channelFk, role);
    this.s.removeEligible.run(channelFk, role);
  }

  /** role -> what it does, for the roles that have a description. */
  descriptions(channelFk: number): Map<string, string> {
    return new Map(this.s.descriptions.all(channelFk).map((r) => [r.name, r.description]));
  }

  describe(channelFk: number, role: string, description: string | null): void {
    this.s.describe.run(description, channelFk, role);
  }

  /** role -> the members it is limited to; roles open to everyone are absent. */
  eligible(channelFk: number): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const r of this.s.eligible.all(channelFk)) {
      const set = out.get(r.role) ?? new Set<string>();
      set.add(r.userId);
      out.set(r.role, set);
    }
    return out;
  }

  /** Limits the role to `users`; an empty list opens it to everyone. */
  setEligible(channelFk: number, role: string, users: readonly string[]): void {
    this.s.removeEligible.run(channelFk, role);
    for (const u of users) this.s.addEligible.run(channelFk, role, u);
  }

  /** Records who was available for a period as its holders were fixed. */
  markAvailable(channelFk: number, period: string, users: readonly string[]): void {
    for (const u of users) this.s.markAvailable.run(channelFk, period, u);
  }

  /** How many fixed periods each member was available for (recorded since schema 5). */
  availableCounts(channelFk: number): Map<string, number> {
    return new Map(this.s.availableCounts.all(channelFk).map((r) => [r.userId, r.n]));
  }

  /** The first period with an availability record, and whether any fixed period is older than records. */
  availabilityRecords(channelFk: number): { since: string | null; fixedPeriods: number } {
    return { since: this.s.firstAvailableRecord.get(channelFk)!.period, fixedPeriods: this.s.fixedCount.get(channelFk)!.n };
  }

  roster(channelFk: number): RosterRow[] {
    return this.s.roster.all(channelFk).map((r) => ({ ...r, active: r.active === 1 }));
  }

  /** One member's row, active or not (a key lookup: rosters can be long). */
  member(channelFk: number, userId: string): RosterRow | undefined {
    const r = this.s.member.get(channelFk, userId);
    return r && { ...r, active: r.active === 1 };
  }

  /** Members on the rotation and not away at `now` who have not voted on the proposal, in join order. */
  presentNotVoted(channelFk: number, proposalId: number, now: number): string[] {
    return this.s.notVoted.all(channelFk, now, proposalId);
  }

  join(channelFk: number, userId: string, at: number): void {
    this.s.join.run({ channelFk, userId, at });
  }

  leave(channelFk: number, userId: string): void {
    this.s.leave.run(channelFk, userId);
  }

  setAway(channelFk: number, userId: string, until: number | null): void {
    this.s.setAway.run(until, channelFk, userId);
  }

  activeCount(channelFk: number): number {
    return this.s.activeCount.get(channelFk)!.n;
  }

  isFixed(channelFk: number, period: string): boolean {
    return this.s.period.get(channelFk, period) !== undefined;
  }

  fix(channelFk: number, period: string, startsAt: number, plan: Assignment[]): void {
    this.s.insertPeriod.run(channelFk, period, startsAt);
    for (const a of plan) this.setAssignment(channelFk, period, a);
  }

  assignments(channelFk: number, period: string): Assignment[] {
    return this.s.assignments.all(channelFk, period);
  }

  setAssignment(channelFk: number, period: string, a: Assignment): void {
    this.s.setAssignment.run({ channelFk, period, role: a.role, userId: a.userId, source: a.source });
  }

  /** Who served what in periods before `period`. */
  historyBefore(channelFk: number, period: string): Served[] {
    return this.s.history.all(channelFk, period);
  }

  allHistory(channelFk: number): Served[] {
    return this.s.allHistory.all(channelFk);
  }

  volunteers(channelFk: number, period: string): Map<string, string> {
    return new Map(this.s.volunteers.all(channelFk, period).map((v) => [v.role, v.userId]));
  }

  setVolunteer(channelFk: number, period: string, role: string, userId: string): void {
    this.s.setVolunteer.run({ channelFk, period, role, userId });
  }

  removeVolunteer(channelFk: number, period: string, userId: string): number {
    return this.s.removeVolunteer.run(channelFk, period, userId).changes;
  }

  recordSkip(channelFk: number, period: string, role: string, userId: string, at: number): void {
    this.s.skip.run({ channelFk, period, role, userId, at });
  }

  skippers(channelFk: number, period: string, role: string): string[] {
    return this.s.skippers.all(channelFk, period, role).map((r) => r.userId);
  }

  skipCounts(channelFk: number): Map<string, number> {
    return new Map(this.s.skipCounts.all(channelFk).map((r) => [r.userId, r.n]));
  }
}
