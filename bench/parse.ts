import { parseCommand } from '../src/core/commands/parse';
import { figure, type Figure, gc, median, round } from './lib';

/**
 * A realistic mix of what people type, weighted towards votes (the most common command), with a
 * share of mistakes (the friendly-error path is parsed and validated too).
 */
const COMMAND_MIX: [name: string, text: string, ok: boolean, weight: number][] = [
  ['vote', '12 agree', true, 20],
  ['/vote', '#7 disagree the budget is not there this quarter', true, 8],
  ['vote', '3 👍', true, 6],
  ['vote', '41 block we have not asked the people it affects', true, 3],
  ['vote', '5 maybe', false, 2],
  ['vote', '', false, 1],
  ['propose', 'Move the weekly meeting to Thursdays | Tuesdays clash with the school run --closes 2026-12-04 17:00 --rule majority', true, 4],
  ['propose', 'Adopt the new onboarding checklist --quorum 50%', true, 3],
  ['propose', 'Buy a second coffee machine', true, 3],
  ['propose', 'Title --rule unanimous', false, 1],
  ['proposals', '', true, 4],
  ['proposals', 'closed', true, 2],
  ['proposals', '#12', true, 2],
  ['close', '12', true, 1],
  ['withdraw', '#3', true, 1],
  ['decisions', '20', true, 1],
  ['rotation', 'show', true, 3],
  ['rotation', 'join', true, 1],
  ['rotation', 'swap <@U02ABCDEF>', true, 1],
  ['rotation', 'volunteer note-taker', true, 1],
  ['rotation', 'schedule monday 09:30', true, 1],
  ['rotation', 'away 2w', true, 1],
  ['rotation', 'dance', false, 1],
  ['leaderful', 'help', true, 1],
  ['leaderful', 'settings timezone Europe/Berlin window 3d quorum 4', true, 1],
  ['unknown', 'whatever', false, 1],
];

const ROUNDS = 5;
const PER_ROUND = 100_000;

/** Command parse: parseCommand calls per second over the mix (parse and validate, no store). */
export function benchParse(): { figures: Figure[] } {
  const mix: [string, string, boolean][] = COMMAND_MIX.flatMap(([n, t, ok, w]) => Array.from({ length: w }, () => [n, t, ok] as [string, string, boolean]));
  // Shuffle deterministically so that branches are interleaved as in real traffic.
  for (let i = mix.length - 1, s = 7; i > 0; i--) {
    s = (s * 48271) % 2147483647;
    const j = s % (i + 1);
    [mix[i], mix[j]] = [mix[j]!, mix[i]!];
  }
  for (const [n, t, ok] of mix) {
    if (parseCommand(n, t).ok !== ok) throw new Error(`parse mix: /${n} ${t} should ${ok ? '' : 'not '}parse`);
  }
  const rates: number[] = [];
  let sink = 0;
  for (let r = 0; r <= ROUNDS; r++) {
    gc();
    const t = performance.now();
    for (let i = 0; i < PER_ROUND; i++) {
      const [n, text] = mix[i % mix.length]!;
      if (parseCommand(n, text).ok) sink++;
    }
    if (r > 0) rates.push(PER_ROUND / ((performance.now() - t) / 1000));
  }
  if (sink === 0) throw new Error('nothing parsed');
  const okShare = mix.filter((m) => m[2]).length / mix.length;
  return {
    figures: [
      figure(
        'command_parse_per_s',
        round(median(rates)),
        'commands/s',
        'info',
        undefined,
        `parseCommand over a mix of ${COMMAND_MIX.length} forms (${Math.round(100 * (1 - okShare))}% invalid); median of ${ROUNDS} x ${PER_ROUND}`,
      ),
    ],
  };
}
