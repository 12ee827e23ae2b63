import { describe, expect, it } from 'vitest';
import { runUntil } from '../../src/core/time-travel';
import { harness, T0 } from '../helpers/harness';

const H = 3_600_000;

describe('runUntil', () => {
  it('stops at each job when it falls due, in order, then at the target', async () => {
    const h = harness({ defaults: { reminderLeadMinutes: 0 } });
    h.run('alice', '/propose Later --closes 2h');
    h.run('alice', '/propose Sooner --closes 1h');
    const steps: number[] = [];
    await runUntil(h.service, h.clock, T0 + 3 * H, async () => {
      steps.push(h.clock.now());
      await h.dispatcher.drain();
    });
    expect(steps).toEqual([T0 + H, T0 + 2 * H, T0 + 3 * H]);
    expect(h.clock.now()).toBe(T0 + 3 * H);
    // Each closed at its own deadline, the sooner first.
    expect(h.port.posts('outcome').map((p) => [p.doc.title, p.at])).toEqual([
      ['Proposal #2 rejected: Sooner', T0 + H],
      ['Proposal #1 rejected: Later', T0 + 2 * H],
    ]);
  });

  it('a job already overdue runs now: the clock never goes back', async () => {
    const h = harness({ defaults: { reminderLeadMinutes: 0 } });
    h.run('alice', '/propose Overdue --closes 1h');
    h.clock.set(T0 + 2 * H); // moved on without running anything
    const steps: number[] = [];
    await runUntil(h.service, h.clock, T0 + 3 * H, async () => void steps.push(h.clock.now()));
    expect(steps).toEqual([T0 + 2 * H, T0 + 3 * H]);
    // Closed when it ran, recorded at its deadline (no vote after it counted).
    expect(h.store.proposals.get(1)!.closedAt).toBe(T0 + H);
  });

  it('a job due exactly at the target runs, in one step', async () => {
    const h = harness({ defaults: { reminderLeadMinutes: 0 } });
    h.run('alice', '/propose Exactly --closes 1h');
    const steps: number[] = [];
    await runUntil(h.service, h.clock, T0 + H, async () => void steps.push(h.clock.now()));
    expect(steps).toEqual([T0 + H]);
    expect(h.store.proposals.get(1)!.status).toBe('rejected');
  });

  it('with nothing due, one step to the target; a job after the target waits', async () => {
    const h = harness({ defaults: { reminderLeadMinutes: 0 } });
    h.run('alice', '/propose Not yet --closes 2h');
    const steps: number[] = [];
    await runUntil(h.service, h.clock, T0 + H, async () => void steps.push(h.clock.now()));
    expect(steps).toEqual([T0 + H]);
    expect(h.store.proposals.get(1)!.status).toBe('open');
  });
});
