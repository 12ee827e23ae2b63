import { STANCES, type Stance } from './types';

/**
 * The actions a message or a form can carry (vote buttons, the reason button, the two forms), and
 * their ids as every platform sends them back. The core owns both the id format and its validation,
 * so an adapter only copies ids onto buttons and hands back what it receives. Ids carry the
 * proposal's internal id (not its number), so a click always reaches the proposal the card shows.
 */
export type Action =
  | { kind: 'vote'; proposalId: number; stance: Stance }
  /** `secret`: on a secret ballot, whose form says the reason is shown at close without the voter's name. */
  | { kind: 'reason'; proposalId: number; number: number; secret?: true }
  | { kind: 'reason-modal'; proposalId: number }
  /** A poll's option button (single choice): choose that option. */
  | { kind: 'option'; proposalId: number; option: number }
  /** A --multi poll's button that opens the form to choose options, and that form. */
  | { kind: 'choose'; proposalId: number; number: number }
  | { kind: 'choose-modal'; proposalId: number }
  /**
   * The /propose form; `ballot` and `extend`: the hidden or secret ballot and the --extend duration
   * (as typed, like 2d) chosen before it opened (a form has no room for them).
   */
  | { kind: 'propose-modal'; ballot?: 'hidden' | 'secret'; extend?: string };

/** Every id stays within the strictest platform limit (Discord's custom_id: 100; Slack's action_id: 255). */
export const ACTION_ID_MAX = 100;

export function actionId(a: Action): string {
  switch (a.kind) {
    case 'vote':
      return `lf:v:${a.proposalId}:${a.stance}`;
    case 'reason':
      return `lf:${a.secret ? 'rs' : 'r'}:${a.proposalId}:${a.number}`;
    case 'reason-modal':
      return `lf:rm:${a.proposalId}`;
    case 'option':
      return `lf:o:${a.proposalId}:${a.option}`;
    case 'choose':
      return `lf:c:${a.proposalId}:${a.number}`;
    case 'choose-modal':
      return `lf:cm:${a.proposalId}`;
    case 'propose-modal':
      if (a.extend) return `lf:pm:${a.ballot?.[0] ?? 'o'}:${a.extend}`;
      return a.ballot ? `lf:pm:${a.ballot[0]}` : 'lf:pm';
  }
}

const num = (s: string | undefined): number | undefined => (s && /^\d{1,15}$/.test(s) ? Number(s) : undefined);

/** The inverse of actionId; anything else (stale or forged ids) is undefined. */
export function parseActionId(raw: string): Action | undefined {
  const [prefix, kind, a, b, ...rest] = raw.split(':');
  if (prefix !== 'lf' || rest.length) return undefined;
  const id = num(a);
  if (kind === 'pm' && a === undefined) return { kind: 'propose-modal' };
  const ballot = a === 'h' ? { ballot: 'hidden' as const } : a === 's' ? { ballot: 'secret' as const } : {};
  if (kind === 'pm' && b === undefined && (a === 'h' || a === 's')) return { kind: 'propose-modal', ...ballot };
  // A duration as typed (checked again by the core's schema when the form is submitted).
  if (kind === 'pm' && (a === 'o' || a === 'h' || a === 's') && b && /^\d{1,6}[wdhm](\d{1,6}[wdhm]){0,3}$/i.test(b))
    return { kind: 'propose-modal', ...ballot, extend: b };
  if (id === undefined) return undefined;
  if (kind === 'v' && (STANCES as readonly string[]).includes(b ?? '')) return { kind: 'vote', proposalId: id, stance: b as Stance };
  if (kind === 'r' && num(b) !== undefined) return { kind: 'reason', proposalId: id, number: num(b)! };
  if (kind === 'rs' && num(b) !== undefined) return { kind: 'reason', proposalId: id, number: num(b)!, secret: true };
  if (kind === 'rm' && b === undefined) return { kind: 'reason-modal', proposalId: id };
  const option = num(b);
  if (kind === 'o' && option !== undefined && option >= 1 && option <= 10) return { kind: 'option', proposalId: id, option };
  if (kind === 'c' && num(b) !== undefined) return { kind: 'choose', proposalId: id, number: num(b)! };
  if (kind === 'cm' && b === undefined) return { kind: 'choose-modal', proposalId: id };
  return undefined;
}
