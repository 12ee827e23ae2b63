import type Database from 'better-sqlite3';
import { DEFAULT_SETTINGS } from '../src/core/channels';

/**
 * Bulk loading of benchmark data with direct SQL, in one transaction (set-up, never measured).
 * Rows are shaped as the store writes them, so the service reads them as its own.
 */

const PLATFORM = 'bench';
const SPACE = 'S1';
const channelId = (i: number) => `C${i}`;
const userId = (i: number) => `U${i}`;
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

export interface SeedChannels {
  count: number;
  /** Active roster members per channel (reminders go to those who have not voted). */
  roster: number;
  /** When each channel's weekly ping falls due next (null: none scheduled). */
  nextRotationAt: number | null;
  now: number;
  /** The channels' time zone (default: the bot's default, UTC). */
  timezone?: string;
}

/** Channels 1..count with the default settings and roles, and a roster each. Returns their ids. */
export function seedChannels(db: Database.Database, o: SeedChannels): number[] {
  const s = DEFAULT_SETTINGS;
  const ch = db.prepare(
    `INSERT INTO channels (platform, space_id, channel_id, name, timezone, window_minutes, rule, quorum,
       rotation_weekday, rotation_time, reminder_lead_minutes, stewards, next_rotation_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, '[]', ?, ?)`,
  );
  const role = db.prepare('INSERT INTO roles (channel_fk, name, position) VALUES (?, ?, ?)');
  const member = db.prepare('INSERT INTO roster (channel_fk, user_id, join_seq, joined_at) VALUES (?, ?, ?, ?)');
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 1; i <= o.count; i++) {
      const id = Number(
        ch.run(
          PLATFORM,
          SPACE,
          channelId(i),
          `channel-${i}`,
          o.timezone ?? s.timezone,
          s.windowMinutes,
          s.rule,
          s.rotationWeekday,
          s.rotationTime,
          s.reminderLeadMinutes,
          o.nextRotationAt,
          o.now - 30 * DAY,
        ).lastInsertRowid,
      );
      role.run(id, 'facilitator', 1);
      role.run(id, 'note-taker', 2);
      for (let m = 1; m <= o.roster; m++) member.run(id, userId(m), m, o.now - 30 * DAY);
      ids.push(id);
    }
  })();
  return ids;
}

export interface SeedProposals {
  channels: number[];
  /** Proposals stored in total (including the due ones). */
  total: number;
  /** Open, closing time passed: runDue closes them. */
  dueToClose: number;
  /** Open, reminder time passed, closing later: runDue posts a closing-soon reminder. */
  dueToRemind: number;
  /** Share of the rest that is open and not yet due (the rest is closed history). */
  openShare: number;
  now: number;
  /** Votes on each open proposal (users U1..Un, agree); closed ones keep only their counts. */
  votesPerProposal?: number;
  /**
   * recent (default): ids follow creation time, so the open proposals, due ones included, are the
   * newest rows, interleaved; older rows are closed history, as in a real table.
   * scattered: the due and open ones are spread over the whole id range (worst case for locality).
   */
  layout?: 'recent' | 'scattered';
}

export interface Seeded {
  dueToCloseIds: number[];
  dueToRemindIds: number[];
  openIds: number[];
}

/** Proposals spread evenly over the channels, numbered per channel, laid out as `o.layout` says. */
export function seedProposals(db: Database.Database, o: SeedProposals): Seeded {
  const ins = db.prepare(
    `INSERT INTO proposals (channel_fk, number, author_id, title, reasons, rule, quorum, created_at, closes_at, remind_at,
       status, closed_at, closed_by, agree, disagree, abstain, block)
     VALUES (?, ?, ?, ?, ?, 'consent', NULL, ?, ?, ?, ?, ?, NULL, ?, ?, 0, 0)`,
  );
  const vote = db.prepare(`INSERT INTO votes (proposal_id, user_id, stance, reason, source, updated_at) VALUES (?, ?, 'agree', NULL, 'reaction', ?)`);
  const history = db.prepare(`INSERT INTO vote_history (proposal_id, user_id, stance, reason, source, at) VALUES (?, ?, 'agree', NULL, 'reaction', ?)`);
  const numbers = new Map<number, number>();
  const out: Seeded = { dueToCloseIds: [], dueToRemindIds: [], openIds: [] };
  const due = o.dueToClose + o.dueToRemind;
  const scattered = o.layout === 'scattered';
  // The open rows: everywhere (scattered) or the newest ones (recent).
  const openRows = scattered ? o.total : Math.min(o.total, Math.max(Math.ceil(o.openShare * o.total), 2 * due));
  const firstOpen = o.total - openRows;
  const stride = Math.max(1, Math.floor(openRows / Math.max(1, due)));
  const nVotes = o.votesPerProposal ?? 0;
  const reasons = 'Because the current arrangement has not worked for us for a while, and this is a small, reversible change.';
  db.transaction(() => {
    let closeLeft = o.dueToClose;
    let remindLeft = o.dueToRemind;
    for (let i = 0; i < o.total; i++) {
      const channel = o.channels[i % o.channels.length]!;
      const number = (numbers.get(channel) ?? 0) + 1;
      numbers.set(channel, number);
      const created = i < firstOpen ? o.now - 400 * DAY + Math.floor((i / o.total) * 395 * DAY) : o.now - 3 * DAY + ((i - firstOpen) % 1000) * MIN;
      const j = i - firstOpen; // position among the rows that may be open
      let closesAt: number;
      let remindAt: number | null = null;
      let status = 'open';
      let closedAt: number | null = null;
      let kind: keyof Seeded | undefined;
      if (j >= 0 && j % stride === 0 && closeLeft > 0) {
        closesAt = o.now - MIN - closeLeft; // just passed
        closeLeft--;
        kind = 'dueToCloseIds';
      } else if (j >= 0 && j % stride === 0 && remindLeft > 0) {
        closesAt = o.now + 6 * 60 * MIN + remindLeft;
        remindAt = o.now - MIN - remindLeft;
        remindLeft--;
        kind = 'dueToRemindIds';
      } else if (j >= 0 && (!scattered || (i * 2654435761) % 1000 < o.openShare * 1000)) {
        closesAt = o.now + DAY + (i % 1000) * MIN;
        remindAt = closesAt - DAY + MIN;
        kind = 'openIds';
      } else {
        closesAt = created + 3 * DAY;
        closedAt = closesAt;
        status = i % 3 ? 'passed' : 'rejected';
      }
      const agree = status === 'open' ? nVotes : i % 7;
      const id = Number(
        ins.run(
          channel,
          number,
          userId(1 + (i % 5)),
          `Proposal ${i}: move the weekly meeting to Thursdays`,
          reasons,
          created,
          closesAt,
          remindAt,
          status,
          closedAt,
          agree,
          status === 'rejected' ? 1 : 0,
        ).lastInsertRowid,
      );
      if (kind) out[kind].push(id);
      for (let v = 1; status === 'open' && v <= nVotes; v++) {
        vote.run(id, userId(v), created + v * MIN);
        history.run(id, userId(v), created + v * MIN);
      }
    }
    for (const [channel, n] of numbers) db.prepare('UPDATE channels SET next_proposal_number = ? WHERE id = ?').run(n + 1, channel);
  })();
  return out;
}

/** Adds `count` votes spread over the given proposals (distinct users per proposal), with history. */
export function seedVotes(db: Database.Database, proposalIds: number[], count: number, at: number): void {
  const vote = db.prepare(`INSERT INTO votes (proposal_id, user_id, stance, reason, source, updated_at) VALUES (?, ?, ?, NULL, 'reaction', ?)`);
  const history = db.prepare(`INSERT INTO vote_history (proposal_id, user_id, stance, reason, source, at) VALUES (?, ?, ?, NULL, 'reaction', ?)`);
  const stances = ['agree', 'agree', 'disagree', 'abstain'];
  const perProposal = Math.ceil(count / proposalIds.length);
  db.transaction(() => {
    let n = 0;
    for (let u = 0; u < perProposal && n < count; u++) {
      for (let p = 0; p < proposalIds.length && n < count; p++, n++) {
        const stance = stances[(p + u) % stances.length]!;
        vote.run(proposalIds[p]!, userId(1000 + u), stance, at);
        history.run(proposalIds[p]!, userId(1000 + u), stance, at);
      }
    }
  })();
}

/** A posted message for each proposal (every proposal's card went out), as the dispatcher records them. */
export function seedMessages(db: Database.Database, at: number): void {
  db.exec(`INSERT INTO messages (channel_fk, ref, platform_message_id, posted_at)
           SELECT channel_fk, 'proposal:' || id, 'M' || id, ${at} FROM proposals ORDER BY id`);
}
