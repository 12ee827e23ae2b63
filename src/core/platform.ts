import type { PlatformPort } from './delivery/port';
import type { Logger } from './log';
import type { Leaderful } from './service';

/**
 * The core as a platform adapter sees it: the calls that inbound events (a slash command, a
 * reaction, a button, a form, an autocomplete) become, and the little an adapter may read. The
 * store, the clock and the features behind the service stay out of reach.
 */
export type Core = Pick<
  Leaderful,
  | 'command'
  | 'proposeFields'
  | 'pollFields'
  | 'pollForm'
  | 'choose'
  | 'voteOn'
  | 'react'
  | 'reconcile'
  | 'openProposalMessages'
  | 'suggestProposals'
  | 'suggestRoles'
  | 'channelZone'
  | 'postedCount'
  | 'names'
  | 'now'
>;

/** What a platform is given when it starts. */
export interface PlatformContext {
  /** Inbound: every event the platform delivers is translated into core terms and becomes a call on this. */
  core: Core;
  env: NodeJS.ProcessEnv;
  log: Logger;
}

/**
 * One chat platform, both directions. Inbound: its start function (StartPlatform) connects and
 * turns the platform's events into calls on the core. Outbound: the started platform is the port
 * the outbox dispatcher delivers through (`post`, `edit`). Slack and Discord implement it; the
 * program's entry point starts them and registers them with the dispatcher.
 */
export interface Platform extends PlatformPort {
  /** For logs and start-up lines: "slack (Socket Mode)". */
  readonly name: string;
  stop(): Promise<void>;
}

export type StartPlatform = (ctx: PlatformContext) => Promise<Platform>;

/** The console also moves time (`:clock`), so it may run due work itself. */
export type ClockDrivingCore = Core & Pick<Leaderful, 'runDue' | 'nextDueAt'>;
