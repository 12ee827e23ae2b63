// HTTP mode only: every request must carry Slack's signature; anything else is refused with 401
// before it reaches a handler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, SlackHarness, TEAM } from './harness';
import { formBody, sign } from './signed';

describe('Slack HTTP mode: request signatures', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await SlackHarness.start('http');
  });
  afterAll(async () => {
    await h.close();
  });

  const command = (text: string) =>
    formBody({
      team_id: TEAM,
      channel_id: 'C1',
      user_id: 'UALICE',
      command: '/propose',
      text,
      response_url: `${h.api.origin}/resp/sig`,
      trigger_id: `trig-sig-${text}`,
    });
  const send = (body: string, headers: Record<string, string>) =>
    fetch(h.slack.url!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });

  it('a correctly signed request is accepted (control)', async () => {
    const body = command('Signed');
    const res = await send(body, sign(SECRET, body));
    expect(res.status).toBe(200);
    await h.slack.idle();
    expect(h.api.last('response_url:/resp/sig')!.body.text).toContain('Proposal #1 is posted');
  });

  it('a bad signature gets 401 and changes nothing', async () => {
    const before = h.api.calls.length;
    const body = command('Forged');
    expect((await send(body, sign('0000000000000000wrongsecret', body))).status).toBe(401);
    // Signed correctly, then tampered with.
    const signed = sign(SECRET, command('Original'));
    expect((await send(command('Tampered'), signed)).status).toBe(401);
    expect((await send(body, {})).status).toBe(401); // no signature at all
    await h.slack.idle();
    expect(h.api.calls.length).toBe(before);
    expect(h.store.proposals.allOpen().map((p) => p.title)).toEqual(['Signed']);
  });

  it('a replayed request older than five minutes gets 401', async () => {
    const body = command('Replayed');
    const res = await send(body, sign(SECRET, body, Math.floor(Date.now() / 1000) - 6 * 60));
    expect(res.status).toBe(401);
    await h.slack.idle();
    expect(h.store.proposals.allOpen().map((p) => p.title)).toEqual(['Signed']);
  });

  it("answers Slack's URL verification challenge", async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'c-123' });
    const res = await fetch(h.slack.url!, { method: 'POST', headers: { 'content-type': 'application/json', ...sign(SECRET, body) }, body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });
});
