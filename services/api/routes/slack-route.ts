import type { Context } from 'hono';
import { Hono } from 'hono';
import type { EngineName } from '../../../shared/domain.js';
import {
  type AppError,
  ServiceUnavailableError,
  UnauthorizedError,
  ValidationError,
} from '../../../shared/errors.js';
import type { InvocationRecorder } from '../../../shared/observability/invocation-record.js';
import { THREAD_SESSION_TTL_SECONDS } from '../../../shared/slack/answer-slack-job.js';
import type { FeedbackValue } from '../../../shared/slack/format-slack-answer.js';
import {
  interactionSchema,
  slackEventEnvelopeSchema,
  slashCommandSchema,
  stripMentions,
} from '../../../shared/slack/parse-slack-request.js';
import type { JobQueue, SlackAnswerJob, SlackSecrets, TtlStore } from '../../../shared/slack/slack-ports.js';
import { verifySlackSignature } from '../../../shared/slack/verify-slack-signature.js';
import type { AppEnv } from './app-env.js';

/** What the Slack routes need; absent secrets make them answer 503 while the API keeps working. */
export interface SlackRouteDependencies {
  secrets: () => Promise<SlackSecrets | undefined>;
  queue: JobQueue;
  store: TtlStore;
  recorder: InvocationRecorder;
  engine: EngineName;
}

/** Reads the raw body and checks Slack's signature before anything else is looked at. */
async function verifiedBody(c: Context<AppEnv>, deps: SlackRouteDependencies): Promise<string> {
  const secrets = await deps.secrets();
  if (!secrets) {
    throw new ServiceUnavailableError(
      'The Slack integration is not configured: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (locally) or the Slack secret (on AWS).',
    );
  }
  const rawBody = await c.req.text();
  const check = verifySlackSignature({
    signingSecret: secrets.signingSecret,
    timestamp: c.req.header('x-slack-request-timestamp'),
    signature: c.req.header('x-slack-signature'),
    rawBody,
  });
  if (!check.ok) throw new UnauthorizedError(`Slack signature check failed: ${check.reason}.`);
  return rawBody;
}

function parseJson(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new ValidationError('Slack request body is not valid JSON.');
  }
}

function invalid(what: string, error: { issues: { path: PropertyKey[]; message: string }[] }): AppError {
  return new ValidationError(
    `Not a valid Slack ${what}: ${error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
  );
}

/** `POST /slack/events`, `/slack/commands`, `/slack/interactions`: verify, acknowledge, queue. */
export function slackRoute(deps: SlackRouteDependencies) {
  /** True the first time a delivery id is seen: Slack retries and duplicates are dropped. */
  const firstDelivery = (id: string, requestId: string) =>
    deps.store.putIfAbsent(`delivery:${id}`, requestId, THREAD_SESSION_TTL_SECONDS);

  return new Hono<AppEnv>()
    .post('/events', async (c) => {
      const parsed = slackEventEnvelopeSchema.safeParse(parseJson(await verifiedBody(c, deps)));
      if (!parsed.success) return c.json({ ok: true, ignored: 'unsupported payload' });
      const envelope = parsed.data;
      if (envelope.type === 'url_verification') return c.json({ challenge: envelope.challenge });

      const { event } = envelope;
      const botUserId = envelope.authorizations?.[0]?.user_id;
      const fromBot =
        Boolean(event.bot_id) ||
        event.subtype !== undefined ||
        (botUserId !== undefined && event.user === botUserId);
      const isMention = event.type === 'app_mention';
      const isDirectMessage = event.type === 'message' && event.channel_type === 'im';
      if (fromBot || (!isMention && !isDirectMessage) || !event.channel || !event.ts || !event.user) {
        return c.json({ ok: true, ignored: 'not a question for the bot' });
      }
      const question = stripMentions(event.text ?? '');
      if (!question) return c.json({ ok: true, ignored: 'empty question' });
      if (!(await firstDelivery(envelope.event_id, c.get('requestId'))))
        return c.json({ ok: true, ignored: 'duplicate delivery' });
      const job: SlackAnswerJob = {
        kind: isMention ? 'mention' : 'direct-message',
        question: question.slice(0, 2000),
        channel: event.channel,
        user: event.user,
        threadTs: event.thread_ts ?? event.ts,
        deliveryId: envelope.event_id,
        requestId: c.get('requestId'),
      };
      await deps.queue.enqueue(job);
      return c.json({ ok: true });
    })
    .post('/commands', async (c) => {
      const form = Object.fromEntries(new URLSearchParams(await verifiedBody(c, deps)));
      const parsed = slashCommandSchema.safeParse(form);
      if (!parsed.success) throw invalid('slash command', parsed.error);
      const command = parsed.data;
      const question = command.text.trim();
      if (!question)
        return c.json({
          response_type: 'ephemeral',
          text: `Ask a question about the course notes, e.g. \`${command.command} What is top-p?\``,
        });
      if (!(await firstDelivery(command.trigger_id, c.get('requestId')))) return c.body(null, 200);
      await deps.queue.enqueue({
        kind: 'command',
        question: question.slice(0, 2000),
        channel: command.channel_id,
        user: command.user_id,
        responseUrl: command.response_url,
        deliveryId: command.trigger_id,
        requestId: c.get('requestId'),
      });
      return c.json({ response_type: 'ephemeral', text: 'Looking that up…' });
    })
    .post('/interactions', async (c) => {
      const payload = new URLSearchParams(await verifiedBody(c, deps)).get('payload');
      if (!payload) throw new ValidationError('Slack interaction without a payload field.');
      const parsed = interactionSchema.safeParse(parseJson(payload));
      if (!parsed.success) throw invalid('interaction', parsed.error);
      for (const action of parsed.data.actions) {
        if (action.action_id !== 'feedback_helpful' && action.action_id !== 'feedback_not_helpful') continue;
        let value: Partial<FeedbackValue> = {};
        try {
          value = JSON.parse(action.value ?? '{}') as FeedbackValue;
        } catch {}
        // Logged with the answer's request id, so the feedback joins its invocation record.
        deps.recorder.record({
          requestId: value.requestId ?? c.get('requestId'),
          channel: 'slack',
          engine: deps.engine,
          modelId: '',
          question: '',
          questionHash: '',
          ...(value.sessionId ? { sessionId: value.sessionId } : {}),
          citations: 0,
          guardrailAction: 'NONE',
          guardrailReasons: [],
          latencyMs: 0,
          inputTokens: 0,
          outputTokens: 0,
          tokensEstimated: true,
          outcome: 'answered',
          feedback: action.action_id === 'feedback_helpful' ? 'helpful' : 'not_helpful',
        });
      }
      return c.body(null, 200);
    });
}
