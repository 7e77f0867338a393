import { type AskDependencies, askQuestion } from '../ask/ask-question.js';
import { SLACK_MIN_ATTEMPT_MS } from './create-slack-web-client.js';
import { formatSlackAnswer } from './format-slack-answer.js';
import { SlackDeliveryError } from './slack-delivery-error.js';
import type { ChatClient, SlackAnswerJob, TtlStore } from './slack-ports.js';

/** How long a Slack thread keeps its conversation (and a delivery id stays deduplicated). */
export const THREAD_SESSION_TTL_SECONDS = 24 * 60 * 60;

/** A job without a deadline of its own (the local in-process worker) gets this long. */
export const DEFAULT_JOB_DEADLINE_MS = 60_000;

export interface SlackWorkerDependencies {
  ask: AskDependencies;
  chat: ChatClient;
  store: TtlStore;
}

export interface SlackJobOptions {
  /** Epoch ms by which the job must be done, answering and posting included. */
  deadline?: number;
  now?: () => number;
}

/** What happened to a job: answered now, or skipped because an earlier delivery answered it. */
export type SlackJobOutcome = { status: 'answered' } | { status: 'already-answered'; record: string };

/** The key under which a thread's engine session id is kept. */
export function threadKey(job: Pick<SlackAnswerJob, 'channel' | 'threadTs'>): string | undefined {
  return job.threadTs ? `thread:${job.channel}:${job.threadTs}` : undefined;
}

/** The key of the "answered" record of a delivery: `posting:<requestId>`, then `posted:<requestId>`. */
export function answeredKey(job: Pick<SlackAnswerJob, 'deliveryId'>): string {
  return `answered:${job.deliveryId}`;
}

/** Rejects with a retryable SlackDeliveryError when `work` is still running at the deadline. */
async function beforeDeadline<T>(work: Promise<T>, deadline: number, now: () => number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SlackDeliveryError('The answer was not ready before the job deadline.', 'no', 0)),
      Math.max(0, deadline - now()),
    );
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Answers one queued Slack question at most once per delivery id: continues the thread's session,
 * asks the engine, claims the delivery's "answered" record (a conditional put), then replies in the
 * thread (or via the slash command's response URL). A redelivered job finds the record and posts
 * nothing. When the reply certainly did not reach Slack the claim is released and the error
 * rethrown, so the queue's retry can answer; when it may have reached Slack the claim stays (a
 * missed reply rather than a duplicate, see docs/slack.md).
 */
export async function answerSlackJob(
  deps: SlackWorkerDependencies,
  job: SlackAnswerJob,
  options: SlackJobOptions = {},
): Promise<SlackJobOutcome> {
  const now = options.now ?? Date.now;
  const deadline = options.deadline ?? now() + DEFAULT_JOB_DEADLINE_MS;
  const doneKey = answeredKey(job);
  const earlier = await deps.store.get(doneKey);
  if (earlier) return { status: 'already-answered', record: earlier };

  const key = threadKey(job);
  const sessionId = key ? await deps.store.get(key) : undefined;
  const { response } = await beforeDeadline(
    askQuestion(
      deps.ask,
      { question: job.question, ...(sessionId ? { sessionId } : {}) },
      { requestId: job.requestId, channel: 'slack' },
    ),
    deadline,
    now,
  );
  if (key) await deps.store.put(key, response.sessionId, THREAD_SESSION_TTL_SECONDS);
  const message = formatSlackAnswer(response, job.requestId);
  if (deadline - now() < SLACK_MIN_ATTEMPT_MS)
    throw new SlackDeliveryError('No time left before the job deadline to post the answer.', 'no', 0);

  if (!(await deps.store.putIfAbsent(doneKey, `posting:${job.requestId}`, THREAD_SESSION_TTL_SECONDS))) {
    return { status: 'already-answered', record: (await deps.store.get(doneKey)) ?? 'posting' };
  }
  try {
    if (job.responseUrl) {
      await deps.chat.respond(job.responseUrl, { ...message, responseType: 'ephemeral' }, { deadline });
    } else {
      await deps.chat.postMessage(
        { ...message, channel: job.channel, ...(job.threadTs ? { threadTs: job.threadTs } : {}) },
        { deadline },
      );
    }
  } catch (error) {
    if (error instanceof SlackDeliveryError && error.delivered === 'no') await deps.store.delete(doneKey);
    throw error;
  }
  await deps.store.put(doneKey, `posted:${job.requestId}`, THREAD_SESSION_TTL_SECONDS);
  return { status: 'answered' };
}
