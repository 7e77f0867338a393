import * as z from '../validation/zod.js';
import type { SlackAnswerJob } from './slack-ports.js';

/** Longest question handed to the engine; longer Slack text is cut (the HTTP API's own limit). */
export const MAX_SLACK_QUESTION_CHARS = 2000;

const optionalString = z.optional(z.string());
const nonEmpty = z.string().check(z.minLength(1));

/**
 * True only for Slack's own response URLs (`https://hooks.slack.com/...`): the URL is parsed, the
 * scheme must be https and the host exactly `hooks.slack.com` (no other port, no credentials), so
 * a forged slash command cannot make the worker post answers to an arbitrary server.
 */
export function isSlackResponseUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.host === 'hooks.slack.com' && !url.username && !url.password;
}

const slackResponseUrl = z
  .string()
  .check(z.refine(isSlackResponseUrl, 'must be a https://hooks.slack.com/ URL issued by Slack'));

const eventSchema = z.object({
  type: z.string(),
  subtype: optionalString,
  text: optionalString,
  user: optionalString,
  bot_id: optionalString,
  channel: optionalString,
  channel_type: optionalString,
  ts: optionalString,
  thread_ts: optionalString,
});

/** Any Events API envelope: an object with a string `type` (other shapes are rejected with 400). */
export const slackEnvelopeTypeSchema = z.object({ type: z.string() });

/** The Events API envelopes we act on; other envelope types are acknowledged and ignored. */
export const slackEventEnvelopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('url_verification'), challenge: z.string() }),
  z.object({
    type: z.literal('event_callback'),
    event_id: nonEmpty,
    team_id: optionalString,
    authorizations: z.optional(z.array(z.object({ user_id: optionalString }))),
    event: eventSchema,
  }),
]);

export type SlackEventEnvelope = z.infer<typeof slackEventEnvelopeSchema>;

export const slashCommandSchema = z.object({
  command: z.string(),
  text: z._default(z.string(), ''),
  channel_id: nonEmpty,
  user_id: nonEmpty,
  response_url: slackResponseUrl,
  trigger_id: nonEmpty,
});

export const interactionSchema = z.object({
  type: z.string(),
  user: z.optional(z.object({ id: z.string() })),
  actions: z._default(z.array(z.object({ action_id: z.string(), value: optionalString })), []),
});

/**
 * The JSON a feedback button carries (see `formatSlackAnswer`): ids in the shapes the API issues
 * (Hono request ids: up to 255 word characters; session ids: 1-100 of `[0-9a-zA-Z._:-]`).
 */
export const feedbackValueSchema = z.object({
  requestId: z.string().check(z.regex(/^[\w.:=-]{1,255}$/, 'must be a request id')),
  sessionId: z.string().check(z.regex(/^[0-9a-zA-Z._:-]{1,100}$/, 'must be a session id')),
});

/** A queued job as the worker reads it back from the queue (never trusted unchecked). */
export const slackAnswerJobSchema = z.object({
  kind: z.enum(['mention', 'direct-message', 'command']),
  question: z.string().check(z.minLength(1), z.maxLength(MAX_SLACK_QUESTION_CHARS)),
  channel: nonEmpty,
  user: z.string(),
  threadTs: optionalString,
  responseUrl: z.optional(slackResponseUrl),
  deliveryId: nonEmpty,
  requestId: nonEmpty,
}) satisfies z.ZodMiniType<SlackAnswerJob>;

/** Removes `<@U123>` mentions so only the question remains. */
export function stripMentions(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
