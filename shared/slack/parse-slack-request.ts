import * as z from 'zod';

const eventSchema = z.object({
  type: z.string(),
  subtype: z.string().optional(),
  text: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  channel: z.string().optional(),
  channel_type: z.string().optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
});

/** Events API envelopes we handle (anything else is acknowledged and ignored). */
export const slackEventEnvelopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('url_verification'), challenge: z.string() }),
  z.object({
    type: z.literal('event_callback'),
    event_id: z.string(),
    team_id: z.string().optional(),
    authorizations: z.array(z.object({ user_id: z.string().optional() })).optional(),
    event: eventSchema,
  }),
]);

export type SlackEventEnvelope = z.infer<typeof slackEventEnvelopeSchema>;

export const slashCommandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  channel_id: z.string(),
  user_id: z.string(),
  response_url: z.string().url(),
  trigger_id: z.string(),
});

export const interactionSchema = z.object({
  type: z.string(),
  user: z.object({ id: z.string() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).default([]),
});

/** Removes `<@U123>` mentions so only the question remains. */
export function stripMentions(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
