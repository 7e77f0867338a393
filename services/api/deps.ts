import { createLocalEngine } from '../../shared/adapters/local/create-local-engine.js';
import type { RuntimeConfig } from '../../shared/config/runtime-config.js';
import {
  defaultChunkingSettings,
  hierarchicalChunkingSettings,
} from '../../shared/corpus/chunking-settings.js';
import { type GuardrailPolicy, guardrailPolicy } from '../../shared/guardrail/guardrail-policy.js';
import { createPowertoolsRecorder } from '../../shared/observability/create-powertools-recorder.js';
import type { InvocationRecorder } from '../../shared/observability/invocation-record.js';
import type { AppDependencies } from './create-app.js';

/** The guardrail policy with the blocked messages that config may override. */
export function policyFrom(config: RuntimeConfig): GuardrailPolicy {
  return {
    ...guardrailPolicy,
    blockedInputMessaging: config.BLOCKED_INPUT_MESSAGE ?? guardrailPolicy.blockedInputMessaging,
    blockedOutputsMessaging: config.BLOCKED_OUTPUT_MESSAGE ?? guardrailPolicy.blockedOutputsMessaging,
  };
}

function httpSettings(config: RuntimeConfig): AppDependencies['http'] {
  return {
    corsOrigins: config.CORS_ORIGINS,
    apiKeys: config.API_KEYS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
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
  return {
    engine: 'local',
    answerer: engine.answerer,
    guardrail: engine.guardrail,
    retriever: engine.retriever,
    recorder,
    health: () => ({ documents: engine.stats.documents, chunks: engine.stats.chunks }),
    http: httpSettings(config),
    buildMs: engine.stats.buildMs,
  };
}

/** Picks the engine named by ENGINE. */
export async function createDependencies(config: RuntimeConfig): Promise<AppDependencies> {
  return createLocalDependencies(config);
}
