import type { Store } from '../store/store';
import type { ChannelRow } from '../store/channels';
import type { DataScope } from '../store/personal-data';
import type { Clock } from './clock';
import type { Channels } from './channels';
import type { UserRef } from './commands/grammar';
import { type Doc, name, text } from './delivery/doc';
import { newPseudonym, scrubPayload, scrubText, withoutMember } from './erasure';
import { UserError } from './errors';
import { type Outbox, proposalKey, proposalRef } from './delivery/outbox';
import type { Actor } from './types';
import { notice } from './views';
import type { SecretBallots } from './proposals/secret';

/** Epoch-millisecond fields (`at`, `…At`) as ISO date-times, `active` as a boolean: an export people can read. */
function readable(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => readable(v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readable(v, k)]));
  if (typeof value === 'number' && (key === 'at' || key.endsWith('At'))) return new Date(value).toISOString();
  if (key === 'active') return value === 1;
  return value;
}

/**
 * A member's own data: `/leaderful export-me` (a copy, privately), `/leaderful forget-me` (erase
 * it; confirmed) and `/leaderful forget @user` (a platform admin erases a member of their
 * workspace or server; confirmed). A member's own export and erasure cover every workspace or
 * server of the platform: their id is the same person throughout. Runs inside the caller's transaction.
 */
export class Privacy {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly channels: Channels,
    private readonly outbox: Outbox,
    /** Called with the erased id, so that in-memory state keyed by it (rate limits) goes too. */
    private readonly onErased: (platform: string, userId: string) => void,
    /** Open secret ballots: an erased member's ballots move to their pseudonym's key. */
    private readonly secret: Pick<SecretBallots, 'forget'>,
  ) {}

  exportMe(channel: ChannelRow, actor: Actor): Doc {
    const scope: DataScope = { platform: channel.address.platform };
    const data = this.store.personalData.collect(scope, actor.userId);
    const content = JSON.stringify(
      {
        about: `Everything Leaderful stores about you on ${scope.platform}, in every workspace or server where you used it.`,
        exportedAt: this.clock.now(),
        platform: scope.platform,
        userId: actor.userId,
        ...(readable(data) as object),
      },
      (k, v: unknown) => (k === 'exportedAt' && typeof v === 'number' ? new Date(v).toISOString() : v),
      2,
    )
      // Backticks only occur inside JSON strings, where \u0060 means the same: no code block an
      // adapter wraps it in can be closed early by something a member wrote.
      .replace(/`/g, '\\u0060');
    const count = data.votes.length + data.voteHistory.length + data.proposals.length + data.secretBallotsVotedIn.length + data.pollVotes.length;
    return {
      kind: 'export',
      title: 'Your data',
      lines: [
        [
          text(
            `${data.votes.length + data.pollVotes.length} current votes, ${data.voteHistory.length + data.pollVoteHistory.length} vote changes, ${data.proposals.length} proposals, ${data.rolesHeld.length} roles served` +
              (data.secretBallotsVotedIn.length
                ? `, ${data.secretBallotsVotedIn.length} secret ballots voted in (how you voted is not stored with your name).`
                : '.'),
          ),
        ],
        [text(count ? 'Only you can see this. /leaderful forget-me erases it.' : 'Only you can see this.')],
      ],
      attachment: { filename: 'leaderful-my-data.json', content },
    };
  }

  forgetMe(channel: ChannelRow, actor: Actor, confirm: boolean): Doc {
    if (!confirm) {
      return notice(
        [
          text(
            `This erases you from Leaderful on ${channel.address.platform}, in every channel: your votes stay counted but no longer carry your name or your reasons, your proposals keep their titles but lose your name and reasons, you leave every rotation, and your stewardships end.`,
          ),
        ],
        [text('It cannot be undone. Want a copy first? /leaderful export-me. To go ahead: /leaderful forget-me confirm')],
      );
    }
    const done = this.erase({ platform: channel.address.platform }, actor.userId);
    return notice([text(`Done: Leaderful has forgotten you (${done}). Messages already posted are being updated.`)]);
  }

  forgetUser(channel: ChannelRow, actor: Actor, who: UserRef, confirm: boolean): Doc {
    if (!actor.platformAdmin)
      throw new UserError('Only workspace or server admins can erase another member’s data. Members can erase their own with /leaderful forget-me.');
    const userId = this.channels.resolveUser(channel, who);
    if (userId === actor.userId) throw new UserError('To erase your own data, use /leaderful forget-me.');
    const scope: DataScope = { platform: channel.address.platform, spaceId: channel.address.spaceId };
    const held = Object.values(this.store.personalData.collect(scope, userId)).reduce((n, rows) => n + rows.length, 0);
    if (!held) throw new UserError('Leaderful stores nothing about that member here, so there is nothing to erase.');
    if (!confirm) {
      return notice(
        [
          text('This erases '),
          name(userId),
          text(
            ' from Leaderful in this workspace or server: their votes stay counted without their name or reasons, they leave every rotation, their stewardships end. It cannot be undone.',
          ),
        ],
        [text('To go ahead, add confirm to the command.')],
      );
    }
    const done = this.erase(scope, userId);
    return notice([text(`Done: they are forgotten here (${done}). Messages already posted are being updated.`)]);
  }

  private erase(scope: DataScope, userId: string): string {
    const pseudonym = newPseudonym();
    this.secret.forget(scope, userId, pseudonym);
    const r = this.store.personalData.erase(scope, userId, pseudonym, {
      text: (s) => scrubText(s, userId, pseudonym),
      payload: (json) => scrubPayload(json, userId, pseudonym),
      stewards: (ids) => withoutMember(ids, userId),
    });
    // Messages already on the platform (or on their way: rendered before this) are edited to match:
    // proposal cards are drawn again from the store, other messages get their rewritten text. A
    // pending post needs nothing: it is rendered from the rewritten rows. (An edit waits for its post,
    // and is dropped if the post fails, so an edit queued for one in flight is safe.)
    const outThere = (ref: string) => this.store.outbox.message(ref) !== undefined || r.inFlight.has(ref);
    for (const id of r.proposalIds) {
      const p = this.store.proposals.get(id);
      if (p && outThere(proposalKey(id))) this.outbox.edit(p.channelFk, proposalRef(id), { proposal: id });
    }
    // (A private notice cannot be edited: it was for one member, and is left as it went.)
    const isPrivate = (payload: string) => (JSON.parse(payload) as { doc?: { privateTo?: string } }).doc?.privateTo !== undefined;
    for (const d of r.postedDocs) if (outThere(d.ref) && !isPrivate(d.payload)) this.outbox.editStored(d.channelFk, d.ref, d.payload);
    this.onErased(scope.platform, userId);
    return `${r.votes} votes, ${r.history} vote changes, ${r.proposals} proposals`;
  }
}
