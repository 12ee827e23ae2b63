/**
 * npm run bench: measures the quality bars of DESIGN.md §5 on the real code, prints a table and
 * writes bench/results.json. Every ratio is measured within one run (reference and subject side by
 * side). Exits 1 when a bar is missed. `npm run bench -- --only vote,scheduler` runs some sections.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchBurst } from './burst';
import { type Figure, machine, Scratch } from './lib';
import { benchParse } from './parse';
import { benchScheduler, type PlanLine } from './scheduler';
import { benchSlack } from './slack';
import { benchStartup } from './startup';
import { benchVotePath } from './vote-path';

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

const SECTIONS: { key: string; title: string; run: (s: Scratch) => Promise<{ figures: Figure[]; plans?: PlanLine[] } & Record<string, unknown>> }[] = [
  { key: 'vote', title: 'Vote path', run: (s) => benchVotePath(s) as never },
  { key: 'burst', title: 'Burst coalescing', run: (s) => benchBurst(s) },
  { key: 'scheduler', title: 'Scheduler tick', run: (s) => benchScheduler(s) as never },
  { key: 'parse', title: 'Command parse', run: async () => benchParse() },
  { key: 'startup', title: 'Memory and start-up', run: (s) => benchStartup(s) },
  { key: 'slack', title: 'Slack HTTP request to ack', run: (s) => benchSlack(s) },
];

function table(figures: Figure[]): string {
  const rows = [
    ['figure', 'value', 'bar', 'result'],
    ...figures.map((f) => [f.name, `${f.value.toLocaleString('en-US')} ${f.unit}`, f.bar, f.bar === 'info' ? '' : f.pass ? 'pass' : 'FAIL']),
  ];
  const w = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (c === 1 ? cell.padStart(w[c]!) : cell.padEnd(w[c]!)))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), w.map((n) => '-'.repeat(n)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<number> {
  const only = process.argv.indexOf('--only') >= 0 ? process.argv[process.argv.indexOf('--only') + 1]!.split(',') : undefined;
  const started = performance.now();
  const m = machine();
  console.log(`Leaderful benchmarks on ${m.cpu} (${m.cores} cores), node ${m.node}, ${m.os}, SQLite ${m.sqlite}\n`);
  const scratch = new Scratch();
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  let plans: PlanLine[] = [];
  try {
    for (const s of SECTIONS) {
      if (only && !only.includes(s.key)) continue;
      const t = performance.now();
      process.stdout.write(`${s.title}… `);
      try {
        const r = await s.run(scratch);
        figures.push(...r.figures);
        if (r.plans) plans = r.plans;
        const { figures: _f, plans: _p, ...rest } = r;
        details[s.key] = rest;
        console.log(`${((performance.now() - t) / 1000).toFixed(1)} s`);
      } catch (e) {
        console.log('failed');
        console.error(e);
        figures.push({ name: `${s.key}_ran`, value: 0, unit: 'bool', bar: '== 1', pass: false, note: e instanceof Error ? e.message : String(e) });
      }
    }
  } finally {
    scratch.remove();
  }

  console.log(`\n${table(figures)}\n`);
  for (const f of figures) if (f.note) console.log(`  ${f.name}: ${f.note}`);
  if (plans.length) {
    console.log("\nEXPLAIN QUERY PLAN of the scheduler's due queries:");
    for (const p of plans) console.log(`  ${p.query.padEnd(13)} ${p.plan.join(' | ')}${p.indexed ? '' : '   <- NOT served by its index'}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const failed = figures.filter((f) => !f.pass);
  writeFileSync(RESULTS, `${JSON.stringify({ machine: m, figures, query_plans: plans, details, seconds: Math.round(seconds) }, null, 2)}\n`);
  console.log(`\n${figures.length - failed.length}/${figures.length} passed in ${seconds.toFixed(0)} s; written to bench/results.json`);
  if (failed.length) console.log(`Missed: ${failed.map((f) => f.name).join(', ')}`);
  return failed.length ? 1 : 0;
}

main().then((code) => process.exit(code));
