import { ManualClock } from './core/clock';

/** Real time shifted by an offset that `set` moves: an interactive console started with --now. */
export class OffsetClock {
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

export { ManualClock };
