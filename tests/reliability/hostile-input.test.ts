import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/core/commands/grammar';
import { type Doc, pingedUsers } from '../../src/core/delivery/doc';
import { harness } from '../helpers/harness';
import { renderMessage } from '../../adapters/slack/render';
import { renderMessage as renderDiscord } from '../../adapters/discord/render';

// Slack-shaped ids, so the Slack renderer really turns pings into <@U…> mentions.
const USERS = ['UALICE1', 'UBOB2', 'UCAROL3', 'UDANA4', 'UERIN5'];
const NASTY = [
  '@everyone',
  '@here',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123>',
  '<@!123456789>',
  '<@&987>',
  '<#C1>',
  "'; DROP TABLE proposals; --",
  '" OR 1=1 --',
  "Robert'); DELETE FROM votes;--",
  '%',
  '_',
  '\\',
  '\u0000',
  '\u202e',
  '\u200b',
  '**bold**',
  '`code`',
  '```block```',
  '> quote',
  '[link](http://x)',
  '<script>',
  '&amp;',
  '|',
  '--closes',
  '—rule',
  '--quorum',
  '#1',
  '1',
  '999999999999',
  '-1',
  '0',
  '3d',
  '2026-13-45',
  '2026-12-01 25:61',
  'agree',
  'block',
  'join',
  'swap',
  'skip',
  'volunteer',
  'away',
  'settings',
  'timezone',
  'Europe/Berlin',
  'roles',
  'add',
  'remove',
  '👍',
  '🛑',
  '🤷🏽‍♀️',
  'Z̷a̷l̷g̷o̷',
];

const fragment = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.integer({ min: -5, max: 50 }).map(String),
);
const text = fc.oneof(
  { weight: 8, arbitrary: fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join(' ')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 10_000, maxLength: 10_240 }) },
);
const commandName = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...COMMAND_NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

const KINDS = new Set(['proposal', 'outcome', 'reminder', 'rotation', 'decisions', 'list', 'notice', 'help', 'settings', 'stats', 'error']);

describe('hostile input', () => {
  it('10,000 random and adversarial commands: no exception escapes, every reply is a message or a friendly error, the store stays consistent, nobody is pinged by text', async () => {
    const h = harness();
    // A living channel: everyone on the rotation, so pings and reminders happen while the fuzz runs.
    for (const u of USERS) h.run(u, '/rotation join');
    const docs: Doc[] = [];
    let errors = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...USERS), commandName, text, fc.boolean(), async (user, name, body, admin) => {
        const reply = h.service.command(h.ctx(user, { admin }), name, body);
        expect(KINDS.has(reply.doc.kind)).toBe(true);
        if (!reply.ok) {
          errors++;
          expect(reply.doc.kind).toBe('error');
          expect(JSON.stringify(reply.doc)).not.toMatch(/at \S+\.ts:\d+|SqliteError|TypeError/);
        }
        docs.push(reply.doc);
        if (++runs % 20 === 0) await h.advance(6 * 3600_000); // let deadlines and pings happen
      }),
      { numRuns: 10_000 },
    );
    await h.advance(30 * 86_400_000);
    docs.push(...h.port.sent.map((s) => s.doc));
    expect(errors).toBeGreaterThan(1000); // the fuzz really exercised the error paths…
    expect(h.port.posts().length).toBeGreaterThan(10); // …and the happy ones

    const db = h.store.db;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // Stored tallies equal the votes behind them.
    const mismatched = db
      .prepare(
        `SELECT p.id FROM proposals p LEFT JOIN (SELECT proposal_id, sum(stance = 'agree') a, sum(stance = 'disagree') d, sum(stance = 'abstain') ab, sum(stance = 'block') b FROM votes GROUP BY proposal_id) v ON v.proposal_id = p.id
         WHERE p.agree <> coalesce(v.a, 0) OR p.disagree <> coalesce(v.d, 0) OR p.abstain <> coalesce(v.ab, 0) OR p.block <> coalesce(v.b, 0)`,
      )
      .all();
    expect(mismatched).toEqual([]);
    // Titles were stored as typed (inert), never longer than the limit.
    expect(db.prepare('SELECT max(length(title)) AS n FROM proposals').get()).toEqual({ n: expect.any(Number) });
    expect((db.prepare('SELECT max(length(title)) AS n FROM proposals').get() as { n: number }).n).toBeLessThanOrEqual(200);
    // Only real members are ever pinged, whatever the text said…
    for (const d of docs) for (const u of pingedUsers(d)) expect(USERS).toContain(u);
    // …and what Slack receives can ping nobody else: no broadcasts, no mention the core did not intend.
    let mentions = 0;
    for (const d of docs) {
      const json = JSON.stringify(renderMessage(d, () => undefined));
      expect(json).not.toMatch(/<!(channel|here|everyone|subteam)/);
      expect(json).not.toMatch(/(^|[^\u2060])@(here|channel|everyone)\b/);
      const intended = new Set(pingedUsers(d));
      for (const m of json.matchAll(/<@([^>|]+)/g)) {
        mentions++;
        expect(intended.has(m[1]!)).toBe(true);
      }
    }
    expect(mentions).toBeGreaterThan(0);
    // On Discord (ids as snowflakes): nothing is parsed for mentions; only intended users are allowed.
    const snowflake = (id: string) => String(900000000000000100n + BigInt(USERS.indexOf(id)));
    let allowed = 0;
    for (const d of docs) {
      const asDiscord = JSON.parse(USERS.reduce((j, id) => j.replaceAll(id, snowflake(id)), JSON.stringify(d))) as Doc;
      const msg = renderDiscord(asDiscord);
      expect(msg.allowed_mentions.parse).toEqual([]);
      const intended = new Set(pingedUsers(asDiscord));
      for (const u of msg.allowed_mentions.users ?? []) {
        allowed++;
        expect(intended.has(u)).toBe(true);
      }
      expect(msg.allowed_mentions.roles ?? []).toEqual([]);
    }
    expect(allowed).toBeGreaterThan(0);
  }, 120_000);
});
