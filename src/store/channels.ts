import type Database from 'better-sqlite3';
import type { ChannelAddress, ChannelSettings, DecisionRule } from '../core/types';
import { formatQuorum, quorumFromStored } from '../core/types';
import { formatRepeat, repeatFromStored } from '../core/rotation/cadence';
import { RowCache } from './row-cache';

export interface ChannelRow {
  id: number;
  address: ChannelAddress;
  name: string | null;
  settings: ChannelSettings;
  nextRotationAt: number | null;
}

/** A channel row as an array, in COLUMNS order (raw mode: read on every request, so kept cheap). */
type Raw = [
  id: number,
  platform: string,
  space_id: string,
  channel_id: string,
  name: string | null,
  timezone: string,
  window_minutes: number,
  rule: DecisionRule,
  quorum: string | null,
  rotation_weekday: number,
  rotation_time: string,
  reminder_lead_minutes: number,
  stewards: string,
  next_rotation_at: number | null,
  max_open: number,
  max_open_per_member: number,
  rotation_repeat: string,
];

const COLUMNS =
  'id, platform, space_id, channel_id, name, timezone, window_minutes, rule, quorum, rotation_weekday, rotation_time, reminder_lead_minutes, stewards, next_rotation_at, max_open, max_open_per_member, rotation_repeat';

const fromRaw = (r: Raw): ChannelRow => ({
  id: r[0],
  address: { platform: r[1], spaceId: r[2], channelId: r[3] },
  name: r[4],
  settings: {
    timezone: r[5],
    windowMinutes: r[6],
    rule: r[7],
    quorum: quorumFromStored(r[8]),
    rotationWeekday: r[9],
    rotationTime: r[10],
    rotationRepeat: repeatFromStored(r[16]),
    reminderLeadMinutes: r[11],
    stewards: JSON.parse(r[12]) as string[],
    maxOpen: r[14],
    maxOpenPerMember: r[15],
  },
  nextRotationAt: r[13],
});

const addressKey = (a: ChannelAddress) => `${a.platform}\n${a.spaceId}\n${a.channelId}`;

export class ChannelStore {
  /**
   * Rows as read, by address and by id: every request and every due item reads its channel, and a
   * row changes only with settings or the next ping (which clear it). Callers get frozen rows.
   */
  private readonly cache: RowCache<string | number, ChannelRow>;
  private readonly byAddress;
  private readonly byId;
  private readonly insertStmt;
  private readonly updateSettingsStmt;
  private readonly setNextRotationStmt;
  private readonly takeNumberStmt;
  private readonly dueRotationStmt;

  constructor(db: Database.Database) {
    this.cache = new RowCache(db, 2000);
    this.byAddress = db
      .prepare<[string, string, string], Raw>(`SELECT ${COLUMNS} FROM channels WHERE platform = ? AND space_id = ? AND channel_id = ?`)
      .raw(true);
    this.byId = db.prepare<[number], Raw>(`SELECT ${COLUMNS} FROM channels WHERE id = ?`).raw(true);
    this.insertStmt = db.prepare(
      `INSERT INTO channels (platform, space_id, channel_id, name, timezone, window_minutes, rule, quorum,
         rotation_weekday, rotation_time, rotation_repeat, reminder_lead_minutes, stewards, max_open, max_open_per_member, created_at)
       VALUES (@platform, @spaceId, @channelId, @name, @timezone, @windowMinutes, @rule, @quorum,
         @rotationWeekday, @rotationTime, @rotationRepeat, @reminderLeadMinutes, @stewards, @maxOpen, @maxOpenPerMember, @createdAt)`,
    );
    this.updateSettingsStmt = db.prepare(
      `UPDATE channels SET timezone = @timezone, window_minutes = @windowMinutes, rule = @rule, quorum = @quorum,
         rotation_weekday = @rotationWeekday, rotation_time = @rotationTime, rotation_repeat = @rotationRepeat,
         reminder_lead_minutes = @reminderLeadMinutes, stewards = @stewards,
         max_open = @maxOpen, max_open_per_member = @maxOpenPerMember WHERE id = @id`,
    );
    this.setNextRotationStmt = db.prepare<[number | null, number]>('UPDATE channels SET next_rotation_at = ? WHERE id = ?');
    this.takeNumberStmt = db.prepare<[number], { n: number }>(
      'UPDATE channels SET next_proposal_number = next_proposal_number + 1 WHERE id = ? RETURNING next_proposal_number - 1 AS n',
    );
    this.dueRotationStmt = db
      .prepare<[number, number], Raw>(
        `SELECT ${COLUMNS} FROM channels WHERE next_rotation_at IS NOT NULL AND next_rotation_at <= ? ORDER BY next_rotation_at LIMIT ?`,
      )
      .raw(true);
  }

  find(a: ChannelAddress): ChannelRow | undefined {
    const key = addressKey(a);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const r = this.byAddress.get(a.platform, a.spaceId, a.channelId);
    return r && this.cache.set(key, fromRaw(r));
  }

  get(id: number): ChannelRow {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const r = this.byId.get(id);
    if (!r) throw new Error(`channel ${id} not found`);
    return this.cache.set(id, fromRaw(r));
  }

  /** Forgets the rows read (after a rollback, or a write to channels that bypassed this store). */
  forgetCached(): void {
    this.cache.clear();
  }

  insert(a: ChannelAddress, name: string | null, s: ChannelSettings, createdAt: number): number {
    const info = this.insertStmt.run({
      ...a,
      name,
      ...s,
      quorum: formatQuorum(s.quorum),
      rotationRepeat: formatRepeat(s.rotationRepeat),
      stewards: JSON.stringify(s.stewards),
      createdAt,
    });
    return Number(info.lastInsertRowid);
  }

  updateSettings(id: number, s: ChannelSettings): void {
    this.cache.clear();
    this.updateSettingsStmt.run({
      id,
      ...s,
      quorum: formatQuorum(s.quorum),
      rotationRepeat: formatRepeat(s.rotationRepeat),
      stewards: JSON.stringify(s.stewards),
    });
  }

  setNextRotation(id: number, at: number | null): void {
    this.cache.clear();
    this.setNextRotationStmt.run(at, id);
  }

  takeProposalNumber(id: number): number {
    return this.takeNumberStmt.get(id)!.n;
  }

  dueRotations(now: number, limit: number): ChannelRow[] {
    return this.dueRotationStmt.all(now, limit).map(fromRaw);
  }
}
