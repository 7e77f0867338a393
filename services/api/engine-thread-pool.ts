import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { LocalEngineOptions } from '../../shared/adapters/local/create-local-engine.js';
import type { AnswerResult, AskQuery, Passage, RetrieveQuery } from '../../shared/domain.js';
import { AppError, type ErrorCode } from '../../shared/errors.js';
import type { AppLogger } from '../../shared/observability/app-logger.js';
import type { Answerer, Guardrail, GuardrailCheck, GuardrailVerdict, Retriever } from '../../shared/ports.js';

/** A job for an engine thread. */
export type EngineJob = { id: number } & (
  | { op: 'answer'; query: AskQuery }
  | { op: 'check'; input: GuardrailCheck }
  | { op: 'retrieve'; query: RetrieveQuery }
);

/** An engine thread's answer to one job. */
export type EngineReply =
  | { id: number; ok: true; value: unknown }
  | {
      id: number;
      ok: false;
      error: {
        message: string;
        stack?: string | undefined;
        app?: {
          code: ErrorCode;
          status: number;
          details: unknown;
          retryAfterSeconds: number | undefined;
          logDetail: Record<string, unknown> | undefined;
        };
      };
    };

/** What an engine thread says once, when its engine is built (or could not be). */
export type EngineThreadMessage =
  | { type: 'ready'; modelId: string; stats: EngineStats }
  | { type: 'failed'; message: string };

export interface EngineStats {
  documents: number;
  chunks: number;
  bytes: number;
  buildMs: number;
}

export interface EngineThreadPoolOptions {
  /** What each thread builds its engine from (plain data: it is copied to the thread). */
  engine: LocalEngineOptions;
  /** Engine threads; each holds its own index and its own conversations. */
  threads: number;
  /** Heap limit of each thread (old generation, MB): a thread past it is replaced, not the process. */
  maxHeapMegabytes?: number;
  logger: AppLogger;
}

export interface EngineThreadPool {
  answerer: Answerer;
  guardrail: Guardrail;
  retriever: Retriever;
  stats: EngineStats;
  /** Jobs waiting for a thread or being answered. */
  readonly pending: number;
  close(): Promise<void>;
}

/** Heap limit of one engine thread: the index and caches of the course notes need about a tenth of it. */
export const DEFAULT_ENGINE_HEAP_MEGABYTES = 512;
/**
 * Young generation of an engine thread. V8 grew it to 128 MB per thread under a high
 * allocation rate (adversarial questions allocate fast), which was most of the server's growth
 * under attack; 24 MB (two 8 MB semi-spaces and their overhead) cost no measurable answer time.
 * The event-loop thread gets the same cap from `--max-semi-space-size=8` in `npm start`.
 */
export const ENGINE_YOUNG_GENERATION_MEGABYTES = 24;

interface Pending {
  job: EngineJob;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  /** Jobs sent to this thread, not yet answered. */
  inFlight: Map<number, Pending>;
  /** Jobs for this thread, in arrival order. */
  queue: Pending[];
  /** It died and could not be replaced: its jobs fail at once. */
  dead: boolean;
}

/**
 * Jobs a thread holds at once: one being answered and one waiting in its port, so the thread
 * never idles while the event loop gets round to handing it the next. Kept small so the order
 * in which callers are served is decided here (arrival order), not in the thread's inbox.
 */
const JOBS_PER_THREAD = 2;

/** Which thread a conversation lives on: the same one for every turn. */
function threadOf(sessionId: string, threads: number): number {
  let hash = 0;
  for (let i = 0; i < sessionId.length; i++) hash = (Math.imul(hash, 31) + sessionId.charCodeAt(i)) | 0;
  return (hash >>> 0) % threads;
}

const unavailable = () =>
  new AppError('SERVICE_UNAVAILABLE', 503, 'The answering engine restarted; ask again.', {
    retryAfterSeconds: 1,
  });

function toError(error: Extract<EngineReply, { ok: false }>['error']): Error {
  if (error.app) {
    const { code, status, details, retryAfterSeconds, logDetail } = error.app;
    return new AppError(code, status, error.message, {
      details,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      ...(logDetail !== undefined ? { logDetail } : {}),
    });
  }
  const fault = new Error(error.message);
  if (error.stack) fault.stack = error.stack;
  return fault;
}

/**
 * The offline engine on worker threads. The engine answers on the CPU; in the thread that
 * serves HTTP, every answer would hold up every other client's connections, headers and
 * bodies. Here the event loop only parses, validates and replies, and the threads answer jobs
 * in the order they arrive (fair share lets each client have one at a time, so arrival order
 * takes turns between clients). A conversation stays on one thread: a first question gets a
 * session id chosen for the least busy thread, and its follow-ups go to that thread. A thread
 * that dies (e.g. past its heap limit) fails its jobs with a 503 and is replaced.
 */
export async function createEngineThreadPool(options: EngineThreadPoolOptions): Promise<EngineThreadPool> {
  const { logger } = options;
  const maxHeap = options.maxHeapMegabytes ?? DEFAULT_ENGINE_HEAP_MEGABYTES;
  let nextId = 1;
  let closing = false;
  let modelId = 'local';
  let stats: EngineStats = { documents: 0, chunks: 0, bytes: 0, buildMs: 0 };

  const pump = (thread: Thread) => {
    while (thread.ready && thread.inFlight.size < JOBS_PER_THREAD && thread.queue.length > 0) {
      const pending = thread.queue.shift() as Pending;
      thread.inFlight.set(pending.job.id, pending);
      thread.worker.postMessage(pending.job);
    }
  };

  const start = (index: number): Promise<void> =>
    new Promise((resolve, reject) => {
      // The thread runs the TypeScript sources as this process does (tsx), also under Vitest.
      const worker = new Worker(new URL('./engine-thread.ts', import.meta.url), {
        workerData: options.engine,
        execArgv: ['--import', import.meta.resolve('tsx')],
        resourceLimits: {
          maxOldGenerationSizeMb: maxHeap,
          maxYoungGenerationSizeMb: ENGINE_YOUNG_GENERATION_MEGABYTES,
        },
      });
      const previous = threads[index];
      const thread: Thread = {
        worker,
        ready: false,
        inFlight: new Map(),
        queue: previous?.queue ?? [],
        dead: false,
      };
      threads[index] = thread;
      worker.on('message', (message: EngineReply | EngineThreadMessage) => {
        if ('type' in message) {
          if (message.type === 'failed') return reject(new Error(message.message));
          modelId = message.modelId;
          stats = message.stats;
          thread.ready = true;
          pump(thread);
          return resolve();
        }
        const pending = thread.inFlight.get(message.id);
        if (!pending) return;
        thread.inFlight.delete(message.id);
        if (message.ok) pending.resolve(message.value);
        else pending.reject(toError(message.error));
        pump(thread);
      });
      worker.on('error', (error) => {
        logger.error('engine thread failed', { thread: index, error: { message: error.message } });
        if (!thread.ready) reject(error);
      });
      worker.on('exit', (code) => {
        for (const pending of thread.inFlight.values()) pending.reject(unavailable());
        thread.inFlight.clear();
        if (closing || !thread.ready) return;
        logger.error('engine thread exited; starting a new one', { thread: index, code });
        start(index).catch((error: unknown) => {
          logger.error('engine thread could not restart', { thread: index, error: String(error) });
          const replacement = threads[index] as Thread;
          replacement.dead = true;
          for (const pending of replacement.queue.splice(0)) pending.reject(unavailable());
        });
      });
    });

  const threads: Thread[] = [];
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.threads) }, (_, index) => start(index)));
  } catch (error) {
    closing = true;
    await Promise.all(threads.map((thread) => thread?.worker.terminate()));
    throw error;
  }

  const load = (thread: Thread) => thread.queue.length + thread.inFlight.size;
  const leastBusy = () =>
    threads.reduce((best, thread, index) => (load(thread) < load(threads[best] as Thread) ? index : best), 0);
  const submit = (index: number, job: EngineJob) =>
    new Promise<unknown>((resolve, reject) => {
      const thread = threads[index] as Thread;
      if (thread.dead) return reject(unavailable());
      thread.queue.push({ job, resolve, reject });
      pump(thread);
    });

  return {
    answerer: {
      get modelId() {
        return modelId;
      },
      appliesGuardrail: true,
      async answer(query) {
        let sessionId = query.sessionId;
        if (sessionId === undefined) {
          // A new conversation: an id whose thread is the least busy one (one try in `threads` fits).
          const wanted = leastBusy();
          do sessionId = randomUUID();
          while (threadOf(sessionId, threads.length) !== wanted);
        }
        const job: EngineJob = { id: nextId++, op: 'answer', query: { ...query, sessionId } };
        return (await submit(threadOf(sessionId, threads.length), job)) as AnswerResult;
      },
    },
    guardrail: {
      check: async (input) =>
        (await submit(leastBusy(), { id: nextId++, op: 'check', input })) as GuardrailVerdict,
    },
    retriever: {
      retrieve: async (query) =>
        (await submit(leastBusy(), { id: nextId++, op: 'retrieve', query })) as Passage[],
    },
    get stats() {
      return stats;
    },
    get pending() {
      return threads.reduce((sum, thread) => sum + load(thread), 0);
    },
    async close() {
      closing = true;
      await Promise.all(threads.map((thread) => thread.worker.terminate()));
    },
  };
}
