import {
  createLocalEngine,
  type LocalEngineOptions,
} from '../../shared/adapters/local/create-local-engine.js';
import {
  createInProcessJobQueue,
  type InProcessJobQueue,
} from '../../shared/adapters/local/in-process-job-queue.js';
import { createMemoryTtlStore } from '../../shared/adapters/local/memory-ttl-store.js';
import type { AskDependencies } from '../../shared/ask/ask-question.js';
import type { RuntimeConfig } from '../../shared/config/runtime-config.js';
import {
  defaultChunkingSettings,
  hierarchicalChunkingSettings,
} from '../../shared/corpus/chunking-settings.js';
import type { AppLogger } from '../../shared/observability/app-logger.js';
import { createPowertoolsLogger } from '../../shared/observability/create-powertools-logger.js';
import { createPowertoolsRecorder } from '../../shared/observability/create-powertools-recorder.js';
import type { InvocationRecorder } from '../../shared/observability/invocation-record.js';
import { answerSlackJob } from '../../shared/slack/answer-slack-job.js';
import { createSlackWebClient } from '../../shared/slack/create-slack-web-client.js';
import { slackSecretsFromEnv } from '../../shared/slack/load-slack-secrets.js';
import type { AppDependencies } from './create-app.js';
import { httpSettings, profileFrom, WEB_ROOT } from './deps.js';
import { createEngineThreadPool } from './engine-thread-pool.js';

/** Slack locally: env secrets, an in-process worker and an in-memory dedupe/session store. */
function localSlack(
  config: RuntimeConfig,
  ask: AskDependencies,
): NonNullable<AppDependencies['slack']> & { queue: InProcessJobQueue } {
  const store = createMemoryTtlStore();
  const chat = createSlackWebClient({
    botToken: config.SLACK_BOT_TOKEN ?? '',
    apiUrl: config.SLACK_API_URL,
    hooksUrl: config.SLACK_HOOKS_URL,
  });
  const queue = createInProcessJobQueue(
    async (job) => void (await answerSlackJob({ ask, chat, store }, job)),
    (error, job) =>
      console.error(
        JSON.stringify({
          level: 'ERROR',
          message: 'slack job failed',
          requestId: job.requestId,
          deliveryId: job.deliveryId,
          error: (error as Error).message,
        }),
      ),
  );
  return { secrets: slackSecretsFromEnv(config), queue, store };
}

export interface LocalDependencyOptions {
  /**
   * Worker threads that answer (engine-thread-pool.ts); 0 answers on the calling thread (the
   * CLI, tests). `npm start` uses ENGINE_THREADS.
   */
  engineThreads?: number;
  logger?: AppLogger;
}

/** Composition root of the offline engine. */
export async function createLocalDependencies(
  config: RuntimeConfig,
  recorder: InvocationRecorder = createPowertoolsRecorder(),
  options: LocalDependencyOptions = {},
): Promise<AppDependencies & { buildMs: number }> {
  const profile = profileFrom(config);
  const engineOptions: LocalEngineOptions = {
    corpusDir: config.CORPUS_DIR,
    profile,
    chunking: config.CHUNKING === 'hierarchical' ? hierarchicalChunkingSettings : defaultChunkingSettings,
    defaultK: config.DEFAULT_K,
    sessionTtlSeconds: config.SESSION_TTL_SECONDS,
  };
  const threads = options.engineThreads ?? 0;
  const engine =
    threads > 0
      ? await createEngineThreadPool({
          engine: engineOptions,
          threads,
          logger: options.logger ?? createPowertoolsLogger(),
        })
      : await createLocalEngine(engineOptions);
  const ask: AskDependencies = {
    engine: 'local',
    answerer: engine.answerer,
    guardrail: engine.guardrail,
    recorder,
  };
  const slack = localSlack(config, ask);
  return {
    ...ask,
    retriever: engine.retriever,
    slack,
    jobs: slack.queue,
    health: () => ({ documents: engine.stats.documents, chunks: engine.stats.chunks }),
    http: httpSettings(config),
    webRoot: WEB_ROOT,
    profile,
    buildMs: engine.stats.buildMs,
    ...('close' in engine ? { close: engine.close } : {}),
  };
}
