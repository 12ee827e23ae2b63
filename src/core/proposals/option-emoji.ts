/** The reactions that choose a poll's options: 1️⃣ … 9️⃣ and 🔟, as emoji and as Slack names. */

/** Keycap emoji for options 1 to 9 (digit, VS16, combining keycap), and 🔟 for 10. */
export const OPTION_EMOJI: readonly string[] = [...'123456789'].map((d) => `${d}\uFE0F\u20E3`).concat('🔟');

export const MAX_POLL_OPTIONS = OPTION_EMOJI.length;

/**
 * Slack's names for them. (Adapters that translate platform names to emoji before calling the
 * core make this table unnecessary; it is kept apart so that it can move to them.)
 */
const BY_NAME: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, keycap_ten: 10,
};

/**
 * The option (1–10) a reaction chooses, or undefined for any other reaction. Accepts the keycap
 * emoji with or without its variation selector, 🔟, and Slack names (`one`, `:keycap_ten:`).
 */
export function optionOfReaction(reaction: string): number | undefined {
  const trimmed = reaction.trim();
  const name = trimmed.replace(/^:|:$/g, '').toLowerCase();
  if (Object.hasOwn(BY_NAME, name)) return BY_NAME[name];
  if (trimmed === '🔟') return 10;
  const keycap = /^([1-9])\uFE0F?\u20E3$/.exec(trimmed);
  return keycap ? Number(keycap[1]) : undefined;
}
