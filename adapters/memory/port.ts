import type { Clock } from '../../src/core/clock';
import type { Doc } from '../../src/core/delivery/doc';
import type { PlatformPort } from '../../src/core/delivery/port';
import type { ChannelAddress } from '../../src/core/types';

export interface Sent {
  op: 'post' | 'edit';
  messageId: string;
  doc: Doc;
  at: number;
}

/**
 * A platform that delivers into memory and records what it was asked to do: the platform of the
 * benchmarks and of the core's tests. `failures` makes the next calls throw, in order.
 */
export class MemoryPort implements PlatformPort {
  readonly sent: Sent[] = [];
  failures: (() => Error)[] = [];
  private n = 0;

  constructor(
    private readonly clock: Clock,
    readonly platform: string,
    readonly minEditIntervalMs = 0,
  ) {}

  private maybeFail(): void {
    const f = this.failures.shift();
    if (f) throw f();
  }

  async post(_c: ChannelAddress, doc: Doc): Promise<{ messageId: string }> {
    this.maybeFail();
    const messageId = `m${++this.n}`;
    this.sent.push({ op: 'post', messageId, doc, at: this.clock.now() });
    return { messageId };
  }

  async edit(_c: ChannelAddress, messageId: string, doc: Doc): Promise<void> {
    this.maybeFail();
    this.sent.push({ op: 'edit', messageId, doc, at: this.clock.now() });
  }

  posts(kind?: Doc['kind']): Sent[] {
    return this.sent.filter((s) => s.op === 'post' && (!kind || s.doc.kind === kind));
  }

  edits(): Sent[] {
    return this.sent.filter((s) => s.op === 'edit');
  }
}
