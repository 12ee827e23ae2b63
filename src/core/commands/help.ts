import { type CommandName, POLL_VOTE_USAGE, SUB_USAGE, type SubTopic, USAGE } from './grammar';
import { type Doc, type Line, text } from '../delivery/doc';

const HELP_ORDER: CommandName[] = ['propose', 'poll', 'vote', 'proposals', 'close', 'withdraw', 'amend', 'decisions', 'rotation', 'leaderful'];

/** What each command is for, shown by `/leaderful help <command>`. */
const HELP_DETAIL: Record<CommandName, string> = {
  propose:
    'Brings a proposal to the channel: a title, and after a | the reasons for it. Everyone votes until it closes (by default after the channel’s voting window). Options may stand anywhere: --closes 3d, --rule majority (or --rule=majority), --quorum 5 or --quorum 50%, --extend 2d to stay open once more when the quorum is not met (/leaderful help extend), --hidden to show the tally only at close (/leaderful help hidden) and --secret for a secret ballot (/leaderful help secret). To write one of those words as text, put a \\ before it (\\--closes).',
  poll: 'Asks the channel a question with 2 to 10 options, after | signs: /poll Where do we meet in May? | Library | Café | Online. Members vote by reacting 1️⃣ 2️⃣ … 🔟, with the buttons, or with /vote <poll#> <option number>; with --multi each may choose several options (/vote 4 1 3). The card shows live counts; at close the outcome names the winning option, or the options tied. Polls share numbering, deadlines, reminders, quorum (--quorum), --hidden and --secret and the decision log with proposals.',
  vote: `Votes on a proposal, with an optional reason shown on its card. Voting again changes your vote; the same vote with a new reason changes the reason, and without one removes it. Reacting works too. In a poll, give option numbers instead: ${POLL_VOTE_USAGE} (several only when the poll allows it; they replace your earlier choice).`,
  proposals: 'Lists open proposals (or closed, or all), or shows one proposal with who voted how.',
  close:
    'Closes a proposal now and decides it. Its author, channel admins and stewards can; this week’s facilitator can close someone else’s proposal early only with confirm and a reason (/close 3 confirm we agreed in the meeting), and the outcome names them and their reason.',
  withdraw: 'Withdraws a proposal without deciding it. Only its author, channel admins and stewards can; a reason is optional and shown in the outcome.',
  amend:
    'Changes your open proposal’s title, and after a | its reasons (without a | the reasons stay): /amend 3 Buy two kettles | one always leaks. The card shows the new text and that it was amended. Every vote cast before is reset (the vote history keeps them), and each voter is told privately to vote again: a vote was for the old text. Only the author can amend, only while it is open; polls cannot be amended (withdraw and ask again). A reaction left on the card from before is not a vote again until it is removed and added anew.',
  decisions: 'The decision log: the latest outcomes, with dates and tallies.',
  rotation:
    'The rotating roles: see who holds what, join or leave, be away, skip your turn, offer a swap (the other member accepts or declines), volunteer, and (admins) describe roles, limit them to some members and set when the ping goes out (weekly, every n weeks or monthly). /leaderful help swap tells more.',
  leaderful:
    'Help, the channel’s settings (time zone, voting window, decision rule, quorum, reminder, caps on open proposals, stewards; admins change them), and your data: export-me gives you a copy, forget-me erases it. /leaderful help rules explains the decision rules and quorum; /leaderful help settings each setting.',
};

/** Subcommands with a topic of their own (settings has its own, fuller page below). */
const SUB_DETAIL: Record<Exclude<SubTopic, 'settings'>, string> = {
  swap: 'Offers another member to exchange this week’s roles. Nothing changes until they accept (/rotation accept); they can decline. Offers lapse at the next weekly ping; you can have 3 waiting at once. The channel sees the offer and the swap, naming you both without pinging.',
  accept: 'Accepts a swap offered to you this week: you exchange roles with whoever offered. Name them when several did (/rotation accept @sam).',
  decline: 'Declines a swap offered to you this week. Nothing changes.',
  away: 'Passes you over in the rotation until a date (or for a duration such as 2w), at most 366 days ahead. /rotation back ends it early. If you hold a role now and are away until the next ping, it goes to the next in line (the channel is told, as for a skip); if you are back sooner you keep it and are reminded. Offers to volunteer for a week you will be away are withdrawn.',
  volunteer:
    'Takes a role at the next ping (the turn counts like any other). Not for a week you are away, nor for roles limited to others, and not a second role in the same week while others are free. /rotation volunteer cancel withdraws your offer.',
  roles:
    'Lists the roles with what each does and who may hold it. Admins and stewards change them: add and remove a role; describe <role> <text> says what it does (shown in the ping and /rotation show; clear removes it); eligible <role> @user… limits a role to some members (a treasurer, say), everyone opens it again. A role nobody eligible can take that week stays empty.',
  schedule:
    'Shows when the rotation pings; admins and stewards change it. Weekly (monday 09:00), every n weeks (every 2 weeks monday 09:00, optionally from a date in the first week), or monthly (first monday 09:00, last friday 17:00), in the channel’s time zone and its daylight-saving time. A ping missed while the bot was down goes out once, marked late.',
  'export-me':
    'Sends you, privately, everything Leaderful stores about you on this platform, as JSON: names, proposals, votes and their history, roles served, swaps, stewardships.',
  'forget-me':
    'Erases you from Leaderful on this platform: your votes stay counted but carry no name or reason, your proposals keep their titles but lose your name and reasons, you leave every rotation. Without confirm it only explains; with confirm it is done and cannot be undone.',
  forget: 'For workspace or server admins: erases a member’s data in this workspace or server, as forget-me does. Needs confirm.',
};

/** How proposals are decided, each rule with an example (`/leaderful help rules`). */
export const RULES_HELP: string[] = [
  'consent (the default): passes with at least one agree and no block. A block is a serious objection: one block stops it. Example: 4 agree, 2 abstain → passed; 6 agree, 1 block → rejected.',
  'majority: passes when agrees outnumber disagrees. Abstentions and blocks count toward the quorum but not for or against: under majority a block is only a strong abstention. Example: 5 agree, 4 disagree → passed; 4 agree, 4 disagree, 2 block → rejected; 3 agree, 2 disagree, 3 block → passed.',
  'supermajority: passes when agrees are at least two thirds of agree + disagree, and nobody blocks. Example: 6 agree, 3 disagree → passed (exactly 2/3); 5 agree, 3 disagree → rejected; 9 agree, 0 disagree, 1 block → rejected.',
  'quorum: how many must vote (any stance, abstain and block included) for the result to count; otherwise the outcome is "no quorum". A number (--quorum 5: five voters) or a share of the channel’s rotation roster (--quorum 50%: with 9 on the roster, 5 voters). Anyone in the channel may vote; the roster is only what a share is measured against.',
];

/** Each channel setting (`/leaderful help settings`). */
export const SETTINGS_HELP: string[] = [
  'timezone <zone>: the channel’s IANA time zone (Europe/Berlin, America/New_York), used for closing times, dates you type and the weekly ping. Abbreviations such as PST are not zones; EST-style fixed offsets ignore daylight-saving time.',
  'window <duration>: how long a proposal stays open when it names no --closes (default 3d; at most 366 days). Days and weeks are calendar days in the channel’s zone.',
  'rule consent|majority|supermajority: the decision rule of new proposals (default consent). /leaderful help rules explains them.',
  'quorum <n>|<n>%|none: how many must vote for a result to count, by default none.',
  'reminder <duration>|off: the closing-soon reminder, this long before close (default 24h, at most 30d), mentioning roster members who haven’t voted and aren’t away. A proposal whose whole window is no longer than this gets no reminder (it would come before or at its start).',
  'max-open <n>: how many proposals may be open at once in the channel (default 50); max-open-member <n>: per member (default 10).',
  'steward add|remove @member: stewards may change settings, roles and the schedule, and end any proposal, like the platform’s admins. Only workspace or server admins add or remove stewards, and only members Leaderful has seen; a steward may step down.',
  'Only channel admins and stewards change settings; /leaderful settings alone shows them to anyone.',
];

/** Hidden results (`/leaderful help hidden`). */
const HIDDEN_HELP: string[] = [
  '/propose <title> --hidden: while voting is open the card shows only how many have voted: no tally, no reasons, and /proposals <n> names nobody. When it closes the card, the outcome and /proposals <n> show everything, as for any proposal.',
  'Reactions are not votes on a hidden proposal, because a reaction shows everyone how you vote: vote with the buttons on its card or with /vote. A reaction is answered privately and, where the platform lets the bot, removed; where the platform does not let a bot remove someone else’s reaction, please remove it yourself.',
  'The closing-soon reminder still names who has not voted (never how anyone voted).',
  'Example: /propose Move the meeting to Thursdays --hidden --closes 3d',
];

/** Secret ballots (`/leaderful help secret`). */
const SECRET_HELP: string[] = [
  '/propose <title> --secret: a secret ballot. Vote with the buttons (or the reason form) on its card, or /vote; reactions are never votes on it (the bot removes them where the platform lets it). The answer to your vote does not repeat it; vote again to change it (a secret vote cannot be taken back).',
  'While it is open the card shows only how many have voted. At close the card and the outcome show the tally, and the reasons given, without names or stances. No message, command, log or export ever shows how a member voted, and Leaderful never stores a member’s id beside their vote.',
  'Who has voted is kept (the closing-soon reminder names who has not, and /proposals <n> lists who voted once it closed), never how. In a small group a unanimous tally still tells everyone how each voted: that is true of any secret ballot.',
  'How: each secret ballot has its own random key; a vote is stored under a keyed hash of the member’s id, so the member can change it but nobody reading the database can tell whose vote is whose without that key. At close the key and the ballot box are deleted and only the totals and the anonymous reasons stay. The README says what this does and does not protect against (the platform itself sees which button you press; whoever runs the bot can read the key while voting is open).',
  'Example: /propose Elect Sam as treasurer --secret --closes 5d',
];

/** --extend (`/leaderful help extend`). */
const EXTEND_HELP: string[] = [
  '/propose <title> --quorum <n> --extend <duration> (or /poll … --extend): when its deadline comes and fewer than the quorum have voted, it stays open once more, for that long from the deadline, and the channel is told (naming the roster members who have not voted). At the new deadline it closes as usual, met quorum or not.',
  'It needs a quorum (the proposal’s or the channel’s): without one there is nothing to wait for. Durations as for --closes: 90m, 36h, 2d, 1w; days are calendar days in the channel’s zone. Closing it by hand (/close) does not extend it.',
  'If the bot was offline through the whole extension, it closes it on start, as closed at the extension’s end.',
  'Example: /propose Adopt the budget --quorum 60% --closes 3d --extend 2d',
];

const TOPICS: Record<string, { title: string; lines: string[]; usage?: string }> = {
  rules: { title: 'Decision rules and quorum', lines: RULES_HELP },
  extend: { title: 'Extending once when the quorum is not met (--extend)', lines: EXTEND_HELP, usage: USAGE.propose },
  hidden: { title: 'Hidden results (/propose … --hidden)', lines: HIDDEN_HELP, usage: USAGE.propose },
  secret: { title: 'Secret ballots (/propose … --secret)', lines: SECRET_HELP, usage: USAGE.propose },
  settings: { title: 'Channel settings (/leaderful settings <name> <value> …)', lines: SETTINGS_HELP, usage: SUB_USAGE.settings },
};

export function helpDoc(topic?: string): Doc {
  if (topic && Object.hasOwn(USAGE, topic)) {
    const c = topic as CommandName;
    return { kind: 'help', title: `/${c}`, lines: [[text(HELP_DETAIL[c])], [text(`Usage: ${USAGE[c]}`)]] };
  }
  if (topic && Object.hasOwn(TOPICS, topic)) {
    const t = TOPICS[topic]!;
    return { kind: 'help', title: t.title, lines: [...t.lines.map((l) => [text(l)]), ...(t.usage ? [[text(`Usage: ${t.usage}`)]] : [])] };
  }
  if (topic && Object.hasOwn(SUB_DETAIL, topic)) {
    const t = topic as keyof typeof SUB_DETAIL;
    return { kind: 'help', title: SUB_USAGE[t].split(' ').slice(0, 2).join(' '), lines: [[text(SUB_DETAIL[t])], [text(`Usage: ${SUB_USAGE[t]}`)]] };
  }
  const topics = [...HELP_ORDER, ...Object.keys(TOPICS), ...Object.keys(SUB_DETAIL)];
  const unknown: Line[] = topic ? [[text(`I have no help on "${topic.slice(0, 30)}". Topics: ${topics.join(', ')}.`)]] : [];
  return {
    kind: 'help',
    title: 'Leaderful: proposals, not orders; roles that rotate',
    lines: [
      ...unknown,
      ...HELP_ORDER.map((c) => [text(USAGE[c])]),
      [
        text(
          '<when> is a duration (90m, 36h, 3d, 1w) or a date (2026-12-01, meaning 23:59 that day) or date-time (2026-12-01 18:00) in the channel’s time zone.',
        ),
      ],
      [
        text(
          'Vote on a proposal by reacting 👍 agree, 👎 disagree, 🤷 abstain or 🛑 block. React again to change, remove your reaction to take your vote back.',
        ),
      ],
      [text('Vote in a poll by reacting with its options’ numbers 1️⃣ 2️⃣ … 🔟, with its buttons, or /vote <poll#> <option number>.')],
      [
        text(
          'A proposal made with --hidden shows its tally only when voting closes, one made with --secret never shows how anyone voted; vote on them with the buttons or /vote (/leaderful help hidden, /leaderful help secret).',
        ),
      ],
      ...RULES_HELP.map((l) => [text(l)]),
      [
        text(
          '/leaderful help <command> tells more about one command (also: swap, accept, decline, away, volunteer, roles, schedule, export-me, forget-me, forget); /leaderful help settings explains each setting.',
        ),
      ],
    ],
  };
}
