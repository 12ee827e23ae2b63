import { z } from 'zod';
import { readZone } from './core/zones';

/** Settings the core needs, read from the environment (platform settings are read by their adapters). */
const schema = z.object({
  DATABASE_PATH: z.string().min(1).default('./data/leaderful.db'),
  LEADERFUL_TIMEZONE: z
    .string()
    .default('UTC')
    .transform((s, ctx) => {
      const r = readZone(s);
      if (r.ok) return r.zone;
      ctx.addIssue({ code: 'custom', message: `must be an IANA time zone such as Europe/Berlin${r.suggestion ? ` (for ${s} use ${r.suggestion})` : ''}` });
      return z.NEVER;
    }),
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

const channelNameSchema = z
  .string()
  .trim()
  .max(80, 'is at most 80 characters')
  .regex(/^[\p{L}\p{N}_.-]+$/u, 'is one word of letters, digits, - _ or . (like general)');

function check<T>(schema: z.ZodType<T>, value: string, flag: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new ConfigError(`${flag} ${r.error.issues[0]!.message}.`);
}

/** `--db=x.db` is `--db x.db`. */
function splitInline(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 2 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

/** Command-line flags: --console, --script <file>, --db <path>, --now <ISO>, --channel <name>. */
export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { console: false, channel: 'general' };
  for (let i = 0; i < argv.length; i++) {
    const [a, inline] = splitInline(argv[i]!);
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new ConfigError(`${a} needs a value.`);
      return v;
    };
    const nonEmpty = (what: string) => {
      const v = value();
      if (!v.trim()) throw new ConfigError(`${a} is empty; give ${what}.`);
      return v;
    };
    if (a === '--console' && inline === undefined) args.console = true;
    else if (a === '--script') args.script = nonEmpty('the path of a file of console lines');
    else if (a === '--db') args.db = nonEmpty('a database file path, or :memory:');
    else if (a === '--now') args.now = nonEmpty('an ISO date-time such as 2026-12-01T09:00');
    else if (a === '--channel') args.channel = check(channelNameSchema, nonEmpty('a channel name, like general'), a);
    else throw new ConfigError(`Unknown option ${a}. Options: --console, --script <file>, --db <path>, --now <ISO date-time>, --channel <name>.`);
  }
  if (args.script) args.console = true;
  return args;
}
