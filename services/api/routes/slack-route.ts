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
import type { AssistantProfile } from '../../../shared/profile/assistant-profile.js';
import { THREAD_SESSION_TTL_SECONDS } from '../../../shared/slack/answer-slack-job.js';
import {
  feedbackValueSchema,
  interactionSchema,
  MAX_SLACK_QUESTION_CHARS,
  slackEnvelopeTypeSchema,
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
  store: Pick<TtlStore, 'get' | 'put' | 'putIfAbsent'>;
  recorder: InvocationRecorder;
  engine: EngineName;
  /** What the assistant answers about, for the slash command's hint. */
  profile: AssistantProfile;
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

function parseJson(text: string, what = 'request body'): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError(`Slack ${what} is not valid JSON.`);
  }
}

/** A 400 listing each field problem, in the shape the HTTP API uses (`details: [{ path, message }]`). */
function invalid(what: string, error: { issues: { path: PropertyKey[]; message: string }[] }): AppError {
  const details = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const summary = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
  return new ValidationError(`Not a valid Slack ${what}: ${summary}`, { details });
}

/** `POST /slack/events`, `/slack/commands`, `/slack/interactions`: verify, acknowledge, queue. */
export function slackRoute(deps: SlackRouteDependencies) {
  const deliveryKey = (id: string) => `delivery:${id}`;
  const alreadyQueued = async (id: string) => (await deps.store.get(deliveryKey(id))) !== undefined;
  /**
   * Queues first and marks the delivery as seen only once the job is safely queued, so a failed
   * enqueue leaves Slack's retry free to try again. Two deliveries racing past `alreadyQueued` both
   * queue; the worker's "answered" record makes sure only one of them posts.
   */
  const queueOnce = async (job: SlackAnswerJob) => {
    try {
      await deps.queue.enqueue(job);
    } catch (error) {
      throw new ServiceUnavailableError('Could not queue the Slack question; Slack will retry it.', {
        cause: error,
      });
    }
    await deps.store.putIfAbsent(deliveryKey(job.deliveryId), job.requestId, THREAD_SESSION_TTL_SECONDS);
  };

  return new Hono<AppEnv>()
    .post('/events', async (c) => {
      const body = parseJson(await verifiedBody(c, deps));
      const envelopeType = slackEnvelopeTypeSchema.safeParse(body);
      if (!envelopeType.success) throw invalid('Events API payload', envelopeType.error);
      const { type } = envelopeType.data;
      // Slack sends other envelopes too (e.g. app_rate_limited): acknowledged, nothing to do.
      if (type !== 'url_verification' && type !== 'event_callback')
        return c.json({ ok: true, ignored: 'unsupported payload' });
      const parsed = slackEventEnvelopeSchema.safeParse(body);
      if (!parsed.success) throw invalid('Events API payload', parsed.error);
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
      if (await alreadyQueued(envelope.event_id)) return c.json({ ok: true, ignored: 'duplicate delivery' });
      await queueOnce({
        kind: isMention ? 'mention' : 'direct-message',
        question: question.slice(0, MAX_SLACK_QUESTION_CHARS),
        channel: event.channel,
        user: event.user,
        threadTs: event.thread_ts ?? event.ts,
        deliveryId: envelope.event_id,
        requestId: c.get('requestId'),
      });
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
          text: `Ask a question about ${deps.profile.subject}, e.g. \`${command.command} ${deps.profile.exampleQuestions[0]}\``,
        });
      if (await alreadyQueued(command.trigger_id)) return c.body(null, 200);
      await queueOnce({
        kind: 'command',
        question: question.slice(0, MAX_SLACK_QUESTION_CHARS),
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
      const parsed = interactionSchema.safeParse(parseJson(payload, 'interaction payload'));
      if (!parsed.success) throw invalid('interaction', parsed.error);
      // Every value is checked before anything is recorded, so a bad click records nothing.
      const clicks = parsed.data.actions
        .filter(
          (action) => action.action_id === 'feedback_helpful' || action.action_id === 'feedback_not_helpful',
        )
        .map((action) => {
          const value = feedbackValueSchema.safeParse(parseJson(action.value ?? '', 'feedback button value'));
          if (!value.success) throw invalid('feedback button value', value.error);
          return { helpful: action.action_id === 'feedback_helpful', ...value.data };
        });
      for (const click of clicks) {
        // Logged with the answer's request id, so the feedback joins its invocation record.
        deps.recorder.record({
          requestId: click.requestId,
          channel: 'slack',
          engine: deps.engine,
          modelId: '',
          question: '',
          questionHash: '',
          sessionId: click.sessionId,
          citations: 0,
          guardrailAction: 'NONE',
          guardrailReasons: [],
          latencyMs: 0,
          inputTokens: 0,
          outputTokens: 0,
          tokensEstimated: true,
          outcome: 'answered',
          feedback: click.helpful ? 'helpful' : 'not_helpful',
        });
      }
      return c.body(null, 200);
    });
}
