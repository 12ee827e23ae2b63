/** The width of a stance's bar on a proposal card, in characters. */
const BAR_WIDTH = 10;

/** A stance's share of the voters as a bar (█ for the share, ░ for the rest), the same on every platform. */
export function tallyBar(count: number, voters: number): string {
  const filled = voters > 0 ? Math.round((count / voters) * BAR_WIDTH) : 0;
  return '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
}
