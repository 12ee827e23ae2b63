import { STANCES, type Stance } from '../../src/core/types';

/**
 * custom_id values of our buttons and modals. They carry the proposal's internal id (not its
 * number) so a click always reaches the proposal the card shows. All stay far below Discord's
 * 100-character limit.
 */
export type CustomId =
  | { kind: 'vote'; proposalId: number; stance: Stance }
  | { kind: 'reason'; proposalId: number; number: number }
  | { kind: 'reason-modal'; proposalId: number }
  | { kind: 'propose-modal' };

export const CUSTOM_ID_MAX = 100;

export function customId(id: CustomId): string {
  switch (id.kind) {
    case 'vote':
      return `lf:v:${id.proposalId}:${id.stance}`;
    case 'reason':
      return `lf:r:${id.proposalId}:${id.number}`;
    case 'reason-modal':
      return `lf:rm:${id.proposalId}`;
    case 'propose-modal':
      return 'lf:pm';
  }
}

const num = (s: string | undefined): number | undefined => (s && /^\d{1,15}$/.test(s) ? Number(s) : undefined);

/** The inverse of customId; anything else (stale or forged ids) is undefined. */
export function parseCustomId(raw: string): CustomId | undefined {
  const [prefix, kind, a, b, ...rest] = raw.split(':');
  if (prefix !== 'lf' || rest.length) return undefined;
  const id = num(a);
  if (kind === 'pm' && a === undefined) return { kind: 'propose-modal' };
  if (id === undefined) return undefined;
  if (kind === 'v' && (STANCES as readonly string[]).includes(b ?? '')) return { kind: 'vote', proposalId: id, stance: b as Stance };
  if (kind === 'r' && num(b) !== undefined) return { kind: 'reason', proposalId: id, number: num(b)! };
  if (kind === 'rm' && b === undefined) return { kind: 'reason-modal', proposalId: id };
  return undefined;
}

/** Field ids inside our modals. */
export const FIELD = {
  title: 'title',
  reasons: 'reasons',
  closes: 'closes',
  rule: 'rule',
  quorum: 'quorum',
  stance: 'stance',
  reason: 'reason',
} as const;
