import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack rejects replays older than five minutes; so do we. */
export const SLACK_MAX_AGE_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Verifies Slack's v0 request signature: HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the
 * signing secret, compared in constant time, with a five-minute replay window.
 */
export function verifySlackSignature(input: {
  signingSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  nowSeconds?: number;
}): SignatureCheck {
  const { signingSecret, timestamp, signature, rawBody } = input;
  if (!timestamp || !signature)
    return { ok: false, reason: 'missing X-Slack-Request-Timestamp or X-Slack-Signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > SLACK_MAX_AGE_SECONDS)
    return { ok: false, reason: 'stale timestamp' };
  const expected = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
  const left = Buffer.from(expected);
  const right = Buffer.from(signature);
  if (left.length !== right.length || !timingSafeEqual(left, right))
    return { ok: false, reason: 'signature mismatch' };
  return { ok: true };
}

/** Signs a body the way Slack does (tests and local tooling). */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}
