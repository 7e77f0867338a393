import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDynamoDbTtlStore } from '../../shared/adapters/aws/dynamodb-ttl-store.js';
import { createSqsJobQueue } from '../../shared/adapters/aws/sqs-job-queue.js';
import { createBedrockAnswerer } from '../../shared/adapters/bedrock/bedrock-answerer.js';
import { createBedrockGuardrail } from '../../shared/adapters/bedrock/bedrock-guardrail.js';
import { createBedrockRetriever } from '../../shared/adapters/bedrock/bedrock-retriever.js';
import { createBedrockClients } from '../../shared/adapters/bedrock/create-bedrock-clients.js';
import { createLocalEngine } from '../../shared/adapters/local/create-local-engine.js';
import { createInProcessJobQueue } from '../../shared/adapters/local/in-process-job-queue.js';
import { createMemoryTtlStore } from '../../shared/adapters/local/memory-ttl-store.js';
import type { AskDependencies } from '../../shared/ask/ask-question.js';
import type { RuntimeConfig } from '../../shared/config/runtime-config.js';
import {
  defaultChunkingSettings,
  hierarchicalChunkingSettings,
} from '../../shared/corpus/chunking-settings.js';
import { type GuardrailPolicy, guardrailPolicy } from '../../shared/guardrail/guardrail-policy.js';
import { createPowertoolsRecorder } from '../../shared/observability/create-powertools-recorder.js';
import type { InvocationRecorder } from '../../shared/observability/invocation-record.js';
import { answerSlackJob } from '../../shared/slack/answer-slack-job.js';
import { createSlackWebClient } from '../../shared/slack/create-slack-web-client.js';
import {
  slackSecretsFromEnv,
  slackSecretsFromSecretsManager,
} from '../../shared/slack/load-slack-secrets.js';
import type { AppDependencies } from './create-app.js';

/** The guardrail policy with the blocked messages that config may override. */
export function policyFrom(config: RuntimeConfig): GuardrailPolicy {
  return {
    ...guardrailPolicy,
    blockedInputMessaging: config.BLOCKED_INPUT_MESSAGE ?? guardrailPolicy.blockedInputMessaging,
    blockedOutputsMessaging: config.BLOCKED_OUTPUT_MESSAGE ?? guardrailPolicy.blockedOutputsMessaging,
  };
}

/** The chat page's folder: beside this module locally, copied beside the bundle on Lambda. */
export const WEB_ROOT = fileURLToPath(new URL('./web/', import.meta.url));

function httpSettings(config: RuntimeConfig): AppDependencies['http'] {
  return {
    corsOrigins: config.CORS_ORIGINS,
    apiKeys: config.API_KEYS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  };
}

/** Slack locally: env secrets, an in-process worker and an in-memory dedupe/session store. */
function localSlack(config: RuntimeConfig, ask: AskDependencies): AppDependencies['slack'] {
  const store = createMemoryTtlStore();
  const chat = createSlackWebClient({ botToken: config.SLACK_BOT_TOKEN ?? '', apiUrl: config.SLACK_API_URL });
  const queue = createInProcessJobQueue(
    (job) => answerSlackJob({ ask, chat, store }, job),
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

/** Slack on AWS: the Secrets Manager secret, the worker's SQS queue and the DynamoDB table. */
function awsSlack(config: RuntimeConfig): AppDependencies['slack'] {
  if (!config.SLACK_QUEUE_URL || !config.SLACK_TABLE_NAME || !config.SLACK_SECRET_ARN) return undefined;
  const region = config.AWS_REGION ? { region: config.AWS_REGION } : {};
  return {
    secrets: slackSecretsFromSecretsManager(config.SLACK_SECRET_ARN),
    queue: createSqsJobQueue({ client: new SQSClient(region), queueUrl: config.SLACK_QUEUE_URL }),
    store: createDynamoDbTtlStore({ client: new DynamoDBClient(region), tableName: config.SLACK_TABLE_NAME }),
  };
}

/** Composition root of the offline engine. */
export async function createLocalDependencies(
  config: RuntimeConfig,
  recorder: InvocationRecorder = createPowertoolsRecorder(),
): Promise<AppDependencies & { buildMs: number }> {
  const engine = await createLocalEngine({
    corpusDir: config.CORPUS_DIR,
    policy: policyFrom(config),
    chunking: config.CHUNKING === 'hierarchical' ? hierarchicalChunkingSettings : defaultChunkingSettings,
    defaultK: config.DEFAULT_K,
    sessionTtlSeconds: config.SESSION_TTL_SECONDS,
  });
  const ask: AskDependencies = {
    engine: 'local',
    answerer: engine.answerer,
    guardrail: engine.guardrail,
    recorder,
  };
  return {
    ...ask,
    retriever: engine.retriever,
    slack: localSlack(config, ask),
    health: () => ({ documents: engine.stats.documents, chunks: engine.stats.chunks }),
    http: httpSettings(config),
    webRoot: WEB_ROOT,
    buildMs: engine.stats.buildMs,
  };
}

/** SDK clients, created once per process (Lambda container) and reused. */
let bedrockClients: ReturnType<typeof createBedrockClients> | undefined;

function sharedBedrockClients(config: RuntimeConfig): ReturnType<typeof createBedrockClients> {
  bedrockClients ??= createBedrockClients({
    ...(config.AWS_REGION ? { region: config.AWS_REGION } : {}),
    requestTimeoutMs: config.BEDROCK_TIMEOUT_MS,
  });
  return bedrockClients;
}

/** Composition root of the Bedrock engine; tests pass mocked clients. */
export function createBedrockDependencies(
  config: RuntimeConfig,
  recorder: InvocationRecorder = createPowertoolsRecorder(),
  clients = sharedBedrockClients(config),
): AppDependencies {
  const knowledgeBaseId = config.KNOWLEDGE_BASE_ID as string;
  const modelArn = config.MODEL_ARN as string;
  const guardrail = { id: config.GUARDRAIL_ID as string, version: config.GUARDRAIL_VERSION as string };
  const region = config.AWS_REGION;
  const errorContext = {
    knowledgeBaseId,
    modelArn,
    guardrailId: guardrail.id,
    ...(region ? { region } : {}),
  };
  const search = {
    ...(config.SEARCH_TYPE ? { searchType: config.SEARCH_TYPE } : {}),
    ...(config.RERANKING_MODEL_ARN ? { rerankingModelArn: config.RERANKING_MODEL_ARN } : {}),
    defaultK: config.DEFAULT_K,
  };
  const slack = awsSlack(config);
  return {
    engine: 'bedrock',
    answerer: createBedrockAnswerer({
      client: clients.agentRuntime,
      knowledgeBaseId,
      modelArn,
      guardrail,
      inference: {
        temperature: config.TEMPERATURE,
        topP: config.TOP_P,
        maxTokens: config.MAX_TOKENS,
        stopSequences: config.STOP_SEQUENCES,
      },
      ...search,
      ...(region ? { region } : {}),
    }),
    retriever: createBedrockRetriever({
      client: clients.agentRuntime,
      knowledgeBaseId,
      errorContext,
      ...search,
    }),
    guardrail: createBedrockGuardrail({
      client: clients.runtime,
      guardrailId: guardrail.id,
      guardrailVersion: guardrail.version,
      errorContext,
    }),
    recorder,
    // The knowledge base holds the documents; the API does not count them.
    health: () => ({ documents: 0, chunks: 0 }),
    http: httpSettings(config),
    webRoot: WEB_ROOT,
    ...(slack ? { slack } : {}),
  };
}

/** Picks the engine named by ENGINE. */
export async function createDependencies(config: RuntimeConfig): Promise<AppDependencies> {
  return config.ENGINE === 'bedrock' ? createBedrockDependencies(config) : createLocalDependencies(config);
}
