import { randomUUID } from 'node:crypto';
import type { OutboxStore } from '../../store/outbox';
import type { Clock } from '../clock';
import type { Doc } from './doc';

/**
 * The one way messages leave the core. Everything the bot posts or edits is queued here, inside the
 * transaction of the change that causes it (the transactional outbox); the dispatcher delivers it
 * later. This module owns what an item is: its ref (which message it is) and its payload (what to
 * show), so no other file builds or parses either by hand.
 */

/** What to show: a fixed doc, or "this proposal's card as it is at delivery" (so edits coalesce). */
export type Payload = { doc: Doc } | { proposal: number };

/**
 * Which message an item is. A ref names one platform message: its post and all its edits share it.
 * Scheduled posts (outcome, reminder, rotation ping) use the same text as their exactly-once key.
 */
export type MessageRef =
  | { kind: 'proposal'; proposalId: number }
  | { kind: 'outcome'; proposalId: number }
  | { kind: 'reminder'; proposalId: number }
  | { kind: 'rotation'; channelFk: number; period: string }
  /** A notice of a change (skip, swap, …): unique by construction, so two never collide. */
  | { kind: 'notice'; id: string };

export function refText(r: MessageRef): string {
  switch (r.kind) {
    case 'proposal':
    case 'outcome':
    case 'reminder':
      return `${r.kind}:${r.proposalId}`;
    case 'rotation':
      return `rotation:${r.channelFk}:${r.period}`;
    case 'notice':
      return `notice:${r.id}`;
  }
}

/** Inverse of refText; undefined for text that is no ref of ours. */
export function parseRef(text: string): MessageRef | undefined {
  const [kind, a, b, ...rest] = text.split(':');
  if (rest.length) return undefined;
  const id = Number(a);
  const whole = a !== undefined && /^\d+$/.test(a) && Number.isSafeInteger(id);
  if ((kind === 'proposal' || kind === 'outcome' || kind === 'reminder') && whole && b === undefined) return { kind, proposalId: id };
  if (kind === 'rotation' && whole && b) return { kind, channelFk: id, period: b };
  if (kind === 'notice' && a && b === undefined) return { kind, id: a };
  return undefined;
}

/** The proposal whose card a ref names, if it names one. */
export function proposalOf(text: string): number | undefined {
  const r = parseRef(text);
  return r?.kind === 'proposal' ? r.proposalId : undefined;
}

export const proposalRef = (proposalId: number): MessageRef => ({ kind: 'proposal', proposalId });
/** The stored key of a proposal's card message. */
export const proposalKey = (proposalId: number): string => refText(proposalRef(proposalId));

export function payloadText(p: Payload): string {
  return JSON.stringify(p);
}

/** A stored payload back as a Payload (the store holds what payloadText wrote). */
export function readPayload(text: string): Payload {
  return JSON.parse(text) as Payload;
}

/** Queues messages for delivery, and tells whoever listens (the dispatcher) when there is work. */
export class Outbox {
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly store: OutboxStore,
    private readonly clock: Clock,
  ) {}

  post(channelFk: number, ref: MessageRef, payload: Payload): void {
    this.store.enqueue(channelFk, refText(ref), 'post', payloadText(payload), this.clock.now());
  }

  edit(channelFk: number, ref: MessageRef, payload: Payload): void {
    this.store.enqueue(channelFk, refText(ref), 'edit', payloadText(payload), this.clock.now());
  }

  /** Posts a notice of a change under a ref of its own. */
  notice(channelFk: number, doc: Doc): void {
    this.post(channelFk, { kind: 'notice', id: randomUUID() }, { doc });
  }

  /** Edits a posted message again with a stored payload (after erasure rewrote it). */
  editStored(channelFk: number, ref: string, payload: string): void {
    this.store.enqueue(channelFk, ref, 'edit', payload, this.clock.now());
  }

  onQueued(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Called once the transaction that queued something has committed: the dispatcher may start. */
  announce(): void {
    for (const l of this.listeners) l();
  }
}
