// A poll's options are people's text: on every platform they render inert (no broadcast, no
// mention, no link) in the tally, on the buttons and in the form.
import { describe, expect, it } from 'vitest';
import { renderMessage as discordMessage } from '../../adapters/discord/render';
import { chooseModal as discordChoose } from '../../adapters/discord/modals';
import { renderMessage as slackMessage } from '../../adapters/slack/render';
import { chooseModal as slackChoose } from '../../adapters/slack/modals';
import { pollCard } from '../../src/core/proposals/poll-views';
import type { Proposal } from '../../src/core/types';

const T = Date.parse('2026-11-23T10:00:00Z');
const poll: Proposal = {
  id: 7,
  channelFk: 1,
  number: 3,
  authorId: 'U1',
  title: 'Which?',
  reasons: '',
  rule: 'majority',
  quorum: { kind: 'none' },
  createdAt: T,
  closesAt: T + 86_400_000,
  remindAt: null,
  status: 'open',
  closedAt: null,
  closedBy: null,
  counts: { agree: 0, disagree: 0, abstain: 0, block: 0 },
  kind: 'poll',
  multi: false,
};
const options = [
  { position: 1, label: '@everyone <!channel> now', votes: 1 },
  { position: 2, label: '<@U999> & <https://x.example|click>', votes: 0 },
];

describe('poll options render inert', () => {
  it('on Slack: tally, buttons and the choose form', () => {
    const json = JSON.stringify(slackMessage(pollCard(poll, { options, voters: 1 }, 'UTC', 0), () => undefined));
    expect(json).not.toMatch(/<!channel>|<@U999>|<https:/);
    expect(json).not.toMatch(/(^|[^\u2060])@everyone/);
    expect(json).toContain('@\u2060everyone &lt;!channel&gt; now');
    const form = JSON.stringify(
      slackChoose({ teamId: 'T', channelId: 'C', proposalId: 7 }, { number: 3, question: 'Which?', options: options.map((o) => o.label) }),
    );
    expect(form).not.toMatch(/(^|[^\u2060])@everyone|<!channel>/);
  });

  it('on Discord: the tally escapes them and nobody is allowed to be pinged', () => {
    const m = discordMessage(pollCard(poll, { options, voters: 1 }, 'UTC', 0));
    expect(m.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(m.embeds[0]!.fields![0]!.value).not.toMatch(/(^|[^\u200b])@everyone/);
    expect(m.embeds[0]!.fields![0]!.value).not.toMatch(/(^|[^\\])<@U999>/);
    expect(discordChoose(7, { number: 3, question: 'Which?', options: ['a', 'b'] }).components).toHaveLength(1);
  });
});
