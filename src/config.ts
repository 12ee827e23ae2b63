import { z } from 'zod';
import { isValidZone } from './core/schedule';

/** Settings the core needs, read from the environment (platform settings are read by their adapters). */
const schema = z.object({
  DATABASE_PATH: z.string().min(1).default('./data/leaderful.db'),
  LEADERFUL_TIMEZONE: z.string().default('UTC').refine(isValidZone, 'must be an IANA time zone such as Europe/Berlin'),
  LOG_LEVEL: z.enum(['silent', 'error', 'info']).default('info'),
});

export type CoreConfig = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Reads the environment; a bad setting becomes one clear line naming it. */
export function readCoreConfig(env: NodeJS.ProcessEnv): CoreConfig {
  const r = schema.safeParse(env);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new ConfigError(`Setting ${issue.path.join('.')}: ${issue.message}`);
}

export interface CliArgs {
  console: boolean;
  script?: string;
  db?: string;
  now?: string;
  channel: string;
}

/** Command-line flags: --console, --script <file>, --db <path>, --now <ISO>, --channel <name>. */
export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { console: false, channel: 'general' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new ConfigError(`${a} needs a value.`);
      return v;
    };
    if (a === '--console') args.console = true;
    else if (a === '--script') args.script = value();
    else if (a === '--db') args.db = value();
    else if (a === '--now') args.now = value();
    else if (a === '--channel') args.channel = value();
    else throw new ConfigError(`Unknown option ${a}. Options: --console, --script <file>, --db <path>, --now <ISO date-time>, --channel <name>.`);
  }
  if (args.script) args.console = true;
  return args;
}
