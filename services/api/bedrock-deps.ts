import { createBedrockAnswerer } from '../../shared/adapters/bedrock/bedrock-answerer.js';
import { createBedrockGuardrail } from '../../shared/adapters/bedrock/bedrock-guardrail.js';
import { createBedrockRetriever } from '../../shared/adapters/bedrock/bedrock-retriever.js';
import { createBedrockClients } from '../../shared/adapters/bedrock/create-bedrock-clients.js';
import type { RuntimeConfig } from '../../shared/config/runtime-config.js';
import { createPowertoolsRecorder } from '../../shared/observability/create-powertools-recorder.js';
import type { InvocationRecorder } from '../../shared/observability/invocation-record.js';
import type { AppDependencies } from './create-app.js';
import { httpSettings, profileFrom, WEB_ROOT } from './deps.js';

/** SDK clients, created once per process (Lambda container) and reused. */
let bedrockClients: ReturnType<typeof createBedrockClients> | undefined;

function sharedBedrockClients(config: RuntimeConfig): ReturnType<typeof createBedrockClients> {
  bedrockClients ??= createBedrockClients({
    ...(config.AWS_REGION ? { region: config.AWS_REGION } : {}),
    requestTimeoutMs: config.BEDROCK_TIMEOUT_MS,
    maxAttempts: config.BEDROCK_MAX_ATTEMPTS,
  });
  return bedrockClients;
}

/** Composition root of the Bedrock engine; tests pass mocked clients. */
export function createBedrockDependencies(
  config: RuntimeConfig,
  recorder: InvocationRecorder = createPowertoolsRecorder(),
  clients = sharedBedrockClients(config),
  slackDependencies?: AppDependencies['slack'],
): AppDependencies {
  const knowledgeBaseId = config.KNOWLEDGE_BASE_ID as string;
  const modelArn = config.MODEL_ARN as string;
  const guardrail = { id: config.GUARDRAIL_ID as string, version: config.GUARDRAIL_VERSION as string };
  const region = config.AWS_REGION;
  const profile = profileFrom(config);
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
      profile,
      ...(region ? { region } : {}),
      streamIdleTimeoutMs: config.BEDROCK_TIMEOUT_MS,
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
    profile,
    ...(slackDependencies ? { slack: slackDependencies } : {}),
  };
}
