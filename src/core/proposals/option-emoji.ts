/** The reactions that choose a poll's options: 1️⃣ … 9️⃣ and 🔟 (adapters translate platform names into these). */

/** Keycap emoji for options 1 to 9 (digit, VS16, combining keycap), and 🔟 for 10. */
export const OPTION_EMOJI: readonly string[] = [...'123456789'].map((d) => `${d}\uFE0F\u20E3`).concat('🔟');

export const MAX_POLL_OPTIONS = OPTION_EMOJI.length;

/**
 * The option (1–10) a reaction chooses, or undefined for any other reaction: the keycap emoji with
 * or without its variation selector, or 🔟.
 */
export function optionOfReaction(reaction: string): number | undefined {
  const trimmed = reaction.trim();
  if (trimmed === '🔟') return 10;
  const keycap = /^([1-9])\uFE0F?\u20E3$/.exec(trimmed);
  return keycap ? Number(keycap[1]) : undefined;
}
