// Requests built and signed exactly as Slack sends them (v0 signatures).
import { createHmac } from 'node:crypto';

export function sign(secret: string, rawBody: string, tsSec = Math.floor(Date.now() / 1000)): Record<string, string> {
  const sig = `v0=${createHmac('sha256', secret).update(`v0:${tsSec}:${rawBody}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(tsSec), 'x-slack-signature': sig };
}

export interface HttpAnswer {
  status: number;
  text: string;
}

export async function postSigned(
  url: string,
  secret: string,
  rawBody: string,
  contentType: string,
  extraHeaders: Record<string, string> = {},
): Promise<HttpAnswer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...sign(secret, rawBody), ...extraHeaders }, body: rawBody });
  return { status: res.status, text: await res.text() };
}

/** Slash commands are form-encoded. */
export const formBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** Interactions are form-encoded with one field, payload=<json>. */
export const interactionBody = (payload: object) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
