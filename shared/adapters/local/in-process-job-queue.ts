import type { JobQueue, SlackAnswerJob } from '../../slack/slack-ports.js';

/**
 * Runs each job in this process after the HTTP acknowledgement has been sent, so Slack gets its
 * answer within 3 s. `idle()` resolves when every job has finished (tests, graceful shutdown).
 */
export function createInProcessJobQueue(
  work: (job: SlackAnswerJob) => Promise<void>,
  onError: (error: unknown, job: SlackAnswerJob) => void,
): JobQueue & { idle(): Promise<void> } {
  const running = new Set<Promise<void>>();
  return {
    async enqueue(job) {
      const task = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => work(job))
        .catch((error: unknown) => onError(error, job))
        .finally(() => running.delete(task));
      running.add(task);
    },
    async idle() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}
