/** The /rotation subcommands: text in, a typed Command out (or a CommandError). */
import { MAX_WEEKS_APART, NTH_WORDS } from '../rotation/cadence';
import { parseHHMM, weekdayNumber } from '../schedule';
import type { Command } from './grammar';
import { CommandError, check, MAX_ELIGIBLE, roleDescriptionSchema, roleNameSchema, userRefSchema, whenTextSchema, words } from './values';

const ROLES_HELP =
  'Use /rotation roles, /rotation roles add|remove <role>, /rotation roles describe <role> <text> or /rotation roles eligible <role> @user… (or everyone).';

function parseRoles(rest: string[]): Command {
  if (rest.length === 0) return { kind: 'rotation.roles' };
  const [op = '', role, ...more] = rest;
  const verb = op.toLowerCase();
  if (!role || !['add', 'remove', 'describe', 'eligible'].includes(verb)) throw new CommandError(ROLES_HELP);
  const name = check(roleNameSchema, role);
  if (verb === 'add' || verb === 'remove') {
    if (more.length) throw new CommandError(`Role names are one word; /rotation roles ${verb} <role> takes nothing after it.`);
    return { kind: verb === 'add' ? 'rotation.roles.add' : 'rotation.roles.remove', role: name };
  }
  if (verb === 'describe') {
    const text = more.join(' ');
    if (text.toLowerCase() === 'clear') return { kind: 'rotation.roles.describe', role: name, description: null };
    return { kind: 'rotation.roles.describe', role: name, description: check(roleDescriptionSchema, text) };
  }
  if (!more.length) throw new CommandError(`Name who may hold it, like /rotation roles eligible ${name} @sam @kim, or everyone to open it to all.`);
  if (more.length === 1 && ['everyone', 'all', 'anyone'].includes(more[0]!.toLowerCase()))
    return { kind: 'rotation.roles.eligible', role: name, members: 'everyone' };
  if (more.length > MAX_ELIGIBLE) throw new CommandError(`Name at most ${MAX_ELIGIBLE} members; a role open to more is open to everyone.`);
  return { kind: 'rotation.roles.eligible', role: name, members: more.map((m) => check(userRefSchema, m)) };
}

const SCHEDULE_EXAMPLES = 'like /rotation schedule monday 09:00, every 2 weeks monday 09:00, first monday 09:00 or last friday 17:00';

/** `<weekday> <HH:MM>` at the start of `w`; what follows is returned. */
function weekdayAndTime(w: string[]): { weekday: number; time: string; after: string[] } {
  const [day, hhmm, ...after] = w;
  const weekday = day ? weekdayNumber(day) : undefined;
  if (!weekday) throw new CommandError(`Name a weekday, ${SCHEDULE_EXAMPLES}.`);
  const t = hhmm ? parseHHMM(hhmm) : undefined;
  if (!t) throw new CommandError(`Give the time as HH:MM after the weekday, ${SCHEDULE_EXAMPLES}.`);
  return { weekday, time: `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`, after };
}

function parseSchedule(rest: string[]): Command {
  if (!rest.length) return { kind: 'rotation.schedule.show' };
  const w = rest.map((x) => x.toLowerCase());
  const first = w[0]!;
  if (Object.hasOwn(NTH_WORDS, first)) {
    const { weekday, time, after } = weekdayAndTime(w.slice(1));
    if (after.length) throw new CommandError(`A monthly schedule is the day and the time only, ${SCHEDULE_EXAMPLES}.`);
    return { kind: 'rotation.schedule', weekday, time, repeat: { every: 'month', nth: NTH_WORDS[first]! } };
  }
  if (first !== 'every') {
    const { weekday, time, after } = weekdayAndTime(w);
    if (after.length) throw new CommandError(`Only a weekday and a time, ${SCHEDULE_EXAMPLES}.`);
    return { kind: 'rotation.schedule', weekday, time, repeat: { every: 'week' } };
  }
  // every week … | every other week … | every <n> weeks … | every <weekday> …
  let n = 1;
  let i = 1;
  if (w[1] === 'week') i = 2;
  else if (w[1] === 'other' && w[2] === 'week') {
    n = 2;
    i = 3;
  } else if (/^\d{1,3}$/.test(w[1] ?? '') && (w[2] === 'weeks' || w[2] === 'week')) {
    n = Number(w[1]);
    i = 3;
  } else if (!(w[1] && weekdayNumber(w[1]))) throw new CommandError(`Say how many weeks apart, ${SCHEDULE_EXAMPLES}.`);
  if (n < 1 || n > MAX_WEEKS_APART)
    throw new CommandError(`Pings can be 1 to ${MAX_WEEKS_APART} weeks apart; for less often, use a monthly day like first monday 09:00.`);
  const { weekday, time, after } = weekdayAndTime(w.slice(i));
  let from: string | undefined;
  if (after.length) {
    if (after[0] !== 'from' || after.length < 2)
      throw new CommandError(`After the time, only from <date> (a week the pings fall in), ${SCHEDULE_EXAMPLES} from 2026-12-07.`);
    if (n === 1) throw new CommandError('A weekly ping needs no from <date>: it goes out every week.');
    from = check(whenTextSchema, rest.slice(i + 3).join(' '));
  }
  if (n === 1) return { kind: 'rotation.schedule', weekday, time, repeat: { every: 'week' } };
  return { kind: 'rotation.schedule', weekday, time, repeat: from === undefined ? { every: 'weeks', n } : { every: 'weeks', n, from } };
}

export function parseRotation(text: string): Command {
  const [sub = 'show', ...rest] = words(text);
  const arg = rest.join(' ');
  const none = (c: Command): Command => {
    if (rest.length) throw new CommandError(`/rotation ${sub} takes nothing after it.`);
    return c;
  };
  switch (sub.toLowerCase()) {
    case 'show':
      return none({ kind: 'rotation.show' });
    case 'join':
      return none({ kind: 'rotation.join' });
    case 'leave':
      return none({ kind: 'rotation.leave' });
    case 'back':
      return none({ kind: 'rotation.back' });
    case 'skip':
      return none({ kind: 'rotation.skip' });
    case 'stats':
      return none({ kind: 'rotation.stats' });
    case 'away':
      if (!arg) throw new CommandError('Say until when you are away, like /rotation away 2026-12-15 or /rotation away 2w.');
      return { kind: 'rotation.away', until: check(whenTextSchema, arg) };
    case 'swap':
      if (rest.length !== 1) throw new CommandError('Name one member to swap with, like /rotation swap @sam.');
      return { kind: 'rotation.swap', with: check(userRefSchema, rest[0]) };
    case 'accept':
    case 'decline': {
      const kind = sub.toLowerCase() === 'accept' ? 'rotation.accept' : 'rotation.decline';
      if (rest.length > 1) throw new CommandError(`Name at most one member, like /rotation ${sub.toLowerCase()} @sam.`);
      return rest[0] ? { kind, from: check(userRefSchema, rest[0]) } : { kind };
    }
    case 'volunteer':
      if (rest.length !== 1) throw new CommandError('Name the role, like /rotation volunteer facilitator (or /rotation volunteer cancel).');
      if (rest[0]!.toLowerCase() === 'cancel') return { kind: 'rotation.volunteer.cancel' };
      return { kind: 'rotation.volunteer', role: check(roleNameSchema, rest[0]) };
    case 'roles':
      return parseRoles(rest);
    case 'schedule':
      return parseSchedule(rest);
    default:
      throw new CommandError(`"${sub}" is not a /rotation command.`);
  }
}
