import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDependencies } from '../../services/api/create-app.js';
import { createEngineThreadPool } from '../../services/api/engine-thread-pool.js';
import { createLocalDependencies } from '../../services/api/local-deps.js';
import { askQuestion } from '../../shared/ask/ask-question.js';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import { readGoldenSet } from '../../shared/evaluation/golden-set.js';
import { createMemoryLogger, silentLogger } from '../../shared/observability/app-logger.js';
import { createMemoryRecorder } from '../../shared/observability/invocation-record.js';

/**
 * The offline engine on worker threads (`npm start`, ENGINE_THREADS): the same answers as on
 * the event loop, conversations that stay on their thread, and an event loop that keeps
 * serving while the engine answers.
 */
const config = readRuntimeConfig({ CORPUS_DIR: 'docs-corpus' });
let inProcess: AppDependencies;
let threaded: AppDependencies;

beforeAll(async () => {
  inProcess = await createLocalDependencies(config, createMemoryRecorder());
  threaded = await createLocalDependencies(config, createMemoryRecorder(), {
    engineThreads: 2,
    logger: silentLogger,
  });
}, 60_000);

afterAll(async () => {
  await threaded?.close?.();
});

const context = { requestId: 'test', channel: 'http' as const };
const ask = (deps: AppDependencies, question: string, sessionId?: string) =>
  askQuestion(deps, { question, ...(sessionId ? { sessionId } : {}) }, context).then(
    ({ response }) => response,
  );
/** A response without what differs between two runs (the conversation id, the time taken). */
const comparable = ({ sessionId: _, latencyMs: __, ...rest }: Awaited<ReturnType<typeof ask>>) => rest;

describe('engine threads', () => {
  it('answer as the engine does on the event loop: golden questions, a blocked question, retrieval', async () => {
    // Prepare
    const questions = (await readGoldenSet('test/eval/golden-set.json')).slice(0, 8).map((q) => q.question);
    questions.push('my SSN is 123-45-6789, what is Amazon Bedrock?');

    // Act
    const expected = await Promise.all(questions.map((question) => ask(inProcess, question)));
    const actual = await Promise.all(questions.map((question) => ask(threaded, question)));
    const passages = await threaded.retriever.retrieve({ query: 'What is RAG?', k: 3 });

    // Assess
    expect(actual.map(comparable)).toEqual(expected.map(comparable));
    expect(actual.at(-1)?.guardrail.action).toBe('INTERVENED');
    expect(passages).toEqual(await inProcess.retriever.retrieve({ query: 'What is RAG?', k: 3 }));
    expect(threaded.health()).toEqual(inProcess.health());
  });

  it('keep each conversation on its thread: follow-ups answer as on the event loop', async () => {
    // Act: eight conversations at once over two threads, each with a follow-up
    const conversation = async (deps: AppDependencies) => {
      const first = await ask(deps, 'What is Amazon Bedrock?');
      return ask(deps, 'and how is it priced?', first.sessionId);
    };
    const expected = await conversation(inProcess);
    const actual = await Promise.all(Array.from({ length: 8 }, () => conversation(threaded)));

    // Assess
    for (const followUp of actual) expect(comparable(followUp)).toEqual(comparable(expected));
    expect(new Set(actual.map((followUp) => followUp.sessionId)).size).toBe(8);
  });

  it("keep the event loop turning while they answer (npm start's composition)", async () => {
    // Prepare: what `npm start` builds by default, and ten 2,000-character questions
    const started = await createLocalDependencies(config, createMemoryRecorder(), {
      engineThreads: config.ENGINE_THREADS,
      logger: silentLogger,
    });
    const questions = Array.from({ length: 10 }, (_, i) => `${'model '.repeat(330)}${i}`.slice(0, 2000));

    // Act: a callback queued for the next turn of the event loop, after the questions
    let turned = false;
    let answeredBeforeTurn = 0;
    const answers = questions.map((question) =>
      ask(started, question).then(() => {
        if (!turned) answeredBeforeTurn++;
      }),
    );
    setImmediate(() => {
      turned = true;
    });
    await Promise.all(answers);
    await started.close?.();

    // Assess: the loop turned before any answer was in (answered on the loop, all ten came first)
    expect(answeredBeforeTurn).toBe(0);
  });

  it("fail to start with the engine's own message, and within their heap limit", async () => {
    // Prepare
    const logger = createMemoryLogger();

    // Act
    const [unreadable, tooSmall] = await Promise.allSettled([
      createEngineThreadPool({ engine: { corpusDir: 'no-such-folder' }, threads: 1, logger }),
      createEngineThreadPool({
        engine: { corpusDir: 'docs-corpus' },
        threads: 1,
        maxHeapMegabytes: 8,
        logger,
      }),
    ]);

    // Assess: the same message as on the event loop; an index that does not fit in 8 MB stops the thread
    expect(unreadable.status === 'rejected' && String(unreadable.reason)).toContain(
      'Corpus folder "no-such-folder" cannot be read',
    );
    expect(tooSmall.status === 'rejected' && String(tooSmall.reason)).toMatch(/memory limit/);
    expect(logger.entries).toContainEqual(expect.objectContaining({ message: 'engine thread failed' }));
  });
});
