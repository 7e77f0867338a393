import * as z from '../validation/zod.js';

const optionalString = z.optional(z.string());

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

/** Events API envelopes we handle (anything else is acknowledged and ignored). */
export const slackEventEnvelopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('url_verification'), challenge: z.string() }),
  z.object({
    type: z.literal('event_callback'),
    event_id: z.string(),
    team_id: optionalString,
    authorizations: z.optional(z.array(z.object({ user_id: optionalString }))),
    event: eventSchema,
  }),
]);

export type SlackEventEnvelope = z.infer<typeof slackEventEnvelopeSchema>;

export const slashCommandSchema = z.object({
  command: z.string(),
  text: z._default(z.string(), ''),
  channel_id: z.string(),
  user_id: z.string(),
  response_url: z.url(),
  trigger_id: z.string(),
});

export const interactionSchema = z.object({
  type: z.string(),
  user: z.optional(z.object({ id: z.string() })),
  actions: z._default(z.array(z.object({ action_id: z.string(), value: optionalString })), []),
});

/** Removes `<@U123>` mentions so only the question remains. */
export function stripMentions(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
