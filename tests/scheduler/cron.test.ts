import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/core/log';
import { startCron } from '../../src/scheduler/cron';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('cron trigger', () => {
  it('calls runDue every 10 seconds and nothing else', async () => {
    vi.setSystemTime(new Date('2026-11-23T10:00:00.500Z'));
    const runDue = vi.fn();
    const cron = startCron(runDue, silentLogger);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(runDue).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runDue).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(runDue).toHaveBeenCalledTimes(4);
    cron.stop();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(runDue).toHaveBeenCalledTimes(4);
  });

  it('a failing run is logged and the next still happens', async () => {
    vi.setSystemTime(new Date('2026-11-23T10:00:00.500Z'));
    const errors: string[] = [];
    const runDue = vi.fn(() => {
      throw new Error('disk full');
    });
    const cron = startCron(runDue, { ...silentLogger, error: (m) => errors.push(m) });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(runDue).toHaveBeenCalledTimes(2);
    expect(errors).toEqual(['scheduled run failed', 'scheduled run failed']);
    cron.stop();
  });
});
