import cron from 'node-cron';
import type { Logger } from '../core/log';

/**
 * Real-time trigger only: every 10 seconds node-cron calls runDue(now). What is due, and when, is
 * decided by the core's pure schedule rules, so tests drive runDue with an injected clock instead.
 */
export function startCron(runDue: () => void, log: Logger): { stop(): void } {
  const task = cron.schedule(
    '*/10 * * * * *',
    () => {
      try {
        runDue();
      } catch (e) {
        log.error('scheduled run failed', { error: e instanceof Error ? e.message : String(e) });
      }
    },
    { name: 'leaderful-run-due', noOverlap: true },
  );
  return { stop: () => void task.stop() };
}
