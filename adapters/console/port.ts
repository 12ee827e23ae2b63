import type { Doc } from '../../src/core/delivery/doc';
import type { PlatformPort } from '../../src/core/delivery/port';
import type { ChannelAddress } from '../../src/core/types';
import { renderDoc } from './render';

export const CONSOLE = 'console';

/** Prints posts as `[#N] …` and edits as `[#N edited] …`; N counts the channel's posts from 1. */
export class ConsolePort implements PlatformPort {
  readonly platform = CONSOLE;
  readonly minEditIntervalMs = 0;
  private next: number;

  constructor(
    private readonly write: (line: string) => void,
    postedSoFar: number,
  ) {
    this.next = postedSoFar + 1;
  }

  async post(_channel: ChannelAddress, doc: Doc): Promise<{ messageId: string }> {
    const n = this.next++; // a private notice takes a number too (unseen), so the count stays the store's
    this.write(doc.privateTo ? `(to ${doc.privateTo}) ${renderDoc(doc)}` : `[#${n}] ${renderDoc(doc)}`);
    return { messageId: String(n) };
  }

  async edit(_channel: ChannelAddress, messageId: string, doc: Doc): Promise<void> {
    this.write(`[#${messageId} edited] ${renderDoc(doc)}`);
  }
}
