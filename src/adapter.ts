import type { Dispatcher } from './core/delivery/dispatcher';
import type { Logger } from './core/delivery/platform';
import type { Leaderful } from './core/service';

/** What main hands a platform adapter, and what it gets back. */
export interface AdapterDeps {
  service: Leaderful;
  dispatcher: Dispatcher;
  env: NodeJS.ProcessEnv;
  log: Logger;
}

export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
}

export type StartAdapter = (deps: AdapterDeps) => Promise<RunningAdapter>;
