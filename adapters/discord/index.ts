import type { StartAdapter } from '../../src/adapter';

/** The Discord adapter lands with its own issue; until then starting it says so plainly. */
export const startDiscord: StartAdapter = async () => {
  throw new Error('The Discord adapter is not part of this build yet.');
};
