import type { JobQueue, SlackAnswerJob } from '../../slack/slack-ports.js';

/** A job queue that runs its jobs in this process and can be waited on. */
export interface InProcessJobQueue extends JobQueue {
  /** Resolves when every job, including ones queued meanwhile, has finished (tests). */
  idle(): Promise<void>;
  /**
   * Waits for running and queued jobs for at most `timeoutMs` (graceful shutdown) and resolves
   * with how many were still unfinished when the time ran out (0: all finished).
   */
  drain(timeoutMs: number): Promise<{ unfinished: number }>;
  /** Jobs queued or running now. */
  readonly pending: number;
}

/**
 * Runs each job in this process after the HTTP acknowledgement has been sent, so Slack gets its
 * answer within 3 s.
 */
export function createInProcessJobQueue(
  work: (job: SlackAnswerJob) => Promise<void>,
  onError: (error: unknown, job: SlackAnswerJob) => void,
): InProcessJobQueue {
  const running = new Set<Promise<void>>();
  const idle = async () => {
    while (running.size > 0) await Promise.all(running);
  };
  return {
    async enqueue(job) {
      const task = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => work(job))
        .catch((error: unknown) => onError(error, job))
        .finally(() => running.delete(task));
      running.add(task);
    },
    idle,
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(0, timeoutMs));
      });
      await Promise.race([idle(), deadline]);
      clearTimeout(timer);
      return { unfinished: running.size };
    },
    get pending() {
      return running.size;
    },
  };
}
