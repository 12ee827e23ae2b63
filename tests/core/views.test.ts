// The message builders on their own: what each message says, who it pings, and what it leaves out.
import { describe, expect, it } from 'vitest';
import { type Doc, text } from '../../src/core/delivery/doc';
import { DEFAULT_SETTINGS } from '../../src/core/channels';
import { errorDoc, notice, settingsDoc } from '../../src/core/views';
import { docText } from '../helpers/harness';

const pingless = (doc: Doc) => doc.lines.flat().every((s) => !('user' in s) || !s.ping);
const lines = (doc: Doc) => docText(doc).split('\n');

describe('settings', () => {
  it('every setting, stewards named (never pinged), and words for "none" and "off"', () => {
    const doc = settingsDoc(
      {
        ...DEFAULT_SETTINGS,
        timezone: 'Europe/Berlin',
        quorum: { kind: 'share', percent: 50 },
        rotationWeekday: 3,
        rotationTime: '18:30',
        stewards: ['sam', 'kim'],
      },
      ['facilitator', 'note-taker'],
    );
    expect(lines(doc)).toEqual([
      'Channel settings',
      'Time zone: Europe/Berlin',
      'Voting window: 3d',
      'Decision rule: consent',
      'Quorum: 50%',
      'Closing-soon reminder: 1d before close',
      'Rotation: Wednesdays at 18:30 · roles: facilitator, note-taker',
      'Open proposals at most: 50 in the channel, 10 per member',
      'Stewards: @sam, @kim',
    ]);
    expect(pingless(doc)).toBe(true);
    const bare = settingsDoc({ ...DEFAULT_SETTINGS, reminderLeadMinutes: 0 }, []);
    expect(lines(bare)).toContain('Closing-soon reminder: off');
    expect(lines(bare)).toContain('Rotation: Mondays at 09:00 · roles: none');
    expect(lines(bare)).toContain('Stewards: none (platform admins only)');
  });
});

describe('help, notices and errors', () => {
  it('a notice is its lines; an error adds its usage when it has one', () => {
    expect(notice([text('a')], [text('b')])).toEqual({ kind: 'notice', lines: [[text('a')], [text('b')]] });
    expect(errorDoc('Nope.')).toEqual({ kind: 'error', lines: [[text('Nope.')]] });
    expect(errorDoc('Nope.', '/close <n>')).toEqual({ kind: 'error', lines: [[text('Nope.')], [text('Usage: /close <n>')]] });
  });
});
