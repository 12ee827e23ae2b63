import { ManualClock } from '../src/core/clock';
import { emojiOf } from '../adapters/shared/emoji-names';
import { Dispatcher } from '../src/core/delivery/dispatcher';
import { Leaderful, type RequestContext } from '../src/core/service';
import type { ChannelAddress } from '../src/core/types';
import { Store } from '../src/store/store';
import { figure, type Figure, gc, median, RecordingPort, round, type Scratch, settle } from './lib';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const USERS = 500; // members of the channel, each voting once on each proposal
const ROUNDS = 5; // measured rounds (plus one warm-up), service and raw interleaved
const PER_ROUND = 10_000; // votes per round
const STANCES = ['agree', 'agree', 'disagree', 'abstain', 'agree', 'block', 'yes', 'disagree'];
// As Slack names them; its adapter translates them into the emoji the core reads (not timed here).
const REACTIONS = ['+1', 'thumbsup', '-1', 'shrug', '+1::skin-tone-3', 'octagonal_sign', '👍', '👎'].map(emojiOf);

const cpuUs = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return c.user + c.system;
};

export interface VotePathResult {
  figures: Figure[];
  detail: { serviceRates: number[]; rawRates: number[]; reactRates: number[]; ratios: number[]; serviceCpuUs: number[]; rawCpuUs: number[] };
}

/**
 * Vote path: /vote through the service (parse, validate, store, recount, queue the coalesced edit),
 * sequential, on a file database in WAL mode, against the raw better-sqlite3 rate of the same
 * single-row vote upsert in its own transaction, measured in alternating rounds of the same run.
 */
export async function benchVotePath(scratch: Scratch): Promise<VotePathResult> {
  const clock = new ManualClock(T0);
  const store = Store.open(scratch.path('vote.db'));
  // A throughput test, not people: 240 proposals posted in one instant, and each member voting twice a
  // second for two minutes. The limits are lifted so nothing is refused, but they are still checked
  // on every vote (the same code and cost as with the defaults), so their cost is part of what is measured.
  const service = new Leaderful(store, clock, {
    defaults: { maxOpen: 1000 },
    rateLimits: { member: { vote: { burst: 1_000_000, everyMs: 1 } }, channel: { propose: { burst: 1_000_000, everyMs: 1 } } },
  });
  const dispatcher = new Dispatcher(store, clock, service.render);
  dispatcher.register(new RecordingPort(clock, 'bench', 1000));
  const address: ChannelAddress = { platform: 'bench', spaceId: 'S1', channelId: 'C1' };
  const ctxs: RequestContext[] = Array.from({ length: USERS }, (_, i) => ({
    channel: address,
    actor: { userId: `U${i}`, displayName: `member${i}`, platformAdmin: false },
  }));
  const rounds = ROUNDS + 1;
  const proposalsPerRound = PER_ROUND / USERS;
  // Set-up through the service: the members join, the proposals are posted.
  for (const c of ctxs) service.command(c, 'rotation', 'join');
  const totalProposals = 2 * rounds * proposalsPerRound; // command rounds, then reaction rounds
  for (let i = 0; i < totalProposals; i++) {
    const r = service.command(ctxs[i % USERS]!, 'propose', `Proposal ${i}: buy a second coffee machine | it is always busy`);
    if (!r.ok) throw new Error('propose failed in set-up');
  }
  await dispatcher.drain(); // posts the cards: reactions need their message ids
  const messageOf = new Map<number, string>();
  for (let n = 1; n <= totalProposals; n++) {
    const p = store.proposals.byNumber(store.channels.find(address)!.id, n)!;
    messageOf.set(n, store.outbox.message(`proposal:${p.id}`)!.platformMessageId);
  }

  // The raw reference: the vote upsert as the store writes it, on its own file database (same pragmas).
  const raw = Store.open(scratch.path('raw.db'));
  raw.db.exec(`INSERT INTO channels (platform, space_id, channel_id, timezone, window_minutes, rule, rotation_weekday, rotation_time, reminder_lead_minutes, created_at)
               VALUES ('bench', 'S1', 'C1', 'UTC', 4320, 'consent', 1, '09:00', 1440, ${T0})`);
  const insP = raw.db.prepare(
    `INSERT INTO proposals (channel_fk, number, author_id, title, rule, created_at, closes_at) VALUES (1, ?, 'U0', 'p', 'consent', ?, ?)`,
  );
  raw.db.transaction(() => {
    for (let n = 1; n <= totalProposals; n++) insP.run(n, T0, T0 + 7 * 86_400_000);
  })();
  // The store's vote upsert (same table, same conflict clause), bound positionally: the fastest plain form.
  const upsert = raw.db.prepare<[number, string, string, null, string, number]>(
    `INSERT INTO votes (proposal_id, user_id, stance, reason, source, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (proposal_id, user_id) DO UPDATE SET stance = excluded.stance, reason = excluded.reason,
       source = excluded.source, updated_at = excluded.updated_at`,
  );
  const rawVote = raw.db.transaction((proposalId: number, userId: string, stance: string, at: number) =>
    upsert.run(proposalId, userId, stance, null, 'command', at),
  );

  const serviceRates: number[] = [];
  const rawRates: number[] = [];
  const reactRates: number[] = [];
  const ratios: number[] = [];
  const serviceCpuUs: number[] = [];
  const rawCpuUs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const first = round * proposalsPerRound; // proposal numbers of this round: first+1 .. first+proposalsPerRound
    // Pre-build the inputs so that the loops measure only the call.
    const texts = Array.from({ length: PER_ROUND }, (_, i) => `${first + 1 + Math.floor(i / USERS)} ${STANCES[i % STANCES.length]}`);
    await settle();
    gc();
    let cpu = process.cpuUsage();
    let t = performance.now();
    for (let i = 0; i < PER_ROUND; i++) {
      clock.advance(1);
      const r = service.command(ctxs[i % USERS]!, 'vote', texts[i]!);
      if (!r.ok) throw new Error(`vote failed: ${JSON.stringify(r.doc)}`);
    }
    const serviceRate = PER_ROUND / ((performance.now() - t) / 1000);
    const serviceCpu = cpuUs(cpu) / PER_ROUND;

    await settle();
    gc();
    cpu = process.cpuUsage();
    t = performance.now();
    for (let i = 0; i < PER_ROUND; i++) {
      rawVote.immediate(first + 1 + Math.floor(i / USERS), `U${i % USERS}`, 'agree', T0 + i);
    }
    const rawRate = PER_ROUND / ((performance.now() - t) / 1000);
    const rawCpu = cpuUs(cpu) / PER_ROUND;

    // Reaction votes (as a Slack or Discord reaction event arrives: with an event id).
    const rFirst = rounds * proposalsPerRound + first;
    const msgs = Array.from({ length: proposalsPerRound }, (_, j) => messageOf.get(rFirst + 1 + j)!);
    const rctx = ctxs.map((c) => ({ ...c }));
    await settle();
    gc();
    t = performance.now();
    for (let i = 0; i < PER_ROUND; i++) {
      clock.advance(1);
      const c = rctx[i % USERS]!;
      c.eventId = `Ev${round}-${i}`;
      service.react(c, msgs[Math.floor(i / USERS)]!, REACTIONS[i % REACTIONS.length]!, true);
    }
    const reactRate = PER_ROUND / ((performance.now() - t) / 1000);

    if (round === 0) continue; // warm-up
    serviceRates.push(serviceRate);
    rawRates.push(rawRate);
    reactRates.push(reactRate);
    ratios.push(serviceRate / rawRate);
    serviceCpuUs.push(serviceCpu);
    rawCpuUs.push(rawCpu);
  }

  // Every vote landed: the stored counts add up to the votes cast.
  const cast = (store.db.prepare('SELECT count(*) AS n FROM votes').get() as { n: number }).n;
  const counted = (store.db.prepare('SELECT sum(agree + disagree + abstain + block) AS n FROM proposals').get() as { n: number }).n;
  if (cast !== 2 * rounds * PER_ROUND || counted !== cast) throw new Error(`vote path lost votes: ${cast} stored, ${counted} counted`);
  store.close();
  raw.close();

  const svc = median(serviceRates);
  const rawR = median(rawRates);
  const figures = [
    figure(
      'vote_path_votes_per_s',
      round(svc),
      'votes/s',
      '>=',
      10_000,
      `service.command /vote, sequential, file DB in WAL; median of ${ROUNDS} rounds of ${PER_ROUND}`,
    ),
    figure(
      'vote_raw_upsert_per_s',
      round(rawR),
      'upserts/s',
      'info',
      undefined,
      'the vote upsert (INSERT .. ON CONFLICT DO UPDATE), positional binding, each in its own BEGIN IMMEDIATE transaction, same run',
    ),
    figure(
      'vote_path_share_of_raw_pct',
      round(100 * median(ratios), 1),
      '%',
      '>=',
      30,
      'median over rounds of service rate / raw rate (adjacent measurements)',
    ),
    figure(
      'vote_path_cpu_us_per_vote',
      round(median(serviceCpuUs), 1),
      'us',
      'info',
      undefined,
      'CPU time (user + system) per /vote, less sensitive to a busy machine than the rate',
    ),
    figure('vote_raw_cpu_us_per_upsert', round(median(rawCpuUs), 1), 'us', 'info', undefined, 'CPU time per raw upsert transaction'),
    figure(
      'vote_path_react_votes_per_s',
      round(median(reactRates)),
      'votes/s',
      'info',
      undefined,
      'service.react with a platform event id (deduplicated), same rounds',
    ),
  ];
  return { figures, detail: { serviceRates, rawRates, reactRates, ratios, serviceCpuUs, rawCpuUs } };
}
