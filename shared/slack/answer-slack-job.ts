import { type AskDependencies, askQuestion } from '../ask/ask-question.js';
import { formatSlackAnswer } from './format-slack-answer.js';
import type { ChatClient, SlackAnswerJob, TtlStore } from './slack-ports.js';

/** How long a Slack thread keeps its conversation (and a delivery id stays deduplicated). */
export const THREAD_SESSION_TTL_SECONDS = 24 * 60 * 60;

export interface SlackWorkerDependencies {
  ask: AskDependencies;
  chat: ChatClient;
  store: TtlStore;
}

/** The key under which a thread's engine session id is kept. */
export function threadKey(job: Pick<SlackAnswerJob, 'channel' | 'threadTs'>): string | undefined {
  return job.threadTs ? `thread:${job.channel}:${job.threadTs}` : undefined;
}

/**
 * Answers one queued Slack question: continues the thread's session, asks the engine, replies in
 * the thread (or via the slash command's response URL), and remembers the session for follow-ups.
 */
export async function answerSlackJob(deps: SlackWorkerDependencies, job: SlackAnswerJob): Promise<void> {
  const key = threadKey(job);
  const sessionId = key ? await deps.store.get(key) : undefined;
  const { response } = await askQuestion(
    deps.ask,
    { question: job.question, ...(sessionId ? { sessionId } : {}) },
    { requestId: job.requestId, channel: 'slack' },
  );
  if (key) await deps.store.put(key, response.sessionId, THREAD_SESSION_TTL_SECONDS);
  const message = formatSlackAnswer(response, job.requestId);
  if (job.responseUrl) {
    await deps.chat.respond(job.responseUrl, { ...message, responseType: 'ephemeral' });
  } else {
    await deps.chat.postMessage({
      ...message,
      channel: job.channel,
      ...(job.threadTs ? { threadTs: job.threadTs } : {}),
    });
  }
}
