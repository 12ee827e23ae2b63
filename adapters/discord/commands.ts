import {
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
  type SlashCommandIntegerOption,
  type SlashCommandStringOption,
} from 'discord.js';
import { STANCE_EMOJI } from '../../src/core/proposals/emoji';
import { MAX_POLL_OPTIONS } from '../../src/core/proposals/option-emoji';
import {
  BALLOTS,
  MAX_CLOSE_REASON_LENGTH,
  MAX_OPTION_LENGTH,
  MAX_OPEN_LIMIT,
  MAX_OPEN_PER_MEMBER_LIMIT,
  MAX_REASONS_LENGTH,
  MAX_ROLE_NAME_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_VOTE_REASON_LENGTH,
  RULES,
  STANCES,
} from '../../src/core/types';

/**
 * The slash commands: the command grammar (src/core/commands.ts) as typed options. Each command is answered by turning
 * its options back into the grammar's text (command-text.ts), except /propose, whose options
 * map one to one onto the core's propose fields.
 */

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** The schedule's repeat choices: each value is the grammar's words, written before the weekday. */
const SCHEDULE_REPEATS: { name: string; value: string }[] = [
  { name: 'every week', value: 'every week' },
  { name: 'every 2 weeks', value: 'every 2 weeks' },
  { name: 'every 3 weeks', value: 'every 3 weeks' },
  { name: 'every 4 weeks', value: 'every 4 weeks' },
  { name: 'first weekday of each month', value: 'first' },
  { name: 'second weekday of each month', value: 'second' },
  { name: 'third weekday of each month', value: 'third' },
  { name: 'fourth weekday of each month', value: 'fourth' },
  { name: 'last weekday of each month', value: 'last' },
];

const base = (name: string, description: string) =>
  new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    // Proposals and rotations belong to server channels; DMs have neither.
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);

const proposalOption =
  (required: boolean, description = 'The proposal number') =>
  (o: SlashCommandIntegerOption) =>
    o.setName('proposal').setDescription(description).setRequired(required).setMinValue(1).setAutocomplete(true);

const ruleChoices = (o: SlashCommandStringOption) => o.addChoices(...RULES.map((r) => ({ name: r, value: r })));

export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const propose = base('propose', 'Propose something for the group to decide (no options: open a form)')
    .addStringOption((o) => o.setName('title').setDescription('What you propose, in a line').setMaxLength(MAX_TITLE_LENGTH))
    .addStringOption((o) => o.setName('reasons').setDescription('Why: proposals persuade, they do not order').setMaxLength(MAX_REASONS_LENGTH))
    .addStringOption((o) => o.setName('closes').setDescription('When voting closes: 3d, 36h, 2026-12-01 or 2026-12-01 18:00').setMaxLength(40))
    .addStringOption((o) => ruleChoices(o.setName('rule').setDescription('How it is decided (default: the channel setting)')))
    .addStringOption((o) => o.setName('quorum').setDescription('Voters needed: a number (5) or a share of the roster (50%)').setMaxLength(6))
    .addStringOption((o) =>
      o
        .setName('ballot')
        .setDescription('open: live tally (default); hidden: tally at close; secret: nobody’s vote is ever shown')
        .addChoices(...BALLOTS.map((b) => ({ name: b, value: b }))),
    )
    .addStringOption((o) =>
      o.setName('extend').setDescription('If the quorum is unmet at the deadline, stay open this much longer, once (2d)').setMaxLength(12),
    );

  const poll = base('poll', 'Ask the channel a question with 2 to 10 options')
    .addStringOption((o) => o.setName('question').setDescription('What you ask').setRequired(true).setMaxLength(MAX_TITLE_LENGTH))
    .addStringOption((o) =>
      o
        .setName('options')
        .setDescription('2 to 10 options, separated by |, like: Library | Café | Online')
        .setRequired(true)
        .setMaxLength(MAX_POLL_OPTIONS * (MAX_OPTION_LENGTH + 3)),
    )
    .addBooleanOption((o) => o.setName('multi').setDescription('Members may choose several options'))
    .addStringOption((o) => o.setName('closes').setDescription('When voting closes: 3d, 36h, 2026-12-01 or 2026-12-01 18:00').setMaxLength(40))
    .addStringOption((o) => o.setName('quorum').setDescription('Voters needed: a number (5) or a share of the roster (50%)').setMaxLength(6))
    .addStringOption((o) =>
      o
        .setName('ballot')
        .setDescription('open: live counts (default); hidden: counts at close; secret: nobody’s choice is ever shown')
        .addChoices(...BALLOTS.map((b) => ({ name: b, value: b }))),
    )
    .addStringOption((o) =>
      o.setName('extend').setDescription('If the quorum is unmet at the deadline, stay open this much longer, once (2d)').setMaxLength(12),
    );

  const vote = base('vote', 'Vote on a proposal or a poll (reacting to its message works too)')
    .addIntegerOption(proposalOption(true, 'The proposal or poll number'))
    .addStringOption((o) =>
      o
        .setName('stance')
        .setDescription('Your vote on a proposal')
        .addChoices(...STANCES.map((s) => ({ name: `${STANCE_EMOJI[s]} ${s}`, value: s }))),
    )
    .addStringOption((o) => o.setName('reason').setDescription('Why (shown on the proposal)').setMaxLength(MAX_VOTE_REASON_LENGTH))
    .addStringOption((o) => o.setName('choice').setDescription('In a poll: the option number, or several (1 3) when allowed').setMaxLength(40));

  const proposals = base('proposals', 'List proposals, or show one')
    .addStringOption((o) =>
      o
        .setName('filter')
        .setDescription('Which proposals (default: open)')
        .addChoices({ name: 'open', value: 'open' }, { name: 'closed', value: 'closed' }, { name: 'all', value: 'all' }),
    )
    .addIntegerOption(proposalOption(false, 'Show this proposal in full'));

  const reasonOption = (description: string) => (o: SlashCommandStringOption) =>
    o.setName('reason').setDescription(description).setMaxLength(MAX_CLOSE_REASON_LENGTH);
  const close = base('close', 'Close a proposal now and count the votes (author, admins; the facilitator with a reason)')
    .addIntegerOption(proposalOption(true))
    .addBooleanOption((o) => o.setName('confirm').setDescription("Yes, close someone else's proposal early (this week's facilitator)"))
    .addStringOption(reasonOption('Why it closes early (shown in the outcome; the facilitator must give one)'));
  const withdraw = base('withdraw', 'Withdraw a proposal (its author, admins and stewards)')
    .addIntegerOption(proposalOption(true))
    .addStringOption(reasonOption('Why (shown in the outcome)'));
  const amend = base('amend', 'Change your open proposal’s text; every vote is reset and voters asked again')
    .addIntegerOption(proposalOption(true))
    .addStringOption((o) => o.setName('title').setDescription('The new title').setRequired(true).setMaxLength(MAX_TITLE_LENGTH))
    .addStringOption((o) => o.setName('reasons').setDescription('The new reasons (left out: they stay as they are)').setMaxLength(MAX_REASONS_LENGTH));
  const decisions = base('decisions', 'The decision log: outcomes, dates, tallies').addIntegerOption((o) =>
    o.setName('count').setDescription('How many (default 10)').setMinValue(1).setMaxValue(50),
  );

  const roleOption = (required: boolean) => (o: SlashCommandStringOption) =>
    o.setName('role').setDescription('A role, like facilitator').setRequired(required).setMaxLength(MAX_ROLE_NAME_LENGTH).setAutocomplete(true);

  const rotation = base('rotation', 'Rotating meeting roles')
    .addSubcommand((s) => s.setName('show').setDescription('Who holds which role this week and next'))
    .addSubcommand((s) => s.setName('join').setDescription('Join the rotation'))
    .addSubcommand((s) => s.setName('leave').setDescription('Leave the rotation (your history stays)'))
    .addSubcommand((s) =>
      s
        .setName('away')
        .setDescription('Be passed over until a date')
        .addStringOption((o) => o.setName('until').setDescription('A date (2026-12-15) or a duration (2w)').setRequired(true).setMaxLength(40)),
    )
    .addSubcommand((s) => s.setName('back').setDescription('Be back in the rotation now'))
    .addSubcommand((s) => s.setName('skip').setDescription('Hand your turn this week to the next in line'))
    .addSubcommand((s) =>
      s
        .setName('swap')
        .setDescription('Offer another member to swap roles this week (they accept or decline)')
        .addUserOption((o) => o.setName('member').setDescription('Who to offer the swap to').setRequired(true)),
    )
    .addSubcommand((s) =>
      s
        .setName('accept')
        .setDescription('Accept a swap offered to you this week')
        .addUserOption((o) => o.setName('member').setDescription('Whose offer (when several offered)')),
    )
    .addSubcommand((s) =>
      s
        .setName('decline')
        .setDescription('Decline a swap offered to you this week')
        .addUserOption((o) => o.setName('member').setDescription('Whose offer (when several offered)')),
    )
    .addSubcommand((s) =>
      s
        .setName('volunteer')
        .setDescription('Volunteer for a role next time, or withdraw (cancel)')
        .addStringOption(roleOption(false))
        .addBooleanOption((o) => o.setName('cancel').setDescription('Withdraw your offer to volunteer')),
    )
    .addSubcommand((s) =>
      s
        .setName('roles')
        .setDescription('List the roles; admins add, remove, describe them or limit who may hold them')
        .addStringOption((o) =>
          o
            .setName('action')
            .setDescription('What to do (default: list the roles)')
            .addChoices(
              { name: 'add', value: 'add' },
              { name: 'remove', value: 'remove' },
              { name: 'describe', value: 'describe' },
              { name: 'eligible', value: 'eligible' },
            ),
        )
        .addStringOption(roleOption(false))
        .addStringOption((o) =>
          o.setName('details').setDescription('describe: what the role does (or clear); eligible: @members, or everyone').setMaxLength(2000),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('schedule')
        .setDescription('When the roles are announced (admins change it); nothing given: show it')
        .addStringOption((o) =>
          o
            .setName('weekday')
            .setDescription('Day of the week')
            .addChoices(...WEEKDAYS.map((d) => ({ name: d, value: d }))),
        )
        .addStringOption((o) => o.setName('time').setDescription("HH:MM in the channel's time zone").setMaxLength(5))
        .addStringOption((o) =>
          o
            .setName('repeat')
            .setDescription('How often (default: every week)')
            .addChoices(...SCHEDULE_REPEATS),
        )
        .addStringOption((o) => o.setName('from').setDescription('Every n weeks: a date in the first week, like 2026-12-07').setMaxLength(40)),
    )
    .addSubcommand((s) => s.setName('stats').setDescription('Who served how often'));

  const leaderful = base('leaderful', 'Help, channel settings, and your data')
    .addSubcommand((s) =>
      s
        .setName('help')
        .setDescription('How Leaderful works')
        .addStringOption((o) => o.setName('topic').setDescription('A command, like close, swap or forget-me').setMaxLength(20)),
    )
    .addSubcommand((s) =>
      s
        .setName('settings')
        .setDescription('Show the settings; with options, change them (admins)')
        .addStringOption((o) => o.setName('timezone').setDescription('IANA time zone, like Europe/Berlin').setMaxLength(64))
        .addStringOption((o) => o.setName('window').setDescription('Default voting window, like 3d').setMaxLength(10))
        .addStringOption((o) => ruleChoices(o.setName('rule').setDescription('Default decision rule')))
        .addStringOption((o) => o.setName('quorum').setDescription('Default quorum: a number (5), a share (50%) or none').setMaxLength(6))
        .addStringOption((o) => o.setName('reminder').setDescription('Closing-soon reminder lead time, like 24h, or off').setMaxLength(10))
        .addIntegerOption((o) => o.setName('max_open').setDescription('Most proposals open at once in this channel').setMinValue(1).setMaxValue(MAX_OPEN_LIMIT))
        .addIntegerOption((o) =>
          o.setName('max_open_member').setDescription('Most proposals open at once per member').setMinValue(1).setMaxValue(MAX_OPEN_PER_MEMBER_LIMIT),
        )
        .addUserOption((o) => o.setName('steward_add').setDescription('Let this member change settings (server admins only)'))
        .addUserOption((o) => o.setName('steward_remove').setDescription('Stop this member changing settings (server admins only)')),
    )
    .addSubcommand((s) => s.setName('export-me').setDescription('Everything Leaderful stores about you, privately, as JSON'))
    .addSubcommand((s) =>
      s
        .setName('forget-me')
        .setDescription('Erase your data from Leaderful (without confirm: see what it does)')
        .addBooleanOption((o) => o.setName('confirm').setDescription('Yes, erase my data; this cannot be undone')),
    )
    .addSubcommand((s) =>
      s
        .setName('forget')
        .setDescription("Erase a member's data in this server (server admins)")
        .addUserOption((o) => o.setName('member').setDescription('Whose data').setRequired(true))
        .addBooleanOption((o) => o.setName('confirm').setDescription('Yes, erase it; this cannot be undone')),
    );

  return [propose, poll, vote, proposals, close, withdraw, amend, decisions, rotation, leaderful].map((c) => c.toJSON());
}
