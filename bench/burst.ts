import { ManualClock } from '../src/core/clock';
import { emojiOf } from '../adapters/shared/emoji-names';
import { Dispatcher } from '../src/core/delivery/dispatcher';
import { Leaderful, type RequestContext } from '../src/core/service';
import { emptyCounts, type Stance } from '../src/core/types';
import type { ChannelAddress } from '../src/core/types';
import { Store } from '../src/store/store';
import { check, figure, type Figure, RecordingPort, type Scratch } from './lib';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const VOTES = 500;
const SPAN_MS = 10_000;
const EDIT_INTERVAL_MS = 1000; // as the Slack and Discord ports use
// As Slack names them; its adapter translates them into the emoji the core reads.
const REACTIONS: [string, Stance][] = (
  [
    ['+1', 'agree'],
    ['thumbsup::skin-tone-2', 'agree'],
    ['👍🏽', 'agree'],
    ['-1', 'disagree'],
    ['shrug', 'abstain'],
    ['octagonal_sign', 'block'],
  ] as [string, Stance][]
).map(([name, stance]) => [emojiOf(name), stance]);

/** A small deterministic generator (mulberry32), so every run casts the same burst. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Burst coalescing: 500 reaction votes on one proposal at random moments within 10 s of injected
 * time; the dispatcher drains after every vote (as the real one is kicked), edits at most once a
 * second. 400 members react, 100 of them a second time with another stance (a changed vote).
 */
export async function benchBurst(scratch: Scratch): Promise<{ figures: Figure[]; detail: Record<string, unknown> }> {
  const clock = new ManualClock(T0);
  const store = Store.open(scratch.path('burst.db'));
  const service = new Leaderful(store, clock);
  const dispatcher = new Dispatcher(store, clock, service.render);
  const port = new RecordingPort(clock, 'bench', EDIT_INTERVAL_MS);
  dispatcher.register(port);
  const address: ChannelAddress = { platform: 'bench', spaceId: 'S1', channelId: 'C1' };
  const ctx = (user: string, eventId: string): RequestContext => ({
    channel: address,
    actor: { userId: user, displayName: user, platformAdmin: false },
    eventId,
  });

  service.command(ctx('author', 'e0'), 'propose', 'Adopt the new onboarding checklist | tried it for a month');
  await dispatcher.drain();
  const post = port.sent.find((s) => s.op === 'post' && s.doc.kind === 'proposal')!;
  const start = clock.now();

  const random = rng(42);
  const times = Array.from({ length: VOTES }, () => start + Math.floor(random() * SPAN_MS)).sort((a, b) => a - b);
  const expected = new Map<string, Stance>();
  const wall = performance.now();
  for (let i = 0; i < VOTES; i++) {
    const user = `U${i < 400 ? i : Math.floor(random() * 400)}`;
    let [reaction, stance] = REACTIONS[Math.floor(random() * REACTIONS.length)]!;
    if (expected.get(user) === stance) [reaction, stance] = REACTIONS[(REACTIONS.findIndex((r) => r[1] === stance) + 3) % REACTIONS.length]!;
    clock.set(times[i]!);
    const r = service.react(ctx(user, `ev${i}`), post.messageId, reaction, true);
    if (r && !r.ok) throw new Error(`reaction ${i} failed`); // undefined: taken (reactions get no reply)
    expected.set(user, stance);
    await dispatcher.drain();
  }
  // Let the last pending edit go out.
  for (let t = clock.now(); t <= start + SPAN_MS + 2 * EDIT_INTERVAL_MS; t += 100) {
    clock.set(t);
    await dispatcher.drain();
  }
  const wallMs = performance.now() - wall;

  const want = emptyCounts();
  for (const s of expected.values()) want[s]++;
  const edits = port.sent.filter((s) => s.op === 'edit' && s.messageId === post.messageId);
  const last = edits.at(-1)?.doc.tally?.counts;
  const p = store.proposals.get(1)!;
  const stored = store.proposals.votes(1);
  const same = (a: Record<string, number> | undefined) => !!a && (Object.keys(want) as Stance[]).every((k) => a[k] === want[k]);
  const exact = same(p.counts) && same(last) && stored.length === expected.size && store.outbox.pendingCount() === 0;
  const gaps = edits.slice(1).map((e, i) => e.at - edits[i]!.at);
  store.close();
  return {
    figures: [
      figure(
        'burst_500_votes_edits',
        edits.length,
        'edits',
        '<=',
        12,
        `500 reactions in ${SPAN_MS / 1000} s of injected time, edit interval ${EDIT_INTERVAL_MS} ms`,
      ),
      check('burst_final_tally_exact', exact, `stored counts, last card and vote rows all equal ${JSON.stringify(want)}`),
      figure('burst_min_edit_gap_ms', Math.min(...gaps), 'ms', '>=', EDIT_INTERVAL_MS, 'least time between two edits of the card'),
      figure('burst_wall_ms', Math.round(wallMs), 'ms', 'info', undefined, '500 service.react calls plus 500+ dispatcher drains, real time'),
    ],
    detail: { want, stored: p.counts, lastCard: last, edits: edits.map((e) => e.at - start) },
  };
}
