/**
 * An engine thread of the local server (see engine-thread-pool.ts): builds the offline engine
 * from `workerData` and answers the pool's jobs one message at a time, off the event loop that
 * serves HTTP.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  createLocalEngine,
  type LocalEngineOptions,
} from '../../shared/adapters/local/create-local-engine.js';
import { answerWithGuardrail } from '../../shared/ask/ask-question.js';
import { AppError } from '../../shared/errors.js';
import type { Guardrail } from '../../shared/ports.js';
import type { EngineJob, EngineReply, EngineThreadMessage } from './engine-thread-pool.js';
import { cacheGuardrailVerdicts } from './guardrail-verdict-cache.js';

const port = parentPort;
if (!port) throw new Error('engine-thread.ts runs as a worker thread of engine-thread-pool.ts');

/** An error as plain data: AppErrors keep their code and status, anything else is a fault. */
function serialise(error: unknown): Extract<EngineReply, { ok: false }>['error'] {
  if (error instanceof AppError) {
    return {
      message: error.message,
      app: {
        code: error.code,
        status: error.status,
        details: error.details,
        retryAfterSeconds: error.retryAfterSeconds,
        logDetail: error.logDetail,
      },
    };
  }
  return { message: error instanceof Error ? error.message : String(error), stack: (error as Error)?.stack };
}

/**
 * V8 compiles a regular expression on its first use, and the guardrail has hundreds: without
 * this the first question a server answers waits about 0.4 s. Checked before the thread says
 * ready, on the uncached guardrail, so no verdict is remembered.
 */
async function warmUp(guardrail: Guardrail): Promise<void> {
  for (const text of WARM_UP_TEXTS) {
    await guardrail.check({ source: 'INPUT', text });
    await guardrail.check({ source: 'OUTPUT', text, query: text, groundingSources: [text] });
  }
}
const WARM_UP_TEXTS = [
  'What is this course about? Please explain it simply, with an example.',
  'Hi, my email is student@example.com. How do I fix it, and which service should I use?',
  'It is a technique that combines retrieval with generation [1]. For example, a model can answer from documents.',
];

try {
  const engine = await createLocalEngine(workerData as LocalEngineOptions);
  await warmUp(engine.guardrail);
  const guardrail = cacheGuardrailVerdicts(engine.guardrail);
  const guarded = { answerer: engine.answerer, guardrail };
  const run = (job: EngineJob): Promise<unknown> => {
    switch (job.op) {
      case 'answer':
        return answerWithGuardrail(guarded, job.query);
      case 'check':
        return guardrail.check(job.input);
      case 'retrieve':
        return engine.retriever.retrieve(job.query);
    }
  };
  port.on('message', (job: EngineJob) => {
    run(job).then(
      (value) => port.postMessage({ id: job.id, ok: true, value } satisfies EngineReply),
      (error: unknown) =>
        port.postMessage({ id: job.id, ok: false, error: serialise(error) } satisfies EngineReply),
    );
  });
  const { documents, chunks, bytes, buildMs } = engine.stats;
  port.postMessage({
    type: 'ready',
    modelId: engine.answerer.modelId,
    stats: { documents, chunks, bytes, buildMs },
  } satisfies EngineThreadMessage);
} catch (error) {
  port.postMessage({ type: 'failed', message: (error as Error).message } satisfies EngineThreadMessage);
}
