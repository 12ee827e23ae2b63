import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The tests Stryker runs against each mutant (`npm run mutate`); `npm test` still runs them all.
 *
 * Only the tests that drive the core in-process: unit and service tests, the store and scheduler,
 * console transcripts and the adapters' pure renderers. Left out:
 * - tests that start the bot as a child process or bundle it: Stryker activates a mutant inside the
 *   test process only, so those always see the original code and can never kill a mutant;
 * - tests that start the real Slack or Discord client against a fake server: each takes from a few
 *   hundred milliseconds to seconds and covers most of the service, and Stryker re-runs every test
 *   that covers a mutant, so they made a run of src/core take hours instead of minutes. They test
 *   the adapters, which are not mutated; a mutant of the core should be killed by a core test.
 * - the 10,000-command fuzzer (15 s, touching nearly every line): it asserts no crash and a
 *   consistent store, which faster tests assert too.
 */
// Not mergeConfig: it would append this include list to the base one instead of replacing it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // Instrumented code runs several times slower (and Stryker runs two of these at once): the
    // property tests that take a second normally need room.
    testTimeout: 90_000,
    include: [
      'tests/core/**/*.test.ts',
      'tests/store/**/*.test.ts',
      'tests/scheduler/**/*.test.ts',
      'tests/adapters/console/**/*.test.ts',
      'tests/adapters/slack/{render,config,manifest,platform-limits}.test.ts',
      'tests/adapters/shared/**/*.test.ts',
      'tests/adapters/discord/{render,commands,config,platform-limits}.test.ts',
      'tests/reliability/permissions.test.ts',
    ],
  },
});
