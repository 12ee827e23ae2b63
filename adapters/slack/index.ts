import type { StartAdapter } from '../../src/adapter';

/** The Slack adapter lands with its own issue; until then starting it says so plainly. */
export const startSlack: StartAdapter = async () => {
  throw new Error('The Slack adapter is not part of this build yet.');
};
