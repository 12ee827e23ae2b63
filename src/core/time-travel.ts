import type { SettableClock } from './clock';
import type { ClockDrivingCore } from './platform';

/**
 * Moves a manual clock to `target`, stopping at each job's due time so that every job runs when
 * it would have in real time, in order (console `:clock` lines, tests, benchmarks).
 */
export async function runUntil(
  service: Pick<ClockDrivingCore, 'runDue' | 'nextDueAt'>,
  clock: SettableClock,
  target: number,
  deliver: () => Promise<unknown>,
): Promise<void> {
  for (;;) {
    const due = service.nextDueAt();
    const step = due !== null && due <= target ? Math.max(due, clock.now()) : target;
    clock.set(step);
    service.runDue(step);
    await deliver();
    if (step >= target) return;
  }
}
