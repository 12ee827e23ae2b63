/**
 * Who may end someone's proposal: pure rules, so that every refusal says why.
 *
 * Proposals belong to their authors and the group. A rotating role must not be a key to other
 * people's proposals (a member could take the facilitator role by swapping and withdraw anything),
 * so: the author and channel admins (platform admins and stewards) may close or withdraw; this
 * week's facilitator may only *close early*, on purpose (`confirm`) and saying why, and the outcome
 * names them and their reason for everyone to see. Withdrawing someone else's proposal stays with
 * admins and stewards (who clean up spam).
 */

export type CloserRole = 'author' | 'admin' | 'facilitator';

export interface CloseRequest {
  verb: 'close' | 'withdraw';
  number: number;
  isAuthor: boolean;
  isAdmin: boolean;
  isFacilitator: boolean;
  confirmed: boolean;
  reason: string | undefined;
}

export type CloseDecision = { ok: true; as: CloserRole } | { ok: false; why: string };

export function mayEndProposal(r: CloseRequest): CloseDecision {
  if (r.isAuthor) return { ok: true, as: 'author' };
  if (r.isAdmin) return { ok: true, as: 'admin' };
  const n = r.number;
  if (r.verb === 'withdraw') {
    return { ok: false, why: `Only the author of #${n}, a channel admin or a steward can withdraw it.` };
  }
  if (!r.isFacilitator) {
    return {
      ok: false,
      why: `Only the author of #${n}, a channel admin or a steward can close it (this week's facilitator can close it early, with a reason).`,
    };
  }
  if (!r.confirmed || !r.reason) {
    return {
      ok: false,
      why:
        `#${n} is not yours to close, but as this week's facilitator you may close it early if the group agreed. ` +
        `Type /close ${n} confirm <why>: everyone will see that you closed it, and why.`,
    };
  }
  return { ok: true, as: 'facilitator' };
}

/** How the outcome names the role of whoever closed a proposal early. */
export const CLOSER_WORDS: Record<CloserRole, string> = {
  author: 'its author',
  admin: 'a channel admin',
  facilitator: "this week's facilitator",
};
