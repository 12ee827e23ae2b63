import { describe, expect, it } from 'vitest';
import { Channels, DEFAULT_SETTINGS } from '../../src/core/channels';
import { ManualClock } from '../../src/core/clock';
import { UserError } from '../../src/core/errors';
import type { Actor, ChannelAddress } from '../../src/core/types';
import { Store } from '../../src/store/store';
import { T0 } from '../helpers/harness';

const address: ChannelAddress = { platform: 'test', spaceId: 'S1', channelId: 'C1' };
const admin: Actor = { userId: 'A1', displayName: 'ada', platformAdmin: true };

function setup() {
  const store = Store.open(':memory:');
  const channels = new Channels(store, new ManualClock(T0), DEFAULT_SETTINGS);
  return { store, channels, channel: channels.ensure(address) };
}

describe('who counts as a member the bot has seen', () => {
  it('someone on the rotation roster counts, even if their name was never given; others do not', () => {
    const { store, channels, channel } = setup();
    store.rotation.join(channel.id, 'U1', T0);
    store.rotation.join(channel.id, 'U2', T0);
    expect(channels.isKnownMember(channel, 'U1')).toBe(true);
    expect(channels.isKnownMember(channel, 'U2')).toBe(true);
    expect(channels.isKnownMember(channel, 'U3')).toBe(false);
  });
});

describe('stewards', () => {
  it('a channel has at most 20 stewards: the 20th is added, a 21st refused', () => {
    const { store, channels, channel } = setup();
    store.users.remember('test', 'S1', 'U99', 'newcomer', T0);
    const nineteen = Array.from({ length: 19 }, (_, i) => `S${i}`);
    expect(channels.addSteward(channel, admin, nineteen, { id: 'U99' })).toHaveLength(20);
    const twenty = [...nineteen, 'S19'];
    expect(() => channels.addSteward(channel, admin, twenty, { id: 'U99' })).toThrow(new UserError('A channel can have at most 20 stewards.'));
  });

  it('refusals name the member by the name the bot knows, or by id when it knows none', () => {
    const { store, channels, channel } = setup();
    store.users.remember('test', 'S1', 'U1', 'alice', T0);
    expect(() => channels.addSteward(channel, admin, ['U1'], { id: 'U1' })).toThrow('@alice is a steward already');
    expect(() => channels.removeSteward(channel, admin, [], { id: 'U7' })).toThrow('@U7 is not a steward here');
  });
});
