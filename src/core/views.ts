/** Pure builders of the messages every feature shares: settings, refusals, notices. */
import { formatDuration } from './commands/when';
import { type Doc, type Line, name, text, time } from './delivery/doc';
import { describeCadence } from './rotation/cadence';
import { formatLocal, parseHHMM } from './schedule';
import { type ChannelSettings, formatQuorum } from './types';

/** A moment as the channel reads it, in its zone. */
export const at = (ms: number, zone: string) => time(ms, formatLocal(ms, zone));

export function settingsDoc(s: ChannelSettings, roles: string[]): Doc {
  const stewards: Line = [text('Stewards: ')];
  if (!s.stewards.length) stewards.push(text('none (platform admins only)'));
  s.stewards.forEach((u, i) => {
    if (i) stewards.push(text(', '));
    stewards.push(name(u));
  });
  return {
    kind: 'settings',
    title: 'Channel settings',
    lines: [
      [text(`Time zone: ${s.timezone}`)],
      [text(`Voting window: ${formatDuration(s.windowMinutes)}`)],
      [text(`Decision rule: ${s.rule}`)],
      [text(`Quorum: ${formatQuorum(s.quorum)}`)],
      [text(`Closing-soon reminder: ${s.reminderLeadMinutes ? `${formatDuration(s.reminderLeadMinutes)} before close` : 'off'}`)],
      [
        text(
          `Rotation: ${describeCadence({ weekday: s.rotationWeekday, ...(parseHHMM(s.rotationTime) ?? { hour: 9, minute: 0 }), repeat: s.rotationRepeat })} · roles: ${roles.join(', ') || 'none'}`,
        ),
      ],
      [text(`Open proposals at most: ${s.maxOpen} in the channel, ${s.maxOpenPerMember} per member`)],
      stewards,
    ],
  };
}

/** "45 seconds", "3 minutes": how long until a slowed-down member may try again. */
function waitText(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 90) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}

const SLOW_WHAT: Record<'propose' | 'vote' | 'command', string> = {
  propose: 'You have made several proposals in a short time',
  vote: 'You have voted many times in a short time',
  command: 'You have sent many commands in a short time',
};

/** The friendly refusal of a rate-limited request: why, and when to try again. Nothing was changed. */
export function slowDownDoc(kind: 'propose' | 'vote' | 'command', scope: 'member' | 'channel', waitMs: number, now: number, zone: string): Doc {
  const why = scope === 'channel' ? 'This channel has had many new proposals in a short time' : SLOW_WHAT[kind];
  const what = kind === 'vote' ? 'That vote was not counted' : 'Nothing was changed';
  const at = waitMs >= 90_000 ? ` (at ${formatLocal(now + waitMs, zone)})` : '';
  return errorDoc(`Slow down: ${why}. ${what}; try again in ${waitText(waitMs)}${at}.`);
}

export const notice = (...lines: Line[]): Doc => ({ kind: 'notice', lines });
export const errorDoc = (message: string, usage?: string): Doc => ({
  kind: 'error',
  lines: usage ? [[text(message)], [text(`Usage: ${usage}`)]] : [[text(message)]],
});
