/** Time is injected everywhere so that every schedule can be tested without waiting. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that can be moved to a moment (console `:clock` lines, tests, benchmarks). */
export interface SettableClock extends Clock {
  set(ms: number): void;
}

/** A clock that moves only when told: tests, console scripts and benchmarks. */
export class ManualClock implements SettableClock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    this.current = ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Real time shifted by an offset that `set` moves: an interactive console started with --now. */
export class OffsetClock implements SettableClock {
  private offset: number;
  constructor(start: number) {
    this.offset = start - Date.now();
  }
  now(): number {
    return Date.now() + this.offset;
  }
  set(ms: number): void {
    this.offset = ms - Date.now();
  }
}
